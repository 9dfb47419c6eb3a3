"""Readers: each turns one located input into article drafts (or problems).

A reader is ``read(where, settings) -> Iterator[ArticleDraft | IngestProblem]``;
:data:`READERS` maps an input kind to its reader, imported only when that kind is
met. Readers never raise on bad input: they yield an :class:`IngestProblem` naming
the file/line/URL and the reason, and go on.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator

from storyline.records import ArticleDraft, IngestProblem
from storyline.settings import Settings

Item = ArticleDraft | IngestProblem
Reader = Callable[[str, Settings], Iterator[Item]]

# Input kind -> "module:function".
READERS: dict[str, str] = {
    "text": "storyline.ingest.files:read_text_file",
    "html": "storyline.ingest.files:read_html_file",
    "jsonl": "storyline.ingest.jsonfiles:read_json",
    "csv": "storyline.ingest.tabular:read_csv",
    "feed": "storyline.ingest.feeds:read_feed_file",
    "url": "storyline.ingest.urls:read_url",
    "warc": "storyline.ingest.warc:read_warc",
}


def reader_for(kind: str) -> Reader | None:
    target = READERS.get(kind)
    if target is None:
        return None
    module, _, fn = target.partition(":")
    return getattr(importlib.import_module(module), fn)  # type: ignore[no-any-return]
