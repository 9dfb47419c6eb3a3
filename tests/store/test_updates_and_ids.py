"""Ids given by the input (SPEC, "Input for a run"): the same content adds nothing; the same
outlet or URL with new text is an update kept as a revision; another outlet or URL is a
different article, stored under a derived id and reported. Headline-only items are
articles, clustered by their title."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from storyline.ingest.runner import ingest
from storyline.store import schema as S
from storyline.store.articles import revisions

DAM = ("The Orvelle dam gave way on Tuesday night after three days of rain, flooding the "
       "lower town. Mayor Ines Varga said 40 homes were evacuated and two people were missing.")
DAM_LATER = ("The Orvelle dam gave way on Tuesday night after three days of rain, flooding the "
             "lower town. Mayor Ines Varga said 60 homes were evacuated and both missing people "
             "were found alive on Wednesday morning.")
FERRY = ("A ferry ran aground off Lake Point on Monday. The Lake Courier reported that all 112 "
         "passengers were taken ashore by lifeboats and nobody was hurt.")


def _jsonl(path: Path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_same_id_from_another_outlet_is_stored_under_a_derived_id(store, settings, tmp_path):
    first = _jsonl(tmp_path / "a.jsonl", [{"id": "1", "source": "Valley Post", "text": DAM,
                                           "published": "2031-03-04"}])
    second = _jsonl(tmp_path / "b.jsonl", [{"id": "1", "source": "Lake Courier", "text": FERRY,
                                            "published": "2031-03-05"}])
    assert ingest(store, [first], settings, []).added == ["1"]
    report = ingest(store, [second], settings, [])
    [renamed] = report.renamed
    assert renamed.given_id == "1" and renamed.stored_id.startswith("1~")
    assert renamed.where == second and renamed.line == 1 and "stored as" in str(renamed)
    assert report.added == [renamed.stored_id] and store.count_articles() == 2
    assert store.get_article("1").body == DAM
    assert store.get_article(renamed.stored_id).body == FERRY
    again = ingest(store, [second], settings, [])  # the same input maps to the same derived id
    assert again.already_stored == 1 and not again.added and not again.renamed


def test_two_outlets_sharing_an_id_in_one_file(store, settings, tmp_path):
    f = _jsonl(tmp_path / "mixed.jsonl", [
        {"id": "7", "url": "https://valley.example/dam", "text": DAM},
        {"id": "7", "url": "https://lake.example/ferry", "text": FERRY},
    ])
    report = ingest(store, [f], settings, [])
    assert len(report.added) == 2 and len(report.renamed) == 1
    assert {a.body for a in store.articles()} == {DAM, FERRY}


def test_new_text_from_the_same_outlet_is_an_update_with_a_revision(cli, db_path, tmp_path):
    v1 = _jsonl(tmp_path / "v1.jsonl", [{"id": "dam-1", "source": "Valley Post", "text": DAM,
                                         "title": "Dam fails", "published": "2031-03-04"}])
    v2 = _jsonl(tmp_path / "v2.jsonl", [{"id": "dam-1", "source": "valleypost.example",
                                         "text": DAM_LATER, "title": "Dam fails: all found",
                                         "published": "2031-03-05"}])
    assert cli("ingest", v1).exit_code == 0
    out = cli("ingest", v2)
    assert out.exit_code == 0 and "0 new, 1 updated" in out.output, out.output
    shown = cli("show", "dam-1", "--revisions").output
    assert "both missing people were found" in shown  # the current text
    assert "1 earlier versions" in shown and "two people were missing" in shown
    same = cli("ingest", v2)
    assert "0 new, 0 updated, 1 already stored" in same.output


def test_an_update_reruns_the_stages_and_keeps_the_story(store, settings, tmp_path):
    v1 = _jsonl(tmp_path / "v1.jsonl", [{"id": "dam-1", "source": "Valley Post", "text": DAM,
                                         "published": "2031-03-04"}])
    ingest(store, [v1], settings)
    before = store.get_article("dam-1")
    with store.connect() as c:
        rev = c.execute(select(S.stories.c.revision).where(
            S.stories.c.id == before.story_id)).scalar_one()
    v2 = _jsonl(tmp_path / "v2.jsonl", [{"id": "dam-1", "source": "Valley Post",
                                         "text": DAM_LATER, "published": "2031-03-04"}])
    report = ingest(store, [v2], settings)
    assert report.updated == ["dam-1"] and report.ok
    after = store.get_article("dam-1")
    assert after.story_id == before.story_id and "found alive" in after.text
    with store.connect() as c:
        sentences = c.execute(select(S.sentences.c.text).where(
            S.sentences.c.article_id == "dam-1")).scalars().all()
        new_rev = c.execute(select(S.stories.c.revision).where(
            S.stories.c.id == before.story_id)).scalar_one()
        assert len(revisions(c, "dam-1")) == 1
    assert any("found alive" in s for s in sentences)  # enriched again
    assert new_rev > rev  # its story changed: story-level stages run again
    assert store.pending("enrich", ["clean", "stories"]) == []


def test_updating_a_canonical_unlinks_and_rechecks_its_copies(store, settings, tmp_path):
    v1 = _jsonl(tmp_path / "v1.jsonl", [
        {"id": "orig", "source": "Valley Post", "text": DAM, "published": "2031-03-04"},
        {"id": "copy", "source": "Kestrel News", "text": DAM, "published": "2031-03-05"},
    ])
    ingest(store, [v1], settings, ["clean", "dedupe"])
    assert store.get_article("copy").duplicate_of == "orig"
    v2 = _jsonl(tmp_path / "v2.jsonl", [{"id": "orig", "source": "Valley Post", "text": FERRY,
                                         "published": "2031-03-04"}])
    ingest(store, [v2], settings, ["clean", "dedupe"])
    assert store.get_article("copy").duplicate_of is None
    assert store.get_article("orig").duplicate_of is None


def test_headline_only_items_are_stored_and_clustered_by_title(store, settings, tmp_path):
    f = _jsonl(tmp_path / "heads.jsonl", [
        {"id": "h1", "source": "Valley Post", "title": "Orvelle dam collapses after heavy rain",
         "published": "2031-03-04T08:00:00Z"},
        {"id": "h2", "source": "Lake Courier", "title": "Heavy rain: Orvelle dam collapses",
         "published": "2031-03-04T09:30:00Z"},
        {"id": "h3", "source": "Kestrel News", "text": "Ferry aground off Lake Point",
         "title": "Ferry aground off Lake Point", "published": "2031-03-04T10:00:00Z"},
    ])
    report = ingest(store, [f], settings)
    assert report.ok and sorted(report.added) == ["h1", "h2", "h3"]
    arts = {a.id: a for a in store.articles()}
    assert all(a.headline_only for a in arts.values())
    assert arts["h1"].text == "Orvelle dam collapses after heavy rain"
    assert arts["h1"].story_id and arts["h1"].story_id == arts["h2"].story_id
    assert arts["h3"].story_id != arts["h1"].story_id
