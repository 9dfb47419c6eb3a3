"""The reader for URLs: an article page, or an RSS/Atom feed whose items are read in turn."""

from __future__ import annotations

from collections.abc import Iterator

from storyline.ingest.feeds import feed_items
from storyline.ingest.web import fetch, http_client, is_feed, page_draft
from storyline.records import ArticleDraft, IngestProblem
from storyline.settings import Settings

Item = ArticleDraft | IngestProblem


def read_url(where: str, settings: Settings) -> Iterator[Item]:
    """A URL: an article page, or an RSS/Atom feed (whose items are read in turn)."""
    with http_client(settings) as client:
        got = fetch(client, where, settings.max_fetch_bytes)
        if isinstance(got, IngestProblem):
            yield got
            return
        if is_feed(got):
            yield from feed_items(got.data, where, settings, client)
            return
        yield page_draft(got, where)  # its size is checked with every other draft's
