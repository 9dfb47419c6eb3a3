"""The whole pipeline on PostgreSQL (a private server, see tests/pg_server.py) gives the
export the embedded SQLite store gives, and re-ingest, story edits and recluster behave
the same way there."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storyline.cli.main import cli


def _run(db: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", db, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _export(db: str) -> dict:
    return json.loads(_run(db, "export", "--format", "json"))


def test_demo_corpus_on_postgres_exports_what_sqlite_exports(postgres_url: str, tmp_path: Path):
    sqlite_db = str(tmp_path / "same.db")
    for db in (sqlite_db, postgres_url):
        out = _run(db, "ingest", "--demo")
        assert "0 stage failures" in out, out
    pg, lite = _export(postgres_url), _export(sqlite_db)
    assert pg == lite
    stories = pg["stories"]
    assert len(pg["articles"]) >= 10 and len(stories) >= 2
    assert any(s["entities"] for s in stories) and any(s["quotes"] for s in stories)
    assert any(a["duplicate_of"] for a in pg["articles"])  # the demo holds a syndicated copy

    again = _run(postgres_url, "ingest", "--demo")
    assert " 0 new" in again, again
    assert _export(postgres_url) == pg  # nothing lost or duplicated


def test_story_edits_and_recluster_on_postgres(postgres_url: str):
    _run(postgres_url, "ingest", "--demo")
    before = _export(postgres_url)
    big = max(before["stories"], key=lambda s: len(s["article_ids"]))
    other = next(s for s in before["stories"] if s["id"] != big["id"])
    _run(postgres_url, "merge-stories", big["id"], other["id"], "--reason", "test")
    merged = {s["id"]: s for s in _export(postgres_url)["stories"]}
    assert other["id"] not in merged
    assert set(merged[big["id"]]["article_ids"]) == set(big["article_ids"]) | set(
        other["article_ids"])
    new_id = _run(postgres_url, "split-story", big["id"], *other["article_ids"]).strip()
    split = {s["id"]: s for s in _export(postgres_url)["stories"]}
    assert set(split[new_id]["article_ids"]) == set(other["article_ids"])
    _run(postgres_url, "recluster")
    rebuilt = _export(postgres_url)
    assert sorted(sorted(s["article_ids"]) for s in rebuilt["stories"]) == sorted(
        sorted(s["article_ids"]) for s in before["stories"])
