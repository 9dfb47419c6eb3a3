"""RSS and Atom feeds (a file or a URL), parsed with feedparser.

By default each item's page is fetched and its HTML is the article; with fetching
off (``--no-fetch``) the item's own content (or summary) is. The feed gives each
article its title, date, URL and outlet. An item whose page cannot be fetched is
reported, and its feed content is stored instead when the feed has any.
"""

from __future__ import annotations

import dataclasses
import html as htmllib
from collections.abc import Iterator
from typing import Any

import feedparser

from storyline.ingest.files import read_bytes
from storyline.ingest.web import Fetcher, fetch, http_client, page_draft
from storyline.metadata import iso_date
from storyline.records import ArticleDraft, IngestProblem
from storyline.settings import Settings

Item = ArticleDraft | IngestProblem


def read_feed_file(where: str, settings: Settings) -> Iterator[Item]:
    data, problem = read_bytes(where, settings.max_input_bytes, "one input file")
    if problem:
        yield problem
        return
    assert data is not None
    if settings.fetch_feed_items:
        with http_client(settings) as client:
            yield from feed_items(data, where, settings, client)
    else:
        yield from feed_items(data, where, settings, None)


def feed_items(
    data: bytes, where: str, settings: Settings, client: Fetcher | None
) -> Iterator[Item]:
    """The articles of a feed document (bytes: feedparser must never be handed a URL)."""
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            yield IngestProblem(where, f"not a valid RSS/Atom feed: {parsed.get('bozo_exception')}")
        else:
            yield IngestProblem(where, "feed has no items")
        return
    feed_title = (parsed.get("feed") or {}).get("title") or None
    for n, entry in enumerate(entries, 1):
        if n > settings.max_feed_items:
            yield IngestProblem(where, f"feed has {len(entries)} items; items after the first "
                                       f"{settings.max_feed_items} (the limit) are not read")
            return
        try:
            yield from _entry(entry, n, where, feed_title, settings, client)
        except Exception as e:  # noqa: BLE001 - one odd item must not take the feed with it
            yield IngestProblem(where, f"feed item {n}: cannot read it: {type(e).__name__}: "
                                       f"{str(e)[:200]}")


def _entry(
    entry: Any, n: int, where: str, feed_title: str | None, settings: Settings,
    client: Fetcher | None,
) -> Iterator[Item]:
    link = entry.get("link") or None
    title = entry.get("title") or None
    raw = dict.get  # the entry's own keys (feedparser's .get maps updated to published, warning)
    published = (
        iso_date(raw(entry, "published_parsed") or raw(entry, "updated_parsed"))
        or iso_date(raw(entry, "published") or raw(entry, "updated"))
    )
    source = (entry.get("source") or {}).get("title") or feed_title
    meta: dict[str, Any] = {"feed": where, "feed_item": n}
    for key in ("id", "author"):
        if entry.get(key):
            meta["guid" if key == "id" else key] = entry.get(key)
    if entry.get("tags"):
        meta["tags"] = [t.get("term") for t in entry["tags"] if t.get("term")]
    fields: dict[str, Any] = {"url": link, "title": title, "published": published,
                              "source": source}

    if settings.fetch_feed_items and client is not None and link:
        got = fetch(client, link, settings.max_fetch_bytes)
        if isinstance(got, IngestProblem):
            yield IngestProblem(link, f"feed item {n} of {where}: {got.reason}")
        else:
            page = page_draft(got, where)
            if isinstance(page, ArticleDraft):
                meta["fetched_url"] = got.url
                yield dataclasses.replace(page, metadata={**page.metadata, **meta}, **fields)
                return
            yield IngestProblem(link, f"feed item {n} of {where}: {page.reason}")
    content = _content(entry)
    if content is None:
        if title:  # a headline with no body is an article too: stored, clustered by its title
            yield ArticleDraft(body=title, body_kind="text", input=where, metadata=meta,
                               headline_only=True, **fields)
            return
        why = "no page was fetched" if settings.fetch_feed_items else "fetching is off"
        yield IngestProblem(where, f"feed item {n} has no title and no content ({why})")
        return
    body = (
        f"<html><head><title>{htmllib.escape(title or '')}</title></head>"
        f"<body><article>{content}</article></body></html>"
    )
    yield ArticleDraft(body=body, body_kind="html", input=where, metadata=meta, **fields)


def _content(entry: Any) -> str | None:
    """The item's fullest HTML: ``content:encoded``/Atom content, else the summary."""
    best = ""
    for c in entry.get("content") or []:
        value = c.get("value") or ""
        if len(value) > len(best):
            best = value if "html" in (c.get("type") or "html") else _paragraphs(value)
    summary = entry.get("summary") or ""
    if len(summary) > len(best):
        best = summary
    return best if best.strip() else None


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{htmllib.escape(p.strip())}</p>" for p in text.split("\n") if p.strip())
