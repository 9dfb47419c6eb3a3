"""Article ids: the input's own id when given, else derived from URL, else from content."""

from __future__ import annotations

import hashlib
import re

from storyline.records import ArticleDraft
from storyline.urls import normalise_url

_WS = re.compile(r"\s+")


def content_key(text: str) -> str:
    """Whitespace- and case-insensitive hash of a text."""
    norm = _WS.sub(" ", text).strip().lower()
    return hashlib.sha256(norm.encode("utf-8", "replace")).hexdigest()


def derive_id(draft: ArticleDraft) -> str:
    """The article id for a draft (stable across runs, so re-ingest adds nothing)."""
    if draft.id is not None and str(draft.id).strip():
        return str(draft.id).strip()
    if draft.url:
        try:
            key = normalise_url(draft.url)
        except ValueError:  # a malformed URL still identifies its article as written
            key = draft.url.strip()
        return "u" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:16]
    return "c" + content_key(draft.body)[:16]
