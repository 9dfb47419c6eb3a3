"""Progress of long commands, on standard error.

A progress callback is ``progress(task, done, total)`` (``total`` 0: not known yet, as
while an input streams in). :func:`progress_reporter` gives one: on a terminal, a rich
bar per task with its count, rate and time left; otherwise (a log file, a pipe, CI) a
plain line per task every ``STORYLINE_PROGRESS_SECONDS`` seconds (default 10) while it
runs, and a last line when it ends, so that a short command prints nothing and a long
one can be followed in its log::

    storyline: enrich 1200/4352 (28%), 3.1/s, about 17 min left
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TextIO

ProgressFn = Callable[[str, int, int], None]
INTERVAL_ENV = "STORYLINE_PROGRESS_SECONDS"
DEFAULT_INTERVAL = 10.0


def interval_from_env() -> float:
    try:
        return max(0.0, float(os.environ.get(INTERVAL_ENV, DEFAULT_INTERVAL)))
    except ValueError:
        return DEFAULT_INTERVAL


def duration(seconds: float) -> str:
    """'45 s', '3 min', '2 h 05 min'."""
    if seconds < 120:
        return f"{max(0, round(seconds))} s"
    minutes = round(seconds / 60)
    if minutes < 90:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def progress_line(task: str, done: int, total: int, elapsed: float) -> str:
    """One plain progress line: count, share, rate and time left (when the total is known)."""
    rate = done / elapsed if elapsed > 0 else 0.0
    if total > 0:
        line = f"storyline: {task} {done}/{total} ({100 * done // total}%)"
    else:
        line = f"storyline: {task} {done}"
    line += f", {rate:.1f}/s" if rate < 100 else f", {rate:.0f}/s"
    if total > 0 and done >= total:
        return line + f", done in {duration(elapsed)}"
    if total > 0 and rate > 0:
        line += f", about {duration((total - done) / rate)} left"
    return line


@dataclass
class _Task:
    start: float
    last: float  # when the last line was printed (the start, before the first)
    printed: bool = False
    finished: bool = False


class PlainProgress:
    """Plain lines: the first after ``interval`` seconds of a task, then every
    ``interval`` seconds, and one when the task is done if any was printed before."""

    def __init__(self, stream: TextIO, interval: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.interval, self.clock = stream, interval, clock
        self.tasks: dict[str, _Task] = {}

    def __call__(self, task: str, done: int, total: int) -> None:
        now = self.clock()
        t = self.tasks.get(task)
        if t is None or (t.finished and done < total):  # a task seen again starts over
            t = self.tasks[task] = _Task(now, now)
        if t.finished:
            return
        finished = total > 0 and done >= total
        due = now - t.last >= self.interval and (done > 0 or self.interval == 0)
        if finished:
            t.finished = True
            if not (t.printed or due):
                return
        elif not due:
            return
        t.last, t.printed = now, True
        self.stream.write(progress_line(task, done, total, now - t.start) + "\n")
        self.stream.flush()


def _rich_progress(console: Any) -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Items per second."""

        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            if speed is None or not math.isfinite(speed):
                return Text("-/s", style="progress.data.speed")
            return Text(f"{speed:.1f}/s" if speed < 100 else f"{speed:.0f}/s",
                        style="progress.data.speed")

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TaskProgressColumn(), RateColumn(), TextColumn("left"),
                    TimeRemainingColumn(), TextColumn("elapsed"), TimeElapsedColumn(),
                    console=console, transient=True)


@contextmanager
def progress_reporter(stream: TextIO | None = None, enabled: bool = True,
                      interval: float | None = None) -> Iterator[ProgressFn]:
    """A progress callback for one command: a rich bar on a terminal, plain lines
    otherwise (see the module docstring), nothing when ``enabled`` is False."""
    out = stream if stream is not None else sys.stderr
    if not enabled:
        yield lambda _t, _d, _n: None
        return
    if not out.isatty():
        yield PlainProgress(out, interval_from_env() if interval is None else interval)
        return
    from rich.console import Console

    with _rich_progress(Console(file=out)) as bar:
        tasks: dict[str, Any] = {}

        def update(task: str, done: int, total: int) -> None:
            if task not in tasks:
                tasks[task] = bar.add_task(task, total=total or None)
            bar.update(tasks[task], completed=done, total=total or None)

        yield update
