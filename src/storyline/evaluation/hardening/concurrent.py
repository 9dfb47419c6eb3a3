"""Concurrent writers: several ``storyline ingest`` processes on one store at once, started
together on a store that does not exist yet (so they also race to create its schema).

Two shapes, on SQLite or PostgreSQL:

- ``same``: every process ingests the whole corpus. Each one reads all of it before it
  runs a stage, so the store must end exactly as one run would leave it: same articles,
  duplicates, stories and export.
- ``split``: each process ingests its own share. Stories are built in the order articles
  arrive, so they may differ from one run's; what must hold is that no process fails, no
  article is lost or stored twice, every stage has run on everything, and every article
  is in exactly one story.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from storyline.evaluation.hardening.runs import Snapshot, snapshot, start


@dataclass
class ConcurrentReport:
    shape: str
    processes: int
    exits: list[int]
    seconds: float
    problems: list[str] = field(default_factory=list)
    snapshot: Snapshot | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def concurrent_ingests(db: str, shares: list[list[str]], expected_ids: set[str],
                       reference: Snapshot | None = None, shape: str = "split",
                       logdir: Path | None = None, timeout: float = 3600) -> ConcurrentReport:
    """Start one ``storyline --db DB ingest SHARE...`` per share at once and check the store
    they leave (see the module docstring); ``reference``: compare with one run's store."""
    t0 = time.monotonic()
    procs = [start(db, "ingest", *share,
                   log=(logdir / f"{shape}-{n}.log") if logdir is not None else None)
             for n, share in enumerate(shares)]
    exits = [p.wait(timeout=timeout) for p in procs]
    report = ConcurrentReport(shape, len(shares), exits, round(time.monotonic() - t0, 1))
    for n, rc in enumerate(exits):
        if rc != 0:
            report.problems.append(f"process {n} exited with {rc}")
    snap = report.snapshot = snapshot(db)
    ids = set(snap.articles)
    if ids != expected_ids:
        report.problems.append(f"{len(expected_ids - ids)} articles lost, "
                               f"{len(ids - expected_ids)} unexpected (stored twice?)")
    if any(snap.pending.values()):
        report.problems.append(f"units still pending: {snap.pending}")
    if snap.failed:
        report.problems.append(f"{snap.failed} units failed")
    if snap.integrity != "ok":
        report.problems.append(f"integrity_check: {snap.integrity}")
    in_stories = [a for members in snap.stories.values() for a in members]
    if sorted(in_stories) != sorted(ids):
        report.problems.append("not every article is in exactly one live story")
    if reference is not None:
        report.problems += reference.differences(snap)
    return report
