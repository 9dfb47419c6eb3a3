"""The stance-cue lexicon and the position extractor's word lists, read from
``storyline/data`` (``position_cues.tsv``, ``words/position_*.txt``) once per process,
lazily; nothing is read at import."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from storyline.wordlists import word_list, word_map, words

STANCES = ("offer", "demand", "accept", "reject", "consider", "condition", "support", "oppose")
WANT = "want"  # a cue of wanting: demand or offer, by what is wanted (see the data file)

CueKind = Literal["verb", "adj", "noun", "disclaim"]


@dataclass(frozen=True, slots=True)
class Cue:
    """One row of the cue lexicon."""

    kind: CueKind
    lemma: str
    words: tuple[str, ...]  # particles / prepositions a verb or noun needs after it
    stance: str  # one of STANCES, or WANT
    # "xcomp": only an infinitive complement makes it a cue; "self" (no row has it): a
    # commitment read from a coded event, the clause itself is what is offered
    needs: str | None = None

    @property
    def specificity(self) -> int:
        return len(self.words)


@dataclass(frozen=True, slots=True)
class PositionLexicon:
    verbs: Mapping[str, tuple[Cue, ...]]
    adjs: Mapping[str, tuple[Cue, ...]]
    nouns: Mapping[str, tuple[Cue, ...]]
    disclaimers: Mapping[str, tuple[Cue, ...]]
    conditions: tuple[tuple[str, ...], ...]  # condition marks as word tuples, longest first
    light_verbs: frozenset[str]
    light_nouns: frozenset[str]
    dropped_adjs: frozenset[str]
    synonyms: Mapping[str, str]
    seats: Mapping[str, str]
    group_heads: frozenset[str]

    def fold(self, lemma: str) -> str:
        """A key word: lower case, its synonym's word when it has one."""
        low = lemma.lower()
        return self.synonyms.get(low, low)


NEEDS = ("xcomp",)


def parse_cue(pattern: str, stance: str, needs: str | None = None) -> Cue:
    """``lemma [w]``, ``~adj``, ``=noun [w]``, ``!verb [w]`` or ``@`` + any of them."""
    pattern = pattern.strip()
    if needs is not None and needs not in NEEDS:
        raise ValueError(f"unknown requirement {needs!r} for cue {pattern!r}")
    if stance not in STANCES and stance != WANT:
        raise ValueError(f"unknown stance {stance!r} for cue {pattern!r}")
    if not pattern:
        raise ValueError(f"empty cue pattern for stance {stance!r}")
    if pattern.startswith("@"):
        if stance != WANT:
            raise ValueError(f"{pattern!r}: '@' cues have stance {WANT!r}")
        pattern = pattern[1:]
    kind: CueKind = "verb"
    if pattern[:1] in "~=!":
        kind = {"~": "adj", "=": "noun", "!": "disclaim"}[pattern[0]]  # type: ignore[assignment]
        pattern = pattern[1:]
    parts = pattern.split()
    if not parts:
        raise ValueError(f"empty cue pattern for stance {stance!r}")
    return Cue(kind, parts[0].lower(), tuple(w.lower() for w in parts[1:]), stance, needs)


def _rows(name: str) -> list[list[str]]:
    text = resources.files("storyline.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


@cache
def load_position_lexicon() -> PositionLexicon:
    """The shipped lexicon; a row with an unknown stance raises ValueError."""
    tables: dict[CueKind, dict[str, list[Cue]]] = {"verb": {}, "adj": {}, "noun": {},
                                                    "disclaim": {}}
    for row in _rows("position_cues.tsv"):
        if len(row) < 2:
            raise ValueError(f"position_cues.tsv: {row!r} needs a pattern and a stance")
        needs = row[2].strip() if len(row) > 2 and row[2].strip() else None
        cue = parse_cue(row[0], row[1].strip(), needs)
        tables[cue.kind].setdefault(cue.lemma, []).append(cue)

    def frozen(d: dict[str, list[Cue]]) -> dict[str, tuple[Cue, ...]]:
        return {k: tuple(sorted(v, key=lambda c: -c.specificity)) for k, v in d.items()}

    conditions = sorted((tuple(e.lower().split()) for e in word_list("position_conditions")),
                        key=len, reverse=True)
    return PositionLexicon(
        verbs=frozen(tables["verb"]), adjs=frozen(tables["adj"]), nouns=frozen(tables["noun"]),
        disclaimers=frozen(tables["disclaim"]),
        conditions=tuple(conditions),
        light_verbs=words("position_light_verbs"),
        light_nouns=words("position_light_nouns"),
        dropped_adjs=words("position_adjectives_dropped"),
        synonyms=word_map("position_synonyms"),
        seats={k.lower(): v.upper() for k, v in word_map("position_seats").items()},
        group_heads=words("position_group_heads"),
    )
