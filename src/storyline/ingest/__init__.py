"""Ingest: files, folders, globs, HTML, JSONL/CSV, feeds, URLs and WARC into the store."""

from storyline.ingest.runner import IngestReport, ingest

__all__ = ["IngestReport", "ingest"]
