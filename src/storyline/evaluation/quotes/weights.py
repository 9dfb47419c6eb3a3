"""Learning the broad attributions' confidence weights (:mod:`storyline.enrich.quotes.confidence`)
from PolNeAR train.

Every broad attribution with a cue and a source that the extractor finds on the training
articles is one example, labelled by whether its source matches a gold source exactly;
scikit-learn's logistic regression (L2, ``C``) learns one weight per indicator feature.
The threshold is then chosen on a held-apart train slice as the score cut with the best
source exact F1 there, and the weights are learned again on all of train
(:func:`learn_from`). ``storyline eval quotes --data DIR --learn-weights`` writes the
table; scikit-learn is needed only here, never to score.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc

from storyline.enrich.quotes.attributions import Attribution, find_attributions
from storyline.enrich.quotes.confidence import BIAS, THRESHOLD, features, keep_confident
from storyline.enrich.quotes.cues import load_lexicon, unreliable_cues
from storyline.evaluation.quotes.polnear import GoldDoc, read_split
from storyline.evaluation.quotes.scoring import Report, hull, score_doc
from storyline.settings import QuoteSettings

TRAIN = ((0, 500), (700, None))  # train articles the threshold's weights are learned on
HELD = (500, 700)  # train articles the threshold is chosen on
C = 0.3
MIN_COUNT = 3  # features seen fewer times are left out
CUTS = tuple(n / 4 for n in range(-12, 5))  # score cuts tried for the threshold


def broad_attributions(doc: Doc, qs: QuoteSettings | None = None) -> list[Attribution]:
    """What :func:`storyline.enrich.quotes.extract.extract_attributions` reads, before the
    confidence filter."""
    qs = qs or QuoteSettings()
    lexicon = load_lexicon(qs.lexicon_min_share, qs.lexicon_min_count, qs.lexicon_min_precision)
    exclude = unreliable_cues(qs.lexicon_min_precision, qs.lexicon_min_count)
    return find_attributions(doc, broad=True, lexicon=lexicon, exclude=exclude,
                             continue_sentences=qs.continue_sentences)


def parse(golds: Sequence[GoldDoc]) -> list[Doc]:
    """The gold articles parsed as the enrich stage parses an article's text."""
    from storyline.enrich.article import parse_text
    from storyline.enrich.nlp.pipeline import load_nlp
    from storyline.enrich.nlp.sentences import keep_text

    nlp = load_nlp()
    docs = list(nlp.pipe((parse_text(g.text) for g in golds), batch_size=16))
    return [keep_text(d, g.text) for g, d in zip(golds, docs, strict=True)]


def examples(golds: Sequence[GoldDoc], docs: Sequence[Doc]) -> list[tuple[list[str], bool]]:
    out = []
    for gold, doc in zip(golds, docs, strict=True):
        spans = {s for a in gold.attributions if (s := hull(gold.text, a.source))}
        for a in broad_attributions(doc):
            if a.inherited or a.cue_token is None or a.source is None:
                continue
            src = doc[a.source_token] if a.source_token is not None else None
            out.append((features(doc, doc[a.cue_token], src, a.source, a.kind),
                        a.source in spans))
    return out


def fit(rows: Sequence[tuple[list[str], bool]], c: float = C,
        min_count: int = MIN_COUNT) -> dict[str, float]:
    """Logistic regression weights {feature: weight} and the ``__bias__``."""
    from collections import Counter

    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats, _ in rows for f in set(feats))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(names)}
    data, cols, ptr = [], [], [0]
    for feats, _ in rows:
        ids = sorted({index[f] for f in feats if f in index})
        cols += ids
        data += [1.0] * len(ids)
        ptr.append(len(cols))
    x = csr_matrix((data, cols, ptr), shape=(len(rows), len(names)))
    y = [int(label) for _, label in rows]
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, y)
    weights = {f: float(w) for f, w in zip(names, model.coef_[0], strict=True) if abs(w) > 1e-4}
    weights[BIAS] = float(model.intercept_[0])
    return weights


def source_f1(golds: Sequence[GoldDoc], docs: Sequence[Doc], weights: dict[str, float],
              found: Sequence[list[Attribution]] | None = None) -> tuple[float, float, float]:
    """Source exact (P, R, F1) of the filtered broad attributions (``found``: each doc's
    broad attributions when already extracted)."""
    atts = found if found is not None else [broad_attributions(d) for d in docs]
    report = Report()
    for gold, doc, those in zip(golds, docs, atts, strict=True):
        score_doc(report, gold, keep_confident(doc, those, weights))
    s = report.score("source", "exact")
    return s.p, s.r, s.f1


def choose_threshold(golds: Sequence[GoldDoc], docs: Sequence[Doc], weights: dict[str, float],
                     cuts: Sequence[float] = CUTS) -> float:
    """The score cut with the best source exact F1 on ``golds`` (ties: the lower cut)."""
    found = [broad_attributions(d) for d in docs]
    best, best_f1 = cuts[0], -1.0
    for cut in cuts:
        f1 = source_f1(golds, docs, {**weights, THRESHOLD: cut}, found)[2]
        if f1 > best_f1 + 1e-9:
            best, best_f1 = cut, f1
    return best


def learn_from(golds: Sequence[GoldDoc], docs: Sequence[Doc],
               train: Sequence[tuple[int, int | None]] = TRAIN,
               held: tuple[int, int] = HELD, c: float = C,
               min_count: int = MIN_COUNT) -> dict[str, float]:
    """Weights and threshold from parsed gold articles: the threshold is the best cut on
    the ``held`` slice for weights learned on the ``train`` slices; the weights shipped
    with it are then learned again on every article (``train`` and ``held``), as a
    hyperparameter chosen on held-out data is kept when the model is refit on all of it.
    PolNeAR's files are sorted by publisher: the held slice 500-700 holds 100 of the 120
    USA Today and 100 of the 120 Washington Post articles, which the refit adds."""
    def pick(lo: int, hi: int | None) -> tuple[list[GoldDoc], list[Doc]]:
        return list(golds[lo:hi]), list(docs[lo:hi])

    rows: list[tuple[list[str], bool]] = []
    for lo, hi in train:
        rows += examples(*pick(lo, hi))
    held_golds, held_docs = pick(*held)
    cut = choose_threshold(held_golds, held_docs, fit(rows, c, min_count))
    weights = fit(rows + examples(held_golds, held_docs), c, min_count)
    weights[THRESHOLD] = cut
    return weights


def learn_weights(data: Path, split: str = "train") -> dict[str, float]:
    golds = list(read_split(data, split))
    return learn_from(golds, parse(golds))


def write_weights(weights: dict[str, float], path: Path) -> None:
    slices = ", ".join(f"{lo}-{hi if hi is not None else 'end'}" for lo, hi in TRAIN)
    lines = ["# feature\tweight  (learned by: storyline eval quotes --data DIR --learn-weights;"
             f" logistic regression, C={C}; threshold chosen on PolNeAR train"
             f" {HELD[0]}-{HELD[1]} for weights learned on train {slices}; weights then"
             " learned again on all of train)"]
    lines += [f"{f}\t{w:.4f}" for f, w in sorted(weights.items(), key=lambda x: (-abs(x[1]), x[0]))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
