"""Transient lock errors are retried (issue 14): "database is locked" failed a stage or an
ingest batch for good when another process held the write lock a little too long."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from storyline.ingest.runner import ingest
from storyline.pipeline import load_stage, run_stages
from storyline.store import open_store
from storyline.store import schema as S
from storyline.store.retry import is_transient, retrying


def _hold_write_lock(path: str, seconds: float) -> threading.Thread:
    """Another connection takes the write lock and keeps it ``seconds`` (as a long batch of
    another process would)."""
    ready = threading.Event()

    def hold() -> None:
        con = sqlite3.connect(path, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        ready.set()
        time.sleep(seconds)
        con.execute("COMMIT")
        con.close()

    t = threading.Thread(target=hold, daemon=True)
    t.start()
    ready.wait()
    return t


@pytest.mark.sqlite_only  # SQLite's write lock, held from another connection
def test_ingest_and_stages_wait_out_a_lock_held_past_the_busy_timeout(settings, tmp_path, caplog):
    store = open_store(settings.db_url, busy_timeout=0.05)
    f = tmp_path / "a.jsonl"
    f.write_text('{"id": "one", "text": "The ferry crossed the lake on Monday."}\n')
    caplog.set_level(logging.WARNING, logger="storyline.store.retry")
    holder = _hold_write_lock(settings.db_url, 0.8)
    report = ingest(store, [str(f)], settings, [])
    holder.join()
    assert report.added == ["one"]
    assert any("database is locked" in r.getMessage() and "trying again" in r.getMessage()
               for r in caplog.records)
    caplog.clear()
    load_stage("clean", settings)  # imported before the lock is taken
    holder = _hold_write_lock(settings.db_url, 1.0)
    [clean] = run_stages(store, settings, ["clean"])
    holder.join()
    assert clean.processed == 1 and not clean.failed
    assert any("stage clean" in r.getMessage() for r in caplog.records)
    with store.connect() as c:
        assert c.execute(select(S.stage_runs.c.status)).scalars().all() == ["done"]
    store.close()


@pytest.mark.sqlite_only
def test_only_transient_errors_are_retried(settings):
    store = open_store(settings.db_url)
    calls = []

    def broken() -> None:
        calls.append(1)
        with store.begin() as conn:
            conn.exec_driver_sql("SELECT * FROM no_such_table")

    with pytest.raises(OperationalError) as e:
        retrying(broken, attempts=4, pause=0.01)
    assert len(calls) == 1 and not is_transient(e.value)
    store.close()
