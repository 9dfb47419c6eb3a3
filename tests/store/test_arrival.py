"""Arrival order: articles with no date, or one date, are taken in the order their input
gave them (not by id), by every stage and every listing; an updated article keeps its place.
An online clusterer's result depends on the order it sees articles in, so an undated file
must be clustered in its own order."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.ingest.runner import ingest
from storyline.settings import Settings
from storyline.store import Store
from storyline.store.runs import pending_articles

TEXT = "The council of {n} met on a quiet evening to talk about its roads and parks. " * 3


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_undated_articles_keep_their_input_order(tmp_path: Path, store: Store, settings: Settings):
    ids = ["zeta", "alpha", "mike", "bravo10", "bravo2"]
    rows = [{"id": i, "title": f"Roads in {i}", "text": TEXT.format(n=i)} for i in ids]
    ingest(store, [str(_write(tmp_path / "a.jsonl", rows))], settings, stages=[])
    with store.connect() as c:
        assert pending_articles(c, "clean") == ids
    assert [a.id for a in store.articles()] == ids
    more = [{"id": "aaa", "title": "Roads later", "text": TEXT.format(n="aaa")}]
    ingest(store, [str(_write(tmp_path / "b.jsonl", more))], settings, stages=[])
    assert [a.id for a in store.articles()] == [*ids, "aaa"]


def test_dated_articles_go_by_time_and_ties_by_arrival(tmp_path: Path, store: Store,
                                                        settings: Settings):
    rows = [
        {"id": "b", "title": "B", "text": TEXT.format(n="b"), "published": "2024-05-02"},
        {"id": "a", "title": "A", "text": TEXT.format(n="a"), "published": "2024-05-02"},
        {"id": "c", "title": "C", "text": TEXT.format(n="c"), "published": "2024-05-01"},
        {"id": "d", "title": "D", "text": TEXT.format(n="d")},
    ]
    ingest(store, [str(_write(tmp_path / "a.jsonl", rows))], settings, stages=[])
    assert [a.id for a in store.articles()] == ["c", "b", "a", "d"]


def test_an_updated_article_keeps_its_place(tmp_path: Path, store: Store, settings: Settings):
    rows = [{"id": i, "title": i, "text": TEXT.format(n=i), "url": f"https://example.org/{i}"}
            for i in ("q", "p", "r")]
    ingest(store, [str(_write(tmp_path / "a.jsonl", rows))], settings, stages=[])
    changed = [dict(rows[0], text=TEXT.format(n="q, updated"))]
    report = ingest(store, [str(_write(tmp_path / "b.jsonl", changed))], settings, stages=[])
    assert report.updated == ["q"]
    assert [a.id for a in store.articles()] == ["q", "p", "r"]
