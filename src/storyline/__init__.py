"""storyline: news story intelligence with provenance."""
__version__ = "0.1.0"
