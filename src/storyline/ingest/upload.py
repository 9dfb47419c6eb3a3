"""Ingest a request body (the REST API's ``POST /api/ingest``): a JSON record, JSON lines or
an HTML page, read by the same readers as a file and stored with the same provenance rules;
the articles' ``input`` is the label given (the endpoint), not a temporary path."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from storyline.ingest.runner import IngestReport, read_located, store_items
from storyline.ingest.sources import Located
from storyline.pipeline import run_stages
from storyline.records import ArticleDraft, IngestProblem
from storyline.settings import Settings
from storyline.store import Store

KINDS = {"jsonl": ".jsonl", "html": ".html", "text": ".txt"}


def _relabel(items: Iterable[ArticleDraft | IngestProblem], path: str,
             label: str) -> Iterator[ArticleDraft | IngestProblem]:
    for item in items:
        if isinstance(item, IngestProblem):
            yield dataclasses.replace(item, where=label, reason=item.reason.replace(path, label))
        else:
            yield dataclasses.replace(item, input=label)


def ingest_body(store: Store, body: bytes, kind: str, settings: Settings, label: str,
                stages: list[str] | None = None) -> IngestReport:
    """Store the articles in ``body`` (``kind``: jsonl, html or text), then run ``stages``
    (default: all) on what is pending."""
    if kind not in KINDS:
        raise ValueError(f"unknown body kind {kind!r}; kinds: {', '.join(KINDS)}")
    report = IngestReport()
    with tempfile.TemporaryDirectory(prefix="storyline-upload-") as tmp:
        path = Path(tmp) / f"body{KINDS[kind]}"
        path.write_bytes(body)
        items = read_located(Located(str(path), kind), settings)
        store_items(store, _relabel(items, str(path), label), settings, report)
    report.stages = run_stages(store, settings, stages)
    return report
