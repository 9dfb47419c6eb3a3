"""Attribution cue words: verbs of saying, the wider set of attribution verbs, and the
learned attribution-verb lexicon.

General English reporting verbs (lemmas, ``data/words/cue_verbs_*.txt``). Speech verbs
introduce what someone said or wrote: they make the quotes a story shows. Cognition and
evidence verbs also attribute content to a source ("X believes that ...", "a poll shows
that ...") and count as attributions in corpora such as PolNeAR, but are not quotes.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from storyline.wordlists import tab_rows, word_map, words

# Phrases whose object is the source: "according to X", "X's spokesman ..., citing X".
ACCORDING = ("according",)
# Pronouns that stand for a speaker and are resolved to an earlier person / group.
PERSON_PRONOUNS = {"he": "male", "she": "female", "him": "male", "her": "female",
                   "i": None, "me": None}
GROUP_PRONOUNS = {"they", "we", "it", "them", "us"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}


def speech_verbs() -> frozenset[str]:
    """Verbs of saying (``data/words/cue_verbs_speech.txt``)."""
    return words("cue_verbs_speech")


def xcomp_speech_verbs() -> frozenset[str]:
    """Verbs whose infinitive complement is reported speech ("claimed to have ...")."""
    return words("cue_verbs_xcomp")


def particles() -> Mapping[str, str]:
    """Phrasal cue verbs -> the particle that is part of the cue ("point" -> "out")."""
    return word_map("cue_particles")


@cache
def cue_lemmas(broad: bool = False) -> frozenset[str]:
    """Speech verbs, or (``broad``) every attribution verb: speech, cognition, evidence."""
    speech = speech_verbs()
    return speech | words("cue_verbs_cognition") | words("cue_verbs_evidence") if broad else speech


# The learned lexicon: the shipped table ``storyline/data/attribution_cues.tsv`` holds,
# per verb lemma, how often PolNeAR train annotators marked it as an attribution cue and
# how often the sources predicted with it were right. Lemmas at or above
# ``QuoteSettings.lexicon_min_share`` with at least ``lexicon_min_count`` cue occurrences
# widen the hand-written lists for attribution in the broad sense (stances, evidence,
# beliefs). ``storyline eval quotes --data DIR --learn-lexicon`` rebuilds the table
# (:mod:`storyline.evaluation.quotes.lexicon`).

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
    out = {}
    for lemma, *nums in tab_rows(lexicon_path()):
        hits, total, tp, pred = (int(x) for x in (nums + ["0", "0"])[:4])
        out[lemma] = (hits, max(total, 1), tp, pred)
    return out
