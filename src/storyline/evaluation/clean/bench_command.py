"""``storyline bench ingest``: ingest+clean throughput and peak memory vs bare trafilatura."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table


@click.command("ingest")
@click.option("--data", "data", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The benchdata folder (uses article-extraction-benchmark/html) or any folder of HTML pages.")
@click.option("--limit", type=int, default=None, help="Use only the first N pages.")
@click.option("--rounds", type=int, default=3, show_default=True, help="Runs per side; the fastest counts.")
def bench_ingest_cmd(data: Path, limit: int | None, rounds: int) -> None:
    """Articles/s and peak memory of ingest+clean into SQLite vs bare
    trafilatura.extract on the same pages, each side in a fresh process."""
    from storyline.evaluation.clean.bench import bench_ingest, find_pages

    pages = find_pages(data, limit)
    if not pages:
        raise click.ClickException(f"{data}: no .html/.htm/.html.gz pages found")
    bare, ours = bench_ingest(pages, rounds=max(1, rounds))
    table = Table(title=f"ingest+clean vs bare trafilatura, {len(pages)} pages, best of {rounds}",
                  title_justify="left")
    for col in ("pipeline", "pages", "CPU s", "pages/CPU s", "wall s", "peak RSS MB"):
        table.add_column(col, justify="left" if col == "pipeline" else "right")
    for r in (bare, ours):
        table.add_row(r.name, str(r.pages), f"{r.seconds:.2f}", f"{r.per_second:.1f}",
                      f"{r.wall_seconds:.2f}", f"{r.peak_rss_mb:.0f}")
    out = Console(width=None if sys.stdout.isatty() else 120)
    out.print(table)
    out.print(f"throughput ratio storyline / bare: {ours.per_second / bare.per_second:.2f}x; "
              f"peak memory ratio: {ours.peak_rss_mb / bare.peak_rss_mb:.2f}x")
