"""Metadata a draft can carry before cleaning: HTML <meta> tags, publish date, outlet.

:func:`complete_draft` fills what the input left empty, never overriding what it gave:
title (``og:title``, ``<title>``), URL (canonical link, ``og:url``), outlet
(``og:site_name``, else the URL's domain), publish date (htmldate over the page's
meta tags, JSON-LD and ``<time>`` elements).
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from storyline.ingest.fields import iso_date, source_from_url
from storyline.records import ArticleDraft

_META_KEYS = {
    "og:site_name": "source",
    "application-name": "source",
    "og:title": "title",
    "twitter:title": "title",
    "og:url": "url",
}


def html_metadata(html: str) -> dict[str, str]:
    """``title``, ``source``, ``url`` and ``published`` found in an HTML page's head."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        doc = lxml.html.document_fromstring(html.encode("utf-8", "replace"))
    except (ParserError, ValueError):
        return {}
    found: dict[str, str] = {}
    for el in doc.iter("meta"):
        key = (el.get("property") or el.get("name") or "").strip().lower()
        value = (el.get("content") or "").strip()
        field = _META_KEYS.get(key)
        if field and value and field not in found:
            found[field] = value
    for el in doc.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href", "").startswith("http"):
            found.setdefault("url", el.get("href", "").strip())
    title = doc.find(".//title")
    if title is not None and title.text_content().strip():
        found.setdefault("title", " ".join(title.text_content().split()))
    date = page_date(doc)
    if date:
        found["published"] = date
    return found


def page_date(doc: Any) -> str | None:
    """The original publication date of a parsed page (htmldate, no guessing from text)."""
    from htmldate import find_date

    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        value = find_date(doc, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a date is optional; a parser bug must not drop the page
        return None
    return iso_date(value) if value else None


def complete_draft(draft: ArticleDraft) -> ArticleDraft:
    """Fill empty title/url/source/published from the page and URL; normalise the date."""
    changes: dict[str, Any] = {}
    published = draft.published
    if published and iso_date(published) != published:
        published = iso_date(published)
        changes["published"] = published
        if published is None:
            changes["metadata"] = {**draft.metadata, "published_raw": draft.published}
    if draft.body_kind == "html" and not (draft.title and draft.url and draft.source and published):
        meta = html_metadata(draft.body)
        for field in ("title", "url", "source"):
            if not getattr(draft, field) and meta.get(field):
                changes[field] = meta[field]
        if not published and meta.get("published"):
            changes["published"] = meta["published"]
    if not draft.source:
        src = changes.get("source") or source_from_url(changes.get("url") or draft.url)
        if src:
            changes["source"] = src
    if "title" in changes and (changes.get("source") or draft.source):
        changes["title"] = strip_site_suffix(changes["title"], changes.get("source") or draft.source)
    return dataclasses.replace(draft, **changes) if changes else draft


def strip_site_suffix(title: str, source: str) -> str:
    """``"Fire crosses highway | Valley Post"`` -> ``"Fire crosses highway"`` (page titles only)."""
    for sep in (" | ", " - ", " \u2013 ", " \u2014 ", " :: "):
        if title.lower().endswith((sep + source).lower()):
            return title[: -len(sep + source)].strip() or title
    return title
