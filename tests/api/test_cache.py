"""The response cache: a GET answer is served again until anything is committed to the
store (by this app or any other connection); errors are not kept; no cache on a store it
cannot watch."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from storyline.api.app import create_app
from storyline.api.cache import ResponseCache, store_version
from storyline.ingest.runner import ingest
from storyline.settings import ServeSettings, Settings
from storyline.store import open_store
from tests.api.helpers import cached_store, response_cache

TOKEN = "cache-test-token"


def _record(n: int) -> dict[str, str]:
    return {"id": f"c-{n}", "source": "Test Courier", "published": f"2031-04-0{n + 1}",
            "title": f"Tram line {n} closes in Lodz for repairs",
            "text": f"Tram line {n} in Lodz closed on Monday for track repairs, the city said.\n"
                    "Buses will run on the route until the end of the month."}


def test_answers_are_kept_until_the_store_changes(tmp_path):
    settings, store = cached_store(tmp_path / "c.db", TOKEN)
    app = create_app(settings, store)
    with TestClient(app) as c:
        cache = response_cache(app)
        first = c.get("/api/stories")
        assert first.status_code == 200 and first.json()["total"] == 0
        again = c.get("/api/stories")
        assert again.content == first.content and cache.stats.hits == 1
        assert again.headers["x-content-type-options"] == "nosniff"  # the guard's headers too
        # a write through the API is seen at once
        r = c.post("/api/ingest", json=_record(0), headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200, r.text
        assert c.get("/api/stories").json()["total"] == 1
        # so is a write by another connection (another process's ingest)
        other = open_store(settings.db_url)
        ferry = {"id": "c-ferry", "source": "Island Wire", "published": "2031-05-02",
                 "title": "Ferry runs aground off Corfu",
                 "text": "A passenger ferry ran aground off Corfu on Sunday; all ninety "
                         "people on board were taken ashore by fishing boats, the coastguard "
                         "said.\nAn inquiry has begun."}
        assert c.get("/api/articles/c-ferry").status_code == 404
        assert ingest(other, [_write(tmp_path, ferry)], settings).ok
        other.close()
        listed = c.get("/api/stories").json()
        assert listed["total"] == 2, listed
        assert c.get("/api/articles/c-ferry").status_code == 200
        sid = listed["items"][0]["id"]
        page = c.get(f"/stories/{sid}")
        assert page.status_code == 200 and "content-security-policy" in page.headers
        hits = cache.stats.hits
        assert c.get(f"/stories/{sid}").content == page.content and cache.stats.hits == hits + 1
        # errors are not kept
        misses = cache.stats.misses
        assert c.get("/api/stories/none-such").status_code == 404
        assert c.get("/api/stories/none-such").status_code == 404
        assert cache.stats.misses == misses + 2
    store.close()


def _write(tmp_path, record: dict[str, str]) -> str:
    path = tmp_path / f"{record['id']}.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return str(path)


def test_cache_can_be_turned_off_and_needs_a_file_store(tmp_path, monkeypatch):
    db = str(tmp_path / "off.db")
    store = open_store(db)
    app = create_app(Settings(db_url=db, serve=ServeSettings(response_cache=False)), store)
    layer = app.build_middleware_stack()
    while hasattr(layer, "app"):
        assert not isinstance(layer, ResponseCache)
        layer = layer.app
    assert store_version(store) is not None
    memory = open_store("sqlite://")
    assert store_version(memory) is None
    memory.close()
    monkeypatch.setenv("STORYLINE_RESPONSE_CACHE", "off")
    assert ServeSettings().response_cache is False
    store.close()


def test_brief_document_is_built_once_per_store_version(tmp_path, monkeypatch):
    from storyline import service

    settings, store = cached_store(tmp_path / "d.db", TOKEN)
    assert ingest(store, [_write(tmp_path, _record(0))], settings).ok
    builds = []
    real = service.get_brief

    def counted(*a, **k):
        builds.append(a[1])
        return real(*a, **k)

    monkeypatch.setattr(service, "get_brief", counted)
    with TestClient(create_app(settings, store)) as c:
        sid = c.get("/api/stories").json()["items"][0]["id"]
        for fmt in ("json", "md", "html"):
            assert c.get(f"/api/stories/{sid}/brief", params={"format": fmt}).status_code == 200
        assert c.get(f"/stories/{sid}").status_code == 200
        assert builds == [sid]  # one build for the three formats and the page
        r = c.post("/api/ingest", json={**_record(1), "title": "Tram line 0 reopens in Lodz"},
                   headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200, r.text
        after = c.get(f"/api/stories/{r.json()['stories']['c-1']}/brief").json()
        assert len(builds) == 2
        assert "c-1" in {a["id"] for a in after["articles"]}
    store.close()
