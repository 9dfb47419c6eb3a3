"""A story's figures grouped by the quantity they state, each group judged.

Input: the story's stored figures (:class:`Figure`, one per number mention) and its
articles as reports (:class:`Report`: outlet, publish date, and the independent report
it is, :func:`storyline.outlets.provenance`). Output: :class:`NumberGroup` records.

Grouping. Figures state the same quantity when they count the same kind of thing
(``kind``, "people|killed"; the same unit), of the same place or event (a figure that
names no place joins one that does, when its article names that place), for the same holder (whose profit), and their dates
lie within ``window_days`` of each other. Two figures of one article that disagree are
two quantities, never one in dispute ("a $676m loss against a $375m profit", "sales of
$11.1bn, up from $10.9bn"). Figures that disagree join one group only when they count
people or things something happened to (a toll, homes destroyed: ``kind`` with an event,
no unit; not an increment, "three more deaths"), name the same place (a figure naming
none stands for the one place its kind names in the story, if one), are all dated or all
undated, and are within ``max_conflict_ratio`` of each other; any other
figures join only when they agree.

Judging (:mod:`storyline.corroborate.intervals`): ``conflicting`` when the group's figures
do not all agree; else ``corroborated`` when two or more independent reports state it
(a syndicated copy is its original's report, never a second one), ``single-source``
otherwise. A conflict's values are listed in the order they were first reported; when
each later value is higher (lower) than the one before, ``trend`` is "rising"
("falling"): a toll that grew, shown as the conflict it is (no trend for a rate, "36,000
deaths a year": two estimates of one average do not rise or fall). For counts of the dead and
injured, ``conservative`` follows ACLED's rule: the lowest value among those stated by
the most independent reports (by two or more when any value is).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from storyline.corroborate.intervals import Interval, all_agree, interval
from storyline.corroborate.reports import Report
from storyline.settings import CorroborateSettings

CASUALTY_EVENTS = frozenset({"killed", "injured", "casualties", "dead", "wounded"})


@dataclass(frozen=True, slots=True)
class Figure:
    """One stored figure (a row of ``numbers``)."""

    id: str
    article_id: str
    sentence_idx: int
    start: int
    value: float
    what: str
    kind: str
    unit: str | None = None
    qualifier: str | None = None
    high: float | None = None
    place: str | None = None
    date: str | None = None
    holder: str | None = None


@dataclass(frozen=True, slots=True)
class Value:
    """One value a group's figures state, with who states it and since when."""

    value: float
    high: float | None
    qualifier: str | None
    article_ids: tuple[str, ...]
    sources: tuple[str, ...]
    reports: int  # independent reports
    first_reported: str | None


@dataclass
class NumberGroup:
    id: str
    what: str
    kind: str
    unit: str | None
    value: float
    qualifier: str | None
    place: str | None
    date: str | None
    holder: str | None
    status: str
    figures: list[Figure] = field(default_factory=list)
    values: list[Value] = field(default_factory=list)
    reports: int = 0
    trend: str | None = None
    conservative: Value | None = None
    event_id: str | None = None


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def can_conflict(f: Figure) -> bool:
    """Whether figures of this kind that disagree are one quantity in dispute: counts (no
    unit, or a rate: "a year") of people or things that something happened to; not an increment ("three more
    deaths", kind "+...")."""
    return (f.unit is None or f.unit.startswith("/")) and "|" in f.kind and \
        not f.kind.startswith("+")


def _event(f: Figure) -> str | None:
    return f.kind.split("|", 1)[1] if "|" in f.kind else None


class _Open:
    """A group being built, with what joining it is checked against kept up to date: the
    values every figure allows (the intersection of their intervals), each article's
    intervals, the places, the dates and the range of values."""

    def __init__(self, first: Figure, iv: Interval, event_id: str | None) -> None:
        self.figures: list[Figure] = []
        self.place: str | None = None
        self.holder: str | None = None
        self.event_id = event_id
        self.lo, self.hi = iv.lo, iv.hi
        self.by_article: dict[str, list[Interval]] = {}
        self.places: set[str] = set()
        self.first_day: date | None = None
        self.last_day: date | None = None
        self.undated = 0
        self.low, self.high = first.value, first.high or first.value
        self.values: set[float] = set()
        self.add(first, iv)

    def add(self, f: Figure, iv: Interval) -> None:
        self.figures.append(f)
        self.place = self.place or f.place
        self.holder = self.holder or f.holder
        self.lo, self.hi = max(self.lo, iv.lo), min(self.hi, iv.hi)
        self.by_article.setdefault(f.article_id, []).append(iv)
        self.places.add((f.place or "").casefold())
        d = _day(f.date)
        if d is None:
            self.undated += 1
        else:
            self.first_day = min(self.first_day or d, d)
            self.last_day = max(self.last_day or d, d)
        self.low, self.high = min(self.low, f.value), max(self.high, f.high or f.value)
        self.values.add(f.value)


class _Grouper:
    def __init__(self, reports: Mapping[str, Report], settings: CorroborateSettings,
                 texts: Mapping[str, str] | None = None) -> None:
        self.reports = reports
        self.s = settings
        self.texts = texts  # each article's text, when known
        self._named: dict[tuple[str, str], bool] = {}  # (article, place) -> names it
        self.places: dict[tuple[str, str | None], set[str]] = {}  # each kind's places

    def iv(self, f: Figure) -> Interval:
        return interval(f.value, f.qualifier, f.high, self.s.tolerance)

    def fits(self, g: _Open, f: Figure, iv: Interval, d: date | None, event_id: str | None
             ) -> tuple[bool, bool]:
        """(the figure can join the group, it agrees with every figure of it)."""
        if g.place and f.place and g.place.casefold() != f.place.casefold():
            return False, False
        if g.place and not f.place and not self.names(f.article_id, g.place):
            return False, False  # a figure with no place, in an article never naming the group's
        if g.holder and f.holder and g.holder.casefold() != f.holder.casefold():
            return False, False
        if g.event_id and event_id and g.event_id != event_id:
            return False, False
        if d and g.first_day and g.last_day and \
                (max(g.last_day, d) - min(g.first_day, d)).days > self.s.window_days:
            return False, False
        for other in g.by_article.get(f.article_id, ()):
            if not all_agree([iv, other]):
                return False, False  # one article's two figures: two quantities
        if max(iv.lo, g.lo) <= min(iv.hi, g.hi) * (1 + 1e-9):
            return True, True
        if not can_conflict(f):
            return False, False
        # a dispute needs the same place (a figure naming none stands for the one place
        # that figures of its kind name, if they name one) and comparable times
        places = g.places | {(f.place or "").casefold()}
        if len(places - {""}) > 1 or "" in places and len(self.places.get(
                (f.kind or f.what, f.unit), set())) > 1:
            return False, False
        if (d is None and g.undated < len(g.figures)) or (d is not None and g.undated):
            return False, False
        lo, hi = min(f.value, g.low), max(f.high or f.value, g.high)
        return (lo > 0 and hi / lo <= self.s.max_conflict_ratio), False

    def names(self, article_id: str, place: str) -> bool:
        """Whether the article names the place anywhere; True when its text is not known."""
        if self.texts is None or article_id not in self.texts:
            return True
        key = (article_id, place)
        found = self._named.get(key)
        if found is None:
            found = self._named[key] = re.search(
                rf"(?<!\w){re.escape(place)}(?!\w)", self.texts[article_id],
                re.IGNORECASE) is not None
        return found

    def group(self, figures: Sequence[Figure], events: Mapping[str, str]) -> list[_Open]:
        order = {aid: n for n, aid in enumerate(self.reports)}
        self.places = {}
        for f in figures:
            if f.place:
                self.places.setdefault((f.kind or f.what, f.unit), set()).add(f.place.casefold())

        def position(f: Figure) -> tuple[int, int, int]:
            return order.get(f.article_id, len(order)), f.sentence_idx, f.start

        # figures that name a place first: one without joins the place it agrees with
        ordered = sorted(figures, key=lambda f: (f.place is None, position(f)))
        by_kind: dict[tuple[str, str | None], list[_Open]] = {}
        out: list[_Open] = []
        for f in ordered:
            event_id = events.get(f.id)
            iv, d = self.iv(f), _day(f.date)
            pool = by_kind.setdefault((f.kind or f.what, f.unit), [])
            best: tuple[tuple[int, int, float], _Open] | None = None
            for g in pool:
                ok, agrees = self.fits(g, f, iv, d, event_id)
                if not ok:
                    continue
                same_place = int(bool(g.place and f.place))
                gap = min(abs(f.value - v) for v in g.values)
                rank = (int(agrees), same_place, -gap)
                if best is None or rank > best[0]:
                    best = (rank, g)
            if best is None:
                g = _Open(f, iv, event_id)
                pool.append(g)
                out.append(g)
            else:
                best[1].add(f, iv)
                best[1].event_id = best[1].event_id or event_id
        for g in out:
            g.figures.sort(key=position)
        return sorted(out, key=lambda g: position(g.figures[0]))

    def values(self, figures: list[Figure]) -> list[Value]:
        by_value: dict[tuple[float, float | None, str | None], list[Figure]] = {}
        for f in figures:
            by_value.setdefault((f.value, f.high, (f.qualifier or None)), []).append(f)
        out = []
        for (value, high, qualifier), members in by_value.items():
            arts = list(dict.fromkeys(f.article_id for f in members))
            reps = [self.reports[a] for a in arts if a in self.reports]
            dates = sorted(r.published for r in reps if r.published)
            sources = tuple(dict.fromkeys(r.source for r in reps if r.source))
            out.append(Value(value, high, qualifier, tuple(arts), sources,
                             len({r.provenance for r in reps}), dates[0] if dates else None))
        return sorted(out, key=lambda v: (v.first_reported is None, v.first_reported or "",
                                          v.value))

    def judge(self, g: _Open, n: int) -> NumberGroup:
        figs = g.figures
        values = self.values(figs)
        reps = {self.reports[f.article_id].provenance for f in figs
                if f.article_id in self.reports}
        agree_all = all_agree([self.iv(f) for f in figs])
        status = "conflicting" if not agree_all else \
            "corroborated" if len(reps) >= 2 else "single-source"
        top = max(values, key=lambda v: (v.reports, v.first_reported or ""))
        whats = Counter(f.what for f in figs)
        what = max(whats, key=lambda w: (whats[w], -[f.what for f in figs].index(w)))
        dates = sorted(f.date for f in figs if f.date)
        group = NumberGroup(
            id=f"n:{figs[0].id}", what=what, kind=figs[0].kind, unit=figs[0].unit,
            value=top.value, qualifier=top.qualifier, place=g.place, date=dates[0] if dates else None,
            holder=g.holder, status=status, figures=figs, values=values, reports=len(reps),
            event_id=g.event_id)
        if status == "conflicting" and "/" not in (group.unit or ""):
            group.trend = _trend(values)  # a yearly average does not rise as a toll does
        if _event(figs[0]) in CASUALTY_EVENTS:
            group.conservative = _conservative(values)
        return group


def _trend(values: list[Value]) -> str | None:
    """ "rising" when each value first reported later is higher, "falling" when lower."""
    days = [v.first_reported[:10] if v.first_reported else None for v in values]
    if None in days or len(set(days)) != len(days):
        return None
    nums = [v.value for v in values]
    if all(b > a for a, b in zip(nums, nums[1:], strict=False)):
        return "rising"
    if all(b < a for a, b in zip(nums, nums[1:], strict=False)):
        return "falling"
    return None


def _conservative(values: list[Value]) -> Value:
    """ACLED: the lowest value among the best-sourced ones."""
    well = [v for v in values if v.reports >= 2] or values
    return min(well, key=lambda v: v.value)


def group_numbers(figures: Sequence[Figure], reports: Sequence[Report],
                  settings: CorroborateSettings | None = None,
                  events: Mapping[str, str] | None = None,
                  texts: Mapping[str, str] | None = None) -> list[NumberGroup]:
    """The story's figures grouped and judged (see the module docstring). ``reports`` are
    the story's articles in publish order; ``events`` maps a figure id to the event it is
    part of, when events are known (figures of two events never share a group);
    ``texts``: the articles' texts (a figure naming no place joins a group of a place only
    when its article names that place)."""
    grouper = _Grouper({r.article_id: r for r in reports}, settings or CorroborateSettings(),
                       texts)
    return [grouper.judge(g, n) for n, g in enumerate(grouper.group(figures, events or {}))]
