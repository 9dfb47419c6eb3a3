"""The store-backed half of ``storyline bench cluster --store``: the real ``dedupe`` and
``stories`` stages over SQLite, timed per article at growing store sizes.

Articles from the replayed corpora are added as drafts (ingest readers are not timed) and
``clean`` runs untimed; then, at each checkpoint, ``dedupe`` and ``stories`` are timed on the
next ``window`` articles, each in its own pass of the pipeline runner.
"""

from __future__ import annotations

import dataclasses
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


def bench_store(root: Path, marks: list[int], window: int, per_day: float, seed: int) -> None:
    with tempfile.TemporaryDirectory() as d:
        settings = dataclasses.replace(Settings(db_url=str(Path(d) / "bench.db")), batch_size=500)
        store = open_store(settings.db_url)
        stream = drafts(root, marks[-1] + window, per_day, seed)
        done = 0
        click.echo(f"{'stored':>8} {'dedupe ms':>10} {'stories ms':>11} {'db MiB':>8}")
        first = None
        for mark in marks:
            while done < mark:
                n = min(5000, mark - done)
                _add(store, stream, n)
                run_stages(store, settings, ["clean", "dedupe", "stories"])
                done += n
            _add(store, stream, window)
            run_stages(store, settings, ["clean"])
            row = []
            for stage in ("dedupe", "stories"):
                t0 = time.process_time()
                run_stages(store, settings, [stage])
                row.append((time.process_time() - t0) * 1e3 / window)
            done += window
            first = first or row
            size = Path(settings.db_url).stat().st_size / 2**20
            click.echo(f"{mark:>8} {row[0]:>10.3f} {row[1]:>11.3f} {size:>8.0f}   "
                       f"(x at first: {row[0] / first[0]:.2f}, {row[1] / first[1]:.2f})")
        store.close()


def _add(store, stream: Iterator[tuple[str, ArticleDraft]], n: int) -> None:  # noqa: ANN001
    batch = [next(stream) for _ in range(n)]
    with store.begin() as conn:
        store.add_articles(conn, batch)
