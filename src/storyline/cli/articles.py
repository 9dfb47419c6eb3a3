"""Store commands: ingest, process, articles, show, export, stats, stages."""

from __future__ import annotations

import dataclasses
import json
import sys

import click

from storyline.cli.common import app, console, print_table, stage_progress, store_from
from storyline.errors import StorylineError
from storyline.pipeline import load_stage, parse_stages, run_stages, stage_names

STAGES_HELP = (
    "Comma-separated stages to run (default: all; 'none' only stores). "
    "A later `storyline process` runs the rest."
)


def _stages(spec: str | None) -> list[str]:
    try:
        return parse_stages(spec)
    except StorylineError as e:
        raise click.BadParameter(str(e), param_hint="--stages") from e


def _report_stage_failures(reports: list) -> int:
    n = 0
    for r in reports:
        for aid, err in r.failed.items():
            console.print(f"[yellow]warning[/]: {r.stage}: {aid}: {err}", markup=True, highlight=False,
                          soft_wrap=True)
            n += 1
    return n


@click.command("ingest")
@click.argument("inputs", nargs=-1)
@click.option("--stages", "stages_spec", default=None, help=STAGES_HELP)
@click.option("--demo", is_flag=True, help="Ingest the bundled demo corpus (offline: implies --no-fetch).")
@click.option("--no-fetch", is_flag=True,
              help="For RSS/Atom feeds, use each item's content from the feed; do not fetch its page.")
@click.pass_context
def ingest_cmd(
    ctx: click.Context, inputs: tuple[str, ...], stages_spec: str | None, demo: bool, no_fetch: bool
) -> None:
    """Ingest files, folders, globs, URLs, RSS/Atom feeds, JSONL/CSV and WARC files,
    then run every pipeline stage on what was ingested.

    Bad files/lines/URLs are reported with their location and skipped; the exit
    code is 1 when anything was skipped or failed, 0 otherwise.
    """
    from storyline.ingest.runner import ingest

    specs = list(inputs)
    if demo:
        from storyline.demo import demo_path

        specs.append(str(demo_path()))
    if not specs:
        raise click.UsageError("give at least one file, folder, glob or URL (or --demo)")
    stages = _stages(stages_spec)
    settings = app(ctx).settings
    if no_fetch or demo:
        settings = dataclasses.replace(settings, fetch_feed_items=False)
    with store_from(ctx) as store, stage_progress() as progress:
        report = ingest(store, specs, settings, stages, on_stage=progress)
    for p in report.problems:
        console.print(f"[red]skipped[/]: {p}", markup=True, highlight=False, soft_wrap=True)
    failures = _report_stage_failures(report.stages)
    click.echo(
        f"read {report.read} articles: {len(report.added)} new, {report.already_stored} already stored, "
        f"{len(report.problems)} skipped inputs, {failures} stage failures"
    )
    if report.problems or failures:
        sys.exit(1)


@click.command("process")
@click.option("--stages", "stages_spec", default=None, help="Comma-separated stages (default: all).")
@click.pass_context
def process_cmd(ctx: click.Context, stages_spec: str | None) -> None:
    """Run pending pipeline stages on every article that has not been through them."""
    stages = _stages(stages_spec)
    with store_from(ctx) as store, stage_progress() as progress:
        reports = run_stages(store, app(ctx).settings, stages, progress=progress)
    for r in reports:
        click.echo(f"{r.stage}: {r.processed} processed, {len(r.failed)} failed")
    if _report_stage_failures(reports):
        sys.exit(1)


@click.command("articles")
@click.option("--story", default=None, help="Only the articles of this story.")
@click.option("--limit", type=int, default=None, help="Show at most this many.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def articles_cmd(ctx: click.Context, story: str | None, limit: int | None, as_json: bool) -> None:
    """List stored articles in publish order."""
    from storyline.export import article_json

    with store_from(ctx) as store:
        arts = store.articles(story_id=story)[:limit]
    if as_json:
        for a in arts:
            d = article_json(a)
            d.pop("text")
            click.echo(json.dumps(d, ensure_ascii=False))
        return
    print_table(
        [("id", 24), ("published", 25), ("source", 22), ("lang", 4), ("title", 60), ("words", 6),
         ("story", 14), ("dup of", 24)],
        ([a.id, a.published or "", a.source or "", a.language or "", a.title or "",
          str(len(a.text.split())), a.story_id or "", a.duplicate_of or ""] for a in arts),
    )
    click.echo(f"{len(arts)} articles")


@click.command("show")
@click.argument("article_id")
@click.option("--raw", is_flag=True, help="Print the raw input body instead of the clean text.")
@click.pass_context
def show_cmd(ctx: click.Context, article_id: str, raw: bool) -> None:
    """Show one article: metadata and clean text."""
    with store_from(ctx) as store:
        a = store.get_article(article_id)
    if a is None:
        raise click.ClickException(f"no article with id {article_id!r}")
    for label, value in (
        ("id", a.id), ("title", a.title), ("source", a.source), ("url", a.url),
        ("published", a.published), ("language", a.language), ("story", a.story_id),
        ("duplicate of", a.duplicate_of),
        ("input", a.input if a.line is None else f"{a.input}:{a.line}"),
    ):
        if value:
            click.echo(f"{label:>13}: {value}")
    click.echo("")
    click.echo(a.body if raw else a.text)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv"]), default="json",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
@click.pass_context
def export_cmd(ctx: click.Context, fmt: str, output: str | None) -> None:
    """Export the store: JSON in the storyline.export/1 contract, or articles as JSONL/CSV."""
    from storyline.export import WRITERS

    with store_from(ctx) as store:
        if output:
            with open(output, "w", encoding="utf-8", newline="") as f:
                WRITERS[fmt](store, f)
        else:
            WRITERS[fmt](store, sys.stdout)


@click.command("stats")
@click.pass_context
def stats_cmd(ctx: click.Context) -> None:
    """Counts of stored articles, stories, entities and stage progress."""
    with store_from(ctx) as store:
        counts = store.table_counts()
        stage_counts = store.stage_counts()
    click.echo(f"store: {app(ctx).settings.db_url}")
    for name, n in counts.items():
        click.echo(f"{name:>16}: {n}")
    for stage in stage_names():
        c = stage_counts.get(stage, {})
        click.echo(f"{'stage ' + stage:>16}: {c.get('done', 0)} done, {c.get('failed', 0)} failed")


@click.command("stages")
@click.pass_context
def stages_cmd(ctx: click.Context) -> None:
    """List the pipeline stages with what each reads and writes."""
    for name in stage_names():
        s = load_stage(name, app(ctx).settings)
        click.echo(f"{s.name}: requires [{', '.join(s.requires)}]")
        click.echo(f"    reads:  {', '.join(s.reads)}")
        click.echo(f"    writes: {', '.join(s.writes)}")
