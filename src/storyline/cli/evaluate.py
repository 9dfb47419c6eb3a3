"""``storyline eval ...``: quality on labelled data, printed beside published baselines."""

from __future__ import annotations

import click

from storyline.cli.lazy import LazyGroup

EVALS: dict[str, str] = {
    "geo": "storyline.evaluation.geo.evaluate:geo_cmd",
    "clean": "storyline.evaluation.clean.eval_command:eval_clean_cmd",
    "quotes": "storyline.evaluation.quotes.evaluate:quotes_command",
    "cluster": "storyline.evaluation.stories.evaluate:cluster_eval",
    "running": "storyline.evaluation.stories.running:running_eval",
    "brief": "storyline.evaluation.brief:brief_eval",
    "events": "storyline.evaluation.events:events_command",
    "timeline": "storyline.evaluation.timeline:timeline_command",
    "positions": "storyline.evaluation.positions:positions_command",
}


@click.group("eval", cls=LazyGroup, lazy_commands=EVALS)
def eval_group() -> None:
    """Score a stage on labelled data (paths given with --data)."""
