"""``storyline bench load``: a bounded load test of ``storyline serve`` on 127.0.0.1."""
