"""The per-article time limit fails a block that ran past it, even when the exception the
timer raised was swallowed where it landed (a garbage-collector callback, code that catches
everything) and the block ended before the timer fired again."""

from __future__ import annotations

import gc
import time

import pytest

from storyline.limits import TimeLimitExceeded, time_limit


def _busy(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_a_block_within_its_limit_ends_normally():
    with time_limit(5.0, "quick block"):
        _busy(0.001)


def test_a_block_past_its_limit_fails():
    with pytest.raises(TimeLimitExceeded, match="slow block took longer than 0.01 s"):
        with time_limit(0.01, "slow block"):
            _busy(0.2)


def test_an_expiry_swallowed_by_the_block_still_fails_it():
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.01, "block"):
            try:
                _busy(0.1)
            except BaseException:  # noqa: BLE001 - what careless library code does
                pass
            _busy(0.01)  # ends long before the timer fires again (0.5 s)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_expiry_inside_a_gc_callback_still_fails_the_block():
    def slow_callback(phase: str, _info: dict) -> None:
        if phase == "start":
            _busy(0.05)  # the timer fires here: the collector reports it and goes on

    gc.callbacks.append(slow_callback)
    try:
        with pytest.raises(TimeLimitExceeded):
            with time_limit(0.005, "block"):
                gc.collect()
    finally:
        gc.callbacks.remove(slow_callback)
