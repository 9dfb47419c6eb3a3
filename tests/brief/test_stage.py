"""The brief stage: each story's brief is stored once per change of the story and is the
export's ``summary``; headline-only stories get their headlines; reset and merges clean up."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from storyline import service
from storyline.export import build_export
from storyline.ingest.runner import ingest
from storyline.store import schema as S


def _briefs(store) -> dict[str, list[tuple[str, int]]]:
    t = S.story_briefs
    with store.connect() as c:
        rows = c.execute(select(t.c.story_id, t.c.text, t.c.revision).order_by(t.c.idx)).all()
    out: dict[str, list[tuple[str, int]]] = {}
    for sid, text, rev in rows:
        out.setdefault(sid, []).append((text, rev))
    return out


def test_stored_brief_is_the_export_summary(store, settings, fixtures: Path):
    report = ingest(store, [str(fixtures / "serving" / "corpus.jsonl")], settings)
    assert report.ok
    doc = build_export(store)
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    titles = {a["id"]: a["title"] for a in doc["articles"]}
    stored = _briefs(store)
    assert set(stored) == {s["id"] for s in doc["stories"]}
    for story in doc["stories"]:
        assert story["summary"], story["id"]
        assert [x["text"] for x in story["summary"]] == [t for t, _ in stored[story["id"]]]
        for item in story["summary"]:
            assert set(item["article_ids"]) <= set(story["article_ids"])
            assert item["article_id"] in item["article_ids"]
            where = texts if item["sentence_idx"] is not None else titles
            assert item["text"] in where[item["article_id"]]
            # every article cited carries the sentence word for word; the others that state
            # it in their own words are listed apart
            for a in item["article_ids"]:
                assert " ".join(item["text"].split()) in " ".join(
                    (texts[a] + " " + (titles[a] or "")).split())
            for a in item["stated_by"]:
                assert " ".join(item["text"].split()) not in " ".join(texts[a].split())
    flood = next(s for s in doc["stories"] if "flood-wire" in s["article_ids"])
    # the sentence all three outlets state cites all three, with their outlets
    shared = next(x for x in flood["summary"] if "300 residents" in x["text"])
    assert set(shared["article_ids"]) | set(shared["stated_by"]) == {
        "flood-herald", "flood-wire", "flood-ledger"}
    assert shared["stated_by"]  # the three tell it in their own words
    assert set(shared["sources"]) == {"Douro Herald", "Atlantic Wire", "Lisbon Ledger"}


def test_headline_only_story_gets_its_headline(store, settings, fixtures: Path):
    ingest(store, [str(fixtures / "serving" / "corpus.jsonl")], settings)
    sid = store.get_article("feed-glacier").story_id
    [item] = service.get_story(store, sid)["summary"]
    assert item == {"text": "Glacier collapse closes the Furka pass", "article_ids": ["feed-glacier"],
                    "stated_by": [], "article_id": "feed-glacier", "sentence_idx": None,
                    "sources": ["Alpine Feed"], "published": "2031-02-04"}


def test_recomputed_only_when_the_story_changes(store, settings, fixtures: Path, tmp_path):
    ingest(store, [str(fixtures / "serving" / "corpus.jsonl")], settings)
    before = _briefs(store)
    sid = store.get_article("ferry-one").story_id
    [report] = service.process(store, settings, ["brief"])
    assert report.processed == 0  # nothing changed
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({
        "id": "ferry-three", "source": "Harbour Times", "published": "2031-02-07",
        "title": "Helsinki ferries sail again after strike",
        "text": "Ferries sailed from Helsinki to Tallinn again on Friday after a four-day strike by "
                "crews ended with a pay rise of 4 per cent for the seafarers' union.\n"
                "Passengers said the harbour was crowded but the sailings ran on time."}) + "\n")
    report = ingest(store, [str(more)], settings)
    assert store.get_article("ferry-three").story_id == sid
    brief_run = next(r for r in report.stages if r.stage == "brief")
    assert brief_run.processed == 1  # only the story that changed
    after = _briefs(store)
    assert {k: v for k, v in after.items() if k != sid} == {
        k: v for k, v in before.items() if k != sid}
    assert after[sid][0][1] > before[sid][0][1]  # written at the story's new revision
    cited = {a for x in service.get_story(store, sid)["summary"] for a in x["article_ids"]}
    assert "ferry-three" in cited


def test_reset_and_merge_clean_up(store, settings, fixtures: Path):
    ingest(store, [str(fixtures / "serving" / "corpus.jsonl")], settings)
    flood = store.get_article("flood-wire").story_id
    ferry = store.get_article("ferry-one").story_id
    service.merge_stories(store, settings, flood, ferry)
    service.process(store, settings)
    briefs = _briefs(store)
    assert ferry not in briefs and flood in briefs
    service.reset(store, settings, "brief")
    assert _briefs(store) == {}
    assert service.get_story(store, flood)["summary"] == []
    service.process(store, settings)
    assert set(_briefs(store)) == set(briefs)
