"""The PLOVER trigger lexicon and the extractor's word lists, read from ``storyline/data``.

``plover_triggers.tsv``: verb lemmas, verb + particle/preposition, verb + object phrase,
event nouns (``=noun``) and adjective predicates (``~adj``) -> PLOVER category and mode.
``words/events_*.txt`` (through :mod:`storyline.wordlists`): support verbs, reporting
verbs, modals, agent nouns, recipient prepositions, PLOVER's modes by category, ...
Both are read once per process, lazily.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

from storyline.wordlists import word_list

CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
              "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
              "COERCE", "ASSAULT")
INTENT = "INTENT"  # an intention head whose content decides AGREE or THREATEN
CONSTRAINTS = {"obj", "noobj", "state", "nonstate", "person", "agentobj"}

TriggerKind = Literal["verb", "noun", "adj"]


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One row of the lexicon."""

    kind: TriggerKind
    lemma: str  # verb or adjective lemma; for a noun, the phrase's last word
    words: tuple[str, ...]  # particles / prepositions (verbs); the whole phrase (nouns)
    obj: tuple[str, ...]  # object lemma phrase, or () for none
    category: str
    mode: str | None
    when: frozenset[str]

    @property
    def specificity(self) -> int:
        """Object phrase beats particles beats a bare lemma; longer beats shorter."""
        return 100 * len(self.obj) + 10 * len(self.words) + (0 if self.when else 1)


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[TriggerEntry, ...]]
    nouns: dict[str, tuple[TriggerEntry, ...]]  # keyed by the phrase's last word
    adjs: dict[str, tuple[TriggerEntry, ...]]


@dataclass(frozen=True, slots=True)
class Cues:
    """Word lists by kind (see ``CUE_LISTS``); multi-word entries keep their spaces."""

    words: dict[str, frozenset[str]] = field(default_factory=dict)
    assault_modes: tuple[tuple[str, str], ...] = ()  # (phrase, mode), most specific first

    def __getitem__(self, kind: str) -> frozenset[str]:
        return self.words.get(kind, frozenset())

    def modes(self, category: str) -> frozenset[str]:
        """PLOVER's modes of ``category`` (the manual's tables)."""
        return self[f"mode:{category}"]


def _rows(name: str) -> list[list[str]]:
    text = resources.files("storyline.data").joinpath(name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append(line.split("\t"))
    return out


def parse_pattern(pattern: str, category: str, mode: str | None,
                  when: frozenset[str]) -> TriggerEntry:
    """``lemma [words] [+object phrase]``, ``=noun phrase`` or ``~adjective``."""
    pattern = pattern.strip()
    if category not in CATEGORIES and category != INTENT:
        raise ValueError(f"unknown PLOVER category {category!r} in pattern {pattern!r}")
    if not when <= CONSTRAINTS:
        raise ValueError(f"unknown constraint in {sorted(when)} for {pattern!r}")
    if pattern.startswith("="):
        words = tuple(pattern[1:].split())
        return TriggerEntry("noun", words[-1], words, (), category, mode, when)
    if pattern.startswith("~"):
        return TriggerEntry("adj", pattern[1:], (), (), category, mode, when)
    head, _, obj = pattern.partition("+")
    parts = head.split()
    if not parts:
        raise ValueError(f"empty pattern {pattern!r}")
    return TriggerEntry("verb", parts[0], tuple(parts[1:]), tuple(obj.split()), category, mode,
                        when)


@cache
def load_lexicon() -> Lexicon:
    """The shipped lexicon; a row with an unknown category, constraint or mode (for its
    category, by the manual's tables in ``words/events_modes.txt``) raises ValueError."""
    cues = load_cues()
    verbs: dict[str, list[TriggerEntry]] = {}
    nouns: dict[str, list[TriggerEntry]] = {}
    adjs: dict[str, list[TriggerEntry]] = {}
    for row in _rows("plover_triggers.tsv"):
        row = row + [""] * (4 - len(row))
        when = frozenset(w.strip() for w in row[3].split(",") if w.strip())
        e = parse_pattern(row[0], row[1].strip(), row[2].strip() or None, when)
        if e.mode is not None and e.mode not in cues.modes(e.category):
            raise ValueError(f"{e.mode!r} is not a PLOVER mode of {e.category} ({row[0]!r})")
        table = verbs if e.kind == "verb" else nouns if e.kind == "noun" else adjs
        table.setdefault(e.lemma, []).append(e)

    def frozen(d: dict[str, list[TriggerEntry]]) -> dict[str, tuple[TriggerEntry, ...]]:
        return {k: tuple(sorted(v, key=lambda e: -e.specificity)) for k, v in d.items()}

    return Lexicon(frozen(verbs), frozen(nouns), frozen(adjs))


# kind -> word list under storyline/data/words/ (storyline.wordlists)
CUE_LISTS = {
    "support": "events_support_verbs", "happen": "events_happen_verbs",
    "aspect": "events_aspect_verbs", "report": "events_report_verbs",
    "deny": "events_deny_verbs", "irrealis": "events_irrealis_words",
    "negative": "events_negative_words", "posture": "events_posture_verbs",
    "speech": "events_speech_verbs", "future": "events_future_markers",
    "modal": "events_modals", "deontic": "events_deontic_modals",
    "condition": "events_condition_marks", "negator": "events_negators",
    "nonfact": "events_nonfact_modifiers", "ahead": "events_ahead_modifiers",
    "partitive": "events_partitive_heads", "agent": "events_agent_nouns",
    "state": "events_state_heads", "person": "events_person_heads",
    "keep": "events_kept_adjectives", "resource": "events_resource_nouns",
    "locative": "events_locative_prepositions", "kin": "events_kin_nouns",
    "disaster": "events_disaster_words",
}


def _pairs(name: str) -> list[tuple[str, str]]:
    """Entries "FIRST rest of the line" of a word list, split at the first space."""
    out = []
    for entry in word_list(name):
        first, _, rest = entry.partition(" ")
        if not rest:
            raise ValueError(f"data/words/{name}.txt: {entry!r} needs two fields")
        out.append((first, rest))
    return out


@cache
def load_cues() -> Cues:
    """The extractor's word lists (lower case); recipient prepositions and PLOVER modes
    by category as kinds ``prep:CATEGORY`` and ``mode:CATEGORY``."""
    found: dict[str, set[str]] = {kind: {w.lower() for w in word_list(name)}
                                  for kind, name in CUE_LISTS.items()}
    for category, prep in _pairs("events_recipient_prepositions"):
        found.setdefault(f"prep:{category}", set()).add(prep.lower())
    for category, mode in _pairs("events_modes"):
        found.setdefault(f"mode:{category}", set()).add(mode)
    modes = tuple((phrase.lower(), mode) for mode, phrase in _pairs("events_assault_instruments"))
    return Cues({k: frozenset(v) for k, v in found.items()}, modes)
