"""Where ``POST /api/ingest`` does its work: in one worker process of its own (it opens the
store once and keeps its language model loaded), so that the NLP of an ingest never holds
the server's interpreter lock while readers wait; ingests run one at a time there, as
writes to one store do anyway. A store that another process cannot open (SQLite in
memory) is ingested on a thread of the server instead, as is every ingest when the
setting ``serve.ingest_process`` is off."""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from fastapi.concurrency import run_in_threadpool

from storyline import service
from storyline.ingest.runner import IngestReport
from storyline.settings import Settings
from storyline.store import Store, open_store

_worker_store: Store | None = None


def _open(url: str, nice: int = 0) -> None:  # in the worker, once
    global _worker_store
    if nice > 0 and hasattr(os, "nice"):
        os.nice(nice)  # reads come first: the server's own priority is left as it is
    _worker_store = open_store(url)


def _ingest(body: bytes, kind: str, settings: Settings, label: str) -> IngestReport:  # in the worker
    assert _worker_store is not None
    try:
        return service.ingest_body(_worker_store, body, kind, settings, label)
    finally:
        _set_aside()


def _set_aside() -> None:
    """Once the first ingest has loaded the language model and the gazetteer (hundreds of
    thousands of objects that live as long as the worker), keep them out of the garbage
    collector's full collections (``gc.freeze``), which otherwise walk them all again and
    again (pauses of up to a second on a busy machine in the load test)."""
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()


def _warm(models: tuple[str, ...]) -> None:  # in the worker: load the language model now
    from storyline.enrich.nlp.pipeline import load_nlp

    load_nlp(models)
    _set_aside()


def shareable(store: Store) -> bool:
    """Whether another process can open this store by its URL."""
    if not store.is_sqlite:
        return True
    path = store.engine.url.database
    return bool(path) and path != ":memory:" and not str(path).startswith("file:")


class Ingester:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.store, self.settings = store, settings
        self.in_process = settings.serve.ingest_process and shareable(store)
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_open,
                    initargs=(self.store.engine.url.render_as_string(hide_password=False),
                              self.settings.serve.ingest_nice))
            return self._pool

    def warm(self) -> None:
        """Start the worker process and have it load its language model now, in the
        background, rather than at the first ingest."""
        if self.in_process:
            self._executor().submit(_warm, tuple(self.settings.spacy_models))

    async def ingest(self, body: bytes, kind: str, label: str) -> IngestReport:
        if not self.in_process:
            return await run_in_threadpool(service.ingest_body, self.store, body, kind,
                                           self.settings, label)
        pool = self._executor()
        try:
            return await asyncio.wrap_future(pool.submit(_ingest, body, kind, self.settings, label))
        except BrokenProcessPool:  # the worker died (killed, out of memory): start a new one
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            pool.shutdown(wait=False)
            raise

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None
