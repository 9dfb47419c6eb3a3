"""``storyline bench export``: peak memory of the JSON export as the store grows.

Stores of growing size are built from real articles (Reuters-21578 and BBC News, replayed
with new ids and dates until the size is reached) through ``storyline ingest`` with the
clean, dedupe and stories stages. Each store is exported twice, each time in a fresh
process whose peak RSS is read: by ``storyline export --format json`` (streamed, story by
story), and by the baseline that builds the whole document as one dict and dumps it (what
the export did before it streamed). Flat peaks for the streamed export as the store grows
are the point; the baseline's grow with the store.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
import time
from pathlib import Path

import click

from storyline.evaluation.stories import datasets as D
from storyline.evaluation.through_ingest import Item, ingested, iso_from_days
from storyline.evaluation.through_ingest import workdir as workdir_for

# Each child writes its own peak RSS (KB) to the file named by its last argument: VmHWM of
# its own address space (getrusage's ru_maxrss keeps the parent's high-water mark across
# fork and exec, so it would read the bench's own size).
_STREAMED = """
import sys
from storyline.export import write_json
from storyline.store import open_store
store = open_store(sys.argv[1])
with open(sys.argv[2], "w", encoding="utf-8") as f:
    write_json(store, f)
hwm = [ln for ln in open("/proc/self/status") if ln.startswith("VmHWM:")]
open(sys.argv[3], "w").write(hwm[0].split()[1])
"""
_WHOLE = """
import json, sys
from storyline.export import build_export
from storyline.store import open_store
store = open_store(sys.argv[1])
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(build_export(store), f, ensure_ascii=False, indent=2)
    f.write("\\n")
hwm = [ln for ln in open("/proc/self/status") if ln.startswith("VmHWM:")]
open(sys.argv[3], "w").write(hwm[0].split()[1])
"""


def corpus(root: Path, n: int) -> list[Item]:
    """``n`` articles: Reuters and BBC texts replayed with new ids and spread dates."""
    base = [r for r in itertools.chain(D.reuters(root), D.bbc(root)) if r.text.strip()]
    out = []
    for i in range(n):
        r = base[i % len(base)]
        day = 10_000 + i / 200.0  # 200 articles a day
        out.append(Item(f"a{i}", text=r.text, title=r.title, source=r.source,
                        published=iso_from_days(day)))
    return out


def _peak_rss_mb(code: str, db: str, out: str) -> tuple[float, float]:
    """Run ``code`` in a fresh Python process: (its own peak RSS in MB, wall seconds)."""
    rss = out + ".rss"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, db, out, rss], check=True)
    secs = time.perf_counter() - t0
    return int(Path(rss).read_text()) / 1024.0, secs


@click.command("export")
@click.option("--data", "data", required=True, type=click.Path(exists=True, file_okay=False,
              path_type=Path), help="The benchdata folder (reuters21578/, bbc-news-2225/).")
@click.option("--sizes", default="5000,20000", show_default=True,
              help="Comma-separated store sizes (articles).")
@click.option("--workdir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep the stores here (default: a temporary folder).")
def bench_export_cmd(data: Path, sizes: str, workdir: Path | None) -> None:
    """Peak RSS of the streamed JSON export vs building the whole document, by store size."""
    wanted = [int(s) for s in sizes.split(",") if s.strip()]
    rows = []
    with workdir_for(workdir) as folder:
        for n in wanted:
            t0 = time.perf_counter()
            with ingested(corpus(data, n), folder, f"export-{n}",
                          ["clean", "dedupe", "stories"]) as (store, _report):
                stories = len({a.story_id for a in store.articles() if a.story_id})
            built = time.perf_counter() - t0
            db = str(folder / f"export-{n}.db")
            out = str(folder / f"export-{n}.json")
            streamed, s_secs = _peak_rss_mb(_STREAMED, db, out)
            whole, w_secs = _peak_rss_mb(_WHOLE, db, out + ".whole")
            size_mb = Path(out).stat().st_size / 1e6
            same = Path(out).read_bytes() == Path(out + ".whole").read_bytes()
            rows.append((n, stories, size_mb, streamed, s_secs, whole, w_secs, built, same))
    click.echo(f"{'articles':>9}{'stories':>9}{'JSON MB':>9}{'streamed RSS MB':>17}{'s':>7}"
               f"{'whole-dict RSS MB':>19}{'s':>7}{'same doc':>10}")
    for n, stories, size_mb, streamed, s_secs, whole, w_secs, _built, same in rows:
        click.echo(f"{n:>9}{stories:>9}{size_mb:>9.1f}{streamed:>17.0f}{s_secs:>7.1f}"
                   f"{whole:>19.0f}{w_secs:>7.1f}{str(same):>10}")
    click.echo("peak RSS of each export in its own fresh process; the baseline builds the "
               "whole document as one dict (what the export did before it streamed); 'same doc': "
               "the two files are byte-identical")
