"""Robustness harnesses: a generated corpus, kill-and-resume trials, concurrent writers."""
