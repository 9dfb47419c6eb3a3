"""The read API with the real app over a real SQLite store: listings, filters, pages and
cursors, one story exactly as the export has it, articles, entities, briefs, errors."""

from __future__ import annotations

import pytest

from storyline.export import build_export
from tests.api.conftest import story_of


def _ids(page: dict) -> list[str]:
    return [s["id"] for s in page["items"]]


def test_list_and_filters(client, served):
    _, store = served
    all_ = client.get("/api/stories").json()
    assert all_["total"] == 4 and len(all_["items"]) == 4 and all_["next_cursor"] is None
    # latest first: the ferry story's last article is the newest
    assert all_["items"][0]["id"] == story_of(store, "ferry-two")
    flood, ferry = story_of(store, "flood-wire"), story_of(store, "ferry-one")
    assert _ids(client.get("/api/stories", params={"q": "ferry"}).json()) == [ferry]
    assert _ids(client.get("/api/stories", params={"outlet": "Lisbon Ledger"}).json()) == [flood]
    assert _ids(client.get("/api/stories", params={"place": "Coimbra"}).json()) == [flood]
    assert _ids(client.get("/api/stories", params={"entity": "Mika Virtanen"}).json()) == [ferry]
    assert set(_ids(client.get("/api/stories", params={"since": "2031-02-05"}).json())) == {
        flood, ferry}
    assert story_of(store, "hostile-1") in _ids(
        client.get("/api/stories", params={"until": "2031-02-02"}).json())
    assert client.get("/api/stories", params={"q": "nothing-like-this"}).json()["total"] == 0


def test_pages_and_cursor(client):
    everything = _ids(client.get("/api/stories").json())
    first = client.get("/api/stories", params={"limit": 3}).json()
    assert first["next_offset"] == 3 and first["next_cursor"]
    second = client.get("/api/stories", params={"limit": 3, "offset": 3}).json()
    assert _ids(first) + _ids(second) == everything and second["next_offset"] is None
    seen, cursor = [], None
    while True:
        params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/stories", params=params).json()
        seen += _ids(page)
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == everything
    # a cursor is bound to its filters and order
    r = client.get("/api/stories", params={"limit": 1, "cursor": first["next_cursor"], "q": "x"})
    assert r.status_code == 400 and "filters" in r.json()["error"]
    assert client.get("/api/stories", params={"cursor": "!!!"}).status_code == 400


@pytest.mark.parametrize("params, status", [
    ({"since": "last tuesday"}, 400), ({"limit": 0}, 422), ({"order": "random"}, 422),
    ({"offset": -1}, 422)])
def test_bad_listing_requests_are_json_errors(client, params, status):
    r = client.get("/api/stories", params=params)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    assert isinstance(r.json()["error"], str) and r.json()["error"]


def test_story_is_the_export_contract(client, served):
    _, store = served
    exported = {s["id"]: s for s in build_export(store)["stories"]}
    for sid, story in exported.items():
        assert client.get(f"/api/stories/{sid}").json() == story
    r = client.get("/api/stories/no-such-story")
    assert r.status_code == 404 and r.json() == {"error": "no story with id 'no-such-story'"}


def test_article_and_entities(client):
    a = client.get("/api/articles/hostile-1").json()
    # only an http(s) URL is stored as the article's link (storyline.ingest.checks)
    assert a["title"].startswith("Strange <script>") and a["url"] is None
    assert {"id", "source", "url", "title", "published", "text", "duplicate_of", "story_id",
            "input"} <= set(a)
    assert client.get("/api/articles/hostile-1", params={"revisions": True}).json()[
        "revisions"] == []
    assert client.get("/api/articles/nope").status_code == 404
    ents = client.get("/api/entities", params={"q": "porto"}).json()
    porto = next(e for e in ents if e["name"] == "Porto")
    assert porto["type"] == "GPE" and porto["geo"]["country"] == "PT"
    assert client.get("/api/entities").status_code == 422


def test_brief_formats(client, served):
    _, store = served
    sid = story_of(store, "flood-wire")
    doc = client.get(f"/api/stories/{sid}/brief").json()
    assert doc["schema"] == "storyline.brief/1" and doc["summary"]
    assert doc["summary"] == client.get(f"/api/stories/{sid}").json()["summary"]
    md = client.get(f"/api/stories/{sid}/brief", params={"format": "md"})
    assert md.headers["content-type"].startswith("text/markdown") and "## Brief" in md.text
    html = client.get(f"/api/stories/{sid}/brief", params={"format": "html"})
    assert html.headers["content-type"].startswith("text/html")
    assert "script-src" not in html.headers["content-security-policy"]
    assert "<script" not in html.text
    assert client.get(f"/api/stories/{sid}/brief", params={"format": "pdf"}).status_code == 422
    assert client.get("/api/stories/nope/brief").status_code == 404


def test_internal_errors_show_no_trace(served, monkeypatch):
    from fastapi.testclient import TestClient

    from storyline import service
    from storyline.api.app import create_app

    def broken(*_a, **_k):
        raise RuntimeError("secret detail from deep inside")

    monkeypatch.setattr(service, "get_story", broken)
    settings, store = served
    with TestClient(create_app(settings, store), raise_server_exceptions=False) as c:
        r = c.get("/api/stories/anything")
    assert r.status_code == 500
    assert r.json() == {"error": "internal error (see the server's log)"}
    assert "secret" not in r.text and "Traceback" not in r.text
