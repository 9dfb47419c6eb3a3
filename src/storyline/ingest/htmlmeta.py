"""Metadata a draft can carry before cleaning: HTML <meta> tags, publish date, outlet.

:func:`complete_draft` fills what the input left empty, never overriding what it gave:
title (``og:title``, ``<title>``), URL (canonical link, ``og:url``), outlet
(``og:site_name``, else the URL's domain), all from the page's ``<head>``. The publish
date of a page (htmldate over its meta tags, JSON-LD and ``<time>`` elements) is read
by the clean stage, from the tree it parses for the main text.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from storyline.metadata import iso_date, page_date, source_from_url
from storyline.records import ArticleDraft

_META_KEYS = {
    "og:site_name": "source",
    "application-name": "source",
    "og:title": "title",
    "twitter:title": "title",
    "og:url": "url",
}


_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)


def html_metadata(html: str, with_date: bool = True) -> dict[str, str]:
    """``title``, ``source``, ``url`` and (with ``with_date``) ``published`` of a page.

    Without the date only the page's ``<head>`` is parsed, which is all that the
    title, outlet and canonical URL need; the clean stage, which parses the whole
    page anyway, finds the date then (:func:`storyline.metadata.page_date`).
    """
    import lxml.html
    from lxml.etree import ParserError

    source = html
    if not with_date:
        end = _HEAD_END.search(html)
        if end:
            source = html[: end.end()] + "<body></body></html>"
    try:
        doc = lxml.html.document_fromstring(source.encode("utf-8", "replace"))
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
    date = page_date(doc) if with_date else None
    if date:
        found["published"] = date
    return found


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
        meta = html_metadata(draft.body, with_date=False)
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
        changes["title"] = strip_site_suffix(changes["title"],
                                             str(changes.get("source") or draft.source))
    return dataclasses.replace(draft, **changes) if changes else draft


def strip_site_suffix(title: str, source: str) -> str:
    """``"Fire crosses highway | Valley Post"`` -> ``"Fire crosses highway"`` (page titles only)."""
    for sep in (" | ", " - ", " \u2013 ", " \u2014 ", " :: "):
        if title.lower().endswith((sep + source).lower()):
            return title[: -len(sep + source)].strip() or title
    return title
