"""What bad input leaves for the store to hold (issue 14): NUL characters, NaN, lone
surrogates, over-long URLs, outlet and input names, on SQLite and on PostgreSQL; and
recording problems reads only the batch's own (where, line) pairs, through an index."""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlalchemy import select

from storyline.ingest.runner import ingest
from storyline.records import IngestProblem
from storyline.settings import Settings
from storyline.store import open_store
from storyline.store import schema as S
from storyline.store.articles import record_problems


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path):
    url = (request.getfixturevalue("postgres_url") if request.param == "postgresql"
           else str(tmp_path / "odd.db"))
    store = open_store(url)
    yield store, Settings(db_url=url, batch_size=3)
    store.close()


def test_odd_values_are_stored_on_every_backend(any_store, tmp_path):
    store, settings = any_store
    long_dir = tmp_path.joinpath(*(c * 250 for c in "defgh"))  # a path over 1,000 bytes
    long_dir.mkdir(parents=True)
    f = long_dir / "odd.jsonl"
    lines = [
        {"id": "nul", "title": "a\x00b", "text": "nul \x00 in text", "meta": "x\x00y", "source": "S\x00"},
        {"id": "nan", "text": "NaN and friends", "score": float("nan"), "hi": float("inf"),
         "big": 10 ** 30},
        {"id": "long-url", "text": "A long URL", "url": "https://x.example/" + "p" * 4000},
        {"id": "long-source", "text": "A long outlet name", "source": "Outlet " * 500},
        {"id": "deep", "text": "Deep metadata", "m": [[[[[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]]]]]},
    ]
    body = "\n".join(json.dumps(r, allow_nan=True) for r in lines)
    body += '\n{"id": "sur", "text": "lone \\ud800 half", "k": "\\udc00"}\n{not json at line 7}\n'
    f.write_text(body, encoding="utf-8")
    report = ingest(store, [str(f)], settings, ["clean"])
    assert sorted(report.added) == ["deep", "long-source", "long-url", "nan", "nul", "sur"]
    [p] = report.problems
    assert p.line == 7 and len(p.where.encode()) <= 1000
    arts = {a.id: a for a in store.articles()}
    assert arts["nul"].body == "nul  in text" and arts["nul"].title == "ab"
    assert arts["nan"].metadata["score"] is None and arts["nan"].metadata["big"] == 10 ** 30
    assert arts["long-url"].url is None and arts["long-url"].metadata["url_too_long"].endswith("p")
    assert len(arts["long-source"].source) == 300
    assert arts["sur"].body == "lone \ufffd half"
    assert all(a.text for a in arts.values())  # the clean stage ran on every one
    with store.connect() as c:
        [(where, line)] = c.execute(select(S.ingest_problems.c.where, S.ingest_problems.c.line)).all()
    assert line == 7 and where.endswith("\u2026")


@pytest.mark.sqlite_only
def test_recording_problems_reads_through_the_where_line_index(store):
    problems = [IngestProblem("big.jsonl", f"bad line {n}", n) for n in range(1, 2001)]
    for i in range(0, len(problems), 500):
        with store.begin() as conn:
            record_problems(conn, problems[i : i + 500])
    with store.begin() as conn:
        record_problems(conn, problems[:10])  # again: nothing new
    with store.connect() as c:
        assert len(c.execute(select(S.ingest_problems.c.id)).all()) == 2000
        plan = " ".join(str(r[-1]) for r in c.exec_driver_sql(
            'EXPLAIN QUERY PLAN SELECT "where", line, reason FROM ingest_problems '
            'WHERE "where" = ? AND (line IN (1, 2, 3) OR line IS NULL)', ("big.jsonl",)))
    assert "ix_ingest_problems_where_line" in plan and "SCAN ingest_problems" not in plan


def test_many_bad_lines_in_one_file(store, settings, tmp_path):
    """100,000 bad lines took 104 s when each flush re-read every earlier problem; each
    flush now reads only its own. (Its time is a benchmark, not asserted here.)"""
    f = tmp_path / "bad.jsonl"
    f.write_text("{bad}\n" * 3000 + '{"id": "ok", "text": "The one good line."}\n')
    report = ingest(store, [str(f)], dataclasses.replace(settings, batch_size=200), [])
    assert len(report.problems) == 3000 and report.added == ["ok"]
    assert [p.line for p in report.problems] == list(range(1, 3001))
