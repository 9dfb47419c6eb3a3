"""``storyline bench ingest``: ingest+clean throughput and peak memory vs bare trafilatura.

Both sides work on the same HTML pages, each in a fresh process (so peak RSS is its
own), after a warm-up on one page:

- **bare**: ``trafilatura.extract(html, include_comments=False)`` on each page held
  in memory, nothing else;
- **storyline**: the pages as ``.html`` files in a folder, ``ingest`` of that folder
  into a new SQLite store with the clean stage: reading, decoding, metadata, ids,
  storing the raw page, extraction, the head reader, language detection, writing.

Time is the process's CPU time (``time.process_time``), so that other processes on a
shared machine do not skew the ratio; wall time is reported beside it. Each side runs
``rounds`` times and the fastest round counts.
"""

from __future__ import annotations

import gzip
import multiprocessing as mp
import resource
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BenchResult:
    name: str
    pages: int
    seconds: float  # CPU seconds
    wall_seconds: float
    peak_rss_mb: float

    @property
    def per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def find_pages(data: Path, limit: int | None = None) -> list[Path]:
    """HTML pages under ``data``: the Zyte benchmark's ``html/`` folder if present, else any
    ``*.html``/``*.htm``/``*.html.gz`` file below it."""
    root = data / "article-extraction-benchmark" / "html"
    if not root.is_dir():
        root = data
    pages = sorted(p for p in root.rglob("*") if p.name.endswith((".html", ".htm", ".html.gz")))
    return pages[:limit] if limit else pages


def read_page(path: Path) -> str:
    raw = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
    return raw.decode("utf-8", errors="replace")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _bare(pages: list[Path], out: mp.Queue) -> None:  # type: ignore[type-arg]
    import trafilatura

    htmls = [read_page(p) for p in pages]
    trafilatura.extract(htmls[0], include_comments=False)
    c0, t0 = time.process_time(), time.perf_counter()
    for h in htmls:
        trafilatura.extract(h, include_comments=False)
    out.put((time.process_time() - c0, time.perf_counter() - t0, _peak_mb(), len(htmls)))


def _ours(folder: str, warm: str, out: mp.Queue) -> None:  # type: ignore[type-arg]
    from storyline.clean.article import clean_html
    from storyline.ingest.runner import ingest
    from storyline.settings import Settings
    from storyline.store import open_store

    # warm-up: one page through the same path into a scratch store (imports, caches,
    # statement compilation), as the bare side warms up on one page
    clean_html(warm)
    scratch = Path(folder).parent / "warm"
    scratch.mkdir()
    (scratch / "warm.html").write_text(warm, encoding="utf-8")
    warm_store = open_store(str(scratch / "warm.db"))
    ingest(warm_store, [str(scratch / "warm.html")], Settings(db_url=str(scratch / "warm.db")),
           stages=["clean"])
    warm_store.close()
    db = str(Path(folder).parent / "bench.db")
    settings = Settings(db_url=db)
    store = open_store(db)
    c0, t0 = time.process_time(), time.perf_counter()
    report = ingest(store, [folder], settings, stages=["clean"])
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    store.close()
    out.put((cpu, wall, _peak_mb(), len(report.added)))


def _run(target, *args):  # type: ignore[no-untyped-def]
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, q))
    proc.start()
    result = q.get()
    proc.join()
    return result


def bench_ingest(pages: list[Path], rounds: int = 3) -> tuple[BenchResult, BenchResult]:
    """(bare trafilatura, storyline ingest+clean) on the same pages; best of ``rounds``."""
    bare_runs, our_runs = [], []
    for _ in range(rounds):
        bare_runs.append(_run(_bare, pages))
        tmp = Path(tempfile.mkdtemp(prefix="storyline-bench-"))
        try:
            folder = tmp / "pages"
            folder.mkdir()
            for n, p in enumerate(pages):
                (folder / f"{n:05d}.html").write_text(read_page(p), encoding="utf-8")
            our_runs.append(_run(_ours, str(folder), read_page(pages[0])))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    b = min(bare_runs)
    o = min(our_runs)
    return (
        BenchResult("trafilatura.extract (bare)", b[3], b[0], b[1], max(r[2] for r in bare_runs)),
        BenchResult("storyline ingest+clean", o[3], o[0], o[1], max(r[2] for r in our_runs)),
    )
