"""``storyline bench ...``: speed and memory, as ratios against a bare baseline in the same run."""

from __future__ import annotations

import click

from storyline.cli.lazy import LazyGroup

BENCHES: dict[str, str] = {
    "enrich": "storyline.evaluation.enrich.bench:bench_enrich_cmd",
    "ingest": "storyline.evaluation.clean.bench_command:bench_ingest_cmd",
    "cluster": "storyline.evaluation.stories.bench:bench_cluster_cmd",
    "export": "storyline.evaluation.export_bench:bench_export_cmd",
    "crash": "storyline.evaluation.hardening.commands:bench_crash_cmd",
    "concurrent": "storyline.evaluation.hardening.commands:bench_concurrent_cmd",
    "pipeline": "storyline.evaluation.pipeline_bench:bench_pipeline_cmd",
    "load": "storyline.evaluation.load.command:bench_load_cmd",
}


@click.group("bench", cls=LazyGroup, lazy_commands=BENCHES)
def bench_group() -> None:
    """Measure throughput and peak memory against a bare baseline; robustness runs (kill and
    resume, concurrent writers, the API under load)."""
