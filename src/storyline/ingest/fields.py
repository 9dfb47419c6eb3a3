"""Metadata fields: records (JSONL/CSV/JSON rows) to drafts (dates read with
:func:`storyline.metadata.iso_date`)."""

from __future__ import annotations

from typing import Any

from storyline.metadata import iso_date
from storyline.records import ArticleDraft, IngestProblem

Item = ArticleDraft | IngestProblem

# Record fields that map onto draft fields; every other field is kept as metadata.
KNOWN_FIELDS = ("id", "source", "url", "title", "published", "text", "html")
FIELD_ALIASES = {
    "outlet": "source",
    "publisher": "source",
    "site": "source",
    "site_name": "source",
    "sitename": "source",
    "link": "url",
    "headline": "title",
    "date": "published",
    "pubdate": "published",
    "published_at": "published",
    "publish_date": "published",
    "date_published": "published",
    "body": "text",
    "content": "text",
    "content_text": "text",
    "raw_html": "html",
    "content_html": "html",
}

def _text(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def draft_from_record(
    rec: dict[str, Any], where: str, line: int | None, defaults: dict[str, Any] | None = None
) -> Item:
    """Map a record to a draft: known fields and their aliases, everything else as metadata.

    ``defaults`` fill draft fields the record leaves empty (e.g. a JSON Feed's title as source).
    Never raises: a record that cannot be read is a problem named by its line.
    """
    try:
        return _draft(rec, where, line, defaults)
    except Exception as e:  # noqa: BLE001 - one odd record must not take the file with it
        return IngestProblem(where, f"cannot read this record: {type(e).__name__}: "
                                    f"{str(e)[:200]}", line)


def _draft(rec: dict[str, Any], where: str, line: int | None,
           defaults: dict[str, Any] | None) -> Item:
    fields: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    for key, value in rec.items():
        k = FIELD_ALIASES.get(str(key).strip().lower(), str(key).strip().lower())
        if k in KNOWN_FIELDS and k not in fields and value not in (None, ""):
            fields[k] = value
        else:
            meta[str(key)] = value
    html, text = fields.pop("html", None), fields.pop("text", None)
    title = _text(fields.get("title"))
    headline_only = False
    if isinstance(html, str) and html.strip():
        body, kind = html, "html"
        if text is not None:
            meta.setdefault("text", text)
    elif isinstance(text, str) and text.strip():
        body, kind = text, "text"
        headline_only = title is not None and _same_words(text, title)
    elif title is not None:  # a headline with no body (a feed item) is an article too
        body, kind, headline_only = title, "text", True
    else:
        return IngestProblem(where, "record has no 'text', 'html' or 'title' field with content",
                             line)
    for k, v in (defaults or {}).items():
        if fields.get(k) in (None, ""):
            fields[k] = v
    published = iso_date(fields.get("published"))
    if fields.get("published") is not None and published is None:
        meta["published_raw"] = fields["published"]
    return ArticleDraft(
        body=body,
        body_kind=kind,  # type: ignore[arg-type]
        input=where,
        line=line,
        id=_text(fields.get("id")),
        source=_text(fields.get("source")),
        url=_text(fields.get("url")),
        title=title,
        published=published,
        metadata=meta,
        headline_only=headline_only,
    )


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
