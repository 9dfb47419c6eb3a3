"""Article metadata values that ingest and clean both read: ISO 8601 dates from the
usual shapes, the outlet a URL belongs to, and the publication date of an HTML page."""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import re
import time
from typing import Any
from urllib.parse import urlsplit

_HOST_PREFIX = re.compile(r"^(?:www\d*|m|amp|mobile)\.")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def source_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: its host without ``www.``/``m.`` (www.bbc.co.uk -> bbc.co.uk)."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if not host or host in ("localhost",) or re.fullmatch(r"[\d.]+", host):
        return host or None
    return _HOST_PREFIX.sub("", host)


# a date is short; a longer value is not read as one (dateutil's cost grows with the length)
MAX_DATE_CHARS = 100


def iso_date(value: Any) -> str | None:
    """An ISO 8601 date or timestamp from the usual shapes, or None when it cannot be read.

    Accepts ISO strings (``2026-03-04``, ``2026-03-04T10:00:00Z``), RFC 822 feed dates
    (``Wed, 04 Mar 2026 10:00:00 GMT``), ``time.struct_time`` (feedparser), datetimes,
    and common day-first/month-first spellings (``4 March 2026``, ``March 4, 2026``).
    Never raises: a year outside 1-9999, a UTC offset of a day or more, an over-long or
    otherwise unreadable value all give None.
    """
    if value is None or value == "":
        return None
    try:
        return _iso_date(value)
    except (ValueError, OverflowError, TypeError, IndexError, AttributeError, RecursionError):
        return None


def _iso_date(value: Any) -> str | None:
    if isinstance(value, time.struct_time):
        return _fmt(dt.datetime(*value[:6], tzinfo=dt.UTC))
    if isinstance(value, dt.datetime):
        return _fmt(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    s = str(value).strip()
    if len(s) > MAX_DATE_CHARS:
        return None
    if _DATE_ONLY.match(s):
        try:
            return dt.date.fromisoformat(s).isoformat()
        except ValueError:
            return None
    try:
        return _fmt(dt.datetime.fromisoformat(s.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return _fmt(email.utils.parsedate_to_datetime(s))
    except (TypeError, ValueError, IndexError):
        pass
    try:
        from dateutil import parser as du

        parsed = du.parse(s, fuzzy=False)
    except (ValueError, OverflowError, TypeError):
        return None
    return _fmt(parsed)


def _fmt(d: dt.datetime) -> str:
    if d.hour == d.minute == d.second == 0 and d.tzinfo is None:
        return d.date().isoformat()
    return d.replace(microsecond=0).isoformat()


# The markup that publishers use for the original publication date, checked first
# (a single XPath query); htmldate's wider search runs only when none of them is there.
_PUBLISHED_XPATH = (
    "//meta[@property='article:published_time' or @property='og:published_time'"
    " or @name='article:published_time' or @itemprop='datePublished'"
    " or @name='pubdate' or @name='publish-date' or @name='parsely-pub-date'"
    " or @name='dc.date.issued' or @name='DC.date.issued' or @name='sailthru.date']/@content"
    " | //time[@itemprop='datePublished']/@datetime"
)
_ISO_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


def page_date(doc: Any) -> str | None:
    """The original publication date of a parsed page (``YYYY-MM-DD``): the usual
    published-time markup, else htmldate over the page's markup (no guessing from text)."""
    try:
        for value in doc.xpath(_PUBLISHED_XPATH):
            m = _ISO_DAY.match(str(value))
            if m and iso_date(m.group(1)):
                return m.group(1)
    except Exception:  # noqa: BLE001 - odd markup: let htmldate try
        pass
    from htmldate import find_date

    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        value = find_date(doc, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a date is optional; a parser bug must not drop the page
        return None
    return iso_date(value) if value else None
