"""Exact and near-duplicate detection (syndicated wire copy) with deterministic canonicals:
text keys and MinHash signatures in :mod:`.text`, the LSH index in :mod:`.index`, the
stage in :mod:`.stage`."""
