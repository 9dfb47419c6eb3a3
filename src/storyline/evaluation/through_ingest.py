"""Feeding labelled data through the path a user's file takes.

Every ``storyline eval`` command scores what the product stores: the data set is written
as a JSONL file (or as the files it came as), ingested with
:func:`storyline.ingest.runner.ingest` into a fresh SQLite store, and the store's rows
are read back. Text the clean stage changes (a title line taken off, furniture removed)
is mapped back to the original offsets line by line (:func:`line_offsets`).
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from storyline.ingest.runner import IngestReport, ingest
from storyline.settings import Settings
from storyline.store import Store, open_store


@dataclass(frozen=True, slots=True)
class Item:
    """One record to ingest: the JSONL fields a user's export would carry."""

    id: str
    text: str = ""
    title: str = ""
    source: str | None = None
    published: str | None = None  # ISO 8601
    html: str = ""
    url: str = ""

    def record(self) -> dict[str, Any]:
        rec: dict[str, Any] = {"id": self.id}
        for key in ("title", "text", "html", "url", "source", "published"):
            value = getattr(self, key)
            if value:
                rec[key] = value
        return rec


def iso_from_days(days: float | None) -> str | None:
    """Days since the Unix epoch (UTC) as an ISO timestamp."""
    if days is None:
        return None
    when = dt.datetime.fromtimestamp(days * 86400.0, dt.UTC)
    return when.replace(microsecond=0).isoformat()


def write_jsonl(items: Iterable[Item], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps(it.record(), ensure_ascii=False) + "\n")
    return path


@contextmanager
def workdir(keep: Path | None = None) -> Iterator[Path]:
    """A folder for the eval's files and store: ``keep`` when given (left for inspection),
    else a temporary one removed afterwards."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="storyline-eval-") as tmp:
        yield Path(tmp)


@contextmanager
def ingested(items: Sequence[Item], folder: Path, name: str, stages: list[str] | None,
             settings: Settings | None = None) -> Iterator[tuple[Store, IngestReport]]:
    """``items`` written as ``<name>.jsonl`` and ingested into a new ``<name>.db`` in
    ``folder`` (any earlier one replaced); yields the open store and the ingest report."""
    db = folder / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    path = write_jsonl(items, folder / f"{name}.jsonl")
    settings = replace(settings or Settings(), db_url=str(db), fetch_feed_items=False)
    store = open_store(str(db))
    try:
        report = ingest(store, [str(path)], settings, stages)
        yield store, report
    finally:
        store.close()


def line_offsets(original: str, stored: str) -> list[int | None]:
    """For each character of ``stored`` (the clean text: kept lines of the original joined
    by newlines), its offset in ``original``; None for characters that are not there.
    Lines are found in order, so a repeated line maps to its next occurrence."""
    out: list[int | None] = []
    pos = 0
    for n, line in enumerate(stored.split("\n")):
        if n:
            out.append(None)  # the joining newline
        at = original.find(line, pos) if line else -1
        if at < 0:
            out.extend([None] * len(line))
            continue
        out.extend(range(at, at + len(line)))
        pos = at + len(line)
    return out


def map_span(offsets: list[int | None], start: int, end: int) -> tuple[int, int] | None:
    """A span of the stored text as a span of the original, or None if it is not there."""
    if start >= end or end > len(offsets):
        return None
    first, last = offsets[start], offsets[end - 1]
    if first is None or last is None:
        return None
    return first, last + 1
