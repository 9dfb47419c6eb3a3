"""Article reads: listings in publish order, one article with its revisions, the export shape."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from storyline.records import Article
from storyline.store import schema as S
from storyline.store.articles import revisions
from storyline.store.queries.records import ArticleView
from storyline.store.rows import PUBLISH_ORDER, row_to_article


def article_document(a: Article) -> dict[str, Any]:
    """An article in the export contract's shape (and a few more fields)."""
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
        "headline_only": a.headline_only,
        "metadata": a.metadata,
    }


def get_article(conn: Connection, article_id: str, with_revisions: bool = False
                ) -> ArticleView | None:
    row = conn.execute(select(S.articles).where(S.articles.c.id == article_id)).first()
    if row is None:
        return None
    return ArticleView(row_to_article(row),
                       revisions(conn, article_id) if with_revisions else [])


def list_articles(conn: Connection, story_id: str | None = None, limit: int | None = None,
                  offset: int = 0) -> list[Article]:
    """Articles in publish order (true time, undated last, then id)."""
    q = select(S.articles).order_by(*PUBLISH_ORDER).offset(offset)
    if story_id is not None:
        q = q.where(S.articles.c.story_id == story_id)
    if limit is not None:
        q = q.limit(limit)
    return [row_to_article(r) for r in conn.execute(q)]


def iter_articles(conn: Connection, chunk: int = 500) -> Iterator[Article]:
    """Every article in publish order, read a page at a time (keyset pagination), so the
    memory held does not grow with the store."""
    a = S.articles
    last: tuple[str, str] | None = None
    while True:  # dated articles, by (published_utc, id)
        q = select(a).where(a.c.published_utc.is_not(None))
        if last is not None:
            q = q.where(or_(a.c.published_utc > last[0],
                            and_(a.c.published_utc == last[0], a.c.id > last[1])))
        rows = conn.execute(q.order_by(a.c.published_utc, a.c.id).limit(chunk)).all()
        yield from (row_to_article(r) for r in rows)
        if len(rows) < chunk:
            break
        last = (rows[-1].published_utc, rows[-1].id)
    after: str | None = None
    while True:  # then the undated, by id
        q = select(a).where(a.c.published_utc.is_(None))
        if after is not None:
            q = q.where(a.c.id > after)
        rows = conn.execute(q.order_by(a.c.id).limit(chunk)).all()
        yield from (row_to_article(r) for r in rows)
        if len(rows) < chunk:
            break
        after = rows[-1].id


def export_counts(conn: Connection) -> tuple[int, int]:
    """(articles, live stories): what a whole-store export writes."""
    n_articles = conn.execute(select(func.count()).select_from(S.articles)).scalar_one()
    t = S.stories
    n_stories = conn.execute(select(func.count()).select_from(t)
                             .where(t.c.merged_into.is_(None))).scalar_one()
    return int(n_articles), int(n_stories)
