"""``storyline bench cluster --store``'s store half: built in the store it is given
(``--store-url``), each stage timed three ways, the server's CPU read from ``/proc``."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

import storyline.evaluation.stories.bench_store as B
from storyline.records import ArticleDraft
from storyline.store import open_store
from storyline.stories.persist import from_days

TOPICS = ["The harbour bridge stays closed after a cargo ship struck its pillar.",
          "Glassworks staff voted to strike over the pay offer, the union said.",
          "The city council approved the new tram line after a long debate."]


def _drafts(root: Path, total: int, per_day: float, seed: int
            ) -> Iterator[tuple[str, ArticleDraft]]:
    for n in range(total):
        text = f"{TOPICS[n % 3]} Report number {n} of the day. " * 3
        yield f"b{n}", ArticleDraft(body=text, body_kind="text", input="fixture", id=f"b{n}",
                                    title=TOPICS[n % 3][:40],
                                    published=from_days(20000.0 + n / per_day))


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_tree_cpu_counts_a_process_and_its_children():
    child = subprocess.Popen(
        [sys.executable, "-c", "sum(range(20_000_000)); print('done', flush=True); input()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert child.stdout is not None and child.stdout.readline() == b"done\n"
        own = B.tree_cpu(child.pid)
        assert own > 0  # the child's CPU time shows under its pid
        assert B.tree_cpu(os.getpid()) >= own  # and under its parent's
    finally:
        child.communicate(b"\n")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_bench_store_builds_in_the_given_store(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(B, "drafts", _drafts)
    db = tmp_path / "given.db"
    B.bench_store(tmp_path, [6, 12], window=3, per_day=10.0, seed=1, db_url=str(db),
                  server_pid=os.getpid())
    rows = [line.split() for line in capsys.readouterr().out.splitlines()
            if line.split()[:1] in (["6"], ["12"])]
    assert [(r[0], r[1]) for r in rows] == [("6", "dedupe"), ("6", "stories"),
                                            ("12", "dedupe"), ("12", "stories")]
    # the "server" column (this process, read from /proc in 10 ms ticks: a window of three
    # small articles can read 0) is a CPU figure for every stage
    assert all(float(r[4]) >= 0 for r in rows)
    store = open_store(str(db), create=False)
    with store.begin() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM articles").scalar_one() == 15
    store.close()


def test_bench_store_resumes_a_store_an_earlier_run_left(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(B, "drafts", _drafts)
    db = tmp_path / "given.db"
    B.bench_store(tmp_path, [6], window=3, per_day=10.0, seed=1, db_url=str(db))
    capsys.readouterr()
    B.bench_store(tmp_path, [6, 12], window=3, per_day=10.0, seed=1, db_url=str(db),
                  resume=True)
    captured = capsys.readouterr()
    assert "resumed at 9" in captured.err
    marks = [line.split()[0] for line in captured.out.splitlines()[1:]]
    assert marks == ["12", "12"]  # 6 was below the store's size: not timed again
    store = open_store(str(db), create=False)
    with store.begin() as conn:
        ids = {r[0] for r in conn.exec_driver_sql("SELECT id FROM articles")}
    store.close()
    assert ids == {f"b{n}" for n in range(15)}  # the replay went on where it stopped


def test_bench_store_resume_refuses_a_store_it_did_not_build(tmp_path, monkeypatch):
    monkeypatch.setattr(B, "drafts", _drafts)
    db = tmp_path / "other.db"
    store = open_store(str(db))
    with store.begin() as conn:
        store.add_articles(conn, [("x1", ArticleDraft(body="A text.", body_kind="text",
                                                       input="elsewhere", id="x1"))])
    store.close()
    with pytest.raises(click.ClickException, match="not this bench's replay"):
        B.bench_store(tmp_path, [6], window=3, per_day=10.0, seed=1, db_url=str(db),
                      resume=True)
