"""What changed in an SQLite store, story by story and article by article, for caches of
read answers (:mod:`storyline.api.cache`).

Triggers on the tables the reads show keep one small table, ``cache_changes``: one row
per thing changed, ``key`` ("s:<story id>", "a:<article id>", "l" for a change the story
listings and the entity search show, "*" for a change of a table this module does not
know) and ``seq``,
a number that grows with every change (the largest so far, plus one). Any process's
write fires them, in the same transaction as the write, so a reader that remembers the
largest ``seq`` it has seen learns exactly what changed since with one query
(:func:`changes_since`).

What a row of each table changes:

- ``stories``: that story, and each of its articles (an article page shows its story's
  title);
- ``articles``: that article and the stories it was in and is in;
- a table with a ``story_id`` column (a story-level stage's results): that story;
- a table with an ``article_id`` column (per-article results): that article and its story;
- ``entities`` and ``entity_aliases``: a new entity only the listings and the entity search
  ("l"); a renamed, moved or newly spelled one also every article and story that mentions
  it and every story with an event placed there;
- and ``stories``, ``articles``, ``entities``, ``entity_aliases`` and ``entity_mentions``
  (:data:`LISTED`, what the listings filter and show): "l" too;
- bookkeeping (:data:`BOOKKEEPING`: which stage ran on what, locks, the clustering's
  and dedupe's own indexes): nothing, since no read answer shows it;
- any other table: everything ("*").

Installed by :func:`install` (``storyline serve`` on an SQLite file, the only place the
table is read); PostgreSQL stores have none. The table holds one row per story, article
and key changed, not one per write.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sqlalchemy import Table

from storyline.store import Store
from storyline.store import schema as S

TABLE = "cache_changes"
TRIGGER_PREFIX = "cache_changes_"
EVERYTHING = "*"
LISTING = "l"

# The tables the story listings (title, dates, articles, outlets; filters by words, outlet,
# entity, place) and the entity search read.
LISTED = frozenset({"stories", "articles", "entities", "entity_aliases", "entity_mentions"})

# Tables no read answer shows: writes to them change nothing a cache keeps.
BOOKKEEPING = frozenset({
    "stage_runs", "story_runs", "store_meta", "locks", "ingest_problems", "line_counts",
    "story_log", "dedupe_signatures", "dedupe_bands", "story_terms", "story_meta",
})


def story_key(story_id: str) -> str:
    return f"s:{story_id}"


def article_key(article_id: str) -> str:
    return f"a:{article_id}"


def _keys(table: Table, row: str) -> list[str]:
    """SELECTs (one column ``k``) of the keys a row (``NEW`` or ``OLD``) of ``table`` changes."""
    keys = _own_keys(table, row)
    return [f"SELECT '{LISTING}' AS k", *keys] if table.name in LISTED else keys


def _own_keys(table: Table, row: str) -> list[str]:
    name = table.name
    if name == "stories":
        return [f"SELECT 's:' || {row}.id AS k",
                f"SELECT 'a:' || id FROM articles WHERE story_id = {row}.id"]
    if name == "articles":
        return [f"SELECT 'a:' || {row}.id AS k", f"SELECT 's:' || {row}.story_id"]
    if name in ("entities", "entity_aliases"):
        ent = f"{row}.id" if name == "entities" else f"{row}.entity_id"
        return [f"SELECT 'a:' || article_id FROM entity_mentions WHERE entity_id = {ent}",
                "SELECT 's:' || a.story_id FROM entity_mentions m JOIN articles a "
                f"ON a.id = m.article_id WHERE m.entity_id = {ent}",
                f"SELECT 's:' || story_id FROM story_events WHERE place_entity_id = {ent}"]
    if "story_id" in table.c:
        return [f"SELECT 's:' || {row}.story_id AS k"]
    if "article_id" in table.c:
        return [f"SELECT 'a:' || {row}.article_id AS k",
                f"SELECT 's:' || story_id FROM articles WHERE id = {row}.article_id"]
    return [f"SELECT '{EVERYTHING}' AS k"]


def _record(keys: list[str]) -> str:
    """The statement that writes ``keys`` with the next sequence number."""
    return (f"INSERT INTO {TABLE} (key, seq) SELECT k, "
            f"(SELECT coalesce(max(seq), 0) + 1 FROM {TABLE}) "
            f"FROM ({' UNION '.join(keys)}) WHERE k IS NOT NULL "
            "ON CONFLICT (key) DO UPDATE SET seq = excluded.seq;")


def logged_tables() -> list[Table]:
    """The tables whose writes are recorded."""
    return [t for t in S.metadata.sorted_tables if t.name not in BOOKKEEPING]


def trigger_sql() -> list[str]:
    """The statements that (re)create the table and its triggers."""
    out = [f"CREATE TABLE IF NOT EXISTS {TABLE} (key TEXT PRIMARY KEY, seq INTEGER NOT NULL)",
           f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_seq ON {TABLE} (seq)"]
    for t in logged_tables():
        for event, rows in (("INSERT", ("NEW",)), ("DELETE", ("OLD",)),
                            ("UPDATE", ("OLD", "NEW"))):
            name = f"{TRIGGER_PREFIX}{t.name}_{event.lower()}"
            keys = [k for row in rows for k in _keys(t, row)]
            out.append(f"DROP TRIGGER IF EXISTS {name}")
            out.append(f"CREATE TRIGGER {name} AFTER {event} ON {t.name} "
                       f"BEGIN {_record(keys)} END")
    return out


def install(store: Store) -> bool:
    """Create (or bring up to date) the change table and its triggers in an SQLite store,
    in one transaction; False (nothing done) for any other store."""
    if not store.is_sqlite:
        return False
    with store.begin() as conn:
        for statement in trigger_sql():
            conn.exec_driver_sql(statement)
    return True


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed after a sequence number: the keys, and the sequence number now."""

    seq: int
    keys: frozenset[str]


def last_seq(conn: sqlite3.Connection) -> int | None:
    """The sequence number of the latest change (0: none yet; None: no change table)."""
    try:
        return int(conn.execute(f"SELECT coalesce(max(seq), 0) FROM {TABLE}").fetchone()[0])
    except sqlite3.OperationalError:
        return None


def changes_since(conn: sqlite3.Connection, seq: int) -> Changes | None:
    """The keys changed after ``seq`` (on a plain sqlite3 connection); None when the store
    has no change table (its changes are unknown)."""
    try:
        rows = conn.execute(f"SELECT key, seq FROM {TABLE} WHERE seq > ?", (seq,)).fetchall()
    except sqlite3.OperationalError:
        return None
    if not rows:
        return Changes(seq, frozenset())
    return Changes(max(int(r[1]) for r in rows), frozenset(str(r[0]) for r in rows))


__all__ = ["BOOKKEEPING", "EVERYTHING", "LISTED", "LISTING", "TABLE", "Changes", "article_key",
           "changes_since", "install", "last_seq", "logged_tables", "story_key", "trigger_sql"]
