"""Evaluation and benchmarks: ``storyline eval ...`` and ``storyline bench ...``.

Dataset readers, scorers and speed benchmarks, by what they measure (``clean``,
``stories``, ``geo``, ``quotes``, ``enrich``, ``brief``, ``events``). The product never
imports this package (a test checks it); the CLI loads its commands lazily.
"""
