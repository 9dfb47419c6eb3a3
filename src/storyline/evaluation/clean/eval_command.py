"""``storyline eval clean --data DIR``: main-text extraction beside bare trafilatura."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table


@click.command("clean")
@click.option("--data", "data", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The benchdata folder (or one of its article-extraction-benchmark / trafilatura-eval / "
                   "bbc-news-2225 folders).")
@click.option("--limit", type=int, default=None, help="Score only the first N pages of each set.")
@click.option("--gate", is_flag=True, help="Exit 1 when our F1 falls under the pinned floor.")
def eval_clean_cmd(data: Path, limit: int | None, gate: bool) -> None:
    """Score HTML main-text extraction on the Zyte benchmark and the trafilatura
    eval set, ours and bare trafilatura run in the same process, beside the
    published figures."""
    from storyline.evaluation.clean.extraction import (
        BBC_DIR,
        FLOORS,
        PUBLISHED,
        check_clean_prose,
        evaluate,
    )

    results = evaluate(data, limit)
    bbc = data / BBC_DIR if (data / BBC_DIR).is_dir() else (data if data.name == BBC_DIR else None)
    if not results and bbc is None:
        raise click.ClickException(f"{data}: no article-extraction-benchmark or trafilatura-eval folder here")
    out = Console(width=None if sys.stdout.isatty() else 120)
    below = []
    for name, scores in results.items():
        table = Table(title=f"{name} (main text)", title_justify="left")
        for col in ("system", "P", "R", "F1", "accuracy", "pages"):
            table.add_column(col, justify="left" if col == "system" else "right")
        for system, s in scores.items():
            f1 = f"{s.f1:.4f}" + (f" ± {s.f1_ci:.3f}" if s.f1_ci else "")
            table.add_row(system, f"{s.precision:.4f}", f"{s.recall:.4f}", f1, f"{s.accuracy:.3f}", str(s.pages))
        for system, pub_p, pub_r, pub_f1 in PUBLISHED.get(name, []):
            table.add_row(f"[dim]published: {system}[/]", f"{pub_p:.3f}", f"{pub_r:.3f}",
                          f"{pub_f1:.3f}", "", "")
        out.print(table)
        ours = scores["storyline"]
        bare = scores["trafilatura (bare)"]
        out.print(f"storyline - bare trafilatura: F1 {ours.f1 - bare.f1:+.4f} (floor {FLOORS[name]:.2f})\n")
        if ours.f1 < FLOORS[name]:
            below.append(name)
    if bbc is not None:
        check = check_clean_prose(bbc, limit)
        kinds = ", ".join(f"{k} {n}" for k, n in check.false_removals.most_common()) or "none"
        out.print(f"{BBC_DIR} (text furniture remover on clean prose, no furniture in it): "
                  f"{sum(check.false_removals.values())} of {check.lines} lines removed besides the "
                  f"title ({100 * check.rate:.2f}%) in {check.articles} articles: {kinds}")
    if gate and below:
        raise click.ClickException("F1 under the pinned floor on: " + ", ".join(below))
