"""``storyline bench load``: build (or copy) a store, serve it with ``storyline serve`` on
127.0.0.1, run concurrent readers and writers against it for a bounded time, print the
latency per request kind, requests/s and errors, stop the server."""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

import click

from storyline.evaluation.load.clients import LoadPlan, read_targets, run_load, warm_up
from storyline.evaluation.load.mix import GROUPS
from storyline.evaluation.load.server import start_server
from storyline.evaluation.load.stats import LoadReport, format_report, summarise


@dataclass
class LoadRun:
    report: LoadReport
    warm_up_seconds: float
    stories: int
    articles: int
    server_exit: int
    db: str


def build_store(db: Path, articles: int, work: Path) -> None:
    """A store of ``articles`` generated articles (every stage run)."""
    from storyline.evaluation.hardening.corpus import make_corpus
    from storyline.ingest.runner import ingest
    from storyline.settings import Settings
    from storyline.store import open_store

    corpus = make_corpus(work / "corpus", articles)
    settings = Settings(db_url=str(db))
    with open_store(str(db)) as store:
        report = ingest(store, [str(corpus.folder)], settings)
    if not report.ok:
        raise click.ClickException(f"building the store failed: {report}")


def copy_store(source: str, db: Path) -> None:
    """A copy of an SQLite store (the run ingests into it; the original is left alone)."""
    if "://" in source and not source.startswith("sqlite:///"):
        raise click.ClickException("--db takes an SQLite store (a path)")
    path = source.removeprefix("sqlite:///")
    if not Path(path).is_file():
        raise click.ClickException(f"no store at {path}")
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    dst = sqlite3.connect(str(db))
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def load_test(work: Path, plan: LoadPlan, db: str | None = None, articles: int = 60,
              echo: bool = True, workers: int = 1) -> LoadRun:
    work.mkdir(parents=True, exist_ok=True)
    store_path = work / "load.db"
    say = click.echo if echo else (lambda *_a, **_k: None)
    if db:
        copy_store(db, store_path)
        say(f"store: a copy of {db} in {store_path}")
    else:
        build_store(store_path, articles, work)
        say(f"store: {articles} generated articles in {store_path}")
    server = start_server(str(store_path), work / "server.log", workers=workers)
    try:
        targets = read_targets(server.base_url)
        say(f"server: {server.base_url} (log {server.log}); {len(targets.stories)} stories, "
            f"{len(targets.articles)} articles to read")
        warm = warm_up(server.base_url, server.token, ingests=1 if workers == 1 else 2 * workers)
        say(f"warm-up ingest (the server loads its model): {warm:.1f} s")
        say(f"running {plan.clients} clients ({plan.clients - plan.writers} readers, "
            f"{plan.writers} writers) for {plan.seconds:g} s")
        samples, took = run_load(plan, server.base_url, server.token, targets)
    finally:
        code = server.stop()
    report = summarise(samples, took, plan.clients, GROUPS)
    return LoadRun(report, warm, len(targets.stories), len(targets.articles), code,
                   str(store_path))


@click.command("load")
@click.option("--db", default=None,
              help="An SQLite store to serve (copied first; default: build one of --articles "
                   "generated articles).")
@click.option("--articles", default=60, show_default=True,
              help="Generated articles in the store built when --db is not given.")
@click.option("--clients", default=50, show_default=True, help="Concurrent clients.")
@click.option("--writers", default=2, show_default=True,
              help="Of the clients, how many POST new articles (the others read).")
@click.option("--seconds", default=30.0, show_default=True, help="How long the clients run.")
@click.option("--timeout", default=60.0, show_default=True, help="One request at most (s).")
@click.option("--seed", default=1, show_default=True)
@click.option("--workdir", default=None, help="Where the store and server log go (default: a temp dir).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (`storyline serve --workers`).")
def bench_load_cmd(db: str | None, articles: int, clients: int, writers: int, seconds: float,
                   timeout: float, seed: int, workdir: str | None, workers: int) -> None:
    """Load test of `storyline serve` on 127.0.0.1: concurrent clients reading stories
    (listing, story, brief, article, pages) and ingesting new articles with the API token
    for a bounded time; p50/p99 latency per kind, requests/s, errors (non-2xx or exception).
    Exits 1 when any request failed."""
    if clients < 1 or not 0 <= writers <= clients or seconds <= 0:
        raise click.UsageError("need clients >= 1, 0 <= writers <= clients, seconds > 0")
    work = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="storyline-load-"))
    plan = LoadPlan(clients=clients, writers=writers, seconds=seconds, timeout=timeout, seed=seed)
    try:
        run = load_test(work, plan, db, articles, workers=workers)
    except RuntimeError as e:
        raise click.ClickException(str(e)) from e
    for line in format_report(run.report):
        click.echo(line)
    how = "on SIGTERM" if run.server_exit in (0, -15) else f"with exit code {run.server_exit}"
    click.echo(f"server stopped {how}")
    log = Path(run.db).parent / "server.log"
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if "response cache:" in line:
            click.echo("server: " + line.split("response cache:", 1)[1].strip())
    if run.report.errors:
        raise SystemExit(1)
