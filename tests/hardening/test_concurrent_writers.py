"""Concurrent writers (issue 14), with real processes on SQLite and on PostgreSQL: two
ingests on one new store never crash, lose or duplicate; each ingesting everything leaves
the store one run leaves; schema creation is safe when several processes open a new
store at once."""

from __future__ import annotations

import pytest

from storyline.evaluation.hardening.concurrent import concurrent_ingests
from storyline.evaluation.hardening.runs import start


@pytest.fixture(params=["sqlite", "postgresql"])
def new_store(request, tmp_path):
    if request.param == "postgresql":
        return request.getfixturevalue("postgres_url")
    return str(tmp_path / "shared.db")


def test_two_ingests_of_everything_leave_what_one_run_leaves(new_store, corpus, reference,
                                                              tmp_path):
    report = concurrent_ingests(new_store, [[str(corpus.folder)]] * 2, set(reference.articles),
                                reference, "same", logdir=tmp_path)
    assert report.ok, report.problems
    assert report.exits == [0, 0]


def test_two_ingests_of_their_own_shares_lose_and_duplicate_nothing(new_store, corpus,
                                                                    reference, tmp_path):
    files = sorted(str(p) for p in corpus.folder.iterdir())
    report = concurrent_ingests(new_store, [files[0::2], files[1::2]], set(reference.articles),
                                None, "split", logdir=tmp_path)
    assert report.ok, report.problems
    snap = report.snapshot
    assert snap.duplicates > 0 and len(snap.stories) >= 2  # the stages really ran


def test_processes_opening_a_new_store_at_once(new_store, tmp_path):
    logs = [tmp_path / f"open-{n}.log" for n in range(4)]
    procs = [start(new_store, "stats", log=log) for log in logs]
    exits = [p.wait(timeout=600) for p in procs]
    assert exits == [0, 0, 0, 0], [log.read_text() for log in logs]
