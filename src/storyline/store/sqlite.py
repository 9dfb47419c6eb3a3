"""SQLite connection set-up: pragmas, and transactions begun by SQLAlchemy, not pysqlite.

pysqlite's own transaction handling is turned off, so DDL is transactional (a migration
commits whole or not at all) and a write transaction can start with ``BEGIN IMMEDIATE``:
set ``conn.info[BEGIN_KEY]`` before ``conn.begin()``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

BEGIN_KEY = "storyline.begin"


BUSY_TIMEOUT = 30.0  # seconds a statement waits for another process's lock


def on_connect(dbapi_conn: Any, _record: Any, busy_timeout: float = BUSY_TIMEOUT) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def on_begin(conn: Connection) -> None:
    conn.exec_driver_sql(conn.info.pop(BEGIN_KEY, "BEGIN"))
