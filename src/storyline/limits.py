"""A time limit on one article's work in a stage (``Settings.max_article_seconds``).

:func:`time_limit` arms a real-time timer (``SIGALRM``) around a block; when it fires,
:class:`TimeLimitExceeded` is raised in the block at the next Python instruction, and
the stage fails that article (its writes rolled back to the article's savepoint) and
goes on. Pathological input is first made cheap where it can be (long tokens split
for the tokenizer, text cut at ``enrich_max_chars``); the timer is the backstop for
what is not foreseen. If code in the block swallows the exception, the timer fires again
every half second until the block ends, and the block's end raises it once more. It works in the main thread of a Unix process; elsewhere (a
worker thread of a server) the block runs without a limit.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class TimeLimitExceeded(BaseException):
    """The block ran past its time limit. A BaseException, like KeyboardInterrupt, so that
    library code catching ``Exception`` (trafilatura does, around lxml) cannot swallow it;
    the stage catches it by name."""


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Run the block with at most ``seconds`` of wall time (no limit when 0 or less)."""
    if seconds <= 0 or not hasattr(signal, "setitimer") or \
            threading.current_thread() is not threading.main_thread():
        yield
        return

    message = f"{what} took longer than {seconds:g} s (max_article_seconds)"
    fired = False

    def fire(_signum: int, _frame: FrameType | None) -> None:
        nonlocal fired
        fired = True
        raise TimeLimitExceeded(message)

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)  # again every 0.5 s, if swallowed
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if fired:
        # the block ran past its limit, but the exception was swallowed where it was
        # raised (a garbage-collector callback or a __del__ reports it and goes on, as
        # does code that catches everything) and the block ended before the timer fired
        # again: the block still failed its limit
        raise TimeLimitExceeded(message)
