"""``storyline bench cluster``: per-article assignment time as the store grows, peak memory.

The stream replays the Reuters-21578, BBC and Timeline17 corpora (about 25k real
articles) again and again with perturbed dates (a steady rate of ``--per-day`` articles)
and perturbed texts (each replayed copy drops a random tenth of its terms), up to 200k
articles. It drives the clustering engine directly: building a 200k-article SQLite
store through the whole pipeline would take hours on a laptop, and the store adds a
constant per-article cost (one batch of writes) that does not grow with its size.
At each checkpoint the next ``--window`` articles are timed (process CPU time, so other
load on the machine does not count). The bare baseline is
featurising an article (tokenising title+text), which every pipeline pays anyway.
"""

from __future__ import annotations

import dataclasses
import random
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import click

from storyline.evaluation.stories import datasets as D
from storyline.evaluation.stories.replay import features_of
from storyline.settings import Settings
from storyline.stories.engine import Engine
from storyline.stories.features import Features


def peak_rss_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def base_features(root: Path, limit: int | None) -> tuple[list[Features], float]:
    """Featurise the real corpora once; returns the features and seconds per article."""
    cfg = Settings().cluster
    recs: list[D.Record] = [*D.reuters(root), *D.bbc(root), *D.timeline17(root)]
    if limit:
        recs = recs[:limit]
    t0 = time.process_time()
    feats = [features_of(r, cfg) for r in recs]
    return feats, (time.process_time() - t0) / max(1, len(feats))


def replay(base: list[Features], total: int, per_day: float, seed: int) -> Iterator[Features]:
    """``total`` articles: passes over ``base`` in shuffled order, dated at ``per_day``."""
    rnd = random.Random(seed)
    n = 0
    while n < total:
        order = list(range(len(base)))
        rnd.shuffle(order)
        for i in order:
            if n >= total:
                return
            f = base[i]
            terms = f.terms
            if n >= len(base):  # a replayed copy: drop a tenth of its terms
                terms = {t: c for t, c in terms.items() if rnd.random() > 0.1} or terms
            t = 20000.0 + n / per_day + rnd.uniform(-0.25, 0.25)
            yield dataclasses.replace(f, id=f"r{n}", time=t, terms=terms)
            n += 1


@click.command("cluster")
@click.option("--data", required=True, type=click.Path(exists=True, file_okay=False),
              help="The benchdata folder (reuters21578/, bbc-news-2225/, timeline17/).")
@click.option("--checkpoints", default="1000,10000,50000,200000", show_default=True,
              help="Store sizes at which the next --window assignments are timed.")
@click.option("--window", default=1000, show_default=True, help="Articles timed per checkpoint.")
@click.option("--per-day", default=2000.0, show_default=True, help="Replay rate (articles/day).")
@click.option("--corpus-limit", type=int, default=None, help="Use only the first N real articles.")
@click.option("--seed", default=7, show_default=True)
@click.option("--store", "store_marks", default=None, metavar="SIZES",
              help="Also time the real dedupe and stories stages over SQLite at these store "
                   "sizes (e.g. 1000,10000; slow: the store is built through the pipeline).")
@click.option("--store-url", default=None, metavar="URL",
              help="With --store: build in this empty store (e.g. postgresql://...) instead of "
                   "a temporary SQLite file.")
@click.option("--server-pid", type=int, default=None, metavar="PID",
              help="With --store: the database server's process on this machine (e.g. the "
                   "postmaster); its CPU time and its children's is counted with the stages'.")
@click.option("--resume", is_flag=True,
              help="With --store-url: go on building the store an earlier run of this bench "
                   "left (same --seed and --per-day) instead of starting from an empty one.")
def bench_cluster_cmd(data: str, checkpoints: str, window: int, per_day: float,
                      corpus_limit: int | None, seed: int, store_marks: str | None,
                      store_url: str | None, server_pid: int | None, resume: bool) -> None:
    """Per-article story assignment time at growing store sizes, against featurising."""
    if store_marks:
        from storyline.evaluation.stories.bench_store import bench_store

        click.echo(f"{'SQLite' if not store_url else 'Given'} store, real stages (ms per "
                   "article: wall, this process's CPU, the server's CPU):")
        bench_store(Path(data), sorted(int(x) for x in store_marks.split(",")), window, per_day,
                    seed, db_url=store_url, server_pid=server_pid,
                    resume=resume and store_url is not None)
    marks = sorted(int(x) for x in checkpoints.split(","))
    base, feat_s = base_features(Path(data), corpus_limit)
    click.echo(f"real articles: {len(base)}; featurise (bare baseline): {feat_s * 1e3:.3f} ms/article")
    engine = Engine(Settings().cluster)
    stream = replay(base, marks[-1] + window, per_day, seed)
    rows = []
    done = 0
    first_ms = None
    click.echo(f"{'stored':>8} {'assign ms':>10} {'x featurise':>12} {'x at first':>11} "
               f"{'cands/art':>10} {'active':>8} {'index keys':>11} {'vocab':>8} {'peak MiB':>9}")
    for mark in marks:
        while done < mark:
            engine.assign(next(stream))
            done += 1
        batch = [next(stream) for _ in range(window)]
        cands = 0
        t0 = time.process_time()  # CPU time of this process: robust to a shared machine
        for f in batch:
            cands += engine.assign(f).candidates
        ms = (time.process_time() - t0) * 1e3 / window
        done += window
        first_ms = first_ms or ms
        rows.append((mark, ms))
        click.echo(f"{mark:>8} {ms:>10.3f} {ms / (feat_s * 1e3):>12.2f} {ms / first_ms:>11.2f} "
                   f"{cands / window:>10.1f} {len(engine.active):>8} {len(engine.postings):>11} "
                   f"{len(engine.vocab.df):>8} {peak_rss_mib():>9.0f}")
    ratio = rows[-1][1] / rows[0][1]
    click.echo(f"assignment time at {rows[-1][0]} vs {rows[0][0]} stored: {ratio:.2f}x "
               f"(target <= 1.5x)")
