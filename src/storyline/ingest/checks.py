"""The last check on a draft before it is stored: limits, text every store can hold,
no credentials in URLs.

Whatever reader a draft came from, :func:`admit` applies the same rules, so no path
(a CSV field, a JSON-array record, a JSONL first line, a fetched page) skips a limit:

- the body is within ``max_article_bytes`` (text) or ``max_html_bytes`` (HTML);
- the id is at most :data:`MAX_ID_CHARS` characters, a title is cut at :data:`MAX_TITLE_CHARS`;
- strings hold no NUL (PostgreSQL cannot store it) and no lone surrogate (no store can:
  UTF-8 has no encoding for one): NULs are dropped, a lone surrogate becomes U+FFFD;
- metadata is plain JSON: NaN and infinities become null (PostgreSQL's JSON refuses
  them), keys become strings, containers nested deeper than :data:`MAX_DEPTH` are
  replaced by null, other values by their text;
- user names and passwords are taken out of every URL kept (``url``, ``input`` and
  URL-valued metadata such as ``feed`` or ``fetched_url``);
- an article's URL is an http(s) URL: any other (``javascript:``, ``data:``, ``file:``)
  moves to ``metadata.url_not_web``, so no interface ever makes it a link;
- what is indexed stays within what every store's index takes: a URL over
  :data:`MAX_URL_BYTES` moves to ``metadata.url_too_long``, an outlet name is cut at
  :data:`MAX_SOURCE_CHARS`, the file or URL a problem names at :data:`MAX_WHERE_BYTES`.
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any

from storyline.ingest.files import size_text
from storyline.records import ArticleDraft, IngestProblem
from storyline.settings import Settings
from storyline.urls import redact_url

MAX_ID_CHARS = 512
MAX_TITLE_CHARS = 2000
MAX_SOURCE_CHARS = 300  # an outlet's name; its key is indexed
# URLs and input names are indexed; PostgreSQL's index entries hold at most ~2,700 bytes
MAX_URL_BYTES = 2000
MAX_WHERE_BYTES = 1000
MAX_DEPTH = 16
_SURROGATE = re.compile("[\ud800-\udfff]")
_URL_FIELDS = ("feed", "fetched_url")
_WEB_URL = re.compile(r"(?i)^\s*https?://")


def clean_str(s: str) -> str:
    """``s`` with NULs dropped and lone surrogates replaced by U+FFFD."""
    if "\x00" in s:
        s = s.replace("\x00", "")
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        s = _SURROGATE.sub("\ufffd", s)
    return s


def clean_json(value: Any, depth: int = 0) -> Any:
    """``value`` as JSON every store takes (see the module docstring)."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return clean_str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if depth >= MAX_DEPTH:
        return None
    if isinstance(value, dict):
        return {clean_str(str(k)): clean_json(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_json(v, depth + 1) for v in value]
    try:
        return clean_str(str(value))
    except (ValueError, RecursionError):  # an int too long to write out, a self-referring repr
        return None


def utf8_size(s: str, limit: int) -> int:
    """The UTF-8 size of ``s`` when it may be over ``limit``, else a bound under it."""
    if len(s) * 4 <= limit:
        return len(s)
    return len(s.encode("utf-8", "surrogatepass"))


def _opt(s: str | None) -> str | None:
    return clean_str(s) if s is not None else None


def admit(draft: ArticleDraft, settings: Settings) -> ArticleDraft | IngestProblem:
    """The draft as it may be stored, or the reason it may not (named by its file and line)."""
    where = redact_url(draft.input)
    if draft.body_kind == "html":
        limit, what = settings.max_html_bytes, "one HTML page"
    else:
        limit, what = settings.max_article_bytes, "one article"
    size = utf8_size(draft.body, limit)
    if size > limit:
        return clean_problem(IngestProblem(
            where, f"article is {size_text(size)}, over the {size_text(limit)} limit for {what}",
            draft.line))
    ident = _opt(draft.id)
    if ident is not None and len(ident) > MAX_ID_CHARS:
        return clean_problem(IngestProblem(
            where, f"id is {len(ident)} characters, over the {MAX_ID_CHARS}-character limit",
            draft.line))
    title = _opt(draft.title)
    if title is not None and len(title) > MAX_TITLE_CHARS:
        title = title[:MAX_TITLE_CHARS].rstrip() + "\u2026"
    metadata = clean_json(draft.metadata)
    if not isinstance(metadata, dict):
        metadata = {}
    for key in _URL_FIELDS:
        if isinstance(metadata.get(key), str):
            metadata[key] = redact_url(metadata[key])
    url = redact_url(clean_str(draft.url)) if draft.url is not None else None
    if url is not None and len(url.encode("utf-8")) > MAX_URL_BYTES:
        metadata["url_too_long"] = url  # kept, but not as the URL (not indexed, no id from it)
        url = None
    if url is not None and not _WEB_URL.match(url):
        metadata["url_not_web"] = url  # javascript:, data:, file: never become a link
        url = None
    source = _opt(draft.source)
    if source is not None and len(source) > MAX_SOURCE_CHARS:
        source = source[:MAX_SOURCE_CHARS]
    return dataclasses.replace(
        draft,
        body=clean_str(draft.body),
        input=clean_str(where),
        id=ident,
        source=source,
        url=url,
        title=title,
        published=_opt(draft.published),
        encoding=_opt(draft.encoding),
        metadata=metadata,
    )


def clean_problem(problem: IngestProblem) -> IngestProblem:
    """A problem as it may be stored and shown: no credentials, NULs or lone surrogates, and
    a file or URL name of at most :data:`MAX_WHERE_BYTES` (the rest cut, marked with an
    ellipsis)."""
    return IngestProblem(cut_bytes(clean_str(redact_url(problem.where)), MAX_WHERE_BYTES),
                         clean_str(problem.reason), problem.line)


def cut_bytes(s: str, limit: int) -> str:
    """``s``, cut so that its UTF-8 form (with a closing ellipsis) is at most ``limit`` bytes."""
    data = s.encode("utf-8")
    if len(data) <= limit:
        return s
    return data[: limit - 3].decode("utf-8", "ignore") + "\u2026"
