"""Exports in the SPEC contract (``storyline.export/1``): JSON, JSONL and CSV.

The JSON document is built from the store by :func:`build_export`; each later
stage contributes its part of ``stories[]`` through :data:`STORY_SECTIONS`.
"""

from __future__ import annotations

import csv
import importlib
import json
from collections.abc import Callable
from typing import Any, TextIO

from sqlalchemy import Connection, select

from storyline.outlets import story_sources
from storyline.records import Article
from storyline.store import Store
from storyline.store import schema as S

SCHEMA = "storyline.export/1"

# Story sections filled by stages: key -> "module:function(store, conn, story, articles) -> list".
STORY_SECTIONS: dict[str, str] = {
    "entities": "storyline.enrich.export_entities:story_entities",
    "quotes": "storyline.enrich.export_sections:quotes_section",
    "numbers": "storyline.enrich.export_sections:numbers_section",
}
EMPTY_SECTIONS = ("summary", "entities", "events", "quotes", "numbers", "positions", "timeline")


def article_json(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "source": a.source,
        "url": a.url,
        "title": a.title,
        "published": a.published,
        "text": a.text,
        "duplicate_of": a.duplicate_of,
        "story_id": a.story_id,
        "input": a.input if a.line is None else f"{a.input}:{a.line}",
        "language": a.language,
        "metadata": a.metadata,
    }


def _section(name: str) -> Callable[..., list[dict[str, Any]]]:
    module, _, fn = STORY_SECTIONS[name].partition(":")
    return getattr(importlib.import_module(module), fn)  # type: ignore[no-any-return]


def story_json(store: Store, conn: Connection, row: Any, articles: list[Article]) -> dict[str, Any]:
    m = row._mapping
    story: dict[str, Any] = {
        "id": m["id"],
        "title": m["title"],
        "first_published": m["first_published"],
        "last_published": m["last_published"],
        "article_ids": [a.id for a in articles],
        "sources": story_sources(a.source for a in articles),
    }
    for key in EMPTY_SECTIONS:
        story[key] = _section(key)(store, conn, story, articles) if key in STORY_SECTIONS else []
    return story


def build_export(store: Store) -> dict[str, Any]:
    """The whole store as one ``storyline.export/1`` document."""
    with store.connect() as conn:
        articles = store.articles(conn=conn)
        by_story: dict[str, list[Article]] = {}
        for a in articles:
            if a.story_id:
                by_story.setdefault(a.story_id, []).append(a)
        rows = conn.execute(
            select(S.stories).where(S.stories.c.merged_into.is_(None)).order_by(
                S.stories.c.first_published, S.stories.c.id
            )
        ).all()
        stories = [story_json(store, conn, r, by_story.get(r.id, [])) for r in rows]
    return {"schema": SCHEMA, "articles": [article_json(a) for a in articles], "stories": stories}


def write_json(store: Store, out: TextIO) -> None:
    json.dump(build_export(store), out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_jsonl(store: Store, out: TextIO) -> None:
    """One article per line, in the contract's article shape."""
    for a in store.articles():
        out.write(json.dumps(article_json(a), ensure_ascii=False) + "\n")


CSV_FIELDS = ("id", "source", "url", "title", "published", "story_id", "duplicate_of", "input", "language", "text")


def write_csv(store: Store, out: TextIO) -> None:
    w = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    w.writeheader()
    for a in store.articles():
        w.writerow(article_json(a))


WRITERS: dict[str, Callable[[Store, TextIO], None]] = {
    "json": write_json,
    "jsonl": write_jsonl,
    "csv": write_csv,
}
