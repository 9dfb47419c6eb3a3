"""Transient store errors, retried: a lock another process holds a little too long.

SQLite waits ``busy_timeout`` for a lock and then fails with "database is locked";
PostgreSQL can fail a transaction on a deadlock, a serialization failure or a lock
timeout. Each of these says "try again", not "this is wrong": :func:`retrying` runs a
whole transaction again, a few times, with growing pauses; any other error is raised
at once.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError

T = TypeVar("T")
log = logging.getLogger(__name__)

_SQLITE_TRANSIENT = ("database is locked", "database table is locked", "database is busy")
# deadlock, serialization failure, lock not available, lock timeout/cancelled by lock_timeout
_PG_TRANSIENT = {"40P01", "40001", "55P03"}


def is_transient(exc: BaseException) -> bool:
    """True for a lock or serialization failure that the same transaction may not meet again."""
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if code in _PG_TRANSIENT:
        return True
    return isinstance(exc, OperationalError) and any(
        m in str(orig).lower() for m in _SQLITE_TRANSIENT)


def retrying(fn: Callable[[], T], attempts: int = 6, pause: float = 0.2,
             what: str = "store transaction") -> T:
    """``fn()``, run again (up to ``attempts`` times in all) while it fails transiently."""
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except DBAPIError as e:
            if attempt == attempts or not is_transient(e):
                raise
            wait = pause * 2 ** (attempt - 1) * (0.5 + random.random())
            log.warning("%s: %s; trying again in %.1f s (%d of %d)", what,
                        str(e.orig).splitlines()[0], wait, attempt + 1, attempts)
            time.sleep(wait)
    raise AssertionError("unreachable")
