"""A cache of whole read responses (GET, status 200) for an SQLite store, emptied the moment
anything is committed to the store by any connection or process.

SQLite's ``PRAGMA data_version``, read on a connection of the cache's own that never
writes, changes whenever another connection has committed to the file (this process's
ingests, another ``storyline ingest``). It is read before each request, on the event
loop (microseconds): a changed value empties the cache. A response computed while the
store changed is not kept, so no answer older than the last commit is ever served.
PostgreSQL stores have no such counter: nothing is cached there.

Responses depend only on the path and query string and on the store (reads take no
cookies and no token), so those are the key; errors, streamed bodies and the static files
are never kept.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.store import Store

NOT_CACHED = ("/static/", "/api/ingest", "/docs", "/openapi.json")


class StoreVersion:
    """The store's commit counter as this cache's own connection sees it."""

    def __init__(self, path: str) -> None:
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True,
                                     check_same_thread=False, isolation_level=None)

    def read(self) -> int:
        with self._lock:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

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
    emptied: int = 0  # times the store changed under the cache

    def line(self) -> str:
        return (f"response cache: {self.hits} hits, {self.misses} misses, emptied "
                f"{self.emptied} times (store changed)")


class ResponseCache:
    """ASGI middleware: GET answers kept until the store changes (LRU, bounded in entries and
    bytes)."""

    def __init__(self, app: ASGIApp, version: StoreVersion, stats: CacheStats | None = None,
                 max_entries: int = 2048,
                 max_bytes: int = 64 * 1024 * 1024, max_entry_bytes: int = 2 * 1024 * 1024) -> None:
        self.app = app
        self.version = version
        self.max_entries, self.max_bytes, self.max_entry_bytes = max_entries, max_bytes, max_entry_bytes
        self._entries: OrderedDict[tuple[str, bytes], tuple[Message, bytes]] = OrderedDict()
        self._size = 0
        self._seen = -1
        self.stats = stats if stats is not None else CacheStats()

    def _current(self) -> int:
        v = self.version.read()
        if v != self._seen:
            self._entries.clear()
            self._size = 0
            self._seen = v
            self.stats.emptied += 1
        return v

    def _keep(self, key: tuple[str, bytes], start: Message, body: bytes) -> None:
        if len(body) > self.max_entry_bytes:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self._size -= len(old[1])
        self._entries[key] = (start, body)
        self._size += len(body)
        while self._entries and (len(self._entries) > self.max_entries or self._size > self.max_bytes):
            _, (_, dropped) = self._entries.popitem(last=False)
            self._size -= len(dropped)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] != "GET" or path.startswith(NOT_CACHED):
            await self.app(scope, receive, send)
            return
        key = (path, scope.get("query_string", b""))
        before = self._current()
        hit = self._entries.get(key)
        if hit is not None:
            self._entries.move_to_end(key)
            self.stats.hits += 1
            await send({**hit[0], "headers": list(hit[0]["headers"])})  # outer layers add theirs
            await send({"type": "http.response.body", "body": hit[1], "more_body": False})
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

        await self.app(scope, receive, capture)
        if start is not None and start["status"] == 200 and whole and len(chunks) == 1 \
                and self._current() == before:
            self._keep(key, start, chunks[0])


class DocumentCache:
    """Story and brief documents kept until the store changes (the same rule as the
    response cache), so the story, its brief in three formats and its page share one
    build. Documents handed out are shared: callers only read them."""

    def __init__(self, version: StoreVersion | None, max_entries: int = 512) -> None:
        self.version = version
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._docs: dict[tuple[str, str], Any] = {}
        self._seen = -1

    def get(self, key: tuple[str, str], compute: Callable[[], Any]) -> Any:
        if self.version is None:
            return compute()
        before = self.version.read()
        with self._lock:
            if before != self._seen:
                self._docs.clear()
                self._seen = before
            if key in self._docs:
                return self._docs[key]
        doc = compute()
        if self.version.read() == before:
            with self._lock:
                if self._seen == before:
                    if len(self._docs) >= self.max_entries:
                        self._docs.clear()
                    self._docs[key] = doc
        return doc
