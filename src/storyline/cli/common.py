"""Shared CLI plumbing: the store option, clean error messages, exit codes, logging, and
stored text shown as text (never markup, never terminal control sequences). Progress of long
commands: :func:`storyline.progress.progress_reporter`.

Exit codes: 0 everything went through; 1 some inputs were skipped or some units failed
(each reported; the rest of the run went on), or an id was not found; 2 a usage error;
3 the run itself failed (the store could not be opened or written, another process held
the store's lease too long, an internal error). ``STORYLINE_DEBUG=1`` shows tracebacks.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from storyline.errors import NotFoundError, StorylineError
from storyline.settings import Settings
from storyline.store import Store, open_store

console = Console(stderr=True)
log = logging.getLogger("storyline")

EXIT_OK = 0
EXIT_SKIPPED = 1  # some inputs skipped or units failed, each reported; the rest went on
EXIT_USAGE = 2  # click's usage errors
EXIT_FAILED = 3  # the run itself failed
DEBUG_ENV = "STORYLINE_DEBUG"


def debugging() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip().lower() in ("1", "true", "yes", "on")


class RunFailed(click.ClickException):
    """The run itself failed (exit code 3)."""

    exit_code = EXIT_FAILED


class _Plain(logging.Formatter):
    """``storyline: message``; the traceback only when debugging."""

    def format(self, record: logging.LogRecord) -> str:
        text = visible(record.getMessage())
        if debugging() and record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return f"storyline: {text}"


def configure_logging() -> None:
    """Warnings on standard error, one line each (tracebacks and debug messages with
    ``STORYLINE_DEBUG=1``); left alone when logging is set up already (tests, a host app)."""
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Plain())
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if debugging() else logging.WARNING)
    for noisy in ("httpx", "httpcore", "charset_normalizer", "trafilatura", "htmldate"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


# C0 controls but tab and newline, DEL, C1 controls: a stored title must not move the cursor,
# recolour the terminal or write its clipboard (OSC 52)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` with terminal control characters shown as ``\\xNN`` escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


@dataclass
class AppContext:
    settings: Settings

    def open(self) -> Store:
        return open_store(self.settings.db_url)


def app(ctx: click.Context) -> AppContext:
    obj = ctx.find_object(AppContext)
    if obj is None:
        obj = AppContext(Settings())
        ctx.obj = obj
    return obj


@contextmanager
def store_from(ctx: click.Context) -> Iterator[Store]:
    """Open the store named by ``--db``/``$STORYLINE_DB``; turn errors into clean messages."""
    try:
        store = app(ctx).open()
    except StorylineError as e:
        raise RunFailed(visible(str(e))) from e
    try:
        yield store
    except NotFoundError as e:
        raise click.ClickException(visible(str(e))) from e
    except StorylineError as e:
        raise RunFailed(visible(str(e))) from e
    except (click.ClickException, click.exceptions.Exit, click.Abort):
        raise
    except Exception as e:
        if debugging():
            raise
        log.debug("internal error", exc_info=True)
        raise RunFailed(f"internal error: {type(e).__name__}: {visible(str(e))[:500]} "
                        f"(run again with {DEBUG_ENV}=1 for the traceback)") from e
    finally:
        store.close()


def print_table(columns: Sequence[tuple[str, int]], rows: Iterable[Sequence[str]]) -> None:
    """A listing on standard output: one line per row, cells cut to their column's width
    (``(name, max width)``); wide when not writing to a terminal, so pipes keep whole lines."""
    table = Table(box=None, pad_edge=False)
    for name, width in columns:
        table.add_column(name, max_width=width, no_wrap=True, overflow="ellipsis")
    for row in rows:  # stored text is never read as markup, nor as control sequences
        table.add_row(*(Text(visible(cell)) for cell in row))
    Console(width=None if sys.stdout.isatty() else 200, highlight=False).print(table)


def warn(label: str, message: str, style: str = "yellow") -> None:
    """``label: message`` on standard error; the message (paths, URLs, stored text) is shown
    as it is, never read as markup."""
    line = Text(label, style=style)
    line.append(": ")
    line.append(visible(message))
    console.print(line, highlight=False, soft_wrap=True)
