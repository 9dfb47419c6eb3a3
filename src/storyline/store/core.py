"""The store: one interface over embedded SQLite (default, WAL) and PostgreSQL.

Library code talks to the store only through :class:`Store`, the query layer
(:mod:`storyline.store.queries`) and the tables in :mod:`storyline.store.schema`; the
URL decides the backend: ``storyline.db`` or ``sqlite:///path`` for SQLite,
``postgresql://...`` for PostgreSQL.

Transactions: :meth:`Store.begin` is a write transaction. On SQLite it starts with
``BEGIN IMMEDIATE``, so the write lock is taken before anything is read: two processes
writing one file queue up (``busy_timeout``) instead of failing half-way, and what a
transaction reads (which ids exist) stays true until it commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, select, update
from sqlalchemy.exc import SQLAlchemyError

from storyline.errors import StoreError
from storyline.outlets import outlet_key
from storyline.records import Article, ArticleDraft, IngestProblem
from storyline.store import articles as store_articles
from storyline.store import runs, sqlite
from storyline.store import schema as S
from storyline.store.migrations import upgrade
from storyline.store.retry import retrying
from storyline.store.rows import PUBLISH_ORDER, row_to_article
from storyline.timeorder import utc_key, utcnow

__all__ = ["Store", "engine_url", "open_store", "utcnow"]

def engine_url(db: str) -> str:
    """Turn a path or URL into an SQLAlchemy URL (psycopg 3 for PostgreSQL)."""
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    return "sqlite:///" + db


class Store:
    """A storyline store. Use :func:`open_store` to get one."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    # -- lifecycle -----------------------------------------------------------
    def create(self) -> None:
        """Create a new store, or bring an older one to the current schema."""
        upgrade(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One write transaction: everything written inside commits together or not at all."""
        with self.engine.connect() as conn:
            if self.is_sqlite:
                conn.info[sqlite.BEGIN_KEY] = "BEGIN IMMEDIATE"
            with conn.begin():
                yield conn

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for reading (its first statement opens a read transaction)."""
        with self.engine.connect() as conn:
            yield conn

    # -- articles ------------------------------------------------------------
    def add_articles(self, conn: Connection,
                     drafts: Sequence[tuple[str, ArticleDraft]]) -> list[store_articles.Stored]:
        """Store drafts under their ids (see :func:`storyline.store.articles.add_articles`)."""
        return store_articles.add_articles(conn, drafts)

    def update_article(self, conn: Connection, article_id: str, **values: Any) -> None:
        if "published" in values:
            values["published_utc"] = utc_key(values["published"])
        if "source" in values:
            values["outlet"] = outlet_key(values["source"])
        conn.execute(update(S.articles).where(S.articles.c.id == article_id).values(**values))

    def get_article(self, article_id: str, conn: Connection | None = None) -> Article | None:
        q = select(S.articles).where(S.articles.c.id == article_id)
        if conn is not None:
            row = conn.execute(q).first()
        else:
            with self.connect() as c:
                row = c.execute(q).first()
        return row_to_article(row) if row is not None else None

    def articles(
        self,
        ids: Sequence[str] | None = None,
        conn: Connection | None = None,
        story_id: str | None = None,
    ) -> list[Article]:
        """Articles in publish order (true time, undated last, then by id); all when ``ids``
        is None, else those ids in the order given."""
        q = select(S.articles).order_by(*PUBLISH_ORDER)
        if story_id is not None:
            q = q.where(S.articles.c.story_id == story_id)
        if ids is not None:
            out: list[Article] = []
            for i in range(0, len(ids), 500):
                out.extend(self._fetch(q.where(S.articles.c.id.in_(ids[i : i + 500])), conn))
            key = {a: n for n, a in enumerate(ids)}
            return sorted(out, key=lambda a: key[a.id])
        return self._fetch(q, conn)

    def _fetch(self, q: Any, conn: Connection | None) -> list[Article]:
        if conn is not None:
            return [row_to_article(r) for r in conn.execute(q)]
        with self.connect() as c:
            return [row_to_article(r) for r in c.execute(q)]

    def count_articles(self) -> int:
        with self.connect() as c:
            return int(c.execute(select(func.count()).select_from(S.articles)).scalar_one())

    # -- stage bookkeeping (see storyline.store.runs) -------------------------
    def pending(self, stage: str, requires: Sequence[str] = (), retry_failed: bool = False) -> list[str]:
        with self.connect() as c:
            return runs.pending_articles(c, stage, requires, retry_failed)

    def mark(self, conn: Connection, stage: str, ids: Iterable[str], status: str = "done",
             detail: str | None = None) -> None:
        runs.mark_articles(conn, stage, ids, status, detail)

    def stage_counts(self) -> dict[str, dict[str, int]]:
        with self.connect() as c:
            return runs.stage_counts(c)

    # -- problems ------------------------------------------------------------
    def record_problems(self, conn: Connection, problems: Sequence[IngestProblem]) -> None:
        store_articles.record_problems(conn, problems)

    def table_counts(self) -> dict[str, int]:
        out = {}
        with self.connect() as c:
            for t in S.metadata.sorted_tables:
                out[t.name] = int(c.execute(select(func.count()).select_from(t)).scalar_one())
        return out


def open_store(db: str, create: bool = True, busy_timeout: float = sqlite.BUSY_TIMEOUT) -> Store:
    """Open (and by default create or upgrade) the store at a path or URL. ``busy_timeout``:
    how long an SQLite statement waits for another process's lock before it fails (and its
    transaction is tried again, see :mod:`storyline.store.retry`)."""
    url = engine_url(db)
    try:
        engine = create_engine(url, future=True)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", partial(sqlite.on_connect, busy_timeout=busy_timeout))
            event.listen(engine, "begin", sqlite.on_begin)
        store = Store(engine, url)
        if create:
            retrying(store.create, what="creating or upgrading the store")
        return store
    except (SQLAlchemyError, ImportError, OSError) as e:
        raise StoreError(f"cannot open store {db!r}: {e}") from e
