"""A lease in the store: one process at a time runs the order-dependent stages.

Dedupe, stories and the story-level stages decide things in publish order from what is
already stored; two processes doing them at once on one store would interleave their
decisions. The lease is a row of ``locks`` (the same on SQLite and PostgreSQL): a
process takes it, renews it (:meth:`Lease.renew`) as it works, and gives it back. A
second process waits for it, saying so once, up to ``wait`` seconds, then stops with a
clear error. A lease whose holder died (the same host and its pid gone, or no renewal
for ``stale_after`` seconds) is taken over. Within one process the lease is re-entrant.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy import select

from storyline.errors import StoreError
from storyline.store import schema as S
from storyline.store.retry import retrying
from storyline.store.serial import serialise
from storyline.timeorder import utcnow

if TYPE_CHECKING:
    from storyline.store.core import Store

ORDERED = "ordered-stages"
_HOST = socket.gethostname()[:255]
_TOKEN = uuid.uuid4().hex[:8]
_held: dict[tuple[str, str], int] = {}  # (store url, lease name) -> depth, in this process


class LeaseTimeout(StoreError):
    """Another process kept the lease longer than we were willing to wait."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Lease:
    """``with Lease(store, wait=...)``: hold the named lease for the block."""

    def __init__(self, store: Store, name: str = ORDERED, wait: float = 1800.0,
                 stale_after: float = 600.0, on_wait: Callable[[str], None] | None = None,
                 poll: float = 0.5) -> None:
        self.store, self.name, self.wait = store, name, wait
        self.stale_after, self.on_wait, self.poll = stale_after, on_wait, poll
        self.owner = f"{_HOST}:{os.getpid()}:{_TOKEN}"

    @property
    def _key(self) -> tuple[str, str]:
        return (self.store.url, self.name)

    def __enter__(self) -> Lease:
        if _held.get(self._key):
            _held[self._key] += 1
            return self
        deadline = time.monotonic() + self.wait
        told = False
        while True:
            holder = self._try_take()
            if holder is None:
                _held[self._key] = 1
                return self
            if not told and self.on_wait is not None:
                self.on_wait(f"waiting for another storyline process ({holder}) to finish the "
                             "order-dependent stages of this store")
                told = True
            if time.monotonic() >= deadline:
                raise LeaseTimeout(
                    f"another storyline process ({holder}) is running the order-dependent "
                    f"stages (dedupe, stories, story-level stages) of this store; waited "
                    f"{self.wait:.0f} s. Run `storyline process` when it has finished.")
            time.sleep(self.poll)

    def _try_take(self) -> str | None:
        """Take the lease if it is free or stale; else describe its holder."""
        return retrying(self._take, what="taking the lease")

    def _take(self) -> str | None:
        t = S.locks
        now = time.time()
        with self.store.begin() as conn:
            serialise(conn, "lease")
            row = conn.execute(select(t).where(t.c.name == self.name)).first()
            if row is not None and row.owner != self.owner:
                dead = (row.host == _HOST and not _alive(row.pid)) or \
                    now - row.heartbeat > self.stale_after
                if not dead:
                    return f"{row.host} pid {row.pid}, since {row.acquired_at}"
            conn.execute(t.delete().where(t.c.name == self.name))
            conn.execute(t.insert(), {"name": self.name, "owner": self.owner, "host": _HOST,
                                      "pid": os.getpid(), "acquired_at": utcnow(),
                                      "heartbeat": now})
        return None

    def renew(self) -> None:
        """A sign of life from the holder (call it between batches)."""
        t = S.locks

        def tx() -> None:
            with self.store.begin() as conn:
                conn.execute(t.update().where(t.c.name == self.name, t.c.owner == self.owner)
                             .values(heartbeat=time.time()))

        retrying(tx, what="renewing the lease")

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        depth = _held.get(self._key, 0) - 1
        if depth > 0:
            _held[self._key] = depth
            return
        _held.pop(self._key, None)
        t = S.locks
        def tx() -> None:
            with self.store.begin() as conn:
                conn.execute(t.delete().where(t.c.name == self.name, t.c.owner == self.owner))

        try:
            retrying(tx, what="giving the lease back")
        except Exception:  # noqa: BLE001 - a lease left behind goes stale; never mask the error
            if exc is None:
                raise
