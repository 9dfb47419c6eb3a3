"""``storyline eval timeline``: timeline summarisation on Timeline17, through the ingest path.

Each topic folder's ``articles.json`` is written as a JSONL export (``{"id", "text",
"source", "published": its dct}``, the PTB-tokenised text turned back into running text:
:mod:`storyline.evaluation.timeline17`) and ingested with
:func:`storyline.ingest.runner.ingest` into a store of its own (every stage runs:
clean, dedupe, stories, enrich, events). Each gold timeline of the topic is then
predicted from what the store holds (:mod:`storyline.evaluation.tls_datewise`) with the
published protocol's sizes: as many dates as the gold timeline, as many sentences a
date as its mean (rounded), only articles published within the gold span; and scored as
news-tls scores it (:mod:`storyline.evaluation.tls_metrics`): date-selection F1 and
alignment-based ROUGE-1 / ROUGE-2 F ("align+ m:1"), averaged over timelines.

Halves: topics at even positions of the sorted folder list are the dev half (the date
weights were chosen on it), the others the check half (scored only).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import click

from storyline.evaluation.through_ingest import workdir, write_jsonl
from storyline.evaluation.timeline17 import Topic, read_topics
from storyline.evaluation.tls_datewise import Collection, Weights, predict, read_collection
from storyline.evaluation.tls_metrics import PRF, align_rouge, average, date_prf
from storyline.ingest.runner import ingest
from storyline.settings import Settings
from storyline.store import open_store

BASELINES = (  # T17, news-tls ACL 2020 (dataset README): AR-1 F, AR-2 F, date F1
    ("date-wise (news-tls, best)", 0.120, 0.035, 0.544),
    ("one-stage submodular (Martschat & Markert 2018)", 0.105, 0.030, 0.544),
    ("clustering-based (news-tls)", 0.082, 0.020, 0.407),
    ("oracle", 0.312, 0.128, 0.926),
)
TARGETS = {"date F1": 0.60, "AR-1 F": 0.13}
# chosen on the dev half (see BENCHMARKS.md, Timeline section)
WEIGHTS = Weights()


@dataclass(frozen=True, slots=True)
class Scored:
    topic: str
    timeline: str
    half: str
    dates: int
    k: int
    predicted: int
    date: PRF
    ar1: PRF
    ar2: PRF


def ingest_topic(topic: Topic, folder: Path, fresh: bool,
                 settings: Settings | None = None) -> float:
    """The topic's articles ingested into ``<folder>/<topic>.db`` (an earlier store kept
    and completed unless ``fresh``: ingesting the same file again adds nothing and runs
    the stages still pending); returns the seconds it took."""
    start = time.perf_counter()
    db = folder / f"{topic.name}.db"
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    path = write_jsonl(topic.items, folder / f"{topic.name}.jsonl")
    settings = replace(settings or Settings(), db_url=str(db), fetch_feed_items=False)
    store = open_store(str(db))
    try:
        report = ingest(store, [str(path)], settings)
        if report.problems:
            raise click.ClickException(f"{topic.name}: ingest problems {report.problems[:3]}")
    finally:
        store.close()
    return time.perf_counter() - start


def collection_of(folder: Path, topic: Topic) -> Collection:
    store = open_store(str(folder / f"{topic.name}.db"))
    try:
        with store.connect() as conn:
            return read_collection(conn)
    finally:
        store.close()


def score_topic(topic: Topic, coll: Collection, half: str,
                weights: Weights = WEIGHTS) -> list[Scored]:
    out = []
    for gold in topic.timelines:
        start, end = gold.span
        k = gold.sentences_per_date()
        pred = predict(coll, start, end, len(gold.dates), k, weights)
        ar = align_rouge(pred, gold.dates)
        out.append(Scored(topic.name, gold.name, half, len(gold.dates), k, len(pred),
                          date_prf(pred, gold.dates), ar[1], ar[2]))
    return out


def halves(topics: Sequence[Topic], all_names: Sequence[str]) -> dict[str, str]:
    order = {n: i for i, n in enumerate(sorted(all_names))}
    return {t.name: "dev" if order.get(t.name, 0) % 2 == 0 else "check" for t in topics}


def format_report(rows: Sequence[Scored], seconds: float, articles: int) -> str:
    out = [f"Timeline17 through storyline ingest: {len({r.topic for r in rows})} topics, "
           f"{len(rows)} gold timelines, {articles} articles, {seconds:.0f} s", "",
           f"{'topic / timeline':<62} {'half':<6} {'dates':>5} {'k':>2} {'pred':>4} "
           f"{'date P':>6} {'date R':>6} {'date F':>6} {'AR-1 F':>6} {'AR-2 F':>6}"]
    for r in rows:
        out.append(f"{r.topic + ' / ' + r.timeline:<62} {r.half:<6} {r.dates:>5} {r.k:>2} "
                   f"{r.predicted:>4} {r.date.precision:>6.3f} {r.date.recall:>6.3f} "
                   f"{r.date.f1:>6.3f} {r.ar1.f1:>6.3f} {r.ar2.f1:>6.3f}")
    out += ["", "averages (news-tls: mean P and mean R over timelines, F1 of the two)",
            f"{'':<22} {'n':>3} {'date F1':>8} {'AR-1 P':>7} {'AR-1 R':>7} {'AR-1 F':>7} "
            f"{'AR-2 F':>7}"]
    for name, part in (("all timelines", rows), ("dev half", [r for r in rows if r.half == "dev"]),
                       ("check half", [r for r in rows if r.half == "check"])):
        if not part:
            continue
        d, a1, a2 = (average([getattr(r, x) for r in part]) for x in ("date", "ar1", "ar2"))
        out.append(f"{name:<22} {len(part):>3} {d.f1:>8.3f} {a1.precision:>7.3f} "
                   f"{a1.recall:>7.3f} {a1.f1:>7.3f} {a2.f1:>7.3f}")
    out += ["", "published on T17 (news-tls ACL 2020; 9 topics pooled across sources, 19 "
            "timelines;", "here one topic per source folder, Finan_washingtonpost has no "
            "articles in this copy)", f"{'':<50} {'AR-1 F':>7} {'AR-2 F':>7} {'date F1':>8}"]
    for name, r1, r2, df in BASELINES:
        out.append(f"{name:<50} {r1:>7.3f} {r2:>7.3f} {df:>8.3f}")
    out.append("targets: " + ", ".join(f"{k} >= {v}" for k, v in TARGETS.items()))
    return "\n".join(out)


def evaluate(data: Path, topics: Sequence[str] | None = None, limit: int | None = None,
             keep: Path | None = None, fresh: bool = False,
             echo: bool = False) -> tuple[list[Scored], float, int]:
    root = data / "timeline17" if (data / "timeline17").is_dir() else data
    chosen = read_topics(root, topics, limit)
    if not chosen:
        raise click.ClickException(f"no Timeline17 topic folders under {root}")
    names = [p.name for p in root.iterdir() if p.is_dir() and (p / "articles.json").is_file()]
    half = halves(chosen, names)
    rows: list[Scored] = []
    start = time.perf_counter()
    with workdir(keep) as folder:
        for topic in chosen:
            took = ingest_topic(topic, folder, fresh or keep is None)
            rows.extend(score_topic(topic, collection_of(folder, topic), half[topic.name]))
            if echo:
                click.echo(f"  {topic.name}: {len(topic.items)} articles ingested in "
                           f"{took:.0f} s", err=True)
    return rows, time.perf_counter() - start, sum(len(t.items) for t in chosen)


@click.command("timeline")
@click.option("--data", "data", type=click.Path(exists=True, path_type=Path), required=True,
              help="The timeline17 folder (or a folder holding it).")
@click.option("--topics", default=None, help="Comma-separated topic folders (default: all).")
@click.option("--limit", type=int, default=None,
              help="Ingest only the first N articles (publish order) of each topic.")
@click.option("--keep", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep the stores in this folder and reuse them on the next run.")
@click.option("--fresh", is_flag=True, help="With --keep: ingest into new stores.")
def timeline_command(data: Path, topics: str | None, limit: int | None, keep: Path | None,
                     fresh: bool) -> None:
    """Timeline17: date-selection F1 and alignment-based ROUGE-1/2 F, as news-tls computes
    them, of timelines built from what the store holds."""
    names = [t.strip() for t in topics.split(",") if t.strip()] if topics else None
    rows, seconds, articles = evaluate(data, names, limit, keep, fresh, echo=True)
    click.echo(format_report(rows, seconds, articles))
