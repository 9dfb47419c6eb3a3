"""CSV and TSV exports: a header row, a ``text`` or ``html`` column, any metadata columns.

Rows are streamed; fields can be large (whole articles), so the csv module's field
limit is raised. A bad row is reported with the line it starts on.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from collections.abc import Iterator
from typing import Any

from storyline.ingest.decode import bom_encoding, decode_bytes, looks_binary
from storyline.ingest.fields import draft_from_record
from storyline.ingest.files import check_size
from storyline.records import ArticleDraft, IngestProblem
from storyline.settings import Settings

Item = ArticleDraft | IngestProblem


def raise_field_limit() -> None:
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 10


def sniff_encoding(head: bytes) -> str:
    """The file's encoding from its first bytes (BOM, UTF-8, else a detector's guess)."""
    bom = bom_encoding(head)
    if bom:
        return bom
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        if e.start >= len(head) - 4:  # a multi-byte character cut by the head's end
            return "utf-8"
    return decode_bytes(head)[1]


def delimiter_for(where: str, first_line: str) -> str:
    if where.lower().endswith((".tsv", ".tab")):
        return "\t"
    return "\t" if first_line.count("\t") > first_line.count(",") else ","


def read_csv(where: str, settings: Settings) -> Iterator[Item]:
    problem = check_size(where, settings.max_input_bytes, "one input file")
    if problem:
        yield problem
        return
    try:
        with open(where, "rb") as fb:
            head = fb.read(65536)
    except OSError as e:
        yield IngestProblem(where, f"cannot read file: {e.strerror or e}")
        return
    if looks_binary(head):
        yield IngestProblem(where, "binary file, not CSV")
        return
    encoding = sniff_encoding(head)
    raise_field_limit()
    with open(where, "rb") as fb:
        stream = io.TextIOWrapper(fb, encoding=codecs.lookup(encoding).name, errors="replace", newline="")
        first = stream.readline()
        stream.seek(0)
        reader = csv.reader(stream, delimiter=delimiter_for(where, first))
        yield from _rows(reader, where)


def _rows(reader: Any, where: str) -> Iterator[Item]:
    try:
        header = next(reader)
    except StopIteration:
        yield IngestProblem(where, "file has no header row")
        return
    except csv.Error as e:
        yield IngestProblem(where, f"invalid CSV: {e}", 1)
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    names = {h.lower() for h in header}
    if not names & {"text", "html", "body", "content", "raw_html", "content_html", "content_text",
                    "title", "headline"}:
        yield IngestProblem(
            where, f"header has no 'text', 'html' or 'title' column: {', '.join(header)}", 1)
        return
    start, rows = reader.line_num + 1, 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            yield IngestProblem(where, f"invalid CSV: {e}", start)
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        if len(row) > len(header):
            yield IngestProblem(where, f"row has {len(row)} fields, the header {len(header)}", line)
            continue
        yield draft_from_record(dict(zip(header, row, strict=False)), where, line)
    if rows == 0:
        yield IngestProblem(where, "file has a header but no rows")
