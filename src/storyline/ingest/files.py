"""Readers for one-article files: plain text (scraped, furniture still in) and HTML pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from storyline.ingest.decode import declared_charset, decode_bytes, looks_binary
from storyline.records import ArticleDraft, IngestProblem
from storyline.settings import Settings

Item = ArticleDraft | IngestProblem


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def check_size(where: str, limit: int, what: str) -> IngestProblem | None:
    """A problem when the file is missing, unreadable, empty or larger than ``limit``."""
    try:
        size = Path(where).stat().st_size
    except OSError as e:
        return IngestProblem(where, f"cannot read file: {e.strerror or e}")
    if size == 0:
        return IngestProblem(where, "empty file")
    if size > limit:
        return IngestProblem(where, f"file is {_mb(size)}, over the {_mb(limit)} limit for {what}")
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


_INVISIBLE = re.compile(
    r"<(script|style|noscript|template|head)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&(?:nbsp|#160|#xa0|#8203|zwnj|zwj|shy);", re.IGNORECASE)


def has_visible_text(html: str) -> bool:
    """True when the page shows any words (outside scripts, styles, comments and tags).

    A scan of the markup, not a parse: ingest only needs to know whether there is
    anything to extract; the clean stage parses the page once for the real work.
    """
    stripped = _TAG.sub(" ", _INVISIBLE.sub(" ", html))
    return any(ch.isalnum() for ch in _ENTITY.sub(" ", stripped))


def read_text_file(where: str, settings: Settings) -> Iterator[Item]:
    data, problem = read_bytes(where, settings.max_article_bytes, "one article")
    yield problem if problem else text_draft(data or b"", where)


def read_html_file(where: str, settings: Settings) -> Iterator[Item]:
    data, problem = read_bytes(where, settings.max_article_bytes, "one article")
    yield problem if problem else html_draft(data or b"", where)
