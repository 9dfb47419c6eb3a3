"""The corroborate stage end to end: invented articles from three outlets (one a syndicated
copy) ingested, the story's figures and quotes grouped in the export, and the groups
rebuilt whenever the story changes."""

from __future__ import annotations

import json

from storyline import service
from storyline.ingest.runner import ingest
from tests.conftest import FIXTURES

QUARRY = FIXTURES / "corroborate" / "quarry.jsonl"  # Harbour Courier + Kestrel News's copy
LATER = FIXTURES / "corroborate" / "quarry-later.jsonl"  # Valley Post, a day later


def _story(store) -> dict:
    [summary] = service.list_stories(store).items
    return service.get_story(store, summary.id)


def _number(story: dict, what: str) -> dict:
    return next(n for n in story["numbers"] if n["what"] == what)


def test_export_groups_figures_and_quotes_across_outlets(cli, db_path):
    assert cli("ingest", str(QUARRY), str(LATER)).exit_code == 0
    doc = json.loads(cli("export", "--format", "json").output)
    [story] = doc["stories"]
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    assert {a["id"]: a["duplicate_of"] for a in doc["articles"]}["quarry-kestrel"] == \
        "quarry-courier"
    killed = _number(story, "people killed")
    assert killed["status"] == "conflicting" and killed["trend"] == "rising"
    assert [(v["value"], v["qualifier"], v["sources"], v["first_reported"])
            for v in killed["values"]] == [
        (9, "at least", ["Harbour Courier", "Kestrel News"], "2031-05-13"),
        (14, None, ["Valley Post"], "2031-05-14")]
    assert killed["conservative"]["value"] == 9 and killed["place"] == "Velmora"
    assert killed["event_id"] is None
    evacuated = _number(story, "residents evacuated")
    assert evacuated["status"] == "corroborated" and evacuated["reports"] == 2
    for n in story["numbers"]:
        assert {"id", "what", "unit", "value", "place", "date", "event_id", "mentions",
                "values", "status"} <= set(n)
        for m in n["mentions"]:
            assert {"article_id", "sentence", "value", "source", "published"} <= set(m)
            assert m["sentence"] in texts[m["article_id"]]
    [bang] = [q for q in story["quotes"] if q["text"].startswith("We heard one huge bang")]
    assert bang["article_ids"] == ["quarry-courier", "quarry-kestrel", "quarry-valley"]
    assert bang["sources"] == ["Harbour Courier", "Kestrel News", "Valley Post"]
    assert bang["speaker_disputed"] is True and bang["date"] == "2031-05-13"
    assert {s["speaker"] for s in bang["speakers"]} == {"Aron Belic", "Mira Sand"}
    for q in story["quotes"]:
        assert {"id", "speaker", "speaker_entity_id", "text", "kind", "article_id", "date",
                "article_ids", "sources", "speaker_disputed"} <= set(q)
        assert q["article_id"] == q["article_ids"][0]
        for m in q["mentions"]:
            assert m["sentence"] in texts[m["article_id"]]


def test_groups_are_rebuilt_when_the_story_changes(store, settings):
    ingest(store, [str(QUARRY)], settings)
    story = _story(store)
    killed = _number(story, "people killed")
    # the copy prints the original's figure: one report, not two
    assert killed["status"] == "single-source" and len(killed["mentions"]) == 2
    assert _number(story, "residents evacuated")["status"] == "single-source"
    [bang] = [q for q in story["quotes"] if q["text"].startswith("We heard")]
    assert bang["speaker_disputed"] is False and bang["reports"] == 1

    ingest(store, [str(LATER)], settings)  # a new outlet joins the story
    story = _story(store)
    assert _number(story, "people killed")["status"] == "conflicting"
    assert _number(story, "residents evacuated")["status"] == "corroborated"

    new = service.split_story(store, settings, story["id"], ["quarry-valley"])
    service.process(store, settings)
    kept = service.get_story(store, story["id"])
    assert _number(kept, "people killed")["status"] == "single-source"
    assert _number(service.get_story(store, new), "people killed")["values"][0]["value"] == 14

    service.merge_stories(store, settings, story["id"], new)
    service.process(store, settings)
    assert _number(service.get_story(store, story["id"]), "people killed")["status"] == \
        "conflicting"
    assert service.reset(store, settings, "corroborate") == ["corroborate"]
    assert service.get_story(store, story["id"])["numbers"] == []  # forgotten until it runs
    service.process(store, settings)
    assert _number(service.get_story(store, story["id"]), "people killed")["status"] == \
        "conflicting"


def test_facts_command_puts_conflicts_first(cli, db_path, store):
    assert cli("ingest", str(QUARRY), str(LATER)).exit_code == 0
    story_id = service.list_stories(store).items[0].id
    out = cli("facts", story_id).output
    assert out.index("people killed") < out.index("residents evacuated")
    assert "CONFLICTING" in out and "rising" in out
    assert "9 (at least)" in out and "Harbour Courier, Kestrel News" in out
    assert "2031-05-13" in out and "Valley Post" in out
    events = out.split("Events:")[1].split("Positions:")[0]
    assert "ASSAULT" in events and "Velmora" in events  # the blast, from the events stage
    assert "Positions: none yet" in out
    assert "speaker disputed" in out and "Aron Belic" in out
    as_json = json.loads(cli("facts", story_id, "--json").output)
    assert as_json["numbers"][0]["status"] == "conflicting"
    assert cli("facts", "no-such-story").exit_code != 0


def test_a_speaker_spelled_two_ways_is_shown_under_the_entitys_name(cli, tmp_path):
    rows = [
        {"id": "ice-a", "source": "North Ledger", "published": "2031-02-03",
         "title": "Ferry service halted by ice on the Varna strait",
         "text": "Ferry crossings on the Varna strait were halted on Monday as ice closed "
                 "the harbour. \"We will not risk a single crossing,\" said port director "
                 "Zoltán Hérczeg. Trucks queued for miles on the coast road."},
        {"id": "ice-b", "source": "Coast Daily", "published": "2031-02-04",
         "title": "Ice keeps Varna strait ferries in port for a second day",
         "text": "Ferries on the Varna strait stayed in port for a second day on Tuesday as "
                 "ice closed the harbour. \"The ice is thicker than last winter,\" said port "
                 "director Zoltan Herczeg. Trucks queued on the coast road."},
    ]
    path = tmp_path / "ice.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert cli("ingest", str(path)).exit_code == 0
    doc = json.loads(cli("export", "--format", "json").output)
    [story] = doc["stories"]
    said = [q for q in story["quotes"] if "rczeg" in (q["speaker"] or "")]
    assert len(said) == 2 and len({q["speaker_entity_id"] for q in said}) == 1
    [entity] = [e for e in story["entities"] if e["id"] == said[0]["speaker_entity_id"]]
    assert {q["speaker"] for q in said} == {entity["name"]}
    written = {m["speaker"] for q in said for m in q["mentions"]}
    assert written == {"Zoltán Hérczeg", "Zoltan Herczeg"}  # each article's own spelling
