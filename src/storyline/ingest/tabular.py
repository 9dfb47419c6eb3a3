"""CSV and TSV exports: a header row, a ``text`` or ``html`` column, any metadata columns.

Rows are streamed. A bad row is reported with the line it starts on and the rows after
it are read: a row the csv module refuses, a row over ``max_line_bytes``, or a row with
more fields than the header that runs over several lines (a quote never closed, which
swallows the lines after it) is reported, and reading starts again at the line after
the one it started on. Fields are limited to ``max_line_bytes`` characters, so a quote
never closed costs at most that much before it is found.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from typing import IO, Any

from storyline.ingest.decode import bom_encoding, decode_bytes, looks_binary, mostly_utf8
from storyline.ingest.fields import draft_from_record
from storyline.ingest.files import STREAMED, check_size
from storyline.records import ArticleDraft, IngestProblem
from storyline.settings import Settings

Item = ArticleDraft | IngestProblem


def sniff_encoding(head: bytes) -> str:
    """The file's encoding from its first bytes (BOM, UTF-8, else a detector's guess)."""
    bom = bom_encoding(head)
    if bom:
        return bom
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        if e.start >= len(head) - 4 or mostly_utf8(head):  # a character cut by the head's
            return "utf-8"  # end, or UTF-8 with a broken sequence or two
    return decode_bytes(head)[1]


def delimiter_for(where: str, first_line: str) -> str:
    if where.lower().endswith((".tsv", ".tab")):
        return "\t"
    return "\t" if first_line.count("\t") > first_line.count(",") else ","


class _TooLong(Exception):
    def __init__(self, line: int, size: int, resume: int) -> None:
        super().__init__(line, size)
        self.line, self.size, self.resume = line, size, resume


_TEXT_LINE = re.compile(r"[^\n]*\n|[^\n]+")


class _Lines:
    """The physical lines of a file, decoded, numbered from 1; reading can start again at
    any line of the row being read (``starts``: line number -> where it starts)."""

    def __init__(self, fb: IO[bytes], encoding: str, limit: int) -> None:
        self.fb, self.encoding, self.limit = fb, encoding, limit
        self.text: list[str] | None = None
        if codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")):  # NULs in every line
            self.text = _TEXT_LINE.findall(fb.read().decode(encoding, errors="replace"))
        self.starts: dict[int, int] = {}
        self.next_line = 1
        self.exhausted = False  # the last line has been given

    def restart(self, line: int, at: int) -> Iterator[str]:
        """The lines from ``line`` on; the next row starts there."""
        self.next_line = line
        return self.from_line(line, at)

    def from_line(self, line: int, at: int) -> Iterator[str]:
        """The lines from ``line`` on (``at``: its byte offset, or index for decoded text)."""
        self.exhausted = False
        if self.text is not None:
            for n in range(line, len(self.text) + 1):
                self.starts[n] = n - 1
                if len(self.text[n - 1]) > self.limit:
                    self.next_line = n + 1
                    raise _TooLong(n, len(self.text[n - 1]), n)
                self.next_line = n + 1
                yield self.text[n - 1]
            self.exhausted = True
            return
        self.fb.seek(at)
        n = line
        while True:
            offset = self.fb.tell()
            raw = self.fb.readline(self.limit + 2)
            if not raw:
                self.exhausted = True
                return
            self.starts[n] = offset
            self.next_line = n + 1
            if len(raw.rstrip(b"\r\n")) > self.limit:
                size = len(raw)
                while not raw.endswith(b"\n"):
                    raw = self.fb.readline(1 << 20)
                    size += len(raw)
                    if not raw:
                        break
                raise _TooLong(n, size, self.fb.tell())
            yield raw.decode(self.encoding, errors="replace")
            n += 1


    def _raw_lines(self, line: int) -> Iterator[tuple[int, int, int]]:
        """(line number, quote characters in it, where the next line starts) from ``line``
        (a line of the row being read), read apart from the csv reader."""
        if self.text is not None:
            for n in range(line, len(self.text) + 1):
                yield n, self.text[n - 1].count('"'), n
            return
        self.fb.seek(self.starts[line])
        n, quotes = line, 0
        while True:
            raw = self.fb.readline(1 << 20)
            if not raw:
                if quotes:
                    yield n, quotes, self.fb.tell()
                return
            quotes += raw.count(b'"')
            if raw.endswith(b"\n"):
                yield n, quotes, self.fb.tell()
                n, quotes = n + 1, 0

    def open_quote_at_end(self, line: int) -> bool:
        """True when the quotes from ``line`` to the end of the file do not balance."""
        total = 0
        for _n, quotes, _after in self._raw_lines(line):
            total += quotes
        return total % 2 == 1

    def after_row(self, line: int) -> tuple[int, int]:
        """Where to read on after a bad row that starts at ``line``: after the line where its
        quotes balance (the row's real end), or, when they never do (a quote never closed,
        which took every line after it), at the line after ``line``."""
        open_quotes = 0
        next_line: tuple[int, int] | None = None
        for n, quotes, after in self._raw_lines(line):
            if next_line is None:
                next_line = (n + 1, after)
            open_quotes += quotes
            if open_quotes % 2 == 0:
                return n + 1, after
        assert next_line is not None
        return next_line


def read_csv(where: str, settings: Settings) -> Iterator[Item]:
    problem = check_size(where, STREAMED, "one input file")  # read row by row
    if problem:
        yield problem
        return
    try:
        with open(where, "rb") as fb:
            head = fb.read(65536)
    except OSError as e:
        yield IngestProblem(where, f"cannot read file: {e.strerror or e}")
        return
    if looks_binary(head, lines=True):
        yield IngestProblem(where, "binary file, not CSV")
        return
    encoding = codecs.lookup(sniff_encoding(head)).name
    if encoding.startswith(("utf-16", "utf-32")):  # decoded whole (see _Lines)
        whole = check_size(where, settings.max_input_bytes, "one input file read whole")
        if whole:
            yield whole
            return
    old_limit = csv.field_size_limit()
    csv.field_size_limit(settings.max_line_bytes)
    try:
        with open(where, "rb") as fb:
            lines = _Lines(fb, encoding, settings.max_line_bytes)
            yield from _rows(lines, where, settings)
    finally:
        csv.field_size_limit(old_limit)


def _rows(lines: _Lines, where: str, settings: Settings) -> Iterator[Item]:
    limit = settings.max_line_bytes
    source = lines.from_line(1, 0)
    first_line = next(iter(lines.text or []), None)
    if first_line is None:
        first_line = _peek_line(lines)
    delimiter = delimiter_for(where, first_line)
    reader = csv.reader(source, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        yield IngestProblem(where, "file has no header row")
        return
    except (csv.Error, _TooLong) as e:
        yield IngestProblem(where, f"invalid CSV header: {_why(e, limit)}", 1)
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    names = {h.lower() for h in header}
    if not names & {"text", "html", "body", "content", "raw_html", "content_html", "content_text",
                    "title", "headline"}:
        yield IngestProblem(
            where, f"header has no 'text', 'html' or 'title' column: {', '.join(header)}", 1)
        return
    rows = 0
    while True:
        lines.starts = {}
        start = lines.next_line
        try:
            row = next(reader)
        except StopIteration:
            break
        except _TooLong as e:  # the line generator is spent: go on after that line
            rows += 1
            yield IngestProblem(where, f"row is over the {limit}-byte limit for one row", start)
            if e.line > start:  # the long line came into a row opened above it
                reader = _again(lines, start, delimiter)
            else:
                reader = csv.reader(lines.restart(e.line + 1, e.resume), delimiter=delimiter)
            continue
        except csv.Error as e:
            rows += 1
            yield IngestProblem(where, f"invalid CSV: {_why(e, limit)}", start)
            if lines.next_line - 1 > start:  # it took lines that may be rows
                reader = _again(lines, start, delimiter)
            continue
        end = lines.next_line - 1
        if end > start and lines.after_row(start)[0] != end + 1:
            # a row over several lines whose quotes do not balance where it ends: a quote
            # never closed, that the csv module closed at a later quote
            rows += 1
            yield IngestProblem(where, "invalid CSV: a quote opened on this row is never closed",
                                start)
            reader = _again(lines, start, delimiter)
            continue
        if lines.exhausted and lines.open_quote_at_end(start):
            rows += 1  # the file ended inside a quote opened on this row: it took every line
            yield IngestProblem(where, "invalid CSV: a quote opened on this row is never closed",
                                start)
            if lines.next_line - 1 > start:
                reader = _again(lines, start, delimiter)
            continue
        if not row:  # a blank line
            continue
        rows += 1
        if len(row) > len(header):
            yield IngestProblem(where, f"row has {len(row)} fields, the header {len(header)}",
                                start)
            if lines.next_line - 1 > start:  # a quote never closed may have taken rows
                reader = _again(lines, start, delimiter)
            continue
        if sum(len(cell) for cell in row) > limit:
            yield IngestProblem(where, f"row is over the {limit}-byte limit for one row", start)
            continue
        yield draft_from_record(dict(zip(header, row, strict=False)), where, start)
    if rows == 0:
        yield IngestProblem(where, "file has a header but no rows")


def _again(lines: _Lines, start: int, delimiter: str) -> Any:
    """A reader going on after the bad row that started at line ``start``."""
    line, at = lines.after_row(start)
    return csv.reader(lines.restart(line, at), delimiter=delimiter)


def _peek_line(lines: _Lines) -> str:
    fb = lines.fb
    pos = fb.tell()
    fb.seek(0)
    raw = fb.readline(65536)
    fb.seek(pos)
    return raw.decode(lines.encoding, errors="replace")


def _why(e: Exception, limit: int) -> str:
    if isinstance(e, _TooLong) or "field larger than field limit" in str(e):
        return f"a field or line over the {limit}-byte limit"
    return str(e)
