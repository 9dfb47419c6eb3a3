"""A lexicon of attribution verbs learned from labelled attributions (PolNeAR train).

For every verb lemma with a subject, the share of its occurrences that annotators
marked as an attribution cue. Lemmas at or above
``QuoteSettings.lexicon_min_share`` with at least ``lexicon_min_count`` cue
occurrences widen the hand-written cue list for attribution in the broad sense
(stances, evidence, beliefs). The table ships as ``storyline/data/attribution_cues.tsv``;
``storyline eval quotes --data DIR --learn-lexicon`` rebuilds it from ``train``.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

from storyline.enrich.polnear import read_split

LEXICON_FILE = "attribution_cues.tsv"
CANDIDATE_SHARE = 0.2  # verbs tried as cues in pass 2 of learning
CANDIDATE_COUNT = 3
_PUNCT = " \t\n,;:.-–—\"'“”‘’()[]"
Row = tuple[str, int, int, int, int]


def learn_lexicon(data: Path, split: str = "train", limit: int | None = None) -> list[Row]:
    """Per verb lemma: (lemma, cue occurrences, verb occurrences, exact-source hits,
    attributions predicted) on ``split``.

    Pass 1 counts how often a verb with a subject is annotated as a cue; pass 2 runs the
    broad extractor with every lemma of pass 1 at ``CANDIDATE_SHARE`` or more and counts,
    per cue lemma, predicted sources that match a gold source exactly.
    """
    from storyline.enrich.attributions import find_attributions
    from storyline.enrich.nlp import load_nlp

    nlp = load_nlp()
    golds = list(read_split(data, split))[:limit]
    docs = list(nlp.pipe((d.text for d in golds), batch_size=16))
    total: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for gold, doc in zip(golds, docs, strict=True):
        cues = [(s[0][0], s[-1][1]) for a in gold.attributions if (s := a.cue)]
        for tok in doc:
            if tok.pos_ != "VERB":
                continue
            if not (any(c.dep_ == "nsubj" for c in tok.children)
                    or tok.dep_ in ("conj", "advcl", "relcl", "xcomp")):
                continue
            lemma = tok.lemma_.lower()
            total[lemma] += 1
            if any(a < tok.idx + len(tok) and tok.idx < b for a, b in cues):
                hits[lemma] += 1
    candidates = frozenset(lem for lem in hits if hits[lem] >= CANDIDATE_COUNT
                           and hits[lem] / total[lem] >= CANDIDATE_SHARE)
    src_tp: Counter[str] = Counter()
    src_pred: Counter[str] = Counter()
    for gold, doc in zip(golds, docs, strict=True):
        spans = [_edges(gold.text, a.source) for a in gold.attributions if a.source]
        for att in find_attributions(doc, broad=True, lexicon=candidates):
            if att.inherited or att.source is None or att.cue_token is None or \
                    att.kind == "direct":
                continue
            lemma = doc[att.cue_token].lemma_.lower()
            src_pred[lemma] += 1
            if att.source in spans:
                spans.remove(att.source)
                src_tp[lemma] += 1
    lemmas = set(hits) | set(src_pred)
    return sorted(((lem, hits[lem], total[lem], src_tp[lem], src_pred[lem]) for lem in lemmas),
                  key=lambda r: (-r[1], r[0]))


def _edges(text: str, span: tuple[tuple[int, int], ...]) -> tuple[int, int]:
    a, b = span[0][0], span[-1][1]
    while a < b and text[a] in _PUNCT:
        a += 1
    while b > a and text[b - 1] in _PUNCT:
        b -= 1
    return a, b


def write_lexicon(rows: list[Row], path: Path) -> None:
    lines = ["# lemma\tcue\tverb\tsource_hits\tpredicted  "
             "(learned by: storyline eval quotes --data DIR --learn-lexicon)"]
    lines += ["\t".join(str(x) for x in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def lexicon_path() -> Path:
    return Path(str(resources.files("storyline") / "data" / LEXICON_FILE))


@lru_cache(maxsize=8)
def load_lexicon(min_share: float, min_count: int, min_precision: float = 0.0) -> frozenset[str]:
    """Lemmas of the shipped table at or above the given cue share and count whose
    predicted sources were right at least ``min_precision`` of the time."""
    return frozenset(lem for lem, (hits, total, tp, pred) in _table().items()
                     if hits >= min_count and hits / total >= min_share
                     and (pred < min_count or tp / pred >= min_precision))


@lru_cache(maxsize=8)
def unreliable_cues(min_precision: float, min_count: int) -> frozenset[str]:
    """Lemmas whose predicted sources were right less than ``min_precision`` of the time."""
    return frozenset(lem for lem, (_h, _t, tp, pred) in _table().items()
                     if pred >= min_count and tp / pred < min_precision)


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[int, int, int, int]]:
    path = lexicon_path()
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        lemma, *nums = line.split("\t")
        hits, total, tp, pred = (int(x) for x in (nums + ["0", "0"])[:4])
        out[lemma] = (hits, max(total, 1), tp, pred)
    return out
