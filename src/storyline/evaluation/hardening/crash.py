"""Kill and resume: ``storyline ingest`` killed with SIGKILL at random moments, restarted
each time, must end with the same store as a run never killed.

One reference run ingests the corpus into its own store and is timed. Then rounds, each
on a new store: start the same ingest, wait a random time up to the reference run's
length, SIGKILL it; start it again, kill it again, until a run finishes on its own (the
work is done). At the end of each round the store must agree with the reference on
articles, duplicates, stories and the whole export, have no pending or failed unit, and
pass ``PRAGMA integrity_check``. Rounds go on until ``trials`` kills have landed while
work was left; the last round is then run to its end.
"""

from __future__ import annotations

import math
import random
import signal
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from storyline.evaluation.hardening.runs import Snapshot, snapshot, start


@dataclass
class Kill:
    after: float  # seconds after the start
    killed: bool  # False: the run had finished before the kill
    articles: int  # stored at the kill
    stages_done: int  # (unit, stage) rows done at the kill


@dataclass
class CrashReport:
    reference_seconds: float
    kills: list[Kill] = field(default_factory=list)
    final_exit: int = -1
    rounds: int = 0
    differences: list[str] = field(default_factory=list)
    reference: Snapshot | None = None
    resumed: Snapshot | None = None

    @property
    def landed(self) -> int:
        """Kills that hit a run with work left."""
        return sum(k.killed for k in self.kills)

    @property
    def ok(self) -> bool:
        r = self.resumed
        return (self.final_exit == 0 and not self.differences and r is not None
                and r.integrity == "ok" and not any(r.pending.values()) and r.failed == 0)


def _counts(db: str) -> tuple[int, int]:
    """(articles, stage units done) of an SQLite store, read as it is after a kill."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        try:
            articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            done = con.execute("SELECT count(*) FROM stage_runs WHERE status='done'").fetchone()[0]
            return int(articles), int(done)
        finally:
            con.close()
    except sqlite3.Error:
        return 0, 0  # killed before the schema was there


def run_ingest(db: str, inputs: list[str], log: Path | None = None, timeout: float = 3600) -> int:
    proc = start(db, "ingest", *inputs, log=log)
    return proc.wait(timeout=timeout)


def kill_and_resume(inputs: list[str], workdir: Path, trials: int = 20, seed: int = 1,
                    max_delay: float | None = None, log: Path | None = None,
                    delay_share: float = 1.0) -> CrashReport:
    """Run the trials on SQLite stores under ``workdir``; see the module docstring. Kills
    come at most ``max_delay`` seconds after a start (default: ``delay_share`` of the
    reference run's time; each restart goes on from where the last one stopped, so short
    delays still reach the last stages)."""
    workdir.mkdir(parents=True, exist_ok=True)
    ref_db = str(workdir / "reference.db")
    t0 = time.monotonic()
    rc = run_ingest(ref_db, inputs, log)
    report = CrashReport(time.monotonic() - t0)
    if rc != 0:
        report.differences.append(f"the reference run exited with {rc}")
        return report
    report.reference = snapshot(ref_db)
    rng = random.Random(seed)
    longest = max(max_delay if max_delay is not None
                  else report.reference_seconds * delay_share, 0.5)
    landed = 0
    while landed < trials:
        report.rounds += 1
        db = str(workdir / f"killed-{report.rounds}.db")
        while landed < trials:
            # log-uniform: as many kills in the first second (start-up, the first
            # articles stored) as in any later doubling of the time (the stages)
            delay = math.exp(rng.uniform(math.log(0.2), math.log(longest)))
            proc = start(db, "ingest", *inputs, log=log)
            try:
                proc.wait(timeout=delay)
                killed = False
            except Exception:  # noqa: BLE001 - subprocess.TimeoutExpired: still running
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                killed = True
            articles, done = _counts(db)
            report.kills.append(Kill(round(delay, 2), killed, articles, done))
            if not killed:
                break  # this round's work is done: check it, then a new store
            landed += 1
        report.final_exit = run_ingest(db, inputs, log)
        report.resumed = snapshot(db)
        found = report.reference.differences(report.resumed)
        if report.resumed.integrity != "ok":
            found.append(f"integrity_check: {report.resumed.integrity}")
        if report.final_exit != 0:
            found.append(f"the run after the kills exited with {report.final_exit}")
        report.differences += [f"round {report.rounds}: {d}" for d in found]
    return report
