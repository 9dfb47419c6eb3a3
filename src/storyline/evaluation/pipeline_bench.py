"""``storyline bench pipeline``: the whole pipeline through ``storyline ingest`` against bare
``nlp.pipe`` (tok2vec + parser + ner) on the same texts, with ``--workers 1``, ``--workers 2``
and ``--dask local:2``.

Every run is a fresh process timed from start to exit (Python start-up and model loading
included on both sides), each ingest into its own new SQLite store; the exports of the runs
are compared byte for byte. Peak RSS is the largest of the run's processes, CPU seconds
(user + system) those of the run's processes together (``wait4``). The ingest's own
progress lines, read as they come, give each stage's wall time.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from storyline.cli.common import EXIT_SKIPPED
from storyline.evaluation.bench_corpora import CORPORA, corpus_records, write_jsonl
from storyline.evaluation.enrich.bench import read_texts


@dataclass(frozen=True)
class Timing:
    """One finished process: wall seconds, peak RSS (MB), CPU seconds, and per progress
    task (a stage) the wall seconds from its first progress line to its last."""

    seconds: float
    peak_rss_mb: float
    cpu_seconds: float
    tasks: dict[str, float] = field(default_factory=dict)
    output: str = ""  # what it printed on standard output


@dataclass(frozen=True)
class Run:
    name: str
    procs: int
    seconds: float
    peak_rss_mb: float
    cpu_seconds: float = 0.0
    export_sha: str = ""
    stages: dict[str, float] = field(default_factory=dict)
    summary: str = ""  # the ingest's last line ("read N articles: ... M stage failures")


def corpus_texts(folder: str | Path) -> list[str]:
    """The texts of a bench input folder: its ``.txt`` files, then the ``text`` fields of
    its ``.jsonl`` files, in path order."""
    texts = []
    for p in sorted(Path(folder).iterdir()):
        if p.suffix == ".txt":
            texts.append(p.read_text(encoding="utf-8"))
        elif p.suffix == ".jsonl":
            texts.extend(json.loads(line)["text"] for line in
                         p.read_text(encoding="utf-8").splitlines() if line.strip())
    return texts


def _bare_main(folder: str, procs: int, matmul: str = "blis") -> None:
    """Body of the bare run (in its own process): load the bare model, pipe the texts."""
    texts = corpus_texts(folder)
    if procs == 1:
        from storyline.enrich.nlp.pipeline import load_bare

        nlp = load_bare(matmul=matmul)
        sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=32))
    else:
        from storyline.evaluation.enrich.bench import timed

        timed("bare", texts, procs)


_TASK = re.compile(r"^storyline: (\S+) \d+")


def _timed_process(cmd: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> Timing:
    """Wall seconds, peak RSS (MB, largest process of the run), CPU seconds, the progress
    tasks' wall seconds and the standard output of ``cmd``; a ClickException when it exits
    with a status not in ``ok``."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stderr is not None and proc.stdout is not None
    first: dict[str, float] = {}
    last: dict[str, float] = {}
    tail: list[bytes] = []
    for line in proc.stderr:
        now = time.perf_counter()
        m = _TASK.match(line.decode(errors="replace"))
        if m:
            first.setdefault(m.group(1), now)
            last[m.group(1)] = now
        else:
            tail = [*tail[-200:], line]
    output = proc.stdout.read().decode(errors="replace")  # a few lines: never fills the pipe
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        err = b"".join(tail).decode(errors="replace")
        raise click.ClickException(f"{' '.join(cmd)} failed ({proc.returncode}):\n"
                                   f"{err[-2000:]}")
    return Timing(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime,
                  {k: last[k] - first[k] for k in first}, output)


_SUMMARY = re.compile(r"^read \d+ articles: .* stage failures$", re.M)


def _ingest_summary(t: Timing) -> str:
    """The ingest's summary line; a ClickException when there is none (exit status 1 is
    an ingest that went through with failures it reported, or one that stopped)."""
    found = _SUMMARY.findall(t.output)
    if not found:
        raise click.ClickException(f"the ingest stopped without its summary:\n{t.output[-2000:]}")
    return str(found[-1])


def _storyline(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from storyline.cli.main import main; "
            "sys.argv[0] = 'storyline'; main()", *args]


BARE = "bare nlp.pipe"
SAME_BLAS = "bare, numpy BLAS"


def run_bare(folder: Path, procs: int, env: dict[str, str], matmul: str = "blis") -> Run:
    """Bare ``nlp.pipe`` as a user's ``spacy.load`` runs it (``matmul="blis"``), or with
    the product's matrix products (``"numpy"``, one process): see enrich/nlp/matmul.py."""
    code = ("import sys; from storyline.evaluation.pipeline_bench import _bare_main; "
            "_bare_main(sys.argv[1], int(sys.argv[2]), sys.argv[3])")
    t = _timed_process([sys.executable, "-c", code, str(folder), str(procs), matmul], env)
    return Run(BARE if matmul == "blis" else SAME_BLAS, procs, t.seconds, t.peak_rss_mb,
               t.cpu_seconds)


def run_ingest(folder: Path, work: Path, label: str, opts: list[str],
               env: dict[str, str]) -> Run:
    db = work / f"{label.replace(' ', '_').replace(':', '')}.db"
    for old in work.glob(f"{db.name}*"):
        old.unlink()  # a run of an earlier round
    # exit status 1: some units failed, each reported (the run is still timed whole)
    t = _timed_process(_storyline("--db", str(db), "ingest", str(folder), *opts),
                       {**env, "STORYLINE_PROGRESS_SECONDS": "0"}, ok=(0, EXIT_SKIPPED))
    summary = _ingest_summary(t)
    out = work / f"{db.stem}.json"
    _timed_process(_storyline("--db", str(db), "export", "--output", str(out)), env)
    sha = hashlib.sha256(out.read_bytes()).hexdigest()[:12]
    procs = int(opts[1].split(":")[-1])
    stages = {k: v for k, v in t.tasks.items() if k not in ("read", "stored")}
    return Run(f"ingest {label}", procs, t.seconds, t.peak_rss_mb, t.cpu_seconds, sha, stages,
               summary)


def run_breakdown(folder: Path, work: Path, env: dict[str, str], n: int,
                  words: int) -> list[str]:
    """Runs (a)-(d) of :mod:`storyline.evaluation.pipeline_breakdown`, back to back; the
    table's lines."""
    from storyline.evaluation.pipeline_breakdown import LEVELS, breakdown_lines

    parts: dict[str, dict[str, Any]] = {}
    cpu: dict[str, float] = {}
    code = ("import sys; from storyline.evaluation.pipeline_breakdown import breakdown_main; "
            "breakdown_main(sys.argv[1], sys.argv[2])")
    for level in LEVELS:
        t = _timed_process([sys.executable, "-c", code, str(folder), level], env)
        parts[level] = json.loads(t.output.strip().splitlines()[-1])
        cpu[level] = t.cpu_seconds
    r = run_ingest(folder, work, "--workers 1", ["--workers", "1"], env)
    cpu["ingest"] = r.cpu_seconds
    lines = breakdown_lines(parts, cpu, n, words)
    stages = ", ".join(f"{s} {sec:.1f}" for s, sec in r.stages.items())
    return [*lines, f"(d) stage wall s: {stages}", f"(d) {r.summary}; export {r.export_sha}"]


def _inputs(data: Path | None, corpus: str | None, limit: int,
            folder: Path) -> tuple[int, int, str]:
    """Write the bench's input into ``folder``; (texts, words, what they are)."""
    if corpus is not None:
        if data is None:
            raise click.ClickException("--corpus needs --data (the benchdata folder)")
        records = corpus_records(corpus, data)
        write_jsonl(records, folder / "corpus.jsonl")
        texts = [r["text"] for r in records]
        where = f"{corpus} from {data}"
    else:
        texts = read_texts(data, limit)
        for i, text in enumerate(texts):
            (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        where = str(data or "bundled demo corpus")
    if not texts:
        raise click.ClickException("no texts found")
    return len(texts), sum(len(t.split()) for t in texts), where


@click.command("pipeline")
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Folder of .txt/.jsonl articles, read in path order "
                                 "(default: the demo corpus); with --corpus, the benchdata "
                                 "folder.")
@click.option("--corpus", type=click.Choice(sorted(CORPORA)), default=None,
              help="A named corpus drawn from --data: t17-300 (25 Timeline17 articles "
                   "from each folder in folder order, the first 300, with their dates and "
                   "outlets) or bbc-150 (the first 150 BBC News texts, title and body).")
@click.option("--limit", type=int, default=150, show_default=True,
              help="Number of texts (without --corpus).")
@click.option("--dask/--no-dask", "with_dask", default=True, show_default=True,
              help="Also run --dask local:2.")
@click.option("--one-process", is_flag=True,
              help="Only bare nlp.pipe and --workers 1, in one process each.")
@click.option("--breakdown", is_flag=True,
              help="Where the time goes, in fresh processes on the same texts: (a) bare "
                   "nlp.pipe, (b) the product's own spaCy pipeline alone, (c) (b) plus the "
                   "pure extractors, no store, (d) storyline ingest; CPU seconds of each, "
                   "of each component and of each extractor.")
@click.option("--rounds", type=int, default=1, show_default=True,
              help="Alternate the runs this many times (a loaded machine: compare the "
                   "runs of one round).")
def bench_pipeline_cmd(data: Path | None, corpus: str | None, limit: int, with_dask: bool,
                       one_process: bool, breakdown: bool, rounds: int) -> None:
    """Articles/s, words/s, CPU seconds and peak RSS of `storyline ingest` (whole
    pipeline) with 1 and 2 workers and a local Dask cluster, against bare nlp.pipe in as
    many processes as spaCy runs it, and (one process) against bare nlp.pipe multiplying
    through numpy's BLAS as the product does; each stage's wall time in the ingest runs."""
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join([src, *filter(None, [env.get("PYTHONPATH")])])
    env.setdefault("PYTHONHASHSEED", "0")
    runs: list[tuple[int, Run]] = []
    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as tmp:
        work = Path(tmp)
        folder = work / "in"
        folder.mkdir()
        n, words, where = _inputs(data, corpus, limit, folder)
        click.echo(f"{n} texts, {words} words ({where}); wall time of fresh processes, "
                   f"model loading included")
        for k in range(1, max(1, rounds) + 1):
            if breakdown:
                for line in run_breakdown(folder, work, env, n, words):
                    click.echo(line)
                continue
            runs += [(k, run_bare(folder, 1, env)),
                     (k, run_bare(folder, 1, env, "numpy")),
                     (k, run_ingest(folder, work, "--workers 1", ["--workers", "1"], env))]
            if not one_process:
                runs += [(k, run_bare(folder, 2, env)),
                         (k, run_ingest(folder, work, "--workers 2", ["--workers", "2"],
                                        env))]
                if with_dask:
                    runs.append((k, run_ingest(folder, work, "--dask local:2",
                                               ["--dask", "local:2"], env)))
    if breakdown:
        return
    for line in report_lines(runs, n, words):
        click.echo(line)


def report_lines(runs: list[tuple[int, Run]], n: int, words: int) -> list[str]:
    """The table (ratios against the runs of the same round), per-stage wall seconds of
    the ingest runs, and whether every export is the same. "vs bare" and "CPU vs bare"
    compare with bare ``nlp.pipe`` in as many processes, as spaCy runs it; "CPU vs same
    BLAS" (one process) with bare ``nlp.pipe`` multiplying through numpy's BLAS as the
    product does: what the product adds beyond the parse."""
    out = [f"{'round':<6}{'run':<24}{'procs':>6}{'wall s':>9}{'CPU s':>8}{'articles/s':>12}"
           f"{'words/s':>10}{'peak RSS MB':>13}{'vs bare':>9}{'CPU vs bare':>12}"
           f"{'CPU vs same BLAS':>18}{'vs w1':>8}  export"]
    for k, r in runs:
        mine = [x for j, x in runs if j == k]
        bare = {x.procs: x for x in mine if x.name == BARE}
        same = next((x for x in mine if x.name == SAME_BLAS), None)
        one = next(x for x in mine if x.name == "ingest --workers 1")
        is_bare = r.name.startswith("bare")
        vs_bare = "" if is_bare else f"{bare[r.procs].seconds / r.seconds:.2f}x"
        cpu_bare = "" if is_bare else f"{bare[r.procs].cpu_seconds / r.cpu_seconds:.2f}x"
        cpu_same = ("" if is_bare or same is None or r.procs != 1
                    else f"{same.cpu_seconds / r.cpu_seconds:.2f}x")
        vs_one = "" if is_bare else f"{one.seconds / r.seconds:.2f}x"
        out.append(f"{k:<6}{r.name:<24}{r.procs:>6}{r.seconds:>9.1f}{r.cpu_seconds:>8.1f}"
                   f"{n / r.seconds:>12.2f}{words / r.seconds:>10.0f}{r.peak_rss_mb:>13.0f}"
                   f"{vs_bare:>9}{cpu_bare:>12}{cpu_same:>18}{vs_one:>8}  {r.export_sha}")
    for k, r in runs:
        if r.stages:
            parts = ", ".join(f"{s} {sec:.1f}" for s, sec in r.stages.items())
            out.append(f"round {k} {r.name}, stage wall s: {parts}")
        if r.summary:
            out.append(f"round {k} {r.name}: {r.summary}")
    shas = {r.export_sha for _, r in runs if r.export_sha}
    out.append(f"exports identical across runs: {'yes' if len(shas) == 1 else 'NO'}")
    return out
