"""The API's hardening points (issue 14), each checked on the served app: the token is
compared in constant time, request size limits hold on every path, errors are JSON (or
the error page) without stack traces, CORS is off by default (preflights too), and every
page carries the Content-Security-Policy."""

from __future__ import annotations

import hmac

import pytest
from fastapi.testclient import TestClient

from storyline.api import security
from storyline.api.app import create_app
from storyline.api.security import PAGE_CSP
from storyline.settings import ServeSettings, Settings
from storyline.store import open_store

from .conftest import story_of

TOKEN = "hardening-token"
LIMIT = 2048


@pytest.fixture
def guarded(tmp_path):
    db = str(tmp_path / "h.db")
    settings = Settings(db_url=db, serve=ServeSettings(api_token=TOKEN, max_request_bytes=LIMIT))
    store = open_store(db)
    with TestClient(create_app(settings, store), raise_server_exceptions=False) as c:
        yield c
    store.close()


def test_token_goes_through_a_constant_time_comparison(guarded, monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(security.hmac, "compare_digest", spy)
    r = guarded.post("/api/ingest", content=b"hello", headers={
        "Authorization": "Bearer not-the-token", "Content-Type": "text/plain"})
    assert r.status_code == 401
    assert calls == [(b"not-the-token", TOKEN.encode())]
    # a token of the right length but wrong is refused too
    wrong = "x" * len(TOKEN)
    assert guarded.post("/api/ingest", content=b"hello", headers={
        "Authorization": f"Bearer {wrong}", "Content-Type": "text/plain"}).status_code == 401
    assert calls[-1] == (wrong.encode(), TOKEN.encode())


@pytest.mark.parametrize("path", ["/api/stories", "/api/ingest", "/", "/stories/x", "/nowhere"])
def test_bodies_over_the_limit_are_refused_on_every_path(guarded, path):
    r = guarded.post(path, content=b"x" * (LIMIT + 1), headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"})
    assert r.status_code == 413
    assert r.json() == {"error": f"request body over {LIMIT} bytes"}
    assert r.headers["x-content-type-options"] == "nosniff"


def test_over_the_limit_page_request_gets_the_error_page_with_csp(guarded):
    r = guarded.post("/", content=b"x" * (LIMIT + 1), headers={"Accept": "text/html"})
    assert r.status_code == 413 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == PAGE_CSP


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/api/nowhere", 404), ("POST", "/api/stories", 405),
    ("GET", "/api/stories?limit=many", 422), ("GET", "/api/stories?since=yesterday", 400),
    ("GET", "/api/articles/none-such", 404), ("DELETE", "/api/stories/x", 405)])
def test_errors_are_json_without_a_trace(guarded, method, path, status):
    r = guarded.request(method, path)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert isinstance(body["error"], str) and body["error"]
    assert "Traceback" not in r.text and 'File "' not in r.text


def test_cors_preflight_is_not_answered_by_default(guarded):
    r = guarded.options("/api/ingest", headers={
        "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization"})
    assert not any(h.startswith("access-control-") for h in r.headers)


def test_every_page_carries_the_csp(client, served):
    _, store = served
    article = store.articles()[0]
    paths = ["/", f"/stories/{story_of(store, article.id)}", f"/articles/{article.id}",
             "/stories/none-such"]
    for path in paths:
        r = client.get(path, headers={"Accept": "text/html"})
        assert r.headers["content-type"].startswith("text/html"), path
        assert r.headers["content-security-policy"] == PAGE_CSP, path
        assert r.headers["x-frame-options"] == "DENY", path
    missing = client.get("/stories/none-such", headers={"Accept": "text/html"})
    assert missing.status_code == 404 and "Traceback" not in missing.text
