"""``storyline eval ...``: quality on labelled data, printed beside published baselines."""

from __future__ import annotations

import click

from storyline.cli.lazy import LazyGroup

EVALS: dict[str, str] = {
    "geo": "storyline.enrich.evaluate_geo:geo_cmd",
    "clean": "storyline.cli.eval_clean:eval_clean_cmd",
    "quotes": "storyline.enrich.evaluate_quotes:quotes_command",
    "cluster": "storyline.stories.evaluate:cluster_eval",
    "events": "storyline.evaluation.events:events_command",
}


@click.group("eval", cls=LazyGroup, lazy_commands=EVALS)
def eval_group() -> None:
    """Score a stage on labelled data (paths given with --data)."""
