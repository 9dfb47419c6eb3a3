"""True time order for publish dates given with any UTC offset.

``published`` keeps the text the input gave (``2026-03-04T23:00-05:00``); :func:`utc_key`
turns it into a UTC key that sorts in time order as plain text, on SQLite and
PostgreSQL alike: ``YYYY-MM-DDTHH:MM:SSZ`` for a timestamp (a timestamp without an
offset is taken as UTC) and ``YYYY-MM-DD`` for a bare date, which sorts before every
timestamp of its day (as midnight UTC would). Every publish-order decision (the
canonical copy of a duplicate group, the clustering order, listings, the export) uses
this key, never the raw text: ``2026-03-04T23:00-05:00`` is three hours after
``2026-03-05T01:00Z``, though it sorts before it as text.
"""

from __future__ import annotations

import datetime as dt
import re

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_published(published: str | None) -> dt.datetime | dt.date | None:
    """A timezone-aware UTC datetime for a timestamp, a date for a bare date, else None."""
    if not published:
        return None
    s = published.strip()
    try:
        if _DATE.match(s):
            return dt.date.fromisoformat(s)
        when = dt.datetime.fromisoformat(s.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        return when.replace(tzinfo=dt.UTC)
    try:
        return when.astimezone(dt.UTC)
    except (OverflowError, ValueError):  # an offset that leaves the calendar (year 1 or 9999)
        return None


def utc_key(published: str | None) -> str | None:
    """The UTC sort key of a publish date (see the module docstring), None when unreadable."""
    when = parse_published(published)
    if when is None:
        return None
    if isinstance(when, dt.datetime):
        return (f"{when.year:04d}-{when.month:02d}-{when.day:02d}"
                f"T{when.hour:02d}:{when.minute:02d}:{when.second:02d}Z")
    return when.isoformat()


def utc_days(published: str | None) -> float | None:
    """Days since the Unix epoch (UTC) of a publish date; a bare date counts from midnight."""
    when = parse_published(published)
    if when is None:
        return None
    if not isinstance(when, dt.datetime):
        when = dt.datetime(when.year, when.month, when.day, tzinfo=dt.UTC)
    return when.timestamp() / 86400.0


def utcnow() -> str:
    """Now, in UTC, to the second (ISO 8601): the store's bookkeeping timestamps."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
