"""Store commands: ingest, process, reset, articles, show, export, stats, failures, stages."""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import Any

import click

from storyline import service
from storyline.cli.common import (
    EXIT_SKIPPED,
    app,
    print_table,
    store_from,
    visible,
    warn,
)
from storyline.errors import StorylineError
from storyline.pipeline import StageReport, load_stage, parse_stages, stage_names
from storyline.progress import progress_reporter

STAGES_HELP = (
    "Comma-separated stages to run (default: all; 'none' only stores). "
    "A later `storyline process` runs the rest."
)


def _stages(spec: str | None) -> list[str]:
    try:
        return parse_stages(spec)
    except StorylineError as e:
        raise click.BadParameter(str(e), param_hint="--stages") from e


def _report_stage_failures(reports: list[StageReport]) -> int:
    n = 0
    for r in reports:
        for uid, err in r.failed.items():
            warn("warning", f"{r.stage}: {r.unit} {uid}: {err}")
            n += 1
    return n


def _waiting(message: str) -> None:
    warn("note", message, style="cyan")


def work_options(fn: Any) -> Any:
    """``--workers N`` and ``--dask ADDRESS``: where the per-article work runs."""
    fn = click.option(
        "--dask", "dask", default=None, metavar="ADDRESS",
        help="Send the per-article work to a Dask cluster: tcp://SCHEDULER:8786 (workers with "
             "storyline installed), or local:N for N worker processes on this machine.")(fn)
    return click.option(
        "--workers", type=click.IntRange(min=1), default=1, show_default=True,
        help="Processes for the per-article work (clean, the NLP pass, extraction), each "
             "loading the model once; this process writes every result in order, so the "
             "store ends as with one process.")(fn)


@click.command("ingest")
@click.argument("inputs", nargs=-1)
@click.option("--stages", "stages_spec", default=None, help=STAGES_HELP)
@click.option("--demo", is_flag=True, help="Ingest the bundled demo corpus (offline: implies --no-fetch).")
@click.option("--no-fetch", is_flag=True,
              help="For RSS/Atom feeds, use each item's content from the feed; do not fetch its page.")
@work_options
@click.pass_context
def ingest_cmd(
    ctx: click.Context, inputs: tuple[str, ...], stages_spec: str | None, demo: bool,
    no_fetch: bool, workers: int, dask: str | None,
) -> None:
    """Ingest files, folders, globs, URLs, RSS/Atom feeds, JSONL/CSV and WARC files,
    then run every pipeline stage on what was ingested.

    Bad files/lines/URLs are reported with their location and skipped; the exit
    code is 1 when anything was skipped or failed, 0 otherwise, and 3 when the run
    itself failed (the store could not be opened or written). An id that another
    article (another outlet or URL) already has is stored under a derived id and
    reported; the same id from the same outlet or URL with new text is an update.
    """
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
    with store_from(ctx) as store, service.open_executor(settings, stages, workers, dask) as ex, \
            progress_reporter() as progress:
        report = service.ingest(store, specs, settings, stages, progress, _waiting, ex)
    for p in report.problems:
        warn("skipped", str(p), style="red")
    for r in report.renamed:
        warn("note", str(r), style="cyan")
    failures = _report_stage_failures(report.stages)
    click.echo(
        f"read {report.read} articles: {len(report.added)} new, {len(report.updated)} updated, "
        f"{report.already_stored} already stored, {len(report.problems)} skipped inputs, "
        f"{failures} stage failures"
    )
    if report.problems or failures:
        sys.exit(EXIT_SKIPPED)


@click.command("process")
@click.option("--stages", "stages_spec", default=None, help="Comma-separated stages (default: all).")
@click.option("--retry-failed", is_flag=True, help="Also run the units a stage failed on before.")
@work_options
@click.pass_context
def process_cmd(ctx: click.Context, stages_spec: str | None, retry_failed: bool, workers: int,
                dask: str | None) -> None:
    """Run pending pipeline stages: per-article stages on articles not yet through them,
    story-level stages on stories changed since they last ran."""
    stages = _stages(stages_spec)
    settings = app(ctx).settings
    with store_from(ctx) as store, service.open_executor(settings, stages, workers, dask) as ex, \
            progress_reporter() as progress:
        reports = service.process(store, settings, stages, retry_failed, progress, _waiting, ex)
    for r in reports:
        click.echo(f"{r.stage}: {r.processed} {r.unit}s processed, {len(r.failed)} failed")
    if _report_stage_failures(reports):
        sys.exit(EXIT_SKIPPED)


@click.command("reset")
@click.argument("stage")
@click.pass_context
def reset_cmd(ctx: click.Context, stage: str) -> None:
    """Make STAGE and every stage that depends on it pending again (for every article or
    story); the next `storyline process` runs them."""
    with store_from(ctx) as store:
        names = service.reset(store, app(ctx).settings, stage)
    click.echo("pending again: " + ", ".join(names))


@click.command("articles")
@click.option("--story", default=None, help="Only the articles of this story.")
@click.option("--limit", type=int, default=None, help="Show at most this many.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def articles_cmd(ctx: click.Context, story: str | None, limit: int | None, as_json: bool) -> None:
    """List stored articles in publish order."""
    from storyline.store.queries import article_document

    with store_from(ctx) as store:
        arts = service.list_articles(store, story, limit)
    if as_json:
        for a in arts:
            d = article_document(a)
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
@click.option("--revisions", is_flag=True, help="Also list the earlier versions an update replaced.")
@click.pass_context
def show_cmd(ctx: click.Context, article_id: str, raw: bool, revisions: bool) -> None:
    """Show one article: metadata and clean text."""
    with store_from(ctx) as store:
        view = service.get_article(store, article_id, revisions)
    a = view.article
    for label, value in (
        ("id", a.id), ("title", a.title), ("source", a.source), ("url", a.url),
        ("published", a.published), ("language", a.language), ("story", a.story_id),
        ("duplicate of", a.duplicate_of),
        ("input", a.input if a.line is None else f"{a.input}:{a.line}"),
        ("headline only", "yes" if a.headline_only else None),
    ):
        if value:
            click.echo(f"{label:>13}: {visible(value)}")
    click.echo("")
    click.echo(visible(a.body if raw else a.text))
    if revisions:
        click.echo("")
        click.echo(f"{len(view.revisions)} earlier versions")
        for n, r in enumerate(view.revisions, 1):
            where = r["input"] if r["line"] is None else f"{r['input']}:{r['line']}"
            click.echo(f"\n--- version {n}: ingested {r['ingested_at']} from {visible(where)}, "
                       f"replaced {r['replaced_at']}")
            if r["title"]:
                click.echo(f"title: {visible(r['title'])}")
            click.echo(visible(r["body"] if raw else (r["text"] or r["body"])))


@click.command("export")
@click.option("--format", "fmt",
              type=click.Choice(["json", "jsonl", "csv", "acled", "geojson", "md", "html"]),
              default="json", show_default=True,
              help="json: the storyline.export/1 document; jsonl, csv: articles; acled: events "
                   "as an ACLED-style CSV; geojson: places and events; md, html: every brief.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
@click.pass_context
def export_cmd(ctx: click.Context, fmt: str, output: str | None) -> None:
    """Export the store: JSON in the storyline.export/1 contract, articles as JSONL/CSV, events
    as an ACLED-style CSV, places and events as GeoJSON, or every story's brief (md, html)."""
    with store_from(ctx) as store, progress_reporter() as progress:
        if output:
            with open(output, "w", encoding="utf-8", newline="") as f:
                service.export(store, fmt, f, progress)
        else:
            service.export(store, fmt, sys.stdout, progress)


@click.command("stats")
@click.pass_context
def stats_cmd(ctx: click.Context) -> None:
    """Counts of stored rows and each stage's units (done, failed)."""
    with store_from(ctx) as store:
        stats = service.stats(store)
    click.echo(f"store: {app(ctx).settings.db_url}")
    for name, n in stats["tables"].items():
        click.echo(f"{name:>18}: {n}")
    for stage, c in stats["stages"].items():
        click.echo(f"{'stage ' + stage:>18}: {c.get('done', 0)} done, {c.get('failed', 0)} failed")


@click.command("failures")
@click.option("--stage", default=None, help="Only this stage's failures.")
@click.pass_context
def failures_cmd(ctx: click.Context, stage: str | None) -> None:
    """List the articles and stories a stage failed on, with the reason
    (`storyline process --retry-failed` runs them again)."""
    with store_from(ctx) as store:
        rows = service.failures(store, stage)
    print_table([("stage", 12), ("unit", 7), ("id", 30), ("reason", 120)],
                ([st, kind, uid, detail or ""] for kind, uid, st, detail in rows))
    click.echo(f"{len(rows)} failed units")


@click.command("stages")
@click.pass_context
def stages_cmd(ctx: click.Context) -> None:
    """List the pipeline stages with what each reads and writes."""
    for name in stage_names():
        s = load_stage(name, app(ctx).settings)
        click.echo(f"{s.name} (per {getattr(s, 'unit', 'article')}): "
                   f"requires [{', '.join(s.requires)}]")
        click.echo(f"    reads:  {', '.join(s.reads)}")
        click.echo(f"    writes: {', '.join(s.writes)}")
