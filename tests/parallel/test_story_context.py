"""Work units keep a story's articles together, and a worker reading them one after the
other gives each the context a run in one process gives it: the places its story's
earlier articles were stored as."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.enrich.article import EnrichTask, enrich_chunk, story_units
from storyline.enrich.persist import story_places
from storyline.enrich.places.context import places_written, with_earlier
from storyline.enrich.places.mentions import place_of
from storyline.ingest.runner import ingest
from storyline.records import Article
from storyline.settings import Settings
from storyline.store import open_store
from tests.parallel.corpus import records


def _a(aid: str, story: str | None, chars: int = 10) -> Article:
    return Article(id=aid, input="test", body="x" * chars, body_kind="text", text="x" * chars,
                   story_id=story)


def test_a_storys_articles_share_a_unit_in_publish_order():
    arts = [_a("1", "s"), _a("2", "t"), _a("3", "s"), _a("4", None), _a("5", "t")]
    units = story_units(arts, size=4)
    assert [[a.id for a in u] for u in units] == [["1", "2", "3", "5"], ["4"]]


def test_units_keep_to_their_size_and_length():
    arts = [_a(str(i), "s") for i in range(7)]
    assert [len(u) for u in story_units(arts, size=3)] == [3, 3, 1]
    # by length: about two articles of 40 characters a unit, a long one alone
    arts = [_a("1", "s", 40), _a("2", "s", 40), _a("3", "s", 40), _a("4", "t", 500),
            _a("5", "u", 10)]
    got = [[a.id for a in u] for u in story_units(arts, size=32, chars=100)]
    assert got == [["1", "2"], ["3"], ["4"], ["5"]]
    # every article once, each unit in publish order
    for u in story_units(arts, size=2, chars=60):
        assert [a.id for a in u] == sorted(a.id for a in u)
    assert sorted(a.id for u in story_units(arts, size=2, chars=60) for a in u) == \
        [a.id for a in arts]


def test_a_worker_rebuilds_the_context_the_store_gives(tmp_path: Path):
    # the flood story stored in one process; then the worker's function reads its two
    # articles in one unit: the second is read with the places the store gives it
    path = tmp_path / "flood.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records()
                            if r["id"] in ("flood-1", "flood-2")), encoding="utf-8")
    settings = Settings(db_url=str(tmp_path / "c.db"))
    store = open_store(settings.db_url)
    ingest(store, [str(path)], settings)
    with store.connect() as c:
        first, second = store.articles(["flood-1", "flood-2"], conn=c)
        from_store = tuple(story_places(c, second))
    store.close()
    assert first.story_id == second.story_id and from_store
    one, two = enrich_chunk(EnrichTask([first, second], [(), ()]), settings)
    assert one.context == () and two.context == from_store
    assert two.enrichment is not None
    assert with_earlier((), places_written(one.enrichment.mentions)) == from_store
    # a place of the second article is read through them: Paris is the Texas town
    paris = [m for m in two.enrichment.mentions if m.text == "Paris"]
    assert paris and all(place_of(m.key).cc == "US" for m in paris)


def test_only_resolved_places_are_stored_as_context(tmp_path: Path):
    text = "Officials in Paris, Texas and in the Glubbdubdrib Valley met on Monday."
    a = Article(id="p", input="test", body=text, body_kind="text", text=text)
    [r] = enrich_chunk(EnrichTask([a], [()]), Settings(db_url=str(tmp_path / "p.db")))
    ms = r.enrichment.mentions
    places = places_written(ms)
    resolved = {m.key for m in ms if m.key.place is not None}
    assert places and len(places) == len(resolved)
    assert {p.geonameid for p in places} == {place_of(k).geonameid for k in resolved}
    assert places_written([m for m in ms if m.key.place is None]) == set()
