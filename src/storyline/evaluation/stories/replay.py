"""Run the clustering engine directly over records (eval and bench; no store involved).

This is the engine the ``stories`` stage runs, fed the same features; only the store
round-trip is left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.evaluation.stories.datasets import Record
from storyline.settings import ClusterSettings
from storyline.stories.embeddings import attach
from storyline.stories.engine import Engine
from storyline.stories.features import Features, featurise


def features_of(r: Record, cfg: ClusterSettings) -> Features:
    return featurise(r.id, r.title, r.text, r.time, cfg.title_weight, cfg.lead_weight,
                     cfg.lead_words)


def all_features(records: Sequence[Record], cfg: ClusterSettings) -> list[Features]:
    """Features of every record, with embeddings (one batched pass) when they are on."""
    return attach([features_of(r, cfg) for r in records], [(r.title, r.text) for r in records],
                  cfg)


def cluster(records: Sequence[Record], cfg: ClusterSettings,
            features: list[Features] | None = None) -> list[str]:
    """Story id per record, assigning in the given order."""
    engine = Engine(cfg)
    feats = features if features is not None else all_features(records, cfg)
    return [engine.assign(f).story_id for f in feats]
