"""One writer at a time for transactions that read before they write.

On SQLite a write transaction begins with ``BEGIN IMMEDIATE``: it holds the database's
write lock from its first statement, so what it reads (which article ids exist, who holds
the lease) stays true until it commits. PostgreSQL runs transactions side by side; a
transaction that must see the same, :func:`serialise` makes it wait, first thing, for a
transaction-scoped advisory lock of its kind (``articles``, ``lease``), released at commit
or rollback. Other writers (stages updating rows they own) are not held up.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, text


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for a lock name."""
    return int.from_bytes(hashlib.sha1(f"storyline:{name}".encode()).digest()[:8], "big",
                          signed=True)


def serialise(conn: Connection, name: str) -> None:
    """Wait until no other transaction holds the ``name`` lock, then hold it until this one
    ends (PostgreSQL; SQLite's write transactions are serial already)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_key(name)})
