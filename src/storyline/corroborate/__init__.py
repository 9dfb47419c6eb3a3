"""Corroborate: which outlets agree on a story's figures and quotes, which disagree."""
