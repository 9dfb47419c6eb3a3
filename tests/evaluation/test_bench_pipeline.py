"""`storyline bench pipeline` times each run as a fresh process, start to exit, with the
peak RSS of its largest process, and stops on a run that fails."""

from __future__ import annotations

import os
import sys

import click
import pytest

from storyline.evaluation.pipeline_bench import _timed_process


def test_a_run_is_timed_to_its_exit_with_its_peak_memory():
    hold = "import time; b = bytearray(150 * 2**20); b[::4096] = b'x' * len(b[::4096]); time.sleep(0.3)"
    seconds, rss_mb = _timed_process([sys.executable, "-c", hold], dict(os.environ))
    assert seconds >= 0.3
    assert rss_mb >= 150  # the 150 MB it touched


def test_a_failed_run_stops_the_bench_with_its_error():
    with pytest.raises(click.ClickException, match="no such stage"):
        _timed_process([sys.executable, "-c", "import sys; sys.exit('no such stage')"],
                       dict(os.environ))
