"""Metadata fields: records (JSONL/CSV/JSON rows) to drafts, dates to ISO, outlets from URLs."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import time
from typing import Any
from urllib.parse import urlsplit

from storyline.records import ArticleDraft, IngestProblem

Item = ArticleDraft | IngestProblem

# Record fields that map onto draft fields; every other field is kept as metadata.
KNOWN_FIELDS = ("id", "source", "url", "title", "published", "text", "html")
FIELD_ALIASES = {
    "outlet": "source",
    "publisher": "source",
    "site": "source",
    "site_name": "source",
    "sitename": "source",
    "link": "url",
    "headline": "title",
    "date": "published",
    "pubdate": "published",
    "published_at": "published",
    "publish_date": "published",
    "date_published": "published",
    "body": "text",
    "content": "text",
    "content_text": "text",
    "raw_html": "html",
    "content_html": "html",
}

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


def iso_date(value: Any) -> str | None:
    """An ISO 8601 date or timestamp from the usual shapes, or None when it cannot be read.

    Accepts ISO strings (``2026-03-04``, ``2026-03-04T10:00:00Z``), RFC 822 feed dates
    (``Wed, 04 Mar 2026 10:00:00 GMT``), ``time.struct_time`` (feedparser), datetimes,
    and common day-first/month-first spellings (``4 March 2026``, ``March 4, 2026``).
    """
    if value is None or value == "":
        return None
    if isinstance(value, time.struct_time):
        return _fmt(dt.datetime(*value[:6], tzinfo=dt.UTC))
    if isinstance(value, dt.datetime):
        return _fmt(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    s = str(value).strip()
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


def _text(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def draft_from_record(
    rec: dict[str, Any], where: str, line: int | None, defaults: dict[str, Any] | None = None
) -> Item:
    """Map a record to a draft: known fields and their aliases, everything else as metadata.

    ``defaults`` fill draft fields the record leaves empty (e.g. a JSON Feed's title as source).
    """
    fields: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    for key, value in rec.items():
        k = FIELD_ALIASES.get(str(key).strip().lower(), str(key).strip().lower())
        if k in KNOWN_FIELDS and k not in fields and value not in (None, ""):
            fields[k] = value
        else:
            meta[str(key)] = value
    html, text = fields.pop("html", None), fields.pop("text", None)
    title = _text(fields.get("title"))
    headline_only = False
    if isinstance(html, str) and html.strip():
        body, kind = html, "html"
        if text is not None:
            meta.setdefault("text", text)
    elif isinstance(text, str) and text.strip():
        body, kind = text, "text"
        headline_only = title is not None and _same_words(text, title)
    elif title is not None:  # a headline with no body (a feed item) is an article too
        body, kind, headline_only = title, "text", True
    else:
        return IngestProblem(where, "record has no 'text', 'html' or 'title' field with content",
                             line)
    for k, v in (defaults or {}).items():
        if fields.get(k) in (None, ""):
            fields[k] = v
    published = iso_date(fields.get("published"))
    if fields.get("published") is not None and published is None:
        meta["published_raw"] = fields["published"]
    return ArticleDraft(
        body=body,
        body_kind=kind,  # type: ignore[arg-type]
        input=where,
        line=line,
        id=_text(fields.get("id")),
        source=_text(fields.get("source")),
        url=_text(fields.get("url")),
        title=title,
        published=published,
        metadata=meta,
        headline_only=headline_only,
    )


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
