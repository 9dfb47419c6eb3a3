"""DATE mentions normalised against the article's publication date.

``normalise_date(text, published, future=...)`` returns ``(value, precision)``:
``value`` an ISO date (the first day of the period for week/month/year precision)
or None, ``precision`` one of day/week/month/year (or None when nothing is known).

Rules (our own first, dateparser for the rest):

- a bare weekday ("on Tuesday", "late on Monday", "Sunday night") is the latest such
  day on or before the publish date, or the next one on or after it when the
  governing verb is future ("will meet on Tuesday"); "last"/"next" force the side;
- "Monday (28)": a weekday with its day of the month in parentheses (a
  machine-translated style) is the date with that day of month nearest the publish
  date (on or before it unless future);
- today / yesterday / tomorrow / tonight, "N days/weeks/months/years ago",
  "last/this/next week|month|year" relative to the publish date;
- "N weeks after/later/earlier/before" anchored on the nearest resolved date before
  it in the article (narrative time), or unresolved when there is none;
- absolute dates through dateparser; a year written in the text is always the date's
  year ("August 18, 2011", "August 18 , 2011" as tokenised text writes it); a month and
  day without a year ("March 10") is the latest such day on or before the publish
  date (a chronology's "March 17 - The Council votes ..."), unless the verb is future
  (the next such day) or, with no past tense, it falls within a month after the
  publish date ("the summit on March 3" in a February article).

An article without a publish date leaves relative expressions unresolved; absolute
dates with a year still resolve.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any, NamedTuple

from storyline.enrich.numbers.words import parse_number
from storyline.wordlists import word_list, word_map

_LEAD = re.compile(
    r"^(?:(?:late|early|later|earlier|since|until|till|by|from|on|in|at|of|the|as of|"
    r"before|after|over|during|for)\s+)+", re.I)
_DAYPART = re.compile(r"\s+(?:morning|afternoon|evening|night|overnight|midday|noon)$", re.I)
_OFFSET = re.compile(
    r"^(?:(?:more than|less than|about|around|almost|nearly|some|over|just|only|roughly)\s+)?"
    r"(an?|[\w-]+(?:\s[\w-]+)?)\s+(days?|weeks?|months?|years?|fortnight)\s+"
    r"(ago|earlier|before|later|after|previously|since)$", re.I)
_RELPERIOD = re.compile(r"^(last|this|next|past|previous|coming)\s+(week|month|year)$", re.I)
_HAS_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")
_NUMERIC = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")


@cache
def weekdays() -> tuple[str, ...]:
    """Weekday names, lower-case, Monday first (``data/words/weekdays.txt``)."""
    return tuple(w.lower() for w in word_list("weekdays"))


@cache
def months() -> tuple[str, ...]:
    """Month names, lower-case, January first (``data/words/months.txt``)."""
    return tuple(m.lower() for m in word_list("months"))


def time_units() -> Mapping[str, str]:
    """Time unit words -> the unit they count ("weeks" -> "week", "fortnight" -> "week")."""
    return word_map("time_units")


@cache
def _relative_days() -> dict[str, int]:
    """"yesterday" -> -1 and the other words for a day near the publication date."""
    return {k: int(v) for k, v in word_map("relative_days").items()}


class _Calendar(NamedTuple):
    weekday: re.Pattern[str]
    weekday_paren: re.Pattern[str]
    has_month: re.Pattern[str]
    absolute: re.Pattern[str]


@cache
def _calendar() -> _Calendar:
    """The patterns built from the weekday and month names (compiled on first use)."""
    days = "|".join(weekdays())
    mon = r"(?:" + "|".join(m[:3] for m in months()) + r")[a-z]*\.?"
    return _Calendar(
        weekday=re.compile(
            r"^(?:(last|next|this|past|coming)\s+)?(" + days + r")(?:\s*\((\d{1,2})\))?$",
            re.I),
        weekday_paren=re.compile(r"\b(" + days + r")\s*\((\d{1,2})\)", re.I),
        has_month=re.compile(r"\b(" + "|".join(m[:3] for m in months()) + r")[a-z]*\.?\b",
                             re.I),
        absolute=re.compile(
            rf"\b(?:{mon}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+"
            rf"(?:of\s+)?{mon}(?:\s*,?\s+\d{{4}})?|{mon}\s*,?\s+\d{{4}})\b", re.I),
    )


def parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _start_of(d: date, precision: str) -> date:
    if precision == "week":
        return d - timedelta(days=d.weekday())
    if precision == "month":
        return d.replace(day=1)
    if precision == "year":
        return d.replace(month=1, day=1)
    return d


def _shift(d: date, n: int, unit: str) -> date:
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    months = d.month - 1 + n * (12 if unit == "year" else 1)
    year, month = d.year + months // 12, months % 12 + 1
    return date(year, month, 1) if unit == "month" else d.replace(year=year, month=1, day=1)


def _weekday(base: date, wd: int, side: str) -> date:
    """side: 'past' = on or before base, 'future' = on or after, 'last'/'next' = strictly."""
    back = (base.weekday() - wd) % 7
    if side == "past":
        return base - timedelta(days=back)
    if side == "last":
        return base - timedelta(days=back or 7)
    fwd = (wd - base.weekday()) % 7
    return base + timedelta(days=fwd if side == "future" else (fwd or 7))


def _day_of_month(base: date, day: int, wd: int | None, future: bool) -> date | None:
    cands = []
    for months in (-2, -1, 0, 1, 2):
        first = _shift(base.replace(day=1), months, "month")
        try:
            cands.append(first.replace(day=day))
        except ValueError:
            continue
    if wd is not None:
        cands = [c for c in cands if c.weekday() == wd] or cands
    side = [c for c in cands if (c >= base if future else c <= base)]
    pool = side or cands
    return min(pool, key=lambda c: abs((c - base).days)) if pool else None


@lru_cache(maxsize=256)
def _parser(base: date | None, future: bool) -> Any:
    from datetime import datetime

    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "future" if future else "past",
                                   "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


_FORWARD_DAYS = 31  # a yearless date this close after the publish date is not last year's


def _yearless(found: date, base: date, future: bool, past: bool) -> date | None:
    """The year of a month and day written without one (see the module docstring)."""
    cands = []
    for y in (base.year - 1, base.year, base.year + 1):
        try:
            cands.append(found.replace(year=y))
        except ValueError:
            continue
    before = [c for c in cands if c <= base]
    after = [c for c in cands if c > base]
    if future:
        return min([c for c in cands if c >= base], default=None)
    latest = max(before) if before else None
    soon = min(after) if after else None
    if not past and soon is not None and (soon - base).days <= _FORWARD_DAYS:
        return soon
    return latest or soon


def _with_year(found: date, year: int) -> date | None:
    try:
        return found.replace(year=year)
    except ValueError:
        return None


@cache
def _month_numbers() -> dict[str, int]:
    """Spellings of a month dateparser reads, lower-case -> its number: the name, its
    first three letters, and "sept"."""
    out = {}
    for n, name in enumerate(months(), 1):
        out[name] = out[name[:3]] = n
    out["sept"] = 9
    return out


_WRITTEN = re.compile(
    r"(?P<year>1[6-9]\d\d|20\d\d)"
    r"|(?P<m1>[a-z]+)\.?(?:\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?)?(?:\s*,?\s+(?P<y1>1[6-9]\d\d|20\d\d))?"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>[a-z]+)\.?"
    r"(?:\s*,?\s+(?P<y2>1[6-9]\d\d|20\d\d))?", re.I)


def _written(text: str, base: date | None) -> tuple[date, str] | None:
    """A date written as a year, a month name with a day or a year or both, or a month
    name alone, read as dateparser reads it (the day it would pick, where that day
    matters below): the date and its precision; None for any other text, and for a day
    no month has or one whose reading depends on dateparser's choice of a year (those
    go to dateparser). Most absolute dates in news are written so, and dateparser takes
    a millisecond each."""
    m = _WRITTEN.fullmatch(text)
    if m is None:
        return None
    if m["year"]:
        return date(int(m["year"]), 1, 1), "year"
    month = _month_numbers().get((m["m1"] or m["m2"]).lower())
    if month is None:
        return None
    day, year = m["d1"] or m["d2"], m["y1"] or m["y2"]
    if day is None:
        if year:
            return date(int(year), month, 1), "month"
        if base is None:  # no year to pick, whatever the day
            return date(2000, month, 1), "month"
        if base.month == month:  # dateparser keeps base's day
            return base, "month"
        if month == 2 and base.day > 28:
            return None  # dateparser's Feb 28 or 29 depends on the year it picks
        return date(2000, month, min(base.day, _DAYS_IN[month])), "month"
    try:  # 2000 is a leap year: "29 February" without a year is a day
        return date(int(year) if year else 2000, month, int(day)), "day"
    except ValueError:
        return None


_DAYS_IN = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: date | None, future: bool,
                past: bool = False) -> tuple[str | None, str | None]:
    read = _written(text, base) or _parsed(text, base, future)
    return _finish(text, read, base, future, past) if read else (None, None)


def _parsed(text: str, base: date | None, future: bool) -> tuple[date, str] | None:
    """The date dateparser reads in ``text`` and its precision (None: no date)."""
    data = _parser(base, future).get_date_data(text)
    if data.date_obj is None:
        return None
    precision = data.period if data.period in ("day", "week", "month", "year") else "day"
    return data.date_obj.date(), precision


def _finish(text: str, read: tuple[date, str], base: date | None, future: bool,
            past: bool) -> tuple[str | None, str | None]:
    """The value and precision of a date read in ``text``: the year written in the text,
    else the year :func:`_yearless` gives a month and day."""
    found: date | None
    found, precision = read
    years = set(_HAS_YEAR.findall(text))
    if len(years) == 1 and found is not None and found.year != int(next(iter(years))):
        found = _with_year(found, int(next(iter(years))))  # the written year is the year
    elif not years and found is not None:
        if base is None:
            return None, precision
        found = _yearless(found, base, future, past)
    if found is None:
        return None, None
    return _start_of(found, precision).isoformat(), precision


def normalise_date(
    text: str, published: str | date | None, future: bool = False, anchor: date | None = None,
    past: bool = False,
) -> tuple[str | None, str | None]:
    """The ISO value and precision of a DATE expression (see the module docstring);
    ``future`` / ``past``: the tense of the verb that governs it."""
    base = published if isinstance(published, date) else parse_published(published)
    t = " ".join(text.replace("’", "'").split()).strip(" ,.;:")
    t = _LEAD.sub("", t)
    t = _DAYPART.sub("", t).strip()
    low = t.lower()
    if not low:
        return None, None
    cal = _calendar()
    m = cal.weekday.match(low) or cal.weekday_paren.search(low)
    if m:
        groups = m.groups()
        mod, name, dom = (groups if len(groups) == 3 else (None, *groups))
        if base is None or name is None:
            return None, "day"
        wd = weekdays().index(name.lower())
        if dom:
            found = _day_of_month(base, int(dom), wd, future)
            return (found.isoformat() if found else None), "day"
        side = {"last": "last", "past": "last", "next": "next", "coming": "future",
                "this": "future" if future else "past"}.get(mod or "", "future" if future else "past")
        return _weekday(base, wd, side).isoformat(), "day"
    simple = _relative_days()
    if low in simple:
        return ((base + timedelta(days=simple[low])).isoformat() if base else None), "day"
    m = _RELPERIOD.match(low)
    if m:
        step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}
        unit = m.group(2)
        if base is None:
            return None, unit
        return _start_of(_shift(base, step[m.group(1)], unit), unit).isoformat(), unit
    m = _OFFSET.match(low)
    if m:
        n = 1.0 if m.group(1) in ("a", "an") else parse_number(m.group(1))
        unit = time_units()[m.group(2)]
        if n is None or n != int(n):
            return None, unit
        sign = 1 if m.group(3) in ("later", "after") else -1
        ref = base if m.group(3) == "ago" else anchor
        if ref is None:
            return None, unit
        days = int(n) * (14 if m.group(2) == "fortnight" else 1)
        return _start_of(_shift(ref, sign * days, unit), unit).isoformat(), unit
    if _HAS_YEAR.search(low) or cal.has_month.search(low) or _NUMERIC.search(low):
        if re.fullmatch(r"(1[6-9]\d\d|20\d\d)s", low):  # a decade
            return None, None
        m = cal.absolute.search(t)
        return _dateparser(m.group(0) if m else t, base, future, past)
    return None, None
