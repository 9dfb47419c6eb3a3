"""Run the clustering engine directly over records (eval and bench; no store involved).

This is the engine the ``stories`` stage runs, fed the same features; only the store
round-trip is left out.
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.settings import ClusterSettings
from storyline.stories.datasets import Record
from storyline.stories.engine import Engine
from storyline.stories.features import Features, featurise


def features_of(r: Record, cfg: ClusterSettings) -> Features:
    return featurise(r.id, r.title, r.text, r.time, cfg.title_weight, cfg.lead_weight,
                     cfg.lead_words)


def cluster(records: Iterable[Record], cfg: ClusterSettings,
            features: list[Features] | None = None) -> list[str]:
    """Story id per record, assigning in the given order."""
    engine = Engine(cfg)
    feats = features if features is not None else [features_of(r, cfg) for r in records]
    return [engine.assign(f).story_id for f in feats]
