"""Reading JSON inputs record by record: lines of a file, and the items of a JSON array
one at a time, each with the line it starts on, going on after a bad one.

:class:`Lines` gives the lines of a JSON-lines file, streamed from the file (UTF-8 and
other byte encodings) or from decoded text (UTF-16/32), a line over the limit skipped
without being read into memory. :func:`array_items` decodes an array's items one at a
time (``json.JSONDecoder.raw_decode``), so a bad item costs only itself: reading goes on
at the next line that starts a value at the first item's indentation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from storyline.ingest.decode import decode_bytes, decode_line

_WS = " \t\r\n"
_TEXT_LINE = re.compile(r"[^\n]*\n|[^\n]+")


@dataclass
class Lines:
    """The lines of a file: from the open binary file, or from its decoded text."""

    file: IO[bytes] | None = None
    text: str | None = None
    limit: int = 0

    @classmethod
    def from_file(cls, f: IO[bytes], limit: int) -> Lines:
        return cls(file=f, limit=limit)

    @classmethod
    def from_text(cls, text: str, limit: int) -> Lines:
        return cls(text=text, limit=limit)

    def numbered(self) -> Iterator[tuple[int, bytes | str | None, int]]:
        """(line number, line, size in bytes); the line is None when over the limit."""
        if self.text is not None:
            for n, m in enumerate(_TEXT_LINE.finditer(self.text), 1):
                line = m.group()
                size = len(line) if len(line) * 4 <= self.limit else len(line.encode("utf-8",
                                                                                    "replace"))
                yield n, (line if size <= self.limit else None), size
            return
        f = self.file
        assert f is not None
        f.seek(0)
        n = 0
        while True:
            raw = f.readline(self.limit + 2)
            if not raw:
                return
            n += 1
            body = raw.rstrip(b"\r\n")
            if len(body) <= self.limit:
                yield n, raw, len(body)
                continue
            size = len(body)
            while not raw.endswith(b"\n"):  # skip the rest of the line, a piece at a time
                raw = f.readline(1 << 20)
                if not raw:
                    break
                size += len(raw.rstrip(b"\r\n"))
            yield n, None, size

    def first_two(self) -> tuple[str | None, str | None]:
        """The first two lines that are not blank (for telling JSON lines from a document)."""
        found: list[str] = []
        for _, raw, _ in self.numbered():
            if raw is None:
                line = ""
            elif isinstance(raw, bytes):
                line = decode_line(raw[:65536] if len(raw) > 65536 else raw, None)[0]
            else:
                line = raw
            if line.strip():
                found.append(line)
            if len(found) == 2:
                break
        if self.file is not None:
            self.file.seek(0)
        return (found[0] if found else None), (found[1] if len(found) > 1 else None)

    def whole(self) -> str:
        if self.text is not None:
            return self.text
        assert self.file is not None
        self.file.seek(0)
        text, _ = decode_bytes(self.file.read())
        return text


class _LineCounter:
    """Line numbers of increasing positions in a text, counted once."""

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.line = text, 0, 1

    def at(self, pos: int) -> int:
        if pos > self.pos:
            self.line += self.text.count("\n", self.pos, pos)
            self.pos = pos
        return self.line


def _skip_ws(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i] in _WS:
        i += 1
    return i


def _indent(text: str, i: int) -> str | None:
    """The whitespace before position ``i`` on its line, or None when something else is."""
    start = text.rfind("\n", 0, i) + 1
    prefix = text[start:i]
    return prefix if not prefix.strip() else None


def array_items(text: str, start: int = 0) -> Iterator[tuple[int, int, Any]]:
    """(item number, line, value or the exception met reading it) for the array at ``start``.

    After a bad item, reading goes on at the next line that starts a value at the
    indentation of the first item; when the items do not each start a line (a one-line
    array), there is nothing to go on with and the rest of the array is one bad item."""
    dec = json.JSONDecoder()
    lines = _LineCounter(text)
    i = _skip_ws(text, start)
    if i >= len(text) or text[i] != "[":
        raise ValueError("not a JSON array")
    i += 1
    n = 0
    resume: re.Pattern[str] | None = None
    first = True
    while True:
        i = _skip_ws(text, i)
        if i >= len(text) or text[i] == "]":
            return
        n += 1
        item_start = i
        if first:
            indent = _indent(text, i)
            if indent is not None:
                resume = re.compile("\n" + re.escape(indent) + r"(?=[{\[\"\-0-9tfn])")
            first = False
        try:
            value, end = dec.raw_decode(text, i)
        except (ValueError, RecursionError) as e:
            yield n, lines.at(item_start), e
        else:
            yield n, lines.at(item_start), value
            i = _skip_ws(text, end)
            if i >= len(text) or text[i] == "]":
                return
            if text[i] == ",":
                i += 1
                continue
            n += 1
            yield n, lines.at(i), ValueError("expected ',' or ']' after an item")
        if resume is None:
            return
        m = resume.search(text, item_start + 1)
        if m is None:
            return
        i = m.end()


def container_items(text: str, keys: tuple[str, ...]
                    ) -> tuple[str, Iterator[tuple[int, int, Any]], dict[str, Any]] | None:
    """For an object with an array under one of ``keys`` (a JSON Feed's ``items``, an
    export's ``articles``): (the key, its items as :func:`array_items` gives them, the
    scalar members met before it). None when the text is not such an object, as far as
    it can be read."""
    dec = json.JSONDecoder()
    i = _skip_ws(text, 0)
    if i >= len(text) or text[i] != "{":
        return None
    i += 1
    members: dict[str, Any] = {}
    try:
        while True:
            i = _skip_ws(text, i)
            if i >= len(text) or text[i] != '"':
                return None
            key, i = dec.raw_decode(text, i)
            i = _skip_ws(text, i)
            if i >= len(text) or text[i] != ":":
                return None
            i = _skip_ws(text, i + 1)
            if key in keys and text.startswith("[", i):
                return key, array_items(text, i), members
            value, i = dec.raw_decode(text, i)
            if not isinstance(value, dict | list):
                members[key] = value
            i = _skip_ws(text, i)
            if i >= len(text) or text[i] != ",":
                return None
            i += 1
    except (ValueError, RecursionError):
        return None
