"""The events stage through ingest: the same strike told by two outlets (and a syndicated
copy) is one event with each outlet once; a strike on another city that day is another
event; a reference back ("killed in the attack") joins its event; the export's events and
timeline follow the contract; the stage runs again when the story changes; other stages
can look events up by sentence."""

from __future__ import annotations

import json

from sqlalchemy import select

from storyline import service
from storyline.ingest.runner import ingest
from storyline.store import schema as S
from storyline.store.queries import story_document
from storyline.store.queries.events import events_at, story_event_sentences

VALLEY = ("Government forces shelled a hospital in Homs on Tuesday, killing nine people. "
          "At least four children were among those killed in the attack, a doctor said. "
          "Rebels attacked an army checkpoint in Aleppo on Tuesday.")
LAKE = ("Syrian government forces shelled a hospital in Homs on Tuesday, medics said. "
        "Rebels also attacked a checkpoint in Aleppo on Tuesday, the army said.")
KESTREL = ("Nine people died when government forces shelled a hospital in the city of Homs "
           "on Tuesday. Aid groups condemned the shelling of the hospital in Homs.")


def _ingest(store, settings, path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = ingest(store, [str(path)], settings)
    assert report.ok, (report.problems, [s.failed for s in report.stages])


def _story(store):
    ids = {a.story_id for a in store.articles()}
    assert len(ids) == 1, "the fixture articles should make one story"
    with store.connect() as c:
        return story_document(c, ids.pop())


def _event(doc, place):
    found = [e for e in doc["events"] if e["place"] == place and e["category"] == "ASSAULT"]
    assert len(found) == 1, [(e["description"], e["place"]) for e in doc["events"]]
    return found[0]


def test_one_event_per_real_event_with_its_sources(store, settings, tmp_path):
    _ingest(store, settings, tmp_path / "a.jsonl", [
        {"id": "valley", "source": "Valley Post", "published": "2024-05-08", "text": VALLEY},
        {"id": "lake", "source": "Lake Courier", "published": "2024-05-08", "text": LAKE},
        {"id": "lake-copy", "source": "Wire Daily", "published": "2024-05-09", "text": LAKE},
    ])
    assert store.get_article("lake-copy").duplicate_of == "lake"
    doc = _story(store)
    texts = {a.id: a.text for a in store.articles()}
    homs, aleppo = _event(doc, "Homs"), _event(doc, "Aleppo")
    assert homs["id"] != aleppo["id"]  # two strikes, two cities, one day
    assert (homs["date"], homs["date_precision"]) == ("2024-05-07", "day")
    assert homs["mode"] == "heavy-weapons" and homs["geo"]["country"] == "SY"
    assert set(homs["article_ids"]) == {"valley", "lake", "lake-copy"}
    # each outlet once; the syndicated copy is no new source
    assert homs["sources"] == ["Lake Courier", "Valley Post"] and homs["reports"] == 2
    links = {(m["article_id"], m["link"]) for m in homs["mentions"]}
    assert ("valley", "anaphor") in links  # "killed in the attack"
    for m in homs["mentions"] + aleppo["mentions"]:
        assert m["sentence"] in texts[m["article_id"]]
    assert set(aleppo["article_ids"]) == {"valley", "lake", "lake-copy"}
    for key in ("id", "date", "date_precision", "category", "mode", "actor", "actor_entity_id",
                "target", "target_entity_id", "place", "geo", "description", "mentions",
                "sources"):
        assert key in homs
    assert "Homs" in homs["description"]
    # the timeline: dates in order, every event once
    dates = [t["date"] for t in doc["timeline"]]
    assert dates == sorted(dates)
    listed = [i for t in doc["timeline"] for i in t["event_ids"]]
    assert sorted(listed) == sorted(e["id"] for e in doc["events"])
    assert homs["id"] in next(t for t in doc["timeline"] if t["date"] == "2024-05-07")["event_ids"]
    # the sentences an event is told in, for linking a figure to it
    with store.connect() as c:
        at = events_at(story_event_sentences(c, doc["id"]))
    assert at[("valley", 0)] == [homs["id"]]


def test_the_stage_runs_again_when_the_story_changes(store, settings, tmp_path):
    _ingest(store, settings, tmp_path / "a.jsonl", [
        {"id": "valley", "source": "Valley Post", "published": "2024-05-08", "text": VALLEY},
        {"id": "lake", "source": "Lake Courier", "published": "2024-05-08", "text": LAKE},
    ])
    before = _event(_story(store), "Homs")
    _ingest(store, settings, tmp_path / "b.jsonl", [
        {"id": "kestrel", "source": "Kestrel News", "published": "2024-05-09", "text": KESTREL}])
    after = _event(_story(store), "Homs")
    assert after["id"] == before["id"]
    assert after["sources"] == ["Kestrel News", "Lake Courier", "Valley Post"]
    assert "kestrel" in after["article_ids"]
    # reset: the stage forgets its events and writes them again on the next run
    assert "events" in service.reset(store, settings, "events")
    with store.connect() as c:
        assert c.execute(select(S.story_events)).first() is None
    service.process(store, settings)
    assert _event(_story(store), "Homs")["article_ids"] == after["article_ids"]
