"""The store: one interface over embedded SQLite (default, WAL) and PostgreSQL.

Library code talks to the store only through :class:`Store` and the tables in
:mod:`storyline.store.schema`; the URL decides the backend:
``storyline.db`` or ``sqlite:///path`` for SQLite, ``postgresql://...`` for PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from storyline.errors import StoreError
from storyline.records import Article, ArticleDraft, IngestProblem
from storyline.store import schema as S


def utcnow() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def engine_url(db: str) -> str:
    """Turn a path or URL into an SQLAlchemy URL (psycopg 3 for PostgreSQL)."""
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    return "sqlite:///" + db


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _row_to_article(row: Any) -> Article:
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
        language=m["language"],
        duplicate_of=m["duplicate_of"],
        story_id=m["story_id"],
        ingested_at=m["ingested_at"],
        metadata=dict(m["metadata"] or {}),
    )


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
        S.metadata.create_all(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One transaction: everything written inside commits together or not at all."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    # -- articles ------------------------------------------------------------
    def existing_ids(self, conn: Connection, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            found.update(conn.execute(select(S.articles.c.id).where(S.articles.c.id.in_(chunk))).scalars())
        return found

    def add_articles(self, conn: Connection, drafts: Sequence[tuple[str, ArticleDraft]]) -> list[str]:
        """Insert drafts under the given ids; ids already stored are left untouched.

        Returns the ids that were added.
        """
        present = self.existing_ids(conn, (i for i, _ in drafts))
        now = utcnow()
        rows = []
        seen: set[str] = set()
        for aid, d in drafts:
            if aid in present or aid in seen:
                continue
            seen.add(aid)
            rows.append(
                {
                    "id": aid,
                    "input": d.input,
                    "line": d.line,
                    "body": d.body,
                    "body_kind": d.body_kind,
                    "encoding": d.encoding,
                    "text": "",
                    "source": d.source,
                    "url": d.url,
                    "title": d.title,
                    "published": d.published,
                    "ingested_at": now,
                    "metadata": d.metadata,
                }
            )
        if rows:
            conn.execute(insert(S.articles), rows)
        return [str(r["id"]) for r in rows]

    def update_article(self, conn: Connection, article_id: str, **values: Any) -> None:
        conn.execute(update(S.articles).where(S.articles.c.id == article_id).values(**values))

    def get_article(self, article_id: str, conn: Connection | None = None) -> Article | None:
        q = select(S.articles).where(S.articles.c.id == article_id)
        if conn is not None:
            row = conn.execute(q).first()
        else:
            with self.connect() as c:
                row = c.execute(q).first()
        return _row_to_article(row) if row is not None else None

    def articles(
        self,
        ids: Sequence[str] | None = None,
        conn: Connection | None = None,
        story_id: str | None = None,
    ) -> list[Article]:
        """Articles in publish order (undated last, then by id); all when ``ids`` is None."""
        order = (S.articles.c.published.is_(None), S.articles.c.published, S.articles.c.id)
        q = select(S.articles).order_by(*order)
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
            return [_row_to_article(r) for r in conn.execute(q)]
        with self.connect() as c:
            return [_row_to_article(r) for r in c.execute(q)]

    def count_articles(self) -> int:
        with self.connect() as c:
            return int(c.execute(select(func.count()).select_from(S.articles)).scalar_one())

    # -- stage bookkeeping ---------------------------------------------------
    def pending(self, stage: str, requires: Sequence[str] = ()) -> list[str]:
        """Ids of articles not yet run through ``stage`` whose required stages are done,
        in publish order."""
        a, r = S.articles, S.stage_runs
        done_here = select(r.c.article_id).where(r.c.stage == stage)
        q = select(a.c.id).where(a.c.id.not_in(done_here))
        for req in requires:
            q = q.where(
                a.c.id.in_(select(r.c.article_id).where(r.c.stage == req, r.c.status == "done"))
            )
        q = q.order_by(a.c.published.is_(None), a.c.published, a.c.id)
        with self.connect() as c:
            return list(c.execute(q).scalars())

    def mark(self, conn: Connection, stage: str, ids: Iterable[str], status: str = "done",
             detail: str | None = None) -> None:
        ids = list(ids)
        if not ids:
            return
        r = S.stage_runs
        conn.execute(r.delete().where(r.c.stage == stage, r.c.article_id.in_(ids)))
        now = utcnow()
        conn.execute(
            insert(r),
            [{"article_id": i, "stage": stage, "status": status, "detail": detail, "at": now} for i in ids],
        )

    def reset_stage(self, conn: Connection, stage: str) -> None:
        conn.execute(S.stage_runs.delete().where(S.stage_runs.c.stage == stage))

    def stage_counts(self) -> dict[str, dict[str, int]]:
        r = S.stage_runs
        q = select(r.c.stage, r.c.status, func.count()).group_by(r.c.stage, r.c.status)
        out: dict[str, dict[str, int]] = {}
        with self.connect() as c:
            for stage, status, n in c.execute(q):
                out.setdefault(stage, {})[status] = int(n)
        return out

    # -- problems ------------------------------------------------------------
    def record_problems(self, conn: Connection, problems: Sequence[IngestProblem]) -> None:
        """Record problems; one already recorded (same where, line, reason) is not added again."""
        if not problems:
            return
        t = S.ingest_problems
        wheres = sorted({p.where for p in problems})
        known: set[tuple[str, int | None, str]] = set()
        for i in range(0, len(wheres), 500):
            q = select(t.c.where, t.c.line, t.c.reason).where(t.c.where.in_(wheres[i : i + 500]))
            known.update((w, ln, r) for w, ln, r in conn.execute(q))
        now = utcnow()
        rows = []
        for p in problems:
            if (p.where, p.line, p.reason) not in known:
                known.add((p.where, p.line, p.reason))
                rows.append({"where": p.where, "line": p.line, "reason": p.reason, "at": now})
        if rows:
            conn.execute(insert(t), rows)

    def table_counts(self) -> dict[str, int]:
        out = {}
        with self.connect() as c:
            for t in S.metadata.sorted_tables:
                out[t.name] = int(c.execute(select(func.count()).select_from(t)).scalar_one())
        return out


def open_store(db: str, create: bool = True) -> Store:
    """Open (and by default create) the store at a path or URL."""
    url = engine_url(db)
    try:
        engine = create_engine(url, future=True)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = Store(engine, url)
        if create:
            store.create()
        return store
    except (SQLAlchemyError, ImportError, OSError) as e:
        raise StoreError(f"cannot open store {db!r}: {e}") from e
