"""Crash safety kept under test (issue 14): `storyline ingest` killed with SIGKILL at 20
random moments while work is left, restarted each time, ends with the store a run never
killed leaves (articles, duplicates, stories, the whole export, integrity_check). Larger
runs: `storyline bench crash` (BENCHMARKS.md)."""

from __future__ import annotations

from storyline.evaluation.hardening.crash import kill_and_resume


def test_twenty_kills_and_restarts_change_nothing(corpus, reference, tmp_path):
    report = kill_and_resume([str(corpus.folder)], tmp_path, trials=20, seed=7,
                             log=tmp_path / "runs.log", delay_share=0.6)
    assert report.landed == 20
    assert report.ok, (report.differences, (tmp_path / "runs.log").read_text()[-3000:])
    assert report.resumed is not None and report.resumed.integrity == "ok"
    assert report.reference.export_digest == reference.export_digest  # as the shared run
    assert any(k.articles == 0 for k in report.kills if k.killed)  # some before anything stored
    assert any(k.stages_done > 0 for k in report.kills if k.killed)  # some during the stages
