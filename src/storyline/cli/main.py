"""The ``storyline`` command line: thin commands over the library."""

from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn

import click

from storyline.cli.common import AppContext, configure_logging
from storyline.cli.lazy import LazyGroup
from storyline.settings import DB_ENV, Settings

COMMANDS = {
    "ingest": "storyline.cli.articles:ingest_cmd",
    "process": "storyline.cli.articles:process_cmd",
    "reset": "storyline.cli.articles:reset_cmd",
    "failures": "storyline.cli.articles:failures_cmd",
    "articles": "storyline.cli.articles:articles_cmd",
    "show": "storyline.cli.articles:show_cmd",
    "export": "storyline.cli.articles:export_cmd",
    "stats": "storyline.cli.articles:stats_cmd",
    "stages": "storyline.cli.articles:stages_cmd",
    "eval": "storyline.cli.evaluate:eval_group",
    "bench": "storyline.cli.benchmark:bench_group",
    "stories": "storyline.cli.stories:stories_cmd",
    "story": "storyline.cli.stories:story_cmd",
    "facts": "storyline.cli.facts:facts_cmd",
    "recluster": "storyline.cli.stories:recluster_cmd",
    "merge-stories": "storyline.cli.stories:merge_cmd",
    "split-story": "storyline.cli.stories:split_cmd",
    "brief": "storyline.cli.stories:brief_cmd",
    "serve": "storyline.cli.serve:serve_cmd",
}


@click.group(cls=LazyGroup, lazy_commands=COMMANDS)
@click.option(
    "--db",
    envvar=DB_ENV,
    default=None,
    metavar="PATH|URL",
    help=f"Store: an SQLite file path (default ./storyline.db) or postgresql://... (env {DB_ENV}).",
)
@click.version_option(package_name="storyline")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """storyline: which articles tell the same story, what happened, who said what,
    and which outlets agree or contradict each other."""
    configure_logging()
    try:
        settings = Settings().with_db(db).with_env()
    except ValueError as e:
        raise click.UsageError(str(e)) from e
    ctx.obj = AppContext(settings)


def main() -> None:
    """The console command: run it, then leave without tearing the interpreter down."""
    try:
        cli(prog_name="storyline")
    except SystemExit as e:
        leave(e.code)
    leave(0)


def leave(code: object) -> NoReturn:
    """Exit with ``code`` as :func:`sys.exit` would, less the interpreter's teardown: the
    exit handlers libraries registered (logging, multiprocessing, Dask, temporary folders)
    run and the output is flushed, but the loaded model, gazetteer and stores are not
    freed object by object (0.6 CPU s for the spaCy pipeline and gazetteer alone, paid
    after the work is done). Any thread still running gets the normal exit, which waits
    for it."""
    if threading.active_count() > 1:
        sys.exit(code)  # type: ignore[arg-type]
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)  # what sys.exit does with a message
        status = 1
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is None:
        sys.exit(status)
    run_exit_handlers()
    if threading.active_count() > 1:  # a handler left a thread behind
        sys.exit(status)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        status = status or 1  # a closed pipe: what a normal exit reports too
    os._exit(status)
