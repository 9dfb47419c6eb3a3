"""Exports in the SPEC contract (``storyline.export/1``): JSON, JSONL and CSV; and, from the
same query layer, an ACLED-style CSV of events, GeoJSON of places and events
(:mod:`storyline.export_events`) and every brief as Markdown or HTML
(:mod:`storyline.export_briefs`).

Formatters only format: every read goes through the query layer
(:mod:`storyline.store.queries`). The JSON document is written as it is read, article by
article and story by story, so exporting a store of any size holds about one story in
memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from storyline.safety import csv_cell  # noqa: F401  (re-exported)
from storyline.store import Store
from storyline.store.queries import (
    article_document,
    export_counts,
    iter_articles,
    iter_story_documents,
)

SCHEMA = "storyline.export/1"


Progress = Callable[[str, int, int], None]


def _counted(items: Iterator[Any], what: str, total: int,
             progress: Progress | None) -> Iterator[Any]:
    """``items``, telling ``progress`` (what, done, total) every 100 and at the end."""
    n = 0
    for n, item in enumerate(items, 1):
        yield item
        if progress and n % 100 == 0:
            progress(what, n, total)
    if progress:
        progress(what, n, total)


def _items(out: TextIO, docs: Iterator[dict[str, Any]], indent: str) -> None:
    """A JSON array's items, each pretty-printed at ``indent``, written as they come."""
    first = True
    for doc in docs:
        text = json.dumps(doc, ensure_ascii=False, indent=2)
        out.write(("\n" if first else ",\n") + indent + text.replace("\n", "\n" + indent))
        first = False
    if not first:
        out.write("\n" + indent[:-2])


def write_json(store: Store, out: TextIO, progress: Progress | None = None) -> None:
    """The whole store as one ``storyline.export/1`` document, streamed."""
    with store.connect() as conn:
        n_articles, n_stories = export_counts(conn) if progress else (0, 0)
        out.write('{\n  "schema": ' + json.dumps(SCHEMA) + ',\n  "articles": [')
        _items(out, _counted((article_document(a) for a in iter_articles(conn)), "articles",
                             n_articles, progress), "    ")
        out.write('],\n  "stories": [')
        _items(out, _counted(iter_story_documents(conn), "stories", n_stories, progress), "    ")
        out.write("]\n}\n")


def build_export(store: Store) -> dict[str, Any]:
    """The whole document as one dict (for tests and small stores; the writers stream)."""
    with store.connect() as conn:
        return {"schema": SCHEMA,
                "articles": [article_document(a) for a in iter_articles(conn)],
                "stories": list(iter_story_documents(conn))}


def write_jsonl(store: Store, out: TextIO, progress: Progress | None = None) -> None:
    """One article per line, in the contract's article shape."""
    with store.connect() as conn:
        total = export_counts(conn)[0] if progress else 0
        for a in _counted(iter_articles(conn), "articles", total, progress):
            out.write(json.dumps(article_document(a), ensure_ascii=False) + "\n")


CSV_FIELDS = ("id", "source", "url", "title", "published", "story_id", "duplicate_of", "input",
              "language", "text")


def write_csv(store: Store, out: TextIO, progress: Progress | None = None) -> None:
    w = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    w.writeheader()
    with store.connect() as conn:
        total = export_counts(conn)[0] if progress else 0
        for a in _counted(iter_articles(conn), "articles", total, progress):
            doc = article_document(a)
            w.writerow({k: csv_cell(doc.get(k)) for k in CSV_FIELDS})


def _lazy(target: str) -> Callable[[Store, TextIO, Progress | None], None]:
    """A writer imported when it is used (the brief renderers load Jinja2)."""
    def write(store: Store, out: TextIO, progress: Progress | None = None) -> None:
        import importlib

        module, _, name = target.partition(":")
        getattr(importlib.import_module(module), name)(store, out)
    return write


WRITERS: dict[str, Callable[[Store, TextIO, Progress | None], None]] = {
    "json": write_json,
    "jsonl": write_jsonl,
    "csv": write_csv,
    "acled": _lazy("storyline.export_events:write_acled"),
    "geojson": _lazy("storyline.export_events:write_geojson"),
    "md": _lazy("storyline.export_briefs:write_markdown"),
    "html": _lazy("storyline.export_briefs:write_html"),
}
