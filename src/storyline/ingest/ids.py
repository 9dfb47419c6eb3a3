"""Article ids: the input's own id when given, else derived from URL, else from content."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit, urlunsplit

from storyline.records import ArticleDraft

_WS = re.compile(r"\s+")


def normalise_url(url: str) -> str:
    """Lower-case scheme/host, drop fragment and trailing slash, keep path and query."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def content_key(text: str) -> str:
    """Whitespace- and case-insensitive hash of a text."""
    norm = _WS.sub(" ", text).strip().lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def derive_id(draft: ArticleDraft) -> str:
    """The article id for a draft (stable across runs, so re-ingest adds nothing)."""
    if draft.id is not None and str(draft.id).strip():
        return str(draft.id).strip()
    if draft.url:
        return "u" + hashlib.sha256(normalise_url(draft.url).encode()).hexdigest()[:16]
    return "c" + content_key(draft.body)[:16]
