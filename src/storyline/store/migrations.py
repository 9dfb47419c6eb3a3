"""Numbered schema migrations, run on SQLite and PostgreSQL alike.

A store records its schema version in ``store_meta``. A store with no version but an
``articles`` table was written before numbered migrations: version 1. Opening a store
brings it to :data:`storyline.store.schema.SCHEMA_VERSION`, keeping its data: a new
store is created at the latest version; an older one runs each later migration in
order, all in one transaction, under an exclusive lock (``BEGIN IMMEDIATE`` on SQLite,
an advisory transaction lock on PostgreSQL), so two processes opening one store at once
neither fail nor migrate it twice. A store newer than this storyline is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    MetaData,
    Table,
    bindparam,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.schema import CreateTable

from storyline.errors import StoreError
from storyline.outlets import outlet_key
from storyline.store import schema as S
from storyline.store import sqlite
from storyline.timeorder import utc_key

VERSION_KEY = "schema_version"
_PG_LOCK = 0x73746F72  # any constant: the advisory lock that serialises migrations


def current_version(conn: Connection) -> int:
    tables = set(inspect(conn).get_table_names())
    if "store_meta" in tables:
        m = S.store_meta
        value = conn.execute(select(m.c.value).where(m.c.key == VERSION_KEY)).scalar()
        if value is not None:
            return int(value)
    return 1 if "articles" in tables else 0


def _set_version(conn: Connection, version: int) -> None:
    m = S.store_meta
    conn.execute(m.delete().where(m.c.key == VERSION_KEY))
    conn.execute(m.insert(), {"key": VERSION_KEY, "value": str(version)})


@contextmanager
def _exclusive(engine: Engine) -> Iterator[Connection]:
    """A transaction no other process can run beside; on SQLite with foreign keys off while
    tables are rebuilt, then checked before the commit."""
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
            yield conn
        return
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction, as SQLite needs
        try:
            conn.info[sqlite.BEGIN_KEY] = "BEGIN IMMEDIATE"
            with conn.begin():
                yield conn
                bad = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                if bad:
                    raise StoreError(f"migration left rows pointing at missing rows: {bad[:5]}")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def upgrade(engine: Engine) -> list[int]:
    """Create the store, or migrate it to the current version; returns the versions applied."""
    latest = S.SCHEMA_VERSION
    with engine.connect() as conn:
        version = current_version(conn)
    if version == latest:
        return []
    if version > latest:
        raise StoreError(f"this store has schema version {version}, newer than this storyline "
                         f"knows ({latest}): upgrade storyline")
    applied = []
    with _exclusive(engine) as conn:
        version = current_version(conn)  # another process may have done it meanwhile
        if version == 0:
            S.metadata.create_all(conn)
            _set_version(conn, latest)
            return []
        for number, _what, step in MIGRATIONS:
            if number > version:
                step(conn)
                _set_version(conn, number)
                applied.append(number)
    return applied


# -- helpers ---------------------------------------------------------------------------
def _q(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


def rebuild_sqlite_table(conn: Connection, table: Table) -> None:
    """Give an SQLite table its current definition (columns, constraints, indexes), keeping
    the rows of the columns it shares with the old one (SQLite's 12-step ALTER TABLE)."""
    old = {c["name"] for c in inspect(conn).get_columns(table.name)}
    cols = ", ".join(_q(conn, c.name) for c in table.columns if c.name in old)
    tmp = f"_new_{table.name}"
    ddl = str(CreateTable(table).compile(dialect=conn.dialect))
    head = f"CREATE TABLE {table.name} ("
    if head not in ddl:
        raise StoreError(f"cannot rebuild table {table.name}: unexpected DDL")
    conn.exec_driver_sql(ddl.replace(head, f"CREATE TABLE {tmp} (", 1))
    conn.exec_driver_sql(f"INSERT INTO {tmp} ({cols}) SELECT {cols} FROM {table.name}")
    conn.exec_driver_sql(f"DROP TABLE {table.name}")
    conn.exec_driver_sql(f"ALTER TABLE {tmp} RENAME TO {table.name}")
    for index in table.indexes:
        index.create(conn)


def _reflect(conn: Connection, name: str) -> Table:
    return Table(name, MetaData(), autoload_with=conn)


# -- migration 2 -----------------------------------------------------------------------
def _m2(conn: Connection) -> None:
    """UTC publish order, the headline-only flag, story revisions and story-level runs,
    article revisions, leases, foreign keys (duplicate_of, story_id, speaker entities),
    entity aliases and roles as tables instead of growing JSON lists."""
    for t in (S.store_meta, S.story_runs, S.article_revisions, S.locks, S.entity_aliases,
              S.entity_roles):
        t.create(conn, checkfirst=True)
    aliases, roles, attrs = _entity_lists(conn)
    _drop_dangling(conn)
    if conn.dialect.name == "sqlite":
        for t in (S.articles, S.entities, S.quotes):
            rebuild_sqlite_table(conn, t)
        conn.exec_driver_sql("ALTER TABLE stories ADD COLUMN revision INTEGER DEFAULT 0 NOT NULL")
    else:
        for ddl in (
            "ALTER TABLE articles ADD COLUMN published_utc VARCHAR(32)",
            "ALTER TABLE articles ADD COLUMN outlet VARCHAR",
            "ALTER TABLE articles ADD COLUMN headline_only BOOLEAN DEFAULT false NOT NULL",
            "ALTER TABLE stories ADD COLUMN revision INTEGER DEFAULT 0 NOT NULL",
            "ALTER TABLE articles ADD FOREIGN KEY (duplicate_of) REFERENCES articles (id) "
            "DEFERRABLE INITIALLY DEFERRED",
            "ALTER TABLE articles ADD FOREIGN KEY (story_id) REFERENCES stories (id) "
            "DEFERRABLE INITIALLY DEFERRED",
            "ALTER TABLE quotes ADD FOREIGN KEY (speaker_entity_id) REFERENCES entities (id) "
            "DEFERRABLE INITIALLY DEFERRED",
            "ALTER TABLE entities DROP COLUMN aliases",
            "DROP INDEX IF EXISTS ix_articles_published",
        ):
            conn.exec_driver_sql(ddl)
        for index in S.articles.indexes:
            if index.name in ("ix_articles_published", "ix_articles_outlet"):
                index.create(conn)
    _utc_dates(conn)
    for eid, values in attrs.items():
        conn.execute(update(S.entities).where(S.entities.c.id == eid).values(attributes=values))
    if aliases:
        conn.execute(S.entity_aliases.insert(), aliases)
    if roles:
        conn.execute(S.entity_roles.insert(), roles)


def _entity_lists(conn: Connection) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                              dict[str, dict[str, Any]]]:
    """The rows ``entities.aliases`` and ``attributes.roles`` become, and the attributes
    left without roles."""
    old = _reflect(conn, "entities")
    if "aliases" not in old.c:
        return [], [], {}
    articles = set(conn.execute(select(S.articles.c.id)).scalars())
    sent_idx = {(a, t): i for a, i, t in conn.execute(
        select(S.sentences.c.article_id, S.sentences.c.idx, S.sentences.c.text))}
    aliases, roles, attrs = [], [], {}
    for eid, name, alias_list, attributes in conn.execute(
            select(old.c.id, old.c.name, old.c.aliases, old.c.attributes).order_by(old.c.id)):
        for alias in sorted(set(alias_list or []) | {name}):
            aliases.append({"entity_id": eid, "alias": alias})
        attributes = dict(attributes or {})
        for r in attributes.pop("roles", None) or []:
            aid, sentence = r.get("article_id"), r.get("sentence") or ""
            if aid in articles and r.get("role"):
                roles.append({"entity_id": eid, "article_id": aid, "role": r["role"],
                              "sentence": sentence,
                              "sentence_idx": sent_idx.get((aid, sentence), -1)})
        attrs[eid] = attributes
    return aliases, roles, attrs


def _drop_dangling(conn: Connection) -> None:
    """Links to rows that are not there (none are expected) are cleared before the foreign
    keys that forbid them exist."""
    a, st, q, e = S.articles, S.stories, S.quotes, S.entities
    conn.execute(update(a).where(a.c.story_id.is_not(None), a.c.story_id.not_in(select(st.c.id)))
                 .values(story_id=None))
    conn.execute(update(a).where(a.c.duplicate_of.is_not(None),
                                 a.c.duplicate_of.not_in(select(a.c.id).scalar_subquery()))
                 .values(duplicate_of=None))
    conn.execute(update(q).where(q.c.speaker_entity_id.is_not(None),
                                 q.c.speaker_entity_id.not_in(select(e.c.id)))
                 .values(speaker_entity_id=None))


def _utc_dates(conn: Connection) -> None:
    """``published_utc`` and ``outlet`` for every article; stories' spans (row and engine
    state) as UTC keys."""
    a, t = S.articles, S.stories
    rows = conn.execute(select(a.c.id, a.c.published, a.c.story_id, a.c.source)).all()
    span: dict[str, list[str]] = {}
    for aid, published, story_id, source in rows:
        key = utc_key(published)
        conn.execute(update(a).where(a.c.id == aid).values(published_utc=key,
                                                           outlet=outlet_key(source)))
        if key is not None:
            if story_id:
                span.setdefault(story_id, []).append(key)
    for sid, state in conn.execute(select(t.c.id, t.c.state)).all():
        keys = span.get(sid)
        first, last = (min(keys), max(keys)) if keys else (None, None)
        state = dict(state or {})
        state.update(first_published=first, last_published=last)
        conn.execute(update(t).where(t.c.id == sid).values(
            first_published=first, last_published=last, state=state))


# -- migration 3 -----------------------------------------------------------------------
def _m3_attributions(conn: Connection) -> None:
    """Attributions in the broad sense, per article (the enrich stage writes them)."""
    S.attributions.create(conn, checkfirst=True)


# -- migration 4 -----------------------------------------------------------------------
def _m4_events(conn: Connection) -> None:
    """PLOVER event mentions (written by the enrich stage from now on; articles enriched
    before have none until they are enriched again)."""
    S.event_mentions.create(conn, checkfirst=True)


# -- migration 5 -----------------------------------------------------------------------
def _m5_briefs(conn: Connection) -> None:
    """The brief stage's table (each story's cited brief)."""
    S.story_briefs.create(conn, checkfirst=True)


# -- migration 6 -----------------------------------------------------------------------
def _m6_corroborate(conn: Connection) -> None:
    """Figures' kind, range and holder (numbers), and the corroborate stage's groups of
    figures and quotes. Stored figures keep no kind until enrich runs on them again; the
    stage groups them by what they count meanwhile."""
    have = {c["name"] for c in inspect(conn).get_columns("numbers")}
    for name, kind in (("kind", "TEXT"), ("high", "FLOAT"), ("holder", "TEXT")):
        if name not in have:
            conn.exec_driver_sql(f"ALTER TABLE numbers ADD COLUMN {name} {kind}")
    for t in (S.number_groups, S.number_group_members, S.quote_groups, S.quote_group_members):
        t.create(conn, checkfirst=True)


# -- migration 7 -----------------------------------------------------------------------
def _m7_story_events(conn: Connection) -> None:
    """Story events and their mentions (the events stage writes them; stories processed
    before have none until the stage runs on them, which it does for every story), and
    ``event_mentions.date_reported`` (false for mentions stored before)."""
    columns = {c["name"] for c in inspect(conn).get_columns("event_mentions")}
    if "date_reported" not in columns:
        default = "0" if conn.dialect.name == "sqlite" else "false"
        conn.exec_driver_sql("ALTER TABLE event_mentions ADD COLUMN date_reported BOOLEAN "
                             f"DEFAULT {default} NOT NULL")
    S.story_events.create(conn, checkfirst=True)
    S.story_event_mentions.create(conn, checkfirst=True)


# -- migration 8 -----------------------------------------------------------------------
def _m8_positions(conn: Connection) -> None:
    """Stated positions: per article (the enrich stage writes them; articles enriched
    before have none until they are enriched again) and grouped per story (the
    ``positions`` stage)."""
    S.position_mentions.create(conn, checkfirst=True)
    S.story_positions.create(conn, checkfirst=True)


# -- migration 9 -----------------------------------------------------------------------
def _m9_ingest_problems_index(conn: Connection) -> None:
    """An index on ingest problems by (where, line): recording problems stays linear."""
    for index in S.ingest_problems.indexes:
        index.create(conn, checkfirst=True)


# -- migration 10 ----------------------------------------------------------------------
def _m10_arrival(conn: Connection) -> None:
    """``articles.arrival``: the order articles came in, which breaks publish-time ties (an
    undated file is taken in its own order, not by id). Stored articles are numbered by
    when they came in, then id."""
    columns = {c["name"] for c in inspect(conn).get_columns("articles")}
    if "arrival" not in columns:
        conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN arrival BIGINT")
    a = S.articles
    ids = list(conn.execute(select(a.c.id).order_by(a.c.ingested_at, a.c.id)).scalars())
    for start in range(0, len(ids), 1000):
        conn.execute(update(a).where(a.c.id == bindparam("aid")).values(arrival=bindparam("n")),
                     [{"aid": aid, "n": start + i + 1}
                      for i, aid in enumerate(ids[start:start + 1000])])
    if conn.dialect.name != "sqlite":  # deferred foreign-key checks must fire before an index
        conn.exec_driver_sql("SET CONSTRAINTS ALL IMMEDIATE")
    for index in a.indexes:
        if index.name in ("ix_articles_order", "ix_articles_arrival"):
            index.create(conn, checkfirst=True)


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (2, "UTC order, headline-only, story revisions and runs, revisions, leases, foreign keys, "
        "entity aliases and roles tables", _m2),
    (3, "attributions", _m3_attributions),
    (4, "event mentions", _m4_events),
    (5, "story briefs", _m5_briefs),
    (6, "numbers kind, high and holder; corroborate groups of figures and quotes",
     _m6_corroborate),
    (7, "story events", _m7_story_events),
    (8, "positions", _m8_positions),
    (9, "ingest problems indexed by (where, line)", _m9_ingest_problems_index),
    (10, "articles in arrival order", _m10_arrival),
]
