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


def learn_lexicon(data: Path, split: str = "train", limit: int | None = None) -> list[tuple[str, int, int]]:
    """(lemma, cue occurrences, verb occurrences) for every verb seen as a cue."""
    from storyline.enrich.nlp import load_nlp

    nlp = load_nlp()
    docs = list(read_split(data, split))[:limit]
    total: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for gold, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16), strict=True):
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
    return sorted(((lem, hits[lem], total[lem]) for lem in hits), key=lambda r: (-r[1], r[0]))


def write_lexicon(rows: list[tuple[str, int, int]], path: Path) -> None:
    lines = ["# lemma\tcue\tverb  (learned by: storyline eval quotes --data DIR --learn-lexicon)"]
    lines += [f"{lem}\t{h}\t{n}" for lem, h, n in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def lexicon_path() -> Path:
    return Path(str(resources.files("storyline") / "data" / LEXICON_FILE))


@lru_cache(maxsize=8)
def load_lexicon(min_share: float, min_count: int) -> frozenset[str]:
    """Lemmas of the shipped table at or above the given share and count."""
    path = lexicon_path()
    if not path.exists():
        return frozenset()
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        lemma, hits, total = line.split("\t")
        if int(hits) >= min_count and int(hits) / int(total) >= min_share:
            out.add(lemma)
    return frozenset(out)
