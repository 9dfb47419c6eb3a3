"""JSON inputs: JSON lines (streamed, one record a line), JSON arrays, JSON Feed documents.

A record is ``{"id"?, "source"?, "url"?, "title"?, "published"?, "text" | "html"}``
(see :mod:`storyline.ingest.fields` for aliases); unknown fields are kept as metadata.

Whatever is wrong with one record, the others are read: a bad line of JSON lines is
reported with its line number and the next line read; a bad item of a JSON array is
reported with the line it starts on, and reading goes on at the next item that starts
at the same indentation (a pretty-printed array, a storyline export). A file whose
first line is not JSON is JSON lines unless the whole file parses as one document.
UTF-16 and UTF-32 files (with or without a byte-order mark) are read like UTF-8 ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from storyline.ingest.arrays import Lines, array_items, container_items
from storyline.ingest.decode import (
    bom_encoding,
    decode_bytes,
    decode_line,
    looks_binary,
    utf16_without_bom,
)
from storyline.ingest.fields import draft_from_record
from storyline.ingest.files import STREAMED, check_size
from storyline.records import ArticleDraft, IngestProblem
from storyline.settings import Settings

Item = ArticleDraft | IngestProblem
JSON_ERRORS = (ValueError, RecursionError)  # JSONDecodeError, 4,300+ digit integers, nesting


def json_error(e: BaseException) -> str:
    """What is wrong with a JSON text, in a line (no position: the caller names the line)."""
    if isinstance(e, json.JSONDecodeError):
        return f"invalid JSON: {e.msg} (column {e.colno})"
    if isinstance(e, RecursionError):
        return "invalid JSON: nested too deeply"
    text = str(e)
    if "integer string conversion" in text:
        return "invalid JSON: a number with more than 4,300 digits"
    return f"invalid JSON: {text[:200]}"


def read_json(where: str, settings: Settings) -> Iterator[Item]:
    """A ``.json``/``.jsonl`` file: JSON lines, or one JSON document (array, JSON Feed)."""
    # JSON lines stream (each line has its own limit); a file read whole (one JSON
    # document, UTF-16 text) is held to ``max_input_bytes``
    problem = check_size(where, STREAMED, "one input file")
    if problem:
        yield problem
        return
    whole = check_size(where, settings.max_input_bytes, "one input file read whole")
    try:
        f = open(where, "rb")  # noqa: SIM115 - closed below, the generator may stop early
    except OSError as e:
        yield IngestProblem(where, f"cannot read file: {e.strerror or e}")
        return
    with f:
        head = f.read(8192)
        if looks_binary(head, lines=True):
            yield IngestProblem(where, "binary file, not JSON")
            return
        f.seek(0)
        if bom_encoding(head) not in (None, "utf-8-sig") or utf16_without_bom(head):
            if whole:
                yield whole
                return
            text, _ = decode_bytes(f.read())  # UTF-16/32: decoded whole, then read the same way
            lines = Lines.from_text(text, settings.max_line_bytes)
        else:
            lines = Lines.from_file(f, settings.max_line_bytes)
        first, second = lines.first_two()
        if _is_document(first, second):
            if whole:
                yield whole
                return
            text = lines.whole()
            document = _read_document(text, where, settings)
            if document is not None:
                yield from document
                return
        yield from _read_lines(lines, where, settings)


def _parses_as_record(line: str | None) -> bool:
    if line is None:
        return False
    try:
        return isinstance(json.loads(line), dict)
    except JSON_ERRORS:
        return False


def _is_document(first: str | None, second: str | None) -> bool:
    """True when the file may be one JSON document: an array, a container object (JSON
    Feed, export), or a pretty-printed object (its first line is not a whole record and
    its second line is not one either)."""
    if first is None:
        return False
    text = first.lstrip("\ufeff \t\r\n")
    if text.startswith("["):
        return True
    if not text.startswith("{"):
        return False
    try:
        obj = json.loads(text)
    except JSON_ERRORS:
        return not _parses_as_record(second)
    return isinstance(obj, dict) and _is_container(obj)


def _is_container(obj: dict[str, Any]) -> bool:
    return isinstance(obj.get("items"), list) or isinstance(obj.get("articles"), list)


def _read_lines(lines: Lines, where: str, settings: Settings) -> Iterator[Item]:
    found = False
    for n, raw, size in lines.numbered():
        if raw is None:
            yield IngestProblem(where, f"line is {size} bytes, over the {settings.max_line_bytes}"
                                       "-byte limit for one line", n)
            found = True
            continue
        if not raw.strip():
            continue
        found = True
        line = raw if isinstance(raw, str) else decode_line(raw, None)[0]
        if n == 1:
            line = line.lstrip("\ufeff")
        try:
            rec = json.loads(line)
        except JSON_ERRORS as e:
            yield IngestProblem(where, json_error(e), n)
            continue
        if not isinstance(rec, dict):
            yield IngestProblem(where, "line is not a JSON object", n)
            continue
        yield draft_from_record(rec, where, n)
    if not found:
        yield IngestProblem(where, "file has no JSON records")


def _read_document(text: str, where: str, settings: Settings) -> Iterator[Item] | None:
    """The records of one JSON document, or None when the text is not one (read it as
    JSON lines then)."""
    text = text.lstrip("\ufeff")
    error: ValueError | RecursionError | None = None
    doc: Any = None
    try:
        doc = json.loads(text)
    except JSON_ERRORS as e:
        error = e
    if error is not None:
        return _broken_document(text, error, where, settings)
    if isinstance(doc, dict) and _is_container(doc):
        key = "items" if isinstance(doc.get("items"), list) else "articles"
        found = container_items(text, (key,))
        assert found is not None
        return _records(found[1], _defaults(key, doc), where, settings, json_feed=key == "items")
    if isinstance(doc, list):
        return _records(array_items(text), {}, where, settings)
    if isinstance(doc, dict):  # one pretty-printed record
        item = draft_from_record(doc, where, 1)
        if isinstance(item, IngestProblem):
            item = IngestProblem(where, "JSON object is not an array, a JSON Feed, an export or "
                                        f"a record: {item.reason}", 1)
        return iter([item])
    return iter([IngestProblem(where, "JSON document is not an array, a JSON Feed, an export "
                                      "or a record", 1)])


def _broken_document(text: str, error: ValueError | RecursionError, where: str,
                     settings: Settings) -> Iterator[Item] | None:
    """A file that does not parse as one JSON document: its items one by one (an array, a
    JSON Feed or an export, read on after a bad item), or None to read it as JSON lines
    (its first line broken, a whole value and more after it, other lines that are
    records), or the document's own error, named by its line."""
    line = error.lineno if isinstance(error, json.JSONDecodeError) else None
    if isinstance(error, json.JSONDecodeError) and error.msg == "Extra data":
        return None  # one whole value, then more: JSON lines whose first line is no record
    records_later = any(_parses_as_record(ln) for ln in text.split("\n")[1:]
                        if ln.lstrip().startswith("{"))
    if records_later and (line is None or line == 1):
        return None
    if text.lstrip()[:1] == "[":
        return _records(array_items(text), {}, where, settings)
    found = container_items(text, ("items", "articles"))
    if found is not None:
        key, items, scalars = found
        return _records(items, _defaults(key, scalars), where, settings, json_feed=key == "items")
    if records_later or line is None or line == 1:
        return None
    return iter([IngestProblem(where, json_error(error), line)])


def _records(items: Iterator[tuple[int, int, Any]], defaults: dict[str, Any], where: str,
             settings: Settings, json_feed: bool = False) -> Iterator[Item]:
    """Drafts from (item number, line, value or the error reading it)."""
    any_item = False
    for n, line, rec in items:
        any_item = True
        if isinstance(rec, BaseException):
            yield IngestProblem(where, f"item {n}: {json_error(rec)}", line)
            continue
        if not isinstance(rec, dict):
            yield IngestProblem(where, f"item {n} is not a JSON object", line)
            continue
        item = draft_from_record(_json_feed_item(rec) if json_feed else rec, where, line,
                                 defaults)  # (never raises)
        if isinstance(item, IngestProblem):
            yield IngestProblem(where, f"item {n}: {item.reason}", line)
        else:
            yield _with_item_number(item, n)
    if not any_item:
        yield IngestProblem(where, "JSON document has no records")


def _with_item_number(draft: ArticleDraft, n: int) -> ArticleDraft:
    import dataclasses

    return dataclasses.replace(draft, metadata={**draft.metadata, "item": n})


def _defaults(key: str, doc: dict[str, Any]) -> dict[str, Any]:
    """A JSON Feed's title is its items' outlet."""
    if key != "items":
        return {}
    title = doc.get("title")
    return {"source": title} if isinstance(title, str) and title.strip() else {}


def _json_feed_item(item: dict[str, Any]) -> dict[str, Any]:
    """JSON Feed item -> record: its ``id`` is a feed guid (kept as metadata), not our id."""
    rec = {("guid" if k == "id" else k): v for k, v in item.items()}
    if not rec.get("url") and rec.get("external_url"):
        rec["url"] = rec["external_url"]
    return rec

