"""The learned attribution-verb lexicon, loaded at run time.

The shipped table ``storyline/data/attribution_cues.tsv`` holds, per verb lemma, how
often PolNeAR train annotators marked it as an attribution cue and how often the
sources predicted with it were right. Lemmas at or above
``QuoteSettings.lexicon_min_share`` with at least ``lexicon_min_count`` cue
occurrences widen the hand-written cue list for attribution in the broad sense
(stances, evidence, beliefs). ``storyline eval quotes --data DIR --learn-lexicon``
rebuilds the table (:mod:`storyline.evaluation.quotes.lexicon`).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

LEXICON_FILE = "attribution_cues.tsv"


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
