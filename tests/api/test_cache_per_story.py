"""The caches keep answers per story and per article: a change to story A (an ingest into
it through the API, or another process's write) refreshes A's answers and the listings and
keeps story B's; a change to an entity refreshes every story that mentions it. Real app,
real SQLite file, real ingests."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from sqlalchemy import select

from storyline.api.app import create_app
from storyline.ingest.runner import ingest
from storyline.store import open_store
from storyline.store import schema as S
from tests.api.helpers import cached_store, response_cache

TOKEN = "per-story-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

TRAM = [
    {"id": "tram-1", "source": "Lodz Courier", "published": "2031-04-01",
     "title": "Tram line 4 closes in Lodz for track repairs",
     "text": "Tram line 4 in Lodz closed on Monday for track repairs, the city transport "
             "office said.\nReplacement buses will run on the tram route until the end of "
             "April."},
    {"id": "tram-2", "source": "Baltic Daily", "published": "2031-04-02",
     "title": "Lodz tram line 4 shut for track repairs",
     "text": "The city transport office closed tram line 4 in Lodz on Monday for track "
             "repairs.\nReplacement buses run on the tram route until the end of April."},
]
FERRY = [
    {"id": "ferry-1", "source": "Island Wire", "published": "2031-05-02",
     "title": "Ferry runs aground off Corfu",
     "text": "A passenger ferry ran aground off Corfu on Sunday; all ninety people on board "
             "were taken ashore by fishing boats, the Hellenic Coast Guard said.\nAn inquiry "
             "into the grounding has begun."},
    {"id": "ferry-2", "source": "Aegean Post", "published": "2031-05-02",
     "title": "Passenger ferry aground off Corfu, ninety taken ashore",
     "text": "The Hellenic Coast Guard said a passenger ferry ran aground off Corfu on "
             "Sunday and fishing boats took all ninety people on board ashore.\nAn inquiry "
             "into the grounding has begun."},
]
TRAM_UPDATE = {
    "id": "tram-3", "source": "Lodz Courier", "published": "2031-04-03",
    "title": "Tram line 4 in Lodz to reopen after track repairs",
    "text": "Tram line 4 in Lodz will reopen after the track repairs end, the city transport "
            "office said on Wednesday.\nReplacement buses run on the tram route until then."}


def _app(tmp_path):
    settings, store = cached_store(tmp_path / "per-story.db", TOKEN)
    path = tmp_path / "seed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in TRAM + FERRY), encoding="utf-8")
    assert ingest(store, [str(path)], settings).ok
    tram, ferry = store.get_article("tram-1").story_id, store.get_article("ferry-1").story_id
    assert tram and ferry and tram != ferry
    assert store.get_article("tram-2").story_id == tram
    assert store.get_article("ferry-2").story_id == ferry
    return settings.db_url, settings, store, tram, ferry


def _urls(sid: str, article: str) -> list[str]:
    return [f"/api/stories/{sid}", f"/api/stories/{sid}/brief",
            f"/api/stories/{sid}/brief?format=md", f"/stories/{sid}",
            f"/api/articles/{article}", f"/articles/{article}"]


def _served(c, cache, url: str) -> tuple[bytes, bool]:
    """The answer at ``url`` and whether the cache served it."""
    hits = cache.stats.hits
    r = c.get(url)
    assert r.status_code == 200, (url, r.text)
    return r.content, cache.stats.hits == hits + 1


def test_an_ingest_into_one_story_keeps_the_other_storys_answers(tmp_path):
    _db, settings, store, tram, ferry = _app(tmp_path)
    app = create_app(settings, store)
    with TestClient(app) as c:
        cache = response_cache(app)
        before = {u: _served(c, cache, u)[0] for u in _urls(tram, "tram-1") + _urls(ferry, "ferry-1")}
        listing = c.get("/api/stories").json()
        assert all(_served(c, cache, u)[1] for u in before)  # all kept
        r = c.post("/api/ingest", json=TRAM_UPDATE, headers=AUTH)
        assert r.status_code == 200, r.text
        assert r.json()["stories"] == {"tram-3": tram}
        for u in _urls(ferry, "ferry-1"):  # story B: the same answer, from the cache
            body, hit = _served(c, cache, u)
            assert hit and body == before[u], u
        story, hit = _served(c, cache, f"/api/stories/{tram}")  # story A: built again
        assert not hit and "tram-3" in json.loads(story)["article_ids"]
        brief, hit = _served(c, cache, f"/api/stories/{tram}/brief?format=md")
        assert not hit and brief != before[f"/api/stories/{tram}/brief?format=md"]
        page, hit = _served(c, cache, f"/stories/{tram}")
        assert not hit and b"/articles/tram-3" in page
        # the listing shows every story: refreshed
        relisted = c.get("/api/stories").json()
        counts = {i["id"]: i["articles"] for i in relisted["items"]}
        assert counts[tram] == {i["id"]: i["articles"] for i in listing["items"]}[tram] + 1
    store.close()


def test_another_process_changing_one_story_refreshes_it_alone(tmp_path):
    db, settings, store, tram, ferry = _app(tmp_path)
    app = create_app(settings, store)
    with TestClient(app) as c:
        cache = response_cache(app)
        before = {u: _served(c, cache, u)[0] for u in _urls(tram, "tram-1") + _urls(ferry, "ferry-1")}
        other = open_store(db)
        with other.begin() as conn:  # another connection renames the ferry story
            conn.execute(S.stories.update().where(S.stories.c.id == ferry)
                         .values(title="Corfu ferry grounding"))
        for u in _urls(tram, "tram-1"):
            body, hit = _served(c, cache, u)
            assert hit and body == before[u], u
        story, hit = _served(c, cache, f"/api/stories/{ferry}")
        assert not hit and json.loads(story)["title"] == "Corfu ferry grounding"
        page, hit = _served(c, cache, "/articles/ferry-2")  # shows its story's title
        assert not hit and b"Corfu ferry grounding" in page

        # a new spelling of an entity the tram story names refreshes the tram story only
        with other.connect() as conn:
            m = S.entity_mentions
            named = set(conn.execute(select(m.c.entity_id).where(
                m.c.article_id.in_(["tram-1", "tram-2", "tram-3"]))).scalars())
            elsewhere = set(conn.execute(select(m.c.entity_id).where(
                m.c.article_id.in_(["ferry-1", "ferry-2"]))).scalars())
        only_tram = sorted(named - elsewhere)
        assert only_tram, named
        kept = {u: _served(c, cache, u)[0] for u in _urls(ferry, "ferry-1")}
        with other.begin() as conn:
            conn.execute(S.entity_aliases.insert(), {"entity_id": only_tram[0],
                                                     "alias": "A Spelling Seen Nowhere"})
        story, hit = _served(c, cache, f"/api/stories/{tram}")
        assert not hit and "A Spelling Seen Nowhere" in story.decode()
        for u in _urls(ferry, "ferry-1"):
            body, hit = _served(c, cache, u)
            assert hit and body == kept[u], u
        other.close()
    store.close()


def test_a_document_being_built_is_shared_unless_its_story_changed_since(tmp_path):
    import threading

    from storyline.api.cache import ChangeTracker, DocumentCache, store_version
    from storyline.store.changes import install

    db, _settings, store, tram, ferry = _app(tmp_path)
    install(store)
    version = store_version(store)
    assert version is not None
    docs = DocumentCache(ChangeTracker(version))
    release, started, builds = threading.Event(), threading.Event(), []

    def slow(label: str):
        def build():
            builds.append(label)
            started.set()
            assert release.wait(10)
            return {"built by": label}
        return build

    def fast(label: str):
        return lambda: builds.append(label) or {"built by": label}

    got: dict[str, object] = {}
    lead = threading.Thread(target=lambda: got.setdefault("lead", docs.get(("story", tram), slow("lead"))))
    lead.start()
    assert started.wait(10)
    follow = threading.Thread(target=lambda: got.setdefault("follow", docs.get(("story", tram), fast("follow"))))
    follow.start()
    follow.join(0.2)
    assert follow.is_alive()  # waiting for the lead's build, not building
    release.set()
    lead.join(10)
    follow.join(10)
    assert builds == ["lead"] and got["follow"] is got["lead"]
    assert docs.get(("story", tram), fast("kept")) is got["lead"] and builds == ["lead"]

    # the story changes while a build is running: a request that comes after the change
    # builds its own, which is kept; the earlier build is not
    release.clear()
    started.clear()
    got.clear()
    lead = threading.Thread(target=lambda: got.setdefault("lead", docs.get(("brief", ferry), slow("lead2"))))
    lead.start()
    assert started.wait(10)
    other = open_store(db)
    with other.begin() as conn:
        conn.execute(S.stories.update().where(S.stories.c.id == ferry).values(title="Renamed"))
    other.close()
    assert docs.get(("brief", ferry), fast("after change")) == {"built by": "after change"}
    release.set()
    lead.join(10)
    assert got["lead"] == {"built by": "lead2"}
    # the one built after the change is kept, the earlier one did not replace it
    assert docs.get(("brief", ferry), fast("again")) == {"built by": "after change"}
    assert builds[1:] == ["lead2", "after change"]
    version.close()
    store.close()
