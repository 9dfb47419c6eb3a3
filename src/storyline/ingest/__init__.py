"""Ingest: files, folders, globs, HTML, JSONL/CSV, feeds, URLs and WARC into the store.

:func:`storyline.ingest.runner.ingest` is the entry point; this package file imports
nothing, so that importing one reader (or a helper of it) does not load the runner and
the pipeline behind it.
"""
