"""Learning the attribution-verb lexicon from labelled attributions (PolNeAR train).

For every verb lemma with a subject, the share of its occurrences that annotators
marked as an attribution cue, and how often the sources predicted with it as a cue
were right. ``storyline eval quotes --data DIR --learn-lexicon`` writes the table that
:mod:`storyline.enrich.quotes.cues` loads at run time.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from storyline.evaluation.quotes.polnear import read_split

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
    from storyline.enrich.nlp.pipeline import load_nlp
    from storyline.enrich.quotes.attributions import find_attributions

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
