"""``storyline bench crash`` and ``storyline bench concurrent``: the robustness runs behind
BENCHMARKS.md, at any size (the test suite runs them small)."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import click

from storyline.evaluation.hardening.concurrent import concurrent_ingests
from storyline.evaluation.hardening.corpus import make_corpus
from storyline.evaluation.hardening.crash import kill_and_resume, run_ingest
from storyline.evaluation.hardening.runs import snapshot


def _workdir(path: str | None) -> Path:
    return Path(path) if path else Path(tempfile.mkdtemp(prefix="storyline-bench-"))


@click.command("crash")
@click.option("--articles", default=300, show_default=True, help="Size of the generated corpus.")
@click.option("--trials", default=20, show_default=True, help="Kills that land while work is left.")
@click.option("--seed", default=1, show_default=True)
@click.option("--workdir", default=None, help="Where the corpus and stores go (default: a temp dir).")
def bench_crash_cmd(articles: int, trials: int, seed: int, workdir: str | None) -> None:
    """SIGKILL `storyline ingest` at random moments, restart it, compare with a run never
    killed (articles, duplicates, stories, export, integrity_check)."""
    work = _workdir(workdir)
    corpus = make_corpus(work / "corpus", articles, seed)
    report = kill_and_resume([str(corpus.folder)], work / "stores", trials, seed,
                             log=work / "runs.log")
    click.echo(f"corpus: {articles} articles ({corpus.copies} wire copies, {corpus.stories} "
               f"topics) in {work / 'corpus'}")
    click.echo(f"reference run: {report.reference_seconds:.1f} s")
    for k in report.kills:
        state = "killed" if k.killed else "finished"
        click.echo(f"  after {k.after:6.2f} s: {state:8} ({k.articles} articles stored, "
                   f"{k.stages_done} stage units done)")
    click.echo(f"kills that landed with work left: {report.landed}, rounds: {report.rounds}")
    if report.resumed is not None:
        r = report.resumed
        click.echo(f"resumed store: {len(r.articles)} articles, {r.duplicates} duplicates, "
                   f"{len(r.stories)} stories, integrity_check {r.integrity}, "
                   f"pending {sum(r.pending.values())}, failed {r.failed}")
    click.echo("differences from the run never killed: "
               + ("none" if not report.differences else "; ".join(report.differences)))
    if not report.ok:
        raise SystemExit(1)


@click.command("concurrent")
@click.option("--articles", default=300, show_default=True, help="Size of the generated corpus.")
@click.option("--processes", default=2, show_default=True)
@click.option("--db-url", default=None,
              help="A PostgreSQL URL of an EMPTY database to use (default: SQLite files).")
@click.option("--workdir", default=None, help="Where the corpus and stores go (default: a temp dir).")
def bench_concurrent_cmd(articles: int, processes: int, db_url: str | None,
                         workdir: str | None) -> None:
    """Several `storyline ingest` processes on one new store at once: the whole corpus each
    (the store must equal one run's), then a share each (nothing lost or stored twice)."""
    work = _workdir(workdir)
    corpus = make_corpus(work / "corpus", articles)
    files = sorted(str(p) for p in corpus.folder.iterdir())
    ref_db = str(work / "reference.db")
    if run_ingest(ref_db, [str(corpus.folder)], work / "reference.log") != 0:
        raise click.ClickException("the reference run failed; see reference.log")
    reference = snapshot(ref_db)
    ids = set(reference.articles)
    results = []
    for shape in ("same", "split"):
        if db_url:
            if shape == "split":
                raise click.ClickException("--db-url runs the 'same' shape only (one empty "
                                           "database); run again with another for 'split'")
            db = db_url
        else:
            db = str(work / f"{shape}.db")
        shares = ([[str(corpus.folder)]] * processes if shape == "same"
                  else [files[n::processes] for n in range(processes)])
        report = concurrent_ingests(db, shares, ids, reference if shape == "same" else None,
                                    shape, logdir=work)
        results.append(report)
        click.echo(json.dumps({"shape": shape, "processes": processes, "store": "postgresql"
                               if db_url else "sqlite", "exits": report.exits,
                               "seconds": report.seconds, "articles": len(report.snapshot.articles)
                               if report.snapshot else 0, "problems": report.problems}))
        if db_url:
            break
    if workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    if not all(r.ok for r in results):
        raise SystemExit(1)
