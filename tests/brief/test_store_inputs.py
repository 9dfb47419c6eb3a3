"""The brief of a story read back from the store after a real ingest (all stages)."""

from __future__ import annotations

from pathlib import Path

from storyline.brief.inputs import brief_articles
from storyline.brief.summarize import summarize
from storyline.ingest.runner import ingest
from storyline.settings import Settings
from storyline.store import Store


def test_brief_of_an_ingested_story(store: Store, settings: Settings, fixtures: Path) -> None:
    report = ingest(store, [str(fixtures / "brief" / "bridge.jsonl")], settings)
    assert report.ok
    arts = store.articles()
    stories = {a.story_id for a in arts}
    assert len(stories) == 1 and None not in stories
    assert {a.id: a.duplicate_of for a in arts}["wire-copy-1"] == "gazette-1"

    inputs = brief_articles(store, [a.id for a in arts])
    assert all(a.sentences for a in inputs)
    brief = summarize(inputs, settings.brief)
    assert brief
    text = {a.id: a.text for a in arts}
    for b in brief:
        assert b.text in text[b.article_id]
        for cited in b.article_ids:
            assert cited in text
    closure = next(b for b in brief if "suspension cables" in b.text)
    assert {"gazette-1", "coastline-1", "wire-copy-1"} <= set(closure.article_ids)
