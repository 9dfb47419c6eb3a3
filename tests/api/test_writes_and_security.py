"""Writes need the bearer token (none configured: writes are off); bodies are size-limited;
CORS is off by default; pages carry a CSP; the docs load nothing from outside; the OpenAPI
document is valid."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from storyline.api.app import create_app
from storyline.settings import ServeSettings, Settings
from storyline.store import open_store

TOKEN = "s3cret-token-for-tests"
RECORD = {"id": "api-1", "source": "Test Courier", "published": "2031-03-01",
          "title": "Harbour crane collapses in Gdansk",
          "text": "A harbour crane collapsed in Gdansk on Saturday, injuring two dock workers, "
                  "the port authority said.\nThe crane had been inspected in January."}


@pytest.fixture
def writable(tmp_path):
    db = str(tmp_path / "w.db")
    settings = Settings(db_url=db, serve=ServeSettings(api_token=TOKEN, max_request_bytes=4096))
    store = open_store(db)
    with TestClient(create_app(settings, store)) as c:
        yield c, store
    store.close()


def _auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_writes_are_off_without_a_configured_token(client, served):
    _, store = served
    before = len(store.articles())
    r = client.post("/api/ingest", json=RECORD, headers=_auth())
    assert r.status_code == 403 and "writes are off" in r.json()["error"]
    assert len(store.articles()) == before


def test_token_is_required_and_checked(writable):
    c, store = writable
    r = c.post("/api/ingest", json=RECORD)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    assert c.post("/api/ingest", json=RECORD, headers=_auth("wrong")).status_code == 401
    assert c.post("/api/ingest", json=RECORD,
                  headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    assert store.articles() == []
    r = c.post("/api/ingest", json=RECORD, headers=_auth())
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["added"] == ["api-1"] and body["problems"] == [] and body["stage_failures"] == {}
    assert body["stories"]["api-1"]
    a = store.get_article("api-1")
    assert a.input == "api:POST /api/ingest" and a.story_id == body["stories"]["api-1"]
    # the same record again stores nothing
    again = c.post("/api/ingest", json=RECORD, headers=_auth()).json()
    assert again["added"] == [] and again["already_stored"] == 1
    # the story and its brief are served at once
    story = c.get(f"/api/stories/{a.story_id}").json()
    assert story["summary"][0]["article_ids"] == ["api-1"]


def test_ingest_jsonl_and_html_bodies(writable):
    c, store = writable
    lines = "\n".join(json.dumps({**RECORD, "id": f"line-{n}", "title": f"{RECORD['title']} {n}"})
                      for n in range(2)) + "\n{not json\n"
    r = c.post("/api/ingest", content=lines, headers={**_auth(),
                                                       "Content-Type": "application/x-ndjson"})
    body = r.json()
    assert r.status_code == 200 and sorted(body["added"]) == ["line-0", "line-1"]
    assert body["problems"][0]["line"] == 3 and body["problems"][0]["where"] == "api:POST /api/ingest"
    html = ("<html><head><title>Ferry sinks off Corfu</title></head><body><article><h1>Ferry "
            "sinks off Corfu</h1><p>A small ferry sank off Corfu on Sunday after striking rocks "
            "near the harbour, and all forty passengers were rescued by fishing boats.</p>"
            "<p>The coastguard said an inquiry had begun into how the ferry left its lane.</p>"
            "</article></body></html>")
    r = c.post("/api/ingest", content=html, headers={**_auth(), "Content-Type": "text/html"})
    assert r.status_code == 200 and len(r.json()["added"]) == 1
    assert store.get_article(r.json()["added"][0]).title == "Ferry sinks off Corfu"


def test_bad_bodies(writable):
    c, _ = writable
    r = c.post("/api/ingest", content=b"x", headers={**_auth(), "Content-Type": "image/png"})
    assert r.status_code == 415
    r = c.post("/api/ingest", content=b"  ", headers={**_auth(), "Content-Type": "text/plain"})
    assert r.status_code == 400
    big = json.dumps({**RECORD, "text": "word " * 2000})
    r = c.post("/api/ingest", content=big, headers={**_auth(), "Content-Type": "application/json"})
    assert r.status_code == 413 and "over 4096 bytes" in r.json()["error"]

    def chunks():  # no Content-Length: the limit holds while reading
        for _ in range(10):
            yield b"x" * 1000

    r = c.post("/api/ingest", content=chunks(), headers={**_auth(), "Content-Type": "text/plain"})
    assert r.status_code == 413
    r = c.post("/api/ingest", content=b"{broken", headers={**_auth(),
                                                          "Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["problems"]


def test_cors_off_by_default_and_on_when_configured(client, served):
    r = client.get("/api/stories", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers
    settings, store = served
    from dataclasses import replace

    on = replace(settings, serve=ServeSettings(cors_origins=("https://desk.example",)))
    with TestClient(create_app(on, store)) as c:
        r = c.get("/api/stories", headers={"Origin": "https://desk.example"})
        assert r.headers["access-control-allow-origin"] == "https://desk.example"
        r = c.get("/api/stories", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in r.headers


def test_security_headers_and_offline_docs(client):
    page = client.get("/")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert page.headers["x-content-type-options"] == "nosniff"
    docs = client.get("/docs")
    assert docs.status_code == 200
    refs = re.findall(r'(?:src|href)="([^"]+)"', docs.text)
    assert refs and all(r.startswith("/static/") for r in refs), refs
    for ref in refs:
        assert client.get(ref).status_code == 200, ref
    assert "http://" not in docs.text and "https://" not in docs.text


def test_openapi_document_is_valid(client):
    from openapi_spec_validator import validate

    spec = client.get("/openapi.json").json()
    validate(spec)
    assert {"/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/brief",
            "/api/articles/{article_id}", "/api/entities", "/api/ingest"} <= set(spec["paths"])
    assert "/" not in spec["paths"] and "/docs" not in spec["paths"]
