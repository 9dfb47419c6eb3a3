"""Readers for one-article files: plain text (scraped, furniture still in) and HTML pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from storyline.ingest.decode import declared_charset, decode_bytes, looks_binary
from storyline.records import ArticleDraft, IngestProblem
from storyline.settings import Settings

Item = ArticleDraft | IngestProblem


def size_text(n: int) -> str:
    """``10.0 MB``, or ``2,048 bytes`` under a megabyte."""
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


STREAMED = 1 << 62  # the size limit of a file read record by record: none


def check_size(where: str, limit: int, what: str) -> IngestProblem | None:
    """A problem when the file is missing, unreadable, empty or larger than ``limit`` (a
    file read whole; :data:`STREAMED` for one read record by record, whose records have
    limits of their own)."""
    try:
        size = Path(where).stat().st_size
    except OSError as e:
        return IngestProblem(where, f"cannot read file: {e.strerror or e}")
    if size == 0:
        return IngestProblem(where, "empty file")
    if size > limit:
        return IngestProblem(
            where, f"file is {size_text(size)}, over the {size_text(limit)} limit for {what}")
    return None


def read_bytes(where: str, limit: int, what: str) -> tuple[bytes | None, IngestProblem | None]:
    """Read a whole file, refusing empty, oversized and unreadable ones."""
    problem = check_size(where, limit, what)
    if problem:
        return None, problem
    try:
        return Path(where).read_bytes(), None
    except OSError as e:
        return None, IngestProblem(where, f"cannot read file: {e.strerror or e}")


def text_draft(data: bytes, where: str, declared: str | None = None) -> Item:
    """A text draft from raw bytes, or the reason there is none."""
    if looks_binary(data):
        return IngestProblem(where, "binary file, not text")
    text, enc = decode_bytes(data, declared)
    if not text.strip():
        return IngestProblem(where, "file has no text")
    return ArticleDraft(body=text, body_kind="text", input=where, encoding=enc)


def html_draft(data: bytes, where: str, declared: str | None = None, url: str | None = None) -> Item:
    """An HTML draft from raw bytes; the page's own charset wins over a guess."""
    if looks_binary(data):
        return IngestProblem(where, "binary content, not HTML")
    html, enc = decode_bytes(data, declared or declared_charset(data))
    if not html.strip():
        return IngestProblem(where, "page is empty")
    if not has_visible_text(html):
        return IngestProblem(where, "HTML page has no text")
    return ArticleDraft(body=html, body_kind="html", input=where, encoding=enc, url=url)


_TEXT_RUN = re.compile(r">([^<]*[^\W_][^<]*)<?")
_OPEN_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w:-]*)[^>]*>?\s*$")
_INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "title", "head", "textarea"})
_NOT_TEXT = re.compile(r"^(?:\s|&(?:nbsp|#160|#xa0|#8203|zwnj|zwj|shy);)*$", re.IGNORECASE)


def has_visible_text(html: str) -> bool:
    """True when the page shows any words (outside scripts, styles, comments and the head).

    A scan of the markup that stops at the first visible word, not a parse: ingest
    only needs to know whether there is anything to extract; the clean stage parses
    the page once for the real work.
    """
    body = re.search(r"<body\b", html, re.IGNORECASE)
    start = body.start() if body else 0
    for m in _TEXT_RUN.finditer(html, start):
        run = m.group(1)
        if _NOT_TEXT.match(run) or "-->" in run and "<!--" not in run:
            continue
        tag = _OPEN_TAG.search(html, max(0, m.start() - 300), m.start() + 1)
        if tag and not tag.group(1) and tag.group(2).lower() in _INVISIBLE_TAGS:
            continue
        if html.rfind("<!--", 0, m.start()) > html.rfind("-->", 0, m.start()):
            continue  # inside a comment
        return True
    if not body:
        return bool(re.search(r"^[^<]*[^\W_]", html))
    return False


def read_text_file(where: str, settings: Settings) -> Iterator[Item]:
    data, problem = read_bytes(where, settings.max_article_bytes, "one article")
    yield problem if problem else text_draft(data or b"", where)


def read_html_file(where: str, settings: Settings) -> Iterator[Item]:
    data, problem = read_bytes(where, settings.max_article_bytes, "one article")
    yield problem if problem else html_draft(data or b"", where)
