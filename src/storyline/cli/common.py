"""Shared CLI plumbing: the store option, clean error messages, listings, warnings.

Progress of long commands: :func:`storyline.progress.progress_reporter`."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from storyline.errors import StorylineError
from storyline.settings import Settings
from storyline.store import Store, open_store

console = Console(stderr=True)


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
        raise click.ClickException(str(e)) from e
    try:
        yield store
    except StorylineError as e:
        raise click.ClickException(str(e)) from e
    finally:
        store.close()


def print_table(columns: Sequence[tuple[str, int]], rows: Iterable[Sequence[str]]) -> None:
    """A listing on standard output: one line per row, cells cut to their column's width
    (``(name, max width)``); wide when not writing to a terminal, so pipes keep whole lines."""
    table = Table(box=None, pad_edge=False)
    for name, width in columns:
        table.add_column(name, max_width=width, no_wrap=True, overflow="ellipsis")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))  # stored text is never read as markup
    Console(width=None if sys.stdout.isatty() else 200, highlight=False).print(table)


def warn(label: str, message: str, style: str = "yellow") -> None:
    """``label: message`` on standard error; the message (paths, URLs, stored text) is shown
    as it is, never read as markup."""
    line = Text(label, style=style)
    line.append(": ")
    line.append(message)
    console.print(line, highlight=False, soft_wrap=True)
