"""The app each process of ``storyline serve --workers N`` builds from the environment
serves the store ``STORYLINE_DB`` names, with the settings ``STORYLINE_*`` give."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from storyline.api.app import app_from_env
from storyline.ingest.runner import ingest
from storyline.settings import Settings
from storyline.store import open_store


def test_a_worker_app_serves_the_store_named_in_the_environment(tmp_path, monkeypatch):
    db = str(tmp_path / "workers.db")
    record = {"id": "w-1", "source": "Harbour Times", "published": "2033-06-01",
              "title": "Harbour crane collapses in Gdansk",
              "text": "A harbour crane collapsed in Gdansk on Tuesday; nobody was hurt, the port "
                      "authority said.\nThe quay is closed."}
    path = tmp_path / "w.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    store = open_store(db)
    assert ingest(store, [str(path)], Settings(db_url=db)).ok
    store.close()
    monkeypatch.setenv("STORYLINE_DB", db)
    monkeypatch.delenv("STORYLINE_API_TOKEN", raising=False)
    monkeypatch.setenv("STORYLINE_MAX_ARTICLE_BYTES", "123456")
    app = app_from_env()
    assert app.state.settings.db_url == db and app.state.settings.max_article_bytes == 123456
    with TestClient(app) as c:
        listed = c.get("/api/stories").json()
        assert listed["total"] == 1 and listed["items"][0]["title"].startswith("Harbour crane")
        assert c.post("/api/ingest", json=record).status_code == 403  # no token: read-only


def test_a_serving_app_sets_its_startup_objects_aside_from_the_collector(tmp_path):
    import gc

    from storyline.api.app import create_app
    from storyline.settings import ServeSettings

    db = str(tmp_path / "gc.db")
    store = open_store(db)
    try:
        gc.unfreeze()
        with TestClient(create_app(Settings(db_url=db, serve=ServeSettings(api_token=None)),
                                   store)):
            assert gc.get_freeze_count() == 0  # an app in a test leaves the collector alone
        with TestClient(create_app(Settings(db_url=db, serve=ServeSettings(api_token=None)),
                                   store, serving=True)) as c:
            assert gc.get_freeze_count() > 10_000
            assert c.get("/api/stories").status_code == 200
    finally:
        gc.unfreeze()
        store.close()
