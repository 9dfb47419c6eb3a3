"""Caches of read answers for an SQLite store: whole GET responses (:class:`ResponseCache`)
and story and brief documents (:class:`DocumentCache`), each kept until what it shows
changes.

Every answer depends on a set of keys (:mod:`storyline.store.changes`): a story, its
brief and its page on that story ("s:<id>"), an article and its page on that article
("a:<id>"), the story listings and the entity search on what they show ("l"), any
other answer on any change at all ("g"). The
store's triggers record which keys each commit changed, by any connection or process.
:class:`ChangeTracker` reads SQLite's ``PRAGMA data_version`` on a connection of its
own before each request (microseconds); when another connection has committed, it reads
the keys changed since and notes, for each, the local "epoch" it was seen changed at.
An answer kept at epoch E is served while none of its keys changed after E, so an
ingest into one story leaves every other story's answers, and an answer computed while
one of its keys changed is never served again. A store without the change table (the
triggers could not be installed) falls back to emptying everything on any commit.
PostgreSQL stores have no such counter: nothing is cached there.

Responses depend only on the path and query string and on the store (reads take no
cookies and no token), so those are the key; errors, streamed bodies and the static files
are never kept.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.store import Store
from storyline.store.changes import (
    EVERYTHING,
    LISTING,
    article_key,
    changes_since,
    last_seq,
    story_key,
)

NOT_CACHED = ("/static/", "/api/ingest", "/docs", "/openapi.json")
_STORY_PATHS = (re.compile(r"^/api/stories/([^/]+)(?:/brief)?$"), re.compile(r"^/stories/([^/]+)$"))
_ARTICLE_PATHS = (re.compile(r"^/api/articles/([^/]+)$"), re.compile(r"^/articles/([^/]+)$"))
_LISTINGS = frozenset({"/", "/api/stories", "/api/entities"})
STORE_WIDE = "g"  # changed by every change
_MAX_TRACKED = 200_000  # keys remembered; past that everything kept so far is dropped


def path_keys(path: str) -> tuple[str, ...]:
    """What the answer at ``path`` shows: one story, one article, the listings, or (any
    other path) anything in the store."""
    if path in _LISTINGS:
        return (LISTING,)
    for pattern in _STORY_PATHS:
        m = pattern.match(path)
        if m:
            return (story_key(m.group(1)),)
    for pattern in _ARTICLE_PATHS:
        m = pattern.match(path)
        if m:
            return (article_key(m.group(1)),)
    return (STORE_WIDE,)


class StoreVersion:
    """The store's commit counter and change table as this cache's own connection sees them."""

    def __init__(self, path: str) -> None:
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True,
                                     check_same_thread=False, isolation_level=None)

    def read(self) -> int:
        with self._lock:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def changes(self, seq: int) -> tuple[int, frozenset[str]] | None:
        """The keys changed after ``seq`` and the sequence number now (None: not recorded)."""
        with self._lock:
            got = changes_since(self._conn, seq)
        return None if got is None else (got.seq, got.keys)

    def last(self) -> int | None:
        """The latest change's sequence number (None: not recorded)."""
        with self._lock:
            return last_seq(self._conn)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def store_version(store: Store) -> StoreVersion | None:
    """A version reader for a file-backed SQLite store; None for any other store."""
    if not store.is_sqlite:
        return None
    path = store.engine.url.database
    if not path or path == ":memory:" or path.startswith("file:") or not Path(path).is_file():
        return None
    return StoreVersion(path)


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    stale: int = 0  # answers found kept but changed since (recomputed)
    joined: int = 0  # answers another request was computing, shared
    emptied: int = 0  # times everything was dropped (a change of unknown extent)
    changes: int = 0  # commits that changed something an answer shows

    def line(self) -> str:
        return (f"response cache: {self.hits} hits, {self.joined} shared, {self.misses} misses "
                f"({self.stale} stale), {self.changes} store changes seen, emptied "
                f"{self.emptied} times")


class ChangeTracker:
    """When each key last changed, in local epochs (one per batch of commits seen).
    Thread-safe: the response cache asks on the event loop, documents in worker threads."""

    def __init__(self, version: StoreVersion, stats: CacheStats | None = None) -> None:
        self.version = version
        self.stats = stats if stats is not None else CacheStats()
        self._lock = threading.Lock()
        self._data_version = -1
        self._seq = -1  # the change table's sequence number seen (-1: not read yet)
        self.epoch = 0
        self._floor = 0  # answers kept before this epoch are all stale
        self._changed: dict[str, int] = {}

    def sync(self) -> int:
        """Catch up with the store's commits; the epoch answers computed from now belong to."""
        with self._lock:
            v = self.version.read()
            if v == self._data_version:
                return self.epoch
            self._data_version = v
            if self._seq < 0:  # first look: what came before is known
                first = self.version.last()
                if first is not None:
                    self._seq = first
                    return self.epoch
            got = self.version.changes(max(self._seq, 0))
            if got is not None and got[0] == self._seq:
                return self.epoch  # only bookkeeping committed: no answer changed
            self.epoch += 1
            self.stats.changes += 1
            if got is None or EVERYTHING in got[1] or len(self._changed) > _MAX_TRACKED:
                self._floor = self.epoch
                self._changed.clear()
                self.stats.emptied += 1
                if got is not None:
                    self._seq = got[0]
                return self.epoch
            self._seq = got[0]
            for key in got[1]:
                self._changed[key] = self.epoch
            self._changed[STORE_WIDE] = self.epoch  # any change shows in the store-wide reads
            return self.epoch

    def fresh(self, keys: tuple[str, ...], epoch: int) -> bool:
        """Whether an answer on ``keys`` computed at ``epoch`` still holds."""
        with self._lock:
            return epoch >= self._floor and all(self._changed.get(k, -1) <= epoch for k in keys)


class ResponseCache:
    """ASGI middleware: GET answers kept until what they show changes (LRU, bounded in
    entries and bytes). Requests for an answer another request is computing from a store
    no older than theirs wait for it instead of computing it again."""

    def __init__(self, app: ASGIApp, tracker: ChangeTracker, max_entries: int = 2048,
                 max_bytes: int = 64 * 1024 * 1024, max_entry_bytes: int = 2 * 1024 * 1024) -> None:
        self.app = app
        self.tracker = tracker
        self.stats = tracker.stats
        self.max_entries, self.max_bytes, self.max_entry_bytes = max_entries, max_bytes, max_entry_bytes
        # key -> (keys it shows, epoch computed at, start message, body)
        self._entries: OrderedDict[tuple[str, bytes],
                                   tuple[tuple[str, ...], int, Message, bytes]] = OrderedDict()
        self._size = 0
        # answers being computed now: key -> (epoch, the answer when done; None: not kept)
        self._flights: dict[tuple[str, bytes],
                            tuple[int, asyncio.Future[tuple[Message, bytes] | None]]] = {}

    def _drop(self, key: tuple[str, bytes]) -> None:
        old = self._entries.pop(key, None)
        if old is not None:
            self._size -= len(old[3])

    def _keep(self, key: tuple[str, bytes], keys: tuple[str, ...], epoch: int, start: Message,
              body: bytes) -> None:
        if len(body) > self.max_entry_bytes:
            return
        self._drop(key)
        self._entries[key] = (keys, epoch, start, body)
        self._size += len(body)
        while self._entries and (len(self._entries) > self.max_entries or self._size > self.max_bytes):
            _, (_, _, _, dropped) = self._entries.popitem(last=False)
            self._size -= len(dropped)

    async def _replay(self, send: Send, start: Message, body: bytes) -> None:
        await send({**start, "headers": list(start["headers"])})  # outer layers add theirs
        await send({"type": "http.response.body", "body": body, "more_body": False})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] != "GET" or path.startswith(NOT_CACHED):
            await self.app(scope, receive, send)
            return
        key = (path, scope.get("query_string", b""))
        keys = path_keys(path)
        epoch = self.tracker.sync()
        hit = self._entries.get(key)
        if hit is not None:
            if self.tracker.fresh(hit[0], hit[1]):
                self._entries.move_to_end(key)
                self.stats.hits += 1
                await self._replay(send, hit[2], hit[3])
                return
            self.stats.stale += 1
            self._drop(key)
        flight = self._flights.get(key)
        if flight is not None and self.tracker.fresh(keys, flight[0]):
            # the same answer is being computed from a store no older than ours: wait for it
            # (its answer read the store after this request came in, or at a state no
            # different in what it shows: whatever changed later may be left out)
            got = await asyncio.shield(flight[1])
            if got is not None:
                self.stats.joined += 1
                await self._replay(send, *got)
                return
        self.stats.misses += 1
        start: Message | None = None
        chunks: list[bytes] = []
        whole = True

        async def capture(message: Message) -> None:
            nonlocal start, whole
            if message["type"] == "http.response.start":  # as the app sent it, before the
                start = {**message, "headers": list(message.get("headers", []))}  # outer layers
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    whole = False
            await send(message)

        mine: tuple[int, asyncio.Future[tuple[Message, bytes] | None]] = (
            epoch, asyncio.get_running_loop().create_future())
        self._flights[key] = mine
        answer: tuple[Message, bytes] | None = None
        try:
            await self.app(scope, receive, capture)
            if start is not None and start["status"] == 200 and whole and len(chunks) == 1:
                answer = (start, chunks[0])
        finally:
            if self._flights.get(key) is mine:
                del self._flights[key]
            mine[1].set_result(answer)
        if answer is not None:
            self.tracker.sync()  # a change seen while computing makes the entry stale at once
            if self.tracker.fresh(keys, epoch):
                self._keep(key, keys, epoch, *answer)


class _Flight:
    """A document being built: the epoch it was started at, and when done, the document."""

    def __init__(self, epoch: int) -> None:
        self.epoch = epoch
        self.done = threading.Event()
        self.ok = False
        self.doc: Any = None


class DocumentCache:
    """Story and brief documents (``("story" | "brief", story id)``) kept until their story
    changes (the same rule as the response cache), so the story, its brief in three
    formats and its page share one build, and requests that want a document another is
    building from a store no older than theirs wait for it. Documents handed out are shared: callers only read them."""

    def __init__(self, tracker: ChangeTracker | None, max_entries: int = 512) -> None:
        self.tracker = tracker
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._docs: OrderedDict[tuple[str, str], tuple[int, Any]] = OrderedDict()
        self._flights: dict[tuple[str, str], _Flight] = {}

    def get(self, key: tuple[str, str], compute: Callable[[], Any]) -> Any:
        tracker = self.tracker
        if tracker is None:
            return compute()
        keys = (story_key(key[1]),)
        epoch = tracker.sync()
        with self._lock:
            kept = self._docs.get(key)
            if kept is not None and tracker.fresh(keys, kept[0]):
                self._docs.move_to_end(key)
                return kept[1]
            flight = self._flights.get(key)
            lead = flight is None or not tracker.fresh(keys, flight.epoch)
            if lead:
                flight = self._flights[key] = _Flight(epoch)
        assert flight is not None
        if not lead:  # the document built from a store no older than this request's
            flight.done.wait()
            return flight.doc if flight.ok else compute()
        try:
            flight.doc = compute()
            flight.ok = True
        finally:
            with self._lock:
                if self._flights.get(key) is flight:
                    del self._flights[key]
            flight.done.set()
        tracker.sync()
        if tracker.fresh(keys, epoch):
            with self._lock:
                self._docs[key] = (epoch, flight.doc)
                self._docs.move_to_end(key)
                while len(self._docs) > self.max_entries:
                    self._docs.popitem(last=False)
        return flight.doc
