"""Readers: each turns one located input into article drafts (or problems).

A reader is ``read(where, settings) -> Iterator[ArticleDraft | IngestProblem]``;
:data:`READERS` maps a kind to its reader. Readers never raise on bad input:
they yield an :class:`IngestProblem` naming the file/line/URL and go on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from storyline.ingest.decode import decode_bytes, looks_binary
from storyline.records import ArticleDraft, IngestProblem
from storyline.settings import Settings

Item = ArticleDraft | IngestProblem
Reader = Callable[[str, Settings], Iterator[Item]]

# JSONL/CSV fields that map onto draft fields; every other field is kept as metadata.
KNOWN_FIELDS = ("id", "source", "url", "title", "published", "text", "html")
FIELD_ALIASES = {
    "outlet": "source",
    "publisher": "source",
    "site": "source",
    "link": "url",
    "headline": "title",
    "date": "published",
    "pubdate": "published",
    "published_at": "published",
    "publish_date": "published",
    "body": "text",
    "content": "text",
    "raw_html": "html",
}


def read_bytes(where: str, settings: Settings) -> tuple[bytes | None, IngestProblem | None]:
    """Read a whole file, refusing empty, oversized and unreadable ones."""
    path = Path(where)
    try:
        size = path.stat().st_size
        if size == 0:
            return None, IngestProblem(where, "empty file")
        if size > settings.max_input_bytes:
            return None, IngestProblem(
                where, f"file is {size} bytes, over the {settings.max_input_bytes}-byte limit"
            )
        return path.read_bytes(), None
    except OSError as e:
        return None, IngestProblem(where, f"cannot read file: {e.strerror or e}")


def read_text_file(where: str, settings: Settings) -> Iterator[Item]:
    data, problem = read_bytes(where, settings)
    if problem:
        yield problem
        return
    assert data is not None
    if looks_binary(data):
        yield IngestProblem(where, "binary file, not text")
        return
    text, enc = decode_bytes(data)
    if not text.strip():
        yield IngestProblem(where, "file has no text")
        return
    yield ArticleDraft(body=text, body_kind="text", input=where, encoding=enc)


def read_html_file(where: str, settings: Settings) -> Iterator[Item]:
    data, problem = read_bytes(where, settings)
    if problem:
        yield problem
        return
    assert data is not None
    if looks_binary(data):
        yield IngestProblem(where, "binary file, not HTML")
        return
    html, enc = decode_bytes(data, declared_charset(data))
    yield ArticleDraft(body=html, body_kind="html", input=where, encoding=enc)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, if any."""
    import re

    m = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", data[:4096], re.I)
    return m.group(1).decode("ascii", "replace") if m else None


def draft_from_record(rec: dict[str, Any], where: str, line: int | None) -> Item:
    """Map a JSONL/CSV record to a draft: known fields, aliases, rest as metadata."""
    fields: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    for key, value in rec.items():
        k = str(key).strip().lower()
        k = FIELD_ALIASES.get(k, k)
        if k in KNOWN_FIELDS and k not in fields and value not in (None, ""):
            fields[k] = value
        else:
            meta[str(key)] = value
    html, text = fields.pop("html", None), fields.pop("text", None)
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        return IngestProblem(where, "record has no 'text' or 'html' field with content", line)
    kind = "html" if body is html else "text"
    clean = {k: (str(v).strip() if v is not None else None) for k, v in fields.items()}
    return ArticleDraft(
        body=body,
        body_kind=kind,  # type: ignore[arg-type]
        input=where,
        line=line,
        id=clean.get("id"),
        source=clean.get("source"),
        url=clean.get("url"),
        title=clean.get("title"),
        published=clean.get("published"),
        metadata=meta,
    )


def read_jsonl(where: str, settings: Settings) -> Iterator[Item]:
    data, problem = read_bytes(where, settings)
    if problem:
        yield problem
        return
    assert data is not None
    if looks_binary(data):
        yield IngestProblem(where, "binary file, not JSON lines")
        return
    text, _ = decode_bytes(data)
    stripped = text.lstrip()
    if stripped.startswith("["):  # a JSON array of records is accepted too
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as e:
            yield IngestProblem(where, f"invalid JSON: {e.msg}", e.lineno)
            return
        for n, rec in enumerate(records, 1):
            yield draft_from_record(rec, where, n) if isinstance(rec, dict) else IngestProblem(
                where, "array item is not a JSON object", n
            )
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield IngestProblem(where, f"invalid JSON: {e.msg} (column {e.colno})", n)
            continue
        if not isinstance(rec, dict):
            yield IngestProblem(where, "line is not a JSON object", n)
            continue
        yield draft_from_record(rec, where, n)


READERS: dict[str, Reader] = {
    "text": read_text_file,
    "html": read_html_file,
    "jsonl": read_jsonl,
}
