"""Story reads: listings with filters and pages, and one story in the export contract."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, and_, exists, func, or_, select

from storyline.outlets import outlet_key, story_sources
from storyline.records import Article
from storyline.store import schema as S
from storyline.store.queries.brief import summary_section
from storyline.store.queries.entities_section import entities_section
from storyline.store.queries.events import events_section, timeline_section
from storyline.store.queries.positions import positions_section
from storyline.store.queries.quotes_numbers import numbers_section, quotes_section
from storyline.store.queries.records import Page, StoryFilter, StorySummary
from storyline.store.rows import PUBLISH_ORDER, light_article, row_to_article
from storyline.timeorder import utc_key

# The story's sections in the export contract, in order; a section without a function
# here is empty (its stage is not part of this build).
SECTION_ORDER = ("summary", "entities", "events", "quotes", "numbers", "positions", "timeline")
SECTIONS: dict[str, Callable[[Connection, list[Article]], list[dict[str, Any]]]] = {
    "summary": summary_section,
    "entities": entities_section,
    "events": events_section,
    "quotes": quotes_section,
    "numbers": numbers_section,
    "timeline": timeline_section,
    "positions": positions_section,
}
PLACE_TYPES = ("GPE", "LOC")


class StoryMerged(LookupError):
    """The story was merged into another (``into``)."""

    def __init__(self, story_id: str, into: str) -> None:
        super().__init__(f"story {story_id} was merged into {into}")
        self.story_id, self.into = story_id, into


def _mentions(story_id: Any, value: str, types: tuple[str, ...] | None) -> Any:
    """A condition: the story mentions the entity with this id, name or alias."""
    m, a, e, al = S.entity_mentions, S.articles, S.entities, S.entity_aliases
    named = select(al.c.entity_id).where(func.lower(al.c.alias) == value.strip().lower())
    ent = or_(m.c.entity_id == value.strip(), m.c.entity_id.in_(named))
    cond = [a.c.story_id == story_id, ent]
    if types:
        cond.append(m.c.entity_id.in_(select(e.c.id).where(e.c.type.in_(types))))
    return exists().where(m.c.article_id == a.c.id, *cond)


def _conditions(f: StoryFilter) -> list[Any]:
    t, a = S.stories, S.articles
    conds: list[Any] = [t.c.merged_into.is_(None)]
    if f.text:
        for word in f.text.lower().split():
            like = f"%{word}%"
            conds.append(or_(func.lower(t.c.title).like(like), exists().where(
                a.c.story_id == t.c.id, func.lower(a.c.title).like(like))))
    if f.since:
        conds.append(t.c.last_published >= (utc_key(f.since) or f.since))
    if f.until:
        until = utc_key(f.until) or f.until
        conds.append(t.c.first_published <= (until + "T99" if len(until) == 10 else until))
    if f.outlet:
        key = outlet_key(f.outlet)
        conds.append(exists().where(a.c.story_id == t.c.id, a.c.outlet == key))
    if f.entity:
        conds.append(_mentions(t.c.id, f.entity, None))
    if f.place:
        conds.append(_mentions(t.c.id, f.place, PLACE_TYPES))
    return conds


def _after(position: tuple[str | None, str]) -> Any:
    """Stories after ``(last_published, id)`` in the "recent" order (latest first, undated
    last, then by id)."""
    t = S.stories
    last, sid = position
    if last is None:
        return and_(t.c.last_published.is_(None), t.c.id > sid)
    return or_(t.c.last_published.is_(None), t.c.last_published < last,
               and_(t.c.last_published == last, t.c.id > sid))


def list_stories(conn: Connection, f: StoryFilter | None = None, limit: int | None = None,
                 offset: int = 0, order: str = "recent",
                 after: tuple[str | None, str] | None = None) -> Page[StorySummary]:
    """Live stories matching ``f``: ``order`` "recent" (latest article first) or "size"
    (most articles first), then by id. ``after`` (order "recent" only) starts the page after
    that keyset position (a page's ``after``) instead of at ``offset``: pages stay stable
    while new stories arrive."""
    t, a = S.stories, S.articles
    conds = _conditions(f or StoryFilter())
    total = int(conn.execute(select(func.count()).select_from(t).where(*conds)).scalar_one())
    size = (select(func.count()).where(a.c.story_id == t.c.id).scalar_subquery())
    if order == "size":
        if after is not None:
            raise ValueError("a keyset position works with order 'recent' only")
        keys: tuple[Any, ...] = (size.desc(), t.c.id)
    else:
        keys = (t.c.last_published.is_(None), t.c.last_published.desc(), t.c.id)
    q = select(t.c.id, t.c.title, t.c.last_published).where(*conds).order_by(*keys)
    if after is not None:
        q = q.where(_after(after))
    else:
        q = q.offset(offset)
    if limit is not None:
        q = q.limit(limit + 1)
    rows = conn.execute(q).all()
    more = limit is not None and len(rows) > limit
    rows = rows[:limit] if limit is not None else rows
    members = _members(conn, [r.id for r in rows])
    items = []
    for r in rows:
        arts = members.get(r.id, [])
        sources = story_sources(x.source for x in arts)
        first, last = _span(arts)
        items.append(StorySummary(r.id, r.title or "", first, last, len(arts), len(sources),
                                  tuple(sources)))
    position = (rows[-1].last_published, rows[-1].id) if more and order != "size" else None
    return Page(items, total, limit, offset, position)


# What story documents and listings read of an article: not its body, text or metadata
# (sections read their own tables), so a story's members stay small in memory.
_LIGHT = [c for c in S.articles.c if c.name not in ("body", "text", "metadata")]


def _members(conn: Connection, story_ids: list[str]) -> dict[str, list[Article]]:
    """Each story's articles in publish order, without their body, text and metadata."""
    out: dict[str, list[Article]] = {}
    a = S.articles
    for i in range(0, len(story_ids), 500):
        q = (select(*_LIGHT).where(a.c.story_id.in_(story_ids[i:i + 500]))
             .order_by(*PUBLISH_ORDER))
        for row in conn.execute(q):
            out.setdefault(row.story_id, []).append(light_article(row))
    return out


def _span(articles: list[Article]) -> tuple[str | None, str | None]:
    """The first and last publish dates of articles in publish order, as their inputs gave them."""
    dated = [x for x in articles if x.published_utc]
    if not dated:
        return None, None
    return dated[0].published, dated[-1].published


def story_title(conn: Connection, story_id: str) -> str | None:
    """A live story's title (None for no such story, or one merged away)."""
    t = S.stories
    row = conn.execute(select(t.c.title, t.c.merged_into).where(t.c.id == story_id)).first()
    return None if row is None or row.merged_into else (row.title or "")


def story_articles(conn: Connection, story_id: str) -> list[Article]:
    a = S.articles
    q = select(a).where(a.c.story_id == story_id).order_by(*PUBLISH_ORDER)
    return [row_to_article(r) for r in conn.execute(q)]


def story_document(conn: Connection, story_id: str) -> dict[str, Any] | None:
    """One story in the export contract's shape; None when there is no such story.
    Raises :class:`StoryMerged` for a story merged into another."""
    row = conn.execute(select(S.stories).where(S.stories.c.id == story_id)).first()
    if row is None:
        return None
    if row.merged_into:
        raise StoryMerged(story_id, row.merged_into)
    return _document(conn, row, _members(conn, [story_id]).get(story_id, []))


def _document(conn: Connection, row: Any, articles: list[Article]) -> dict[str, Any]:
    first, last = _span(articles)
    story: dict[str, Any] = {
        "id": row.id,
        "title": row.title,
        "first_published": first,
        "last_published": last,
        "article_ids": [x.id for x in articles],
        "sources": story_sources(x.source for x in articles),
    }
    for key in SECTION_ORDER:
        section = SECTIONS.get(key)
        story[key] = section(conn, articles) if section is not None else []
    return story


def iter_story_documents(conn: Connection) -> Iterator[dict[str, Any]]:
    """Every live story in the export contract's shape, earliest first, one at a time (the
    memory held is one story's, whatever the store's size)."""
    t = S.stories
    ids = list(conn.execute(
        select(t.c.id).where(t.c.merged_into.is_(None))
        .order_by(t.c.first_published.is_(None), t.c.first_published, t.c.id)).scalars())
    for i in range(0, len(ids), 200):
        part = ids[i:i + 200]
        rows = {r.id: r for r in conn.execute(select(t).where(t.c.id.in_(part)))}
        members = _members(conn, part)
        for sid in part:
            yield _document(conn, rows[sid], members.get(sid, []))


__all__ = ["SECTIONS", "SECTION_ORDER", "StoryMerged", "iter_story_documents",
           "list_stories", "story_articles", "story_document", "story_title"]
