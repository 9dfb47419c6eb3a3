"""A story's events as the events stage stores them and the export shows them: each event's
fields read off its mentions, a short readable description, and the story's timeline.

- **date**: the day most mentions name (the earliest on a tie); else the earliest day a
  reporting clause gives ("..., officials said on Tuesday"); else the month, else the
  year; else, when no mention names a date, the earliest publish date among its articles
  (``date_precision`` "published").
- **category / mode / actor / target**: what most coded mentions say (the first told on a
  tie); names are the entities' canonical names, else the words of the text.
- **place**: the most specific place the mentions name (a city over its country); its
  coordinates come from the place entity.
- **description**: "actor verb target in place" ("Russia attacked Mykolaiv in Ukraine"),
  or the event noun when no actor is named ("Talks in Istanbul").
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.events.compat import EntityInfo, Party
from storyline.events.merge import Group, MentionIn

# "<actor> <verb> <target>", and the noun when no actor is named
# "the city of X", "the province of X": the place itself
PLACE_OF = re.compile(r"(?i)^(the\s+)?(city|town|village|province|region|state|county|district|"
                      r"municipality|port|capital|island)\s+of\s")
VERBS: dict[str, tuple[str, str, str]] = {  # category: (verb, preposition before a target, noun)
    "AGREE": ("agreed", "with", "Agreement"),
    "CONSULT": ("held talks", "with", "Talks"),
    "SUPPORT": ("supported", "", "Support"),
    "CONCEDE": ("made concessions", "to", "Concession"),
    "COOPERATE": ("cooperated", "with", "Cooperation"),
    "AID": ("gave aid", "to", "Aid"),
    "RETREAT": ("withdrew", "from", "Withdrawal"),
    "REQUEST": ("made a demand", "of", "Demand"),
    "ACCUSE": ("accused", "", "Accusation"),
    "REJECT": ("rejected", "", "Rejection"),
    "THREATEN": ("threatened", "", "Threat"),
    "PROTEST": ("protested", "against", "Protest"),
    "SANCTION": ("sanctioned", "", "Sanctions"),
    "MOBILIZE": ("mobilised", "against", "Mobilisation"),
    "COERCE": ("coerced", "", "Coercion"),
    "ASSAULT": ("attacked", "", "Attack"),
}
MODE_VERBS: dict[tuple[str, str], tuple[str, str, str]] = {  # a PLOVER mode said plainly
    ("ACCUSE", "investigate"): ("opened an investigation", "into", "Investigation"),
    ("ACCUSE", "disapprove"): ("criticised", "", "Criticism"),
    ("COERCE", "arrest"): ("arrested", "", "Arrests"),
    ("COERCE", "seize"): ("seized", "", "Seizure"),
    ("COERCE", "curfew"): ("imposed a curfew", "on", "Curfew"),
    ("COERCE", "martial-law"): ("declared an emergency", "in", "State of emergency"),
    ("COERCE", "deport"): ("expelled", "", "Expulsion"),
    ("COERCE", "restrict"): ("imposed restrictions", "on", "Restrictions"),
    ("COERCE", "censor"): ("censored", "", "Censorship"),
    ("THREATEN", "restrict"): ("threatened restrictions", "on", "Threat of restrictions"),
    ("THREATEN", "violence"): ("threatened force", "against", "Threat of force"),
    ("PROTEST", "strike"): ("went on strike", "against", "Strike"),
    ("PROTEST", "riot"): ("rioted", "against", "Riot"),
    ("PROTEST", "boycott"): ("boycotted", "", "Boycott"),
    ("PROTEST", "hunger"): ("went on hunger strike", "against", "Hunger strike"),
    ("SANCTION", "convict"): ("convicted", "", "Conviction"),
    ("SANCTION", "expel"): ("expelled", "", "Expulsion"),
    ("RETREAT", "release"): ("released", "", "Release"),
    ("RETREAT", "ceasefire"): ("declared a ceasefire", "with", "Ceasefire"),
    ("RETREAT", "resign"): ("resigned", "from", "Resignation"),
    ("CONSULT", "visit"): ("visited", "", "Visit"),
    ("CONSULT", "phone"): ("spoke by phone", "with", "Phone call"),
    ("ASSAULT", "abduct"): ("abducted", "", "Abduction"),
    ("ASSAULT", "destroy"): ("destroyed", "", "Destruction"),
}
# the noun of an event with no actor named, before its target: "Abduction *of* X"
NOUN_PREPS = {"Abduction": "of", "Destruction": "of", "Arrests": "of", "Seizure": "of",
              "Expulsion": "of", "Release": "of", "Conviction": "of", "Censorship": "of",
              "Criticism": "of", "Investigation": "into", "Visit": "to"}
PRECISION_RANK = {"year": 0, "month": 1, "day": 2, "published": 3}


@dataclass(frozen=True, slots=True)
class EventLink:
    """One mention of an event: the article, its sentence (exact text) and how it joined
    ("coded": coded in full; "anaphor": refers back, "that attack"; "unnamed": a telling
    that names no party)."""

    mention_id: str
    article_id: str
    sentence_idx: int
    sentence: str
    trigger: str
    link: str


@dataclass(frozen=True, slots=True)
class StoryEvent:
    id: str
    seq: int
    date: str | None
    date_precision: str | None
    category: str
    mode: str | None
    actor: str | None
    actor_entity_id: str | None
    target: str | None
    target_entity_id: str | None
    place: str | None
    place_entity_id: str | None
    description: str
    trigger: str
    mentions: tuple[EventLink, ...]


def _most(values: Sequence[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    top = max(counts.values())
    return next(v for v in values if v and counts[v] == top)


def _party(parties: Sequence[Party]) -> tuple[str | None, str | None]:
    """(name, entity id) most of the parties name: the entity's canonical name, or the
    words of the text for a nationality ("Russian forces", not "Russian") or a compound
    party ("Negotiators from Russia and Ukraine")."""
    eid = _most([p.entities[0].id if p.entities else None for p in parties])
    if eid is not None:
        for p in parties:
            if p.entities and p.entities[0].id == eid:
                one = len(p.entities) == 1 and p.entities[0].type != "NORP" \
                    and not _based_in(p.text, p.entities[0])
                return (p.entities[0].name if one or not p.text else p.text), eid
    return _most([p.text for p in parties]), None


def _based_in(text: str | None, e: EntityInfo) -> bool:
    """The party is people of a town or region, not the place: "Prosecutors in Lucca",
    "police from X", "X's mayor" (a country speaks for its officials; a town does not)."""
    if not text or e.type not in ("GPE", "LOC") or e.feature in (None, "country"):
        return False
    low = f" {text.lower()} "
    return any(w in low for w in (" in ", " from ", "'s ", "’s ", " of ")) \
        and not PLACE_OF.match(text)


def _date(coded: Sequence[MentionIn], published: dict[str, str | None]) -> tuple[str | None,
                                                                                str | None]:
    told = sorted(m.span.end.isoformat() for m in coded if m.reported and m.span is not None)
    for exact, prec in ((True, "day"), (False, "reported"), (False, "month"), (False, "year")):
        if prec == "reported":
            if told:
                return told[0], "day"  # the earliest day it was told
            continue
        days = sorted(m.span.start.isoformat() for m in coded if m.span is not None
                      and m.span.exact == exact
                      and (exact or _width(m) == prec))
        if days:
            counts = Counter(days)
            top = max(counts.values())
            return next(d for d in days if counts[d] == top), prec
    dates = sorted(d[:10] for m in coded if (d := published.get(m.article_id)))
    return (dates[0], "published") if dates else (None, None)


def _width(m: MentionIn) -> str:
    assert m.span is not None
    days = (m.span.end - m.span.start).days
    return "year" if days > 40 else "month" if days > 20 else "published"


def describe(category: str, actor: str | None, target: str | None, place: str | None,
             country_name: str | None = None, mode: str | None = None,
             trigger: str = "") -> str:
    """"<actor> <verb> <target> in <place>, <country>" in the words of the category (or of
    its mode, when that says more: "arrested", "went on strike"); a target that is only the
    place (a curfew *in X*) or the thing the trigger names ("declared a *state of
    emergency*") is not said as a target."""
    verb, prep, noun = MODE_VERBS.get((category, mode or ""), None) or VERBS.get(
        category, (category.lower(), "", category.title()))
    if target and (target == place or target.lower() in trigger.lower()):
        target = None
    if actor:
        text = f"{actor} {verb}"
        if target:
            text += f" {prep} {target}" if prep else f" {target}"
    else:
        text = noun
        if target:
            before = NOUN_PREPS.get(noun) or ("on" if category == "ASSAULT" else prep or "on")
            text += f" {before} {target}"
    if place and not any(place in x for x in (target, actor) if x):  # "Police in X": no "in X" again
        text += f" in {place}"
        if country_name and country_name not in (place, target, actor):
            text += f", {country_name}"
    return text


def build_event(group: Group, seq: int, published: dict[str, str | None],
                country_names: dict[str, str] | None = None) -> StoryEvent:
    """The event a group of mentions tells, its id taken from its first mention."""
    coded = group.coded
    category = _most([m.category for m in coded]) or coded[0].category
    mode = _most([m.mode for m in coded if m.category == category])
    actor, actor_id = _party([m.actor for m in coded])
    target, target_id = _party([m.target for m in coded])
    place_info: EntityInfo | None = group.profile.place
    place = place_info.name if place_info is not None else group.profile.place_name
    date, precision = _date(coded, published)
    country = None
    if place_info is not None and place_info.feature != "country" and country_names:
        country = country_names.get((place_info.country or "").upper())
    first = group.members[0][0]
    links = tuple(EventLink(m.id, m.article_id, m.sentence_idx, m.sentence, m.trigger, link)
                  for m, link in group.members)
    return StoryEvent(
        id=f"ev:{first.id}", seq=seq, date=date, date_precision=precision,
        category=category, mode=mode, actor=actor, actor_entity_id=actor_id, target=target,
        target_entity_id=target_id, place=place,
        place_entity_id=place_info.id if place_info is not None else None,
        description=describe(category, actor, target, place, country, mode, first.trigger),
        trigger=first.trigger, mentions=links)


# An event that ended more than this many days before a story's first article is the
# story's background ("the peninsula, seized in 2014"): it stays among the story's events
# but is not on its timeline, which covers what happened while the story ran.
BACKGROUND_DAYS = 30


def period_end(date: str, precision: str | None) -> str:
    """The last day (ISO text) of the period a dated event covers: its year, month or day."""
    if precision == "year":
        return date[:4] + "-12-31"
    if precision == "month":
        return date[:7] + "-31"  # compared as text: after every day of the month
    return date[:10]


def timeline_start(first_published: str | None) -> str | None:
    """The earliest day on a story's timeline: :data:`BACKGROUND_DAYS` before its first
    article (None when no article is dated)."""
    if not first_published:
        return None
    try:
        first = dt.date.fromisoformat(first_published[:10])
    except ValueError:
        return None
    return (first - dt.timedelta(days=BACKGROUND_DAYS)).isoformat()


def background(date: str | None, precision: str | None, start: str | None) -> bool:
    """Whether an event dated ``date`` ended before the timeline's ``start``."""
    return bool(date and start and period_end(date, precision) < start)


def timeline(events: Sequence[StoryEvent], start: str | None = None) -> list[dict[str, object]]:
    """``[{date, precision, dated_by_publication, event_ids}]`` in date order: one entry per
    date and precision; a month or year comes before the days in it; an event dated only
    by its publish date counts at that date, flagged. Events that ended before ``start``
    (:func:`timeline_start`) are background, not on the timeline."""
    slots: dict[tuple[str, str], list[str]] = {}
    for e in events:
        if e.date is None or e.date_precision is None:
            continue
        if background(e.date, e.date_precision, start):
            continue
        slots.setdefault((e.date[:10], e.date_precision), []).append(e.id)
    out: list[dict[str, object]] = []
    for (date, prec), ids in sorted(slots.items(),
                                    key=lambda kv: (kv[0][0], PRECISION_RANK.get(kv[0][1], 9))):
        out.append({"date": date, "precision": prec,
                    "dated_by_publication": prec == "published", "event_ids": ids})
    return out
