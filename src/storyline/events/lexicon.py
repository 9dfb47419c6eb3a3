"""The PLOVER trigger lexicon and the extractor's word lists, read from ``storyline/data``.

``plover_triggers.tsv``: verb lemmas, verb + particle/preposition, verb + object phrase,
event nouns (``=noun``) and adjective predicates (``~adj``) -> PLOVER category and mode.
``event_cues.tsv``: kind -> words (support verbs, reporting verbs, modals, agent nouns, ...).
Both are read once per process, lazily.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

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
    """Word lists by kind (see ``event_cues.tsv``); multi-word entries keep their spaces."""

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
    category, by the manual's tables in ``event_cues.tsv``) raises ValueError."""
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


@cache
def load_cues() -> Cues:
    words: dict[str, set[str]] = {}
    modes: list[tuple[str, str]] = []
    for row in _rows("event_cues.tsv"):
        if len(row) < 2:
            continue
        kind, word = row[0].strip(), row[1].strip().lower()
        if kind.startswith("assault:"):
            modes.append((word, kind.partition(":")[2]))
        else:
            words.setdefault(kind, set()).add(word)
    return Cues({k: frozenset(v) for k, v in words.items()}, tuple(modes))
