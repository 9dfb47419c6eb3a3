"""A validator for the SPEC's export contract (``storyline.export/1``): the document and its
``articles`` section, written from /work/shared/SPEC.md. Returns a list of errors (empty: valid)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

SCHEMA = "storyline.export/1"
ARTICLE_FIELDS = ("id", "source", "url", "title", "published", "text", "duplicate_of", "story_id", "input")
STORY_FIELDS = ("id", "title", "first_published", "last_published", "article_ids", "sources",
                "summary", "entities", "events", "quotes", "numbers", "positions", "timeline")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_iso_date(value: Any) -> bool:
    """``YYYY-MM-DD`` or a full ISO 8601 timestamp."""
    if not isinstance(value, str):
        return False
    try:
        if _DATE.match(value):
            dt.date.fromisoformat(value)
            return True
        if "T" not in value:
            return False
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return True
    except ValueError:
        return False


def _opt_str(value: Any) -> bool:
    return value is None or isinstance(value, str)


def validate_export(doc: Any) -> list[str]:
    errors: list[str] = []
    if not isinstance(doc, dict):
        return ["document is not a JSON object"]
    if doc.get("schema") != SCHEMA:
        errors.append(f"schema is {doc.get('schema')!r}, not {SCHEMA!r}")
    for key in ("articles", "stories"):
        if not isinstance(doc.get(key), list):
            errors.append(f"{key!r} is missing or not a list")
    if errors:
        return errors
    story_ids = set()
    for n, s in enumerate(doc["stories"]):
        missing = [f for f in STORY_FIELDS if not isinstance(s, dict) or f not in s]
        if missing:
            errors.append(f"stories[{n}] lacks {', '.join(missing)}")
        elif isinstance(s["id"], str):
            story_ids.add(s["id"])
    errors.extend(validate_articles(doc["articles"], story_ids))
    return errors


def validate_articles(articles: list[Any], story_ids: set[str]) -> list[str]:
    errors: list[str] = []
    ids = [a.get("id") for a in articles if isinstance(a, dict)]
    if len(ids) != len(set(ids)):
        errors.append("article ids are not unique")
    known = set(ids)
    for n, a in enumerate(articles):
        where = f"articles[{n}]"
        if not isinstance(a, dict):
            errors.append(f"{where} is not an object")
            continue
        missing = [f for f in ARTICLE_FIELDS if f not in a]
        if missing:
            errors.append(f"{where} lacks {', '.join(missing)}")
            continue
        if not isinstance(a["id"], str) or not a["id"]:
            errors.append(f"{where}.id is not a non-empty string")
        for f in ("source", "url", "title", "duplicate_of", "story_id"):
            if not _opt_str(a[f]):
                errors.append(f"{where}.{f} is not a string or null")
        if not isinstance(a["text"], str):
            errors.append(f"{where}.text is not a string")
        if not isinstance(a["input"], str) or not a["input"]:
            errors.append(f"{where}.input is not the path or URL it came from")
        if a["published"] is not None and not is_iso_date(a["published"]):
            errors.append(f"{where}.published {a['published']!r} is not ISO 8601")
        if a["duplicate_of"] is not None and a["duplicate_of"] not in known:
            errors.append(f"{where}.duplicate_of names no article of the export")
        if a["story_id"] is not None and a["story_id"] not in story_ids:
            errors.append(f"{where}.story_id names no story of the export")
    return errors
