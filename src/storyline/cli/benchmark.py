"""``storyline bench ...``: speed and memory, as ratios against a bare baseline in the same run."""

from __future__ import annotations

import click

from storyline.cli.lazy import LazyGroup

BENCHES: dict[str, str] = {}


@click.group("bench", cls=LazyGroup, lazy_commands=BENCHES)
def bench_group() -> None:
    """Measure throughput and peak memory against a bare baseline."""
