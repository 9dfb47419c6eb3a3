"""Exact and near-duplicate detection (syndicated wire copy) with deterministic canonicals."""

from storyline.dedupe.text import content_hash, normalise_text, shingles

__all__ = ["content_hash", "normalise_text", "shingles"]
