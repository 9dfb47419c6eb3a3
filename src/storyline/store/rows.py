"""Rows of the store as records, and the publish order every listing shares."""

from __future__ import annotations

from typing import Any

from storyline.records import Article
from storyline.store import schema as S

# Publish order: true time (UTC), undated last; ties (undated articles, one date) in
# arrival order, the order their inputs gave them; then id.
PUBLISH_ORDER = (S.articles.c.published_utc.is_(None), S.articles.c.published_utc,
                 S.articles.c.arrival, S.articles.c.id)


def row_to_article(row: Any) -> Article:
    m = row._mapping
    return Article(
        id=m["id"],
        input=m["input"],
        line=m["line"],
        body=m["body"],
        body_kind=m["body_kind"],
        text=m["text"] or "",
        source=m["source"],
        url=m["url"],
        title=m["title"],
        published=m["published"],
        published_utc=m["published_utc"],
        headline_only=bool(m["headline_only"]),
        language=m["language"],
        duplicate_of=m["duplicate_of"],
        story_id=m["story_id"],
        ingested_at=m["ingested_at"],
        metadata=dict(m["metadata"] or {}),
    )


def light_article(row: Any) -> Article:
    """An article from a row read without its body, text and metadata."""
    m = row._mapping
    return Article(
        id=m["id"], input=m["input"], line=m["line"], body="", body_kind=m["body_kind"],
        source=m["source"], url=m["url"], title=m["title"], published=m["published"],
        published_utc=m["published_utc"], headline_only=bool(m["headline_only"]),
        language=m["language"], duplicate_of=m["duplicate_of"], story_id=m["story_id"],
        ingested_at=m["ingested_at"],
    )
