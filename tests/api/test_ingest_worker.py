"""POST /api/ingest works in a worker process of its own when the store can be opened from
another process, on a thread of the server otherwise; either way the articles are stored
and every stage has run on them."""

from __future__ import annotations

import os

from fastapi.testclient import TestClient

from storyline.api import ingest_worker
from storyline.api.app import create_app
from storyline.api.ingest_worker import Ingester, shareable
from storyline.settings import ServeSettings, Settings
from storyline.store import open_store

TOKEN = "worker-token"
RECORD = {"id": "w-1", "source": "Test Courier", "published": "2031-06-01",
          "title": "Storm closes mountain pass near Andermatt",
          "text": "A snowstorm closed the mountain pass near Andermatt on Tuesday, stranding "
                  "dozens of drivers, the cantonal police said.\nPloughs reopened one lane."}


def test_ingest_runs_in_a_worker_process(tmp_path, monkeypatch):
    db = str(tmp_path / "w.db")
    settings = Settings(db_url=db, serve=ServeSettings(api_token=TOKEN))
    store = open_store(db)
    threads = []
    monkeypatch.setattr(ingest_worker, "run_in_threadpool",
                        lambda *a, **k: threads.append(a))  # must not be used
    app = create_app(settings, store)
    with TestClient(app) as c:
        assert app.state.ingester.in_process
        r = c.post("/api/ingest", json=RECORD, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["added"] == ["w-1"] and body["stage_failures"] == {}
        pool = app.state.ingester._pool
        assert pool is not None
        assert all(pid != os.getpid() for pid in pool._processes)
        sid = body["stories"]["w-1"]
        assert c.get(f"/api/stories/{sid}/brief").status_code == 200
    assert threads == [] and app.state.ingester._pool is None  # shut down with the app
    a = store.get_article("w-1")
    assert a is not None and a.story_id == sid
    store.close()


def test_a_store_in_memory_is_ingested_on_a_thread():
    memory = open_store("sqlite://")
    assert not shareable(memory)
    assert not Ingester(memory, Settings(db_url="sqlite://")).in_process
    memory.close()
    off = Settings(serve=ServeSettings(ingest_process=False))
    with open_store("sqlite://") as s:
        assert not Ingester(s, off).in_process


def test_the_ingest_worker_runs_at_a_lower_priority_than_the_server(tmp_path):
    db = str(tmp_path / "nice.db")
    store = open_store(db)
    ingester = Ingester(store, Settings(db_url=db, serve=ServeSettings(api_token=TOKEN,
                                                                       ingest_nice=3)))
    try:
        assert ingester.in_process
        worker = ingester._executor().submit(os.nice, 0).result(timeout=120)
        assert worker == os.nice(0) + 3
    finally:
        ingester.close()
        store.close()


def test_the_ingest_worker_sets_its_model_aside_from_the_collector_after_an_ingest(tmp_path):
    import gc
    import json

    db = str(tmp_path / "gc.db")
    store = open_store(db)
    settings = Settings(db_url=db, serve=ServeSettings(api_token=TOKEN))
    ingester = Ingester(store, settings)
    try:
        pool = ingester._executor()
        assert pool.submit(gc.get_freeze_count).result(timeout=120) == 0
        report = pool.submit(ingest_worker._ingest, json.dumps(RECORD).encode(), "jsonl",
                             settings, "test").result(timeout=600)
        assert report.added == ["w-1"]
        # the model and the gazetteer, loaded by the ingest, are set aside
        assert pool.submit(gc.get_freeze_count).result(timeout=120) > 100_000
    finally:
        ingester.close()
        store.close()
