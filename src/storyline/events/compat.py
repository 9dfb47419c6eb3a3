"""Whether two tellings of an event can be the same event: categories, parties, places and
dates compared one by one.

Each comparison answers with a :class:`Fit`: ``points`` of positive evidence (0 when
nothing is known either way) or a conflict (``points`` None: the two cannot be one
event). The merge (:mod:`storyline.events.merge`) adds the points up.

- **Categories**: the same PLOVER category, or a pair that news tells either way (a town
  "captured" is ASSAULT or COERCE). Modes must agree when both are given, except that the
  modes of armed attack (shelling, bombing, missiles, aerial, firearms, destruction) are
  one family: a strike told as "attack", "strike", "shelling" or "hit" is one event.
- **Parties** (actor, target): entity ids first (one shared id: the same party); then the
  polity an entity stands for (Russia, Russian, Russians and Moscow as an actor are
  Russia): two named parties of different polities conflict, as do two different people
  or two different organisations; then the words of the text ("Russian forces" and
  "Russian troops" share "Russian"). Text that names no entity never conflicts.
- **Places**: the same entity; a country and a place in it (contained: weaker); two
  points within a few kilometres; a region and a place inside it. Two different towns, or
  places in two countries, conflict. No place on one side: unknown.
- **Dates**, precision-aware: a mention's date is an interval (a day; a month; a year; for
  a sentence that gives no date, the days up to its publish date; for a day only the
  reporting clause gives, "..., officials said on Tuesday", the days up to it). Two exact
  days must be equal; otherwise the intervals must overlap.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

# categories news tells one event under either way
RELATED = frozenset({frozenset({"ASSAULT", "COERCE"})})
# modes of armed attack: one strike is told as a bombing, shelling, missile strike or "hit"
KINETIC = frozenset({"heavy-weapons", "explosives", "aerial", "firearms", "destroy",
                     "suicide-attack", "drone"})
# categories whose two parties act together: "Russia met Ukraine" = "Ukraine met Russia"
SYMMETRIC = frozenset({"CONSULT", "COOPERATE"})
POLITY_TYPES = frozenset({"GPE", "NORP"})
PUBLISHED_WINDOW = 3  # days before its publish date an undated event may have happened
REPORTED_WINDOW = 2  # days before "officials said on Tuesday" the event may have happened
NEAR_KM = 30.0  # two points of one place (a city's gazetteer point and its district's)
REGION_KM = 300.0  # a region's point and a place inside it
REGION_FEATURES = frozenset({"admin1", "admin2", "region", "state", "province"})


@dataclass(frozen=True, slots=True)
class Fit:
    points: float | None  # None: a conflict

    @property
    def conflict(self) -> bool:
        return self.points is None


UNKNOWN = Fit(0.0)
CONFLICT = Fit(None)


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """What the store knows about an entity, as the comparisons need it."""

    id: str
    name: str
    type: str
    norm: str = ""
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None

    @property
    def polity(self) -> str | None:
        """The country an actor of this entity stands for: a nationality ("Russian",
        norm ``norp:RU``), a country, or a city as its government ("Moscow said")."""
        if self.type == "NORP" and self.norm.startswith("norp:"):
            return self.norm[5:].upper() or None
        if self.type in ("GPE", "LOC") and self.country:
            return self.country.upper()
        return None


@dataclass(frozen=True, slots=True)
class Party:
    """An actor or target: its text and the entities it names (every member of a
    compound actor)."""

    text: str | None = None
    entities: tuple[EntityInfo, ...] = ()

    @property
    def known(self) -> bool:
        return bool(self.text or self.entities)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self.entities)

    @property
    def polities(self) -> frozenset[str]:
        return frozenset(p for e in self.entities if (p := e.polity))

    @property
    def words(self) -> frozenset[str]:
        names = [self.text or ""] + [e.name for e in self.entities]
        return content_words(" ".join(names))


@dataclass(frozen=True, slots=True)
class Span:
    """A date as an interval of days; ``exact``: one day the text names."""

    start: dt.date
    end: dt.date
    exact: bool = False

    def overlaps(self, other: Span) -> bool:
        return self.start <= other.end and other.start <= self.end

    def intersect(self, other: Span) -> Span:
        return Span(max(self.start, other.start), min(self.end, other.end),
                    self.exact or other.exact)


@dataclass
class Profile:
    """What an event's mentions say together, for comparing a new mention with it."""

    categories: set[str] = field(default_factory=set)
    modes: set[str] = field(default_factory=set)
    actor_ids: set[str] = field(default_factory=set)
    actor_polities: set[str] = field(default_factory=set)
    actor_words: set[str] = field(default_factory=set)
    actor_types: dict[str, str] = field(default_factory=dict)  # id -> type
    target_ids: set[str] = field(default_factory=set)
    target_polities: set[str] = field(default_factory=set)
    target_words: set[str] = field(default_factory=set)
    target_types: dict[str, str] = field(default_factory=dict)
    place: EntityInfo | None = None
    place_name: str | None = None
    span: Span | None = None


_WORD = re.compile(r"[^\W_]+")


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words without stop words, a plural "s" taken off ("troops" ~ "troop")."""
    out = set()
    for w in _WORD.findall(text.lower()):
        if w in STOP_WORDS or len(w) < 3:
            continue
        out.add(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return frozenset(out)


# -- categories and modes -----------------------------------------------------------------

def category_fit(a: str, b: set[str]) -> bool:
    return a in b or any(frozenset({a, x}) in RELATED for x in b)


def mode_fit(a: str | None, modes: set[str]) -> bool:
    if a is None or not modes or a in modes:
        return True
    return a in KINETIC and bool(modes & KINETIC)


# -- parties ---------------------------------------------------------------------------

def party_fit(p: Party, ids: set[str], polities: set[str], words: set[str],
              types: dict[str, str]) -> Fit:
    """A mention's party against what an event's mentions named for it."""
    if not p.known or not (ids or words):
        return UNKNOWN
    if p.ids & ids:
        return Fit(2.0)
    if p.polities and polities:
        return Fit(1.5) if p.polities & polities else CONFLICT
    if p.entities and ids:
        mine = {e.type for e in p.entities if e.type not in POLITY_TYPES}
        theirs = {t for t in types.values() if t not in POLITY_TYPES}
        if mine & theirs & {"PERSON", "ORG"}:
            return CONFLICT  # two different people, or two different bodies
    return Fit(1.0) if p.words & words else UNKNOWN


# -- places ------------------------------------------------------------------------------

def km(a: EntityInfo, b: EntityInfo) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def place_fit(a: EntityInfo | None, a_name: str | None, b: EntityInfo | None,
              b_name: str | None) -> Fit:
    """3: the same place; 2.5: points a few km apart; 1: one contains the other; conflict:
    two different places."""
    if (a is None and not a_name) or (b is None and not b_name):
        return UNKNOWN
    if a is not None and b is not None:
        if a.id == b.id:
            return Fit(3.0)
        if a.country and b.country and a.country != b.country:
            return CONFLICT
        if a.feature == "country" or b.feature == "country":
            inner = b if a.feature == "country" else a
            outer = a if inner is b else b
            return Fit(1.0) if inner.country and inner.country == outer.country else CONFLICT
        d = km(a, b)
        if d is None:
            return CONFLICT if a.name.casefold() != b.name.casefold() else Fit(3.0)
        if d <= NEAR_KM:
            return Fit(2.5)
        if (a.feature in REGION_FEATURES) != (b.feature in REGION_FEATURES) and d <= REGION_KM:
            return Fit(1.0)
        return CONFLICT
    # a place the gazetteer does not know: by name
    na = (a.name if a is not None else a_name or "").casefold()
    nb = (b.name if b is not None else b_name or "").casefold()
    return Fit(3.0) if na == nb else CONFLICT


def more_specific(a: EntityInfo | None, b: EntityInfo | None) -> EntityInfo | None:
    """The narrower of two compatible places (a city over its country or region)."""
    if a is None or b is None:
        return a or b
    rank = {"country": 0}
    ra = 1 if a.feature in REGION_FEATURES else rank.get(a.feature or "", 2)
    rb = 1 if b.feature in REGION_FEATURES else rank.get(b.feature or "", 2)
    return b if rb > ra else a


# -- dates -------------------------------------------------------------------------------

def date_span(value: str | None, precision: str | None, published: str | None,
              reported: bool = False) -> Span | None:
    """A mention's date as an interval: its day, month or year; for an undated sentence
    (precision ``published``) the few days up to the publish date; for a day the
    reporting clause gives (``reported``: "..., officials said on Tuesday") the day or two
    before it too."""
    try:
        d = dt.date.fromisoformat((value or "")[:10]) if value else None
    except ValueError:
        d = None
    if precision == "published" or d is None:
        try:
            p = dt.date.fromisoformat((published or value or "")[:10])
        except ValueError:
            return None
        return Span(p - dt.timedelta(days=PUBLISHED_WINDOW), p)
    if precision == "month":
        nxt = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return Span(d.replace(day=1), nxt - dt.timedelta(days=1))
    if precision == "year":
        return Span(dt.date(d.year, 1, 1), dt.date(d.year, 12, 31))
    if reported:
        return Span(d - dt.timedelta(days=REPORTED_WINDOW), d)
    return Span(d, d, exact=True)


def date_fit(a: Span | None, b: Span | None) -> Fit:
    """2: the same day named; 1: a day within an undated report's days (or two undated
    reports of overlapping days); 0.5: within a month or year; conflict: apart."""
    if a is None or b is None:
        return UNKNOWN
    if a.exact and b.exact:
        return Fit(2.0) if a.start == b.start else CONFLICT
    if not a.overlaps(b):
        return CONFLICT
    width = max(a.end - a.start, b.end - b.start).days
    return Fit(1.0) if width <= PUBLISHED_WINDOW else Fit(0.5)
