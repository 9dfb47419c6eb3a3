"""JSON inputs: JSON lines (streamed, one record a line), JSON arrays, JSON Feed documents.

A record is ``{"id"?, "source"?, "url"?, "title"?, "published"?, "text" | "html"}``
(see :mod:`storyline.ingest.fields` for aliases); unknown fields are kept as metadata.
A bad line is reported with its line number and the rest of the file goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from storyline.ingest.decode import bom_encoding, decode_bytes, decode_line, looks_binary
from storyline.ingest.fields import draft_from_record
from storyline.ingest.files import check_size
from storyline.records import ArticleDraft, IngestProblem
from storyline.settings import Settings

Item = ArticleDraft | IngestProblem


def read_json(where: str, settings: Settings) -> Iterator[Item]:
    """A ``.json``/``.jsonl`` file: JSON lines, or one JSON document (array, JSON Feed)."""
    problem = check_size(where, settings.max_input_bytes, "one input file")
    if problem:
        yield problem
        return
    try:
        f = open(where, "rb")  # noqa: SIM115 - closed below, the generator may stop early
    except OSError as e:
        yield IngestProblem(where, f"cannot read file: {e.strerror or e}")
        return
    with f:
        head = f.read(8192)
        if looks_binary(head):
            yield IngestProblem(where, "binary file, not JSON")
            return
        wide = bom_encoding(head) not in (None, "utf-8-sig") or b"\x00" in head
        f.seek(0)
        if wide or _is_document(f.readline(settings.max_article_bytes)):
            f.seek(0)
            yield from _read_document(f.read(), where, settings)
            return
        f.seek(0)
        yield from _read_lines(f, where, settings)


def _is_document(first_line: bytes) -> bool:
    """True for a JSON array or a pretty-printed object (its first line is not a whole record)."""
    text = first_line.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if text.startswith("["):
        return True
    if not text.startswith("{"):
        return False
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        return True
    return isinstance(obj, dict) and _is_container(obj)


def _is_container(obj: dict[str, Any]) -> bool:
    return isinstance(obj.get("items"), list) or isinstance(obj.get("articles"), list)


def _read_lines(f: IO[bytes], where: str, settings: Settings) -> Iterator[Item]:
    found = False
    for n, raw in enumerate(f, 1):
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        found = True
        if len(raw) > settings.max_article_bytes:
            yield IngestProblem(
                where, f"line is {len(raw)} bytes, over the {settings.max_article_bytes}-byte limit", n
            )
            continue
        line, _ = decode_line(raw, None)
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield IngestProblem(where, f"invalid JSON: {e.msg} (column {e.colno})", n)
            continue
        if not isinstance(rec, dict):
            yield IngestProblem(where, "line is not a JSON object", n)
            continue
        yield draft_from_record(rec, where, n)
    if not found:
        yield IngestProblem(where, "file has no JSON records")


def _read_document(data: bytes, where: str, settings: Settings) -> Iterator[Item]:
    text, _ = decode_bytes(data)
    try:
        doc = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as e:
        yield IngestProblem(where, f"invalid JSON: {e.msg} (line {e.lineno}, column {e.colno})")
        return
    defaults: dict[str, Any] = {}
    if isinstance(doc, dict) and isinstance(doc.get("items"), list):  # JSON Feed
        records, defaults = [_json_feed_item(i) for i in doc["items"]], _json_feed_defaults(doc)
    elif isinstance(doc, dict) and isinstance(doc.get("articles"), list):  # a storyline export
        records = doc["articles"]
    elif isinstance(doc, list):
        records = doc
    elif isinstance(doc, dict):  # one pretty-printed record
        item = draft_from_record(doc, where, None)
        if isinstance(item, IngestProblem):
            item = IngestProblem(where, f"JSON object is not an array, a JSON Feed, an export or a record: {item.reason}")
        yield item
        return
    else:
        yield IngestProblem(where, "JSON document is not an array, a JSON Feed, an export or a record")
        return
    if not records:
        yield IngestProblem(where, "JSON document has no records")
    for n, rec in enumerate(records, 1):
        if not isinstance(rec, dict):
            yield IngestProblem(where, f"item {n} is not a JSON object")
            continue
        item = draft_from_record(rec, where, None, defaults)
        if isinstance(item, IngestProblem):
            item = IngestProblem(where, f"item {n}: {item.reason}")
        else:
            item = _with_item_number(item, n)
        yield item


def _with_item_number(draft: ArticleDraft, n: int) -> ArticleDraft:
    import dataclasses

    return dataclasses.replace(draft, metadata={**draft.metadata, "item": n})


def _json_feed_defaults(doc: dict[str, Any]) -> dict[str, Any]:
    title = doc.get("title")
    return {"source": title} if isinstance(title, str) and title.strip() else {}


def _json_feed_item(item: Any) -> Any:
    """JSON Feed item -> record: its ``id`` is a feed guid (kept as metadata), not our id."""
    if not isinstance(item, dict):
        return item
    rec = {("guid" if k == "id" else k): v for k, v in item.items()}
    if not rec.get("url") and rec.get("external_url"):
        rec["url"] = rec["external_url"]
    return rec
