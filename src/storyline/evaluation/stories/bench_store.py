"""The store-backed half of ``storyline bench cluster --store``: the real ``dedupe`` and
``stories`` stages over SQLite (or the store at ``--store-url``, e.g. PostgreSQL), timed per
article at growing store sizes.

Articles from the replayed corpora are added as drafts (ingest readers are not timed) and
``clean`` runs untimed; then, at each checkpoint, ``dedupe`` and ``stories`` are timed on the
next ``window`` articles, each in its own pass of the pipeline runner. Three clocks per stage:
the wall time of the timed pass, this process's CPU time, and (with ``server_pid``, a database
server on this machine) the CPU time of that process and its children, read from ``/proc``.
"""

from __future__ import annotations

import dataclasses
import os
import random
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import click

from storyline.evaluation.stories import datasets as D
from storyline.pipeline import run_stages
from storyline.records import ArticleDraft
from storyline.settings import Settings
from storyline.store import open_store
from storyline.stories.persist import from_days


def drafts(root: Path, total: int, per_day: float, seed: int) -> Iterator[tuple[str, ArticleDraft]]:
    recs = [*D.reuters(root), *D.bbc(root), *D.timeline17(root)]
    rnd = random.Random(seed)
    n = 0
    while n < total:
        rnd.shuffle(recs)
        for r in recs:
            if n >= total:
                return
            text = r.text
            if n >= len(recs):  # a replayed copy: drop a tenth of its words
                text = " ".join(w for w in text.split(" ") if rnd.random() > 0.1)
            day = 20000.0 + n / per_day
            yield f"b{n}", ArticleDraft(body=text, body_kind="text", input=r.id, id=f"b{n}",
                                        source=r.source, title=r.title or None,
                                        published=from_days(day))
            n += 1


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by process ``pid`` and its live children
    (a PostgreSQL server: the postmaster, its backends and background workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            raw = (Path("/proc") / entry / "stat").read_text()
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2:].split()  # after "pid (comm) "
        # fields[1] = ppid; fields[11..14] = utime, stime, cutime, cstime
        stats[int(entry)] = (int(fields[1]), sum(int(x) for x in fields[11:15]) / tick)
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += stats.get(p, (0, 0.0))[1]
        todo.extend(c for c, (ppid, _) in stats.items() if ppid == p)
    return total


def bench_store(root: Path, marks: list[int], window: int, per_day: float, seed: int,
                db_url: str | None = None, server_pid: int | None = None,
                resume: bool = False) -> None:
    """Build a store to each of ``marks`` and time ``dedupe`` and ``stories`` on the next
    ``window`` articles. ``db_url``: an empty store to build in (default a temporary SQLite
    file); ``server_pid``: the database server's process, whose CPU time is added.
    ``resume``: ``db_url`` holds a store an earlier run (same ``seed`` and ``per_day``) built;
    its articles are skipped in the replay, its unfinished stages run, and the build goes on
    from its size (checkpoints at or below it are not timed)."""
    with tempfile.TemporaryDirectory() as d:
        settings = dataclasses.replace(Settings(db_url=db_url or str(Path(d) / "bench.db")),
                                       batch_size=500)
        store = open_store(settings.db_url)
        stream = drafts(root, marks[-1] + window, per_day, seed)
        done = _resume(store, settings, stream) if resume else 0
        marks = [m for m in marks if m > done]
        click.echo(f"{'stored':>8} {'stage':>8} {'wall ms':>8} {'cpu ms':>8} {'server ms':>10} "
                   f"{'db MiB':>8}   x at first (wall, cpu+server)")
        first: dict[str, tuple[float, float]] = {}
        for mark in marks:
            while done < mark:
                n = min(5000, mark - done)
                _add(store, stream, n)
                run_stages(store, settings, ["clean", "dedupe", "stories"])
                done += n
                click.echo(f"  built {done}", err=True)
            _add(store, stream, window)
            run_stages(store, settings, ["clean"])
            size = _size_mib(store)
            for stage in ("dedupe", "stories"):
                s0 = tree_cpu(server_pid) if server_pid else 0.0
                w0, c0 = time.perf_counter(), time.process_time()
                run_stages(store, settings, [stage])
                wall = (time.perf_counter() - w0) * 1e3 / window
                cpu = (time.process_time() - c0) * 1e3 / window
                server = ((tree_cpu(server_pid) - s0) * 1e3 / window) if server_pid else 0.0
                fw, fc = first.setdefault(stage, (wall, cpu + server))
                click.echo(f"{mark:>8} {stage:>8} {wall:>8.3f} {cpu:>8.3f} {server:>10.3f} "
                           f"{size:>8.0f}   {wall / fw:.2f}, {(cpu + server) / fc:.2f}")
            done += window
        store.close()


def _resume(store, settings: Settings, stream: Iterator[tuple[str, ArticleDraft]]) -> int:  # noqa: ANN001
    """Skip the replayed articles ``store`` already holds and finish their stages; return
    how many it holds. Refuses a store whose articles the replay did not write."""
    with store.begin() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM articles")]
    held = set(ids)
    expected = {f"b{n}" for n in range(len(ids))}
    if held != expected:
        raise click.ClickException("--resume: the store's articles are not this bench's "
                                   f"replay b0..b{len(ids) - 1}")
    for _ in range(len(ids)):
        next(stream)
    run_stages(store, settings, ["clean", "dedupe", "stories"])
    click.echo(f"  resumed at {len(ids)}", err=True)
    return len(ids)


def _size_mib(store) -> float:  # noqa: ANN001
    if store.is_sqlite:
        return Path(store.engine.url.database).stat().st_size / 2**20
    with store.begin() as conn:
        return float(conn.exec_driver_sql("SELECT pg_database_size(current_database())")
                     .scalar_one()) / 2**20


def _add(store, stream: Iterator[tuple[str, ArticleDraft]], n: int) -> None:  # noqa: ANN001
    batch = [next(stream) for _ in range(n)]
    with store.begin() as conn:
        store.add_articles(conn, batch)
