"""``storyline bench pipeline``: the whole pipeline through ``storyline ingest`` against bare
``nlp.pipe`` (tok2vec + parser + ner) on the same texts, with ``--workers 1``, ``--workers 2``
and ``--dask local:2``.

Every run is a fresh process timed from start to exit (Python start-up and model loading
included on both sides), each ingest into its own new SQLite store; the exports of the runs
are compared byte for byte. Peak RSS is the largest of the run's processes (``wait4``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import click

from storyline.evaluation.enrich.bench import read_texts


@dataclass(frozen=True)
class Run:
    name: str
    procs: int
    seconds: float
    peak_rss_mb: float
    export_sha: str = ""


def _bare_main(folder: str, procs: int) -> None:
    """Body of the bare run (in its own process): load the bare model, pipe the texts."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    if procs == 1:
        from storyline.enrich.nlp.pipeline import load_bare

        nlp = load_bare()
        sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=32))
    else:
        from storyline.evaluation.enrich.bench import timed

        timed("bare", texts, procs)


def _timed_process(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, largest process of the run) of ``cmd``."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise click.ClickException(f"{' '.join(cmd)} failed ({proc.returncode}):\n"
                                   f"{err.decode(errors='replace')[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def _storyline(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from storyline.cli.main import main; "
            "sys.argv[0] = 'storyline'; main()", *args]


def run_bare(folder: Path, procs: int, env: dict[str, str]) -> Run:
    code = ("import sys; from storyline.evaluation.pipeline_bench import _bare_main; "
            "_bare_main(sys.argv[1], int(sys.argv[2]))")
    sec, rss = _timed_process([sys.executable, "-c", code, str(folder), str(procs)], env)
    return Run("bare nlp.pipe", procs, sec, rss)


def run_ingest(folder: Path, work: Path, label: str, opts: list[str],
               env: dict[str, str]) -> Run:
    db = work / f"{label.replace(' ', '_').replace(':', '')}.db"
    sec, rss = _timed_process(_storyline("--db", str(db), "ingest", str(folder), *opts), env)
    out = work / f"{db.stem}.json"
    _timed_process(_storyline("--db", str(db), "export", "--output", str(out)), env)
    sha = hashlib.sha256(out.read_bytes()).hexdigest()[:12]
    procs = int(opts[1].split(":")[-1])
    return Run(f"ingest {label}", procs, sec, rss, sha)


@click.command("pipeline")
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Folder of .txt/.jsonl articles, read in path order "
                                 "(default: the demo corpus).")
@click.option("--limit", type=int, default=150, show_default=True, help="Number of texts.")
@click.option("--dask/--no-dask", "with_dask", default=True, show_default=True,
              help="Also run --dask local:2.")
def bench_pipeline_cmd(data: Path | None, limit: int, with_dask: bool) -> None:
    """Articles/s, words/s and peak RSS of `storyline ingest` (whole pipeline) with 1 and 2
    workers and a local Dask cluster, against bare nlp.pipe in as many processes."""
    texts = read_texts(data, limit)
    if not texts:
        raise click.ClickException("no texts found")
    words = sum(len(t.split()) for t in texts)
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join([src, *filter(None, [env.get("PYTHONPATH")])])
    env.setdefault("PYTHONHASHSEED", "0")
    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as tmp:
        work = Path(tmp)
        folder = work / "in"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        click.echo(f"{len(texts)} texts, {words} words ({data or 'bundled demo corpus'}); "
                   f"wall time of fresh processes, model loading included")
        runs = [run_bare(folder, 1, env),
                run_ingest(folder, work, "--workers 1", ["--workers", "1"], env),
                run_bare(folder, 2, env),
                run_ingest(folder, work, "--workers 2", ["--workers", "2"], env)]
        if with_dask:
            runs.append(run_ingest(folder, work, "--dask local:2", ["--dask", "local:2"], env))
    bare = {r.procs: r.seconds for r in runs if r.name.startswith("bare")}
    one = runs[1].seconds
    click.echo(f"{'run':<24}{'procs':>6}{'wall s':>9}{'articles/s':>12}{'words/s':>10}"
               f"{'peak RSS MB':>13}{'vs bare':>9}{'vs w1':>8}  export")
    for r in runs:
        vs_bare = "" if r.name.startswith("bare") else f"{bare[r.procs] / r.seconds:.2f}x"
        vs_one = "" if r.name.startswith("bare") else f"{one / r.seconds:.2f}x"
        click.echo(f"{r.name:<24}{r.procs:>6}{r.seconds:>9.1f}{len(texts) / r.seconds:>12.2f}"
                   f"{words / r.seconds:>10.0f}{r.peak_rss_mb:>13.0f}{vs_bare:>9}{vs_one:>8}"
                   f"  {r.export_sha}")
    shas = {r.export_sha for r in runs if r.export_sha}
    click.echo(f"exports identical across runs: {'yes' if len(shas) == 1 else 'NO'}")
