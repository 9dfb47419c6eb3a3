"""One event per real event: a story's event mentions, across its articles, grouped into
events (a pure step: mentions in, groups out).

Mentions are taken in publish order (then sentence, then trigger). Each coded mention
joins the event it fits best (:func:`fit`: category, mode, actor, target, place and date
compared with what the event's mentions say together, :class:`~storyline.events.compat.
Profile`), or opens a new event. To join, a mention must conflict with nothing and be
anchored:

- at the same place (3 points: same entity, or points a few km apart) with at least
  4 points in all (the place and a compatible date, or a party);
- in a place that contains the other (a country and a city in it) with at least 5 points
  (a named party and a date besides);
- with no place on one side: the actor named by the same entity or polity, the target
  too or the same exact day, at least 4 points, and only one event it could join.

Two strikes on two cities on one day conflict on place and stay two events; a strike
told without its place joins neither of them.

Two kinds of mention only ever join an event others opened:

- **anaphoric**: a mention that names no place and refers back with a definite event noun
  of its category ("were killed in *that attack*") joins the event of the nearest earlier
  mention of its article whose category fits (the same sentence or the two before for
  "that attack", the one before for "the attack");
- **unnamed**: a happening told as a fact without its parties ("talks broke up in
  Istanbul") joins the one event of its category at the same place on a compatible date
  (or, when it refers back, "among those killed in the attack", the event it refers to).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.events.compat import (
    SYMMETRIC,
    EntityInfo,
    Fit,
    Party,
    Profile,
    Span,
    category_fit,
    date_fit,
    mode_fit,
    more_specific,
    party_fit,
    place_fit,
)

SAME_PLACE_MIN = 4.0
CONTAINED_MIN = 5.0
PLACELESS_MIN = 4.0
# how many sentences back a reference may reach: "that attack" further than "the attack"
DETERMINERS = {"that": 2, "this": 2, "these": 2, "those": 2, "the": 1}
# categories whose target, when it is a place, is where the action happened ("hit Kharkiv")
PLACE_TARGETED = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class MentionIn:
    """One stored event mention as the merge reads it."""

    id: str
    article_id: str
    sentence_idx: int
    sentence: str
    trigger: str
    trigger_start: int
    category: str
    mode: str | None
    actor: Party
    target: Party
    place: EntityInfo | None
    place_name: str | None
    span: Span | None
    order: int  # the article's position in the story's publish order
    unnamed: bool = False  # told as a fact but naming no party (``dropped`` "unnamed")
    reported: bool = False  # its day is the reporting clause's ("..., X said on Tuesday")
    anaphoric: int = 0  # names no place and refers back ("that attack"): sentences back

    @property
    def where(self) -> tuple[EntityInfo | None, str | None]:
        """Its place, else a place it targets ("struck Kharkiv")."""
        if self.place is not None or self.place_name:
            return self.place, self.place_name
        if self.category in PLACE_TARGETED and len(self.target.entities) == 1 \
                and self.target.entities[0].type in PLACE_TYPES:
            return self.target.entities[0], None
        return None, None


@dataclass
class Group:
    """An event being built: its mentions with how each joined ("coded", "anaphor",
    "unnamed") and their profile."""

    members: list[tuple[MentionIn, str]] = field(default_factory=list)
    profile: Profile = field(default_factory=Profile)

    def add(self, m: MentionIn, link: str) -> None:
        self.members.append((m, link))
        if link != "coded":
            return  # a reference back or an unnamed telling: nothing to narrow the event by
        p = self.profile
        p.categories.add(m.category)
        if m.mode:
            p.modes.add(m.mode)
        _add_party(m.actor, p.actor_ids, p.actor_polities, p.actor_words, p.actor_types)
        _add_party(m.target, p.target_ids, p.target_polities, p.target_words, p.target_types)
        place, name = m.where
        if place is not None:
            p.place = more_specific(p.place, place)
        elif name and p.place is None:
            p.place_name = p.place_name or name
        if m.span is not None:
            p.span = m.span if p.span is None else p.span.intersect(m.span)

    @property
    def coded(self) -> list[MentionIn]:
        return [m for m, link in self.members if link == "coded"]


def _add_party(party: Party, ids: set[str], polities: set[str], words: set[str],
               types: dict[str, str]) -> None:
    ids.update(party.ids)
    polities.update(party.polities)
    words.update(party.words)
    types.update({e.id: e.type for e in party.entities})


@dataclass(frozen=True, slots=True)
class Score:
    total: float
    place: float
    actor: float
    target: float
    date: float


def fit(m: MentionIn, g: Group) -> Score | None:
    """How well ``m`` fits group ``g``; None: it conflicts on something."""
    p = g.profile
    if not category_fit(m.category, p.categories) or not mode_fit(m.mode, p.modes):
        return None
    place, name = m.where
    fits: list[Fit] = [place_fit(place, name, p.place, p.place_name)]
    if m.category in SYMMETRIC and p.categories <= SYMMETRIC:
        both = Party(" ".join(x for x in (m.actor.text, m.target.text) if x) or None,
                     m.actor.entities + m.target.entities)
        fits.append(_party(both, p, "both"))
        fits.append(Fit(0.0))
    else:
        fits.append(_party(m.actor, p, "actor"))
        fits.append(_party(m.target, p, "target"))
    fits.append(date_fit(m.span, p.span))
    if any(f.conflict for f in fits):
        return None
    pts = [f.points or 0.0 for f in fits]
    return Score(sum(pts), *pts)


def _party(party: Party, p: Profile, which: str) -> Fit:
    if which == "actor":
        return party_fit(party, p.actor_ids, p.actor_polities, p.actor_words, p.actor_types)
    if which == "target":
        return party_fit(party, p.target_ids, p.target_polities, p.target_words,
                         p.target_types)
    return party_fit(party, p.actor_ids | p.target_ids, p.actor_polities | p.target_polities,
                     p.actor_words | p.target_words, {**p.actor_types, **p.target_types})


def anchored(s: Score) -> bool:
    if s.place >= 2.5:
        return s.total >= SAME_PLACE_MIN
    if s.place > 0:
        return s.total >= CONTAINED_MIN and (s.actor > 0 or s.target > 0) and s.date > 0
    return s.actor >= 1.5 and (s.target >= 1.0 or s.date >= 2.0) and s.total >= PLACELESS_MIN


def _best(m: MentionIn, groups: list[Group]) -> Group | None:
    scored = [(s, g) for g in groups if (s := fit(m, g)) is not None and anchored(s)]
    if not scored:
        return None
    scored.sort(key=lambda x: -x[0].total)
    top, group = scored[0]
    if top.place == 0 and len(scored) > 1:
        return None  # placeless and more than one event it could be: it stays its own
    if len(scored) > 1 and scored[1][0].total == top.total:
        return None  # a tie: no way to tell which
    return group


def _best_unnamed(m: MentionIn, groups: list[Group]) -> Group | None:
    found = []
    for g in groups:
        s = fit(m, g)
        if s is not None and s.place >= 2.5 and s.date > 0 and m.category in g.profile.categories:
            found.append(g)
    return found[0] if len(found) == 1 else None


def refers_back(sentence: str, nouns: frozenset[str]) -> int:
    """How many sentences back the sentence may refer to an event: a demonstrative or
    definite determiner, then (after at most one word) an event noun of ``nouns`` ("that
    attack": 2, "the deadly strike": 1); 0 when it does not."""
    words = re.findall(r"[a-z]+", sentence.lower())
    reach = 0
    for i, w in enumerate(words):
        if w in DETERMINERS and any(x in nouns for x in words[i + 1:i + 3]):
            reach = max(reach, DETERMINERS[w])
    return reach


def _antecedent(m: MentionIn, done: list[MentionIn], of: dict[str, Group]) -> Group | None:
    for prev in reversed(done):
        if prev.article_id != m.article_id or prev.unnamed:
            continue
        if prev.sentence_idx > m.sentence_idx or (prev.sentence_idx == m.sentence_idx
                                                  and prev.trigger_start >= m.trigger_start):
            continue  # told after it
        if m.sentence_idx - prev.sentence_idx > int(m.anaphoric):
            break
        g = of.get(prev.id)
        if g is not None and category_fit(m.category, {prev.category}):
            s = fit(m, g)
            return g if s is not None else None
    return None


def _telling(m: MentionIn) -> tuple[str, str, str]:
    """The words of a mention's sentence, its trigger and category: the same sentence told
    in two articles (a copy, a wire report reprinted) is one telling of one event."""
    return (" ".join(re.findall(r"\w+", m.sentence.lower())), m.trigger.lower(), m.category)


def merge(mentions: Sequence[MentionIn]) -> list[Group]:
    """The story's events: groups of mentions, in the order each was first told."""
    ordered = sorted(mentions, key=lambda m: (m.order, m.sentence_idx, m.trigger_start, m.id))
    groups: list[Group] = []
    of: dict[str, Group] = {}
    told: dict[tuple[str, str, str], Group] = {}
    done: list[MentionIn] = []
    for m in ordered:
        if m.unnamed:
            continue
        key = _telling(m)
        g = told.get(key) if key[0].count(" ") >= 5 else None
        if g is not None and fit(m, g) is None:
            g = None
        link = "coded"
        if g is None and m.anaphoric:
            g, link = _antecedent(m, done, of), "anaphor"
        if g is None:
            g, link = _best(m, groups), "coded"
        if g is None:
            g = Group()
            groups.append(g)
        g.add(m, link)
        of[m.id] = g
        told.setdefault(key, g)
        done.append(m)
    for m in ordered:
        if not m.unnamed:
            continue
        g = _antecedent(m, done, of) if m.anaphoric else None
        if g is not None:
            g.add(m, "anaphor")
        elif (g := _best_unnamed(m, groups)) is not None:
            g.add(m, "unnamed")
        if g is not None:
            of[m.id] = g
    return groups
