"""The query layer over the demo corpus: story listings with filters and pages, one story in
the export contract, articles in publish order, entity look-up, and the streamed export."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from storyline import service
from storyline.demo import demo_path
from storyline.errors import NotFoundError
from storyline.export import build_export, write_json
from storyline.ingest.runner import ingest
from storyline.settings import Settings
from storyline.store import open_store
from storyline.store.queries import StoryFilter


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("q") / "demo.db")
    settings = Settings(db_url=db, fetch_feed_items=False)
    store = open_store(db)
    report = ingest(store, [str(demo_path())], settings)
    assert report.ok
    yield store
    store.close()


def _ids(page) -> list[str]:
    return [s.id for s in page.items]


def test_listing_pages_and_orders(demo):
    everything = service.list_stories(demo, order="size")
    assert everything.total == len(everything.items) == 3
    assert [s.articles for s in everything.items] == sorted(
        (s.articles for s in everything.items), reverse=True)
    first, second = (service.list_stories(demo, limit=2, offset=o, order="size") for o in (0, 2))
    assert _ids(first) + _ids(second) == _ids(everything)
    assert first.total == 3 and first.next_offset == 2 and second.next_offset is None
    recent = service.list_stories(demo, order="recent").items
    lasts = [s.last_published for s in recent]
    assert recent[0].title.startswith("Cedar Ridge") and len(lasts) == 3
    wildfire = recent[0]
    assert wildfire.outlets == len(wildfire.sources) == 4


def _titles(store, **kw) -> list[str]:
    return sorted(s.title for s in service.list_stories(store, StoryFilter(**kw)).items)


def test_filters(demo):
    assert _titles(demo, text="dockers") == ["Antwerp strike ends as dockers accept 5pc deal"]
    assert _titles(demo, text="DAM tuscany") == [
        "Tuscany dam: engineers questioned as toll reaches nine"]
    assert len(_titles(demo, since="2026-03-14")) == 1  # only the wildfire runs that late
    assert len(_titles(demo, until="2026-03-09")) == 1  # only the dam started that early
    assert len(_titles(demo, since="2026-03-11", until="2026-03-11")) == 2
    assert _titles(demo, outlet="The Harbour Courier") == _titles(demo, outlet="harbourcourier")
    assert len(_titles(demo, outlet="Harbour Courier")) == 2
    assert _titles(demo, place="Kamloops") == ["Cedar Ridge fire: Kamloops residents allowed home"]
    assert _titles(demo, place="Marieke Janssens") == []  # a person is not a place
    assert _titles(demo, entity="Marieke Janssens") == [
        "Antwerp strike ends as dockers accept 5pc deal"]
    assert _titles(demo, text="dockers", place="Kamloops") == []


def test_one_story_in_the_contract_and_its_errors(demo):
    doc = build_export(demo)
    for story in doc["stories"]:
        assert service.get_story(demo, story["id"]) == story
    with pytest.raises(NotFoundError):
        service.get_story(demo, "nope")
    view = service.get_article(demo, doc["articles"][0]["id"], revisions=True)
    assert view.article.id == doc["articles"][0]["id"] and view.revisions == []
    with pytest.raises(NotFoundError):
        service.get_article(demo, "nope")


def test_entities_by_name_alias_and_id(demo):
    [okafor] = [e for e in service.find_entities(demo, "okafor") if e.name == "Daniel Okafor"]
    assert okafor.type == "PERSON" and okafor.articles >= 1
    kamloops = service.find_entities(demo, "kamloops", "GPE")
    assert kamloops and kamloops[0].geo is not None
    assert service.find_entities(demo, kamloops[0].id)[0].id == kamloops[0].id


def test_streamed_json_is_the_document(demo):
    buf = io.StringIO()
    write_json(demo, buf)
    doc = build_export(demo)
    assert buf.getvalue() == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def test_articles_stream_in_publish_order_undated_last(store, tmp_path: Path):
    lines = [{"id": f"a{n:02d}", "text": f"Body {n} of a short test article about tides.",
              "published": f"2031-01-{1 + n % 28:02d}T{n % 24:02d}:00:00+02:00"} for n in range(23)]
    lines += [{"id": f"u{n}", "text": f"Undated body {n} about the tides."} for n in range(3)]
    f = tmp_path / "many.jsonl"
    f.write_text("".join(json.dumps(x) + "\n" for x in lines))
    ingest(store, [str(f)], Settings(db_url=store.url, batch_size=7), [])
    from storyline.store.queries import iter_articles

    with store.connect() as c:
        got = [a.id for a in iter_articles(c, chunk=4)]
    dated = sorted((x for x in lines if "published" in x),
                   key=lambda x: (x["published"][:10], int(x["published"][11:13]) - 2, x["id"]))
    assert got == [x["id"] for x in dated] + ["u0", "u1", "u2"]
