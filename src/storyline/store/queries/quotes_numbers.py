"""The ``quotes`` and ``numbers`` sections of a story in the export contract.

``quotes``: one entry per stored quote of the story's articles, in publication
order. ``numbers``: claims grouped across articles by (what, place, date); each
group lists its mentions (article, exact sentence, value) and a first-cut status:

- ``single-source``: every mention comes from one article (or one outlet);
- ``corroborated``: two or more outlets / articles give the same value;
- ``conflicting``: the mentions give different values.

The group's ``value`` is the value most mentions give (the earliest on a tie). A
later corroborate stage may refine the status.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Connection, select

from storyline.outlets import provenance
from storyline.records import Article
from storyline.store import schema as S


def _rows(conn: Connection, table: Any, articles: list[Article]) -> list[Any]:
    """The table's rows for these articles, in publication order, then text order."""
    if not articles:
        return []
    order = {a.id: n for n, a in enumerate(articles)}  # the story's publish order
    rows = conn.execute(select(table).where(table.c.article_id.in_(list(order)))).all()
    return sorted(rows, key=lambda r: (order[r.article_id], r.start))


def quotes_section(conn: Connection, articles: list[Article]) -> list[dict[str, Any]]:
    rows = _rows(conn, S.quotes, articles)
    return [
        {"id": r.id, "speaker": r.speaker, "speaker_entity_id": r.speaker_entity_id,
         "text": r.text, "kind": r.kind, "article_id": r.article_id, "date": r.date,
         "sentence": r.sentence, "cue": r.cue}
        for r in rows
    ]


def _status(mentions: list[dict[str, Any]], sources: dict[str, str]) -> str:
    values = {m["value"] for m in mentions}
    if len(values) > 1:
        return "conflicting"
    reports = {sources[m["article_id"]] for m in mentions}
    return "corroborated" if len(reports) > 1 else "single-source"


def _claims(rows: list[Any]) -> dict[tuple[str, str | None, str | None, str | None], list[Any]]:
    """Group figures that count the same thing on the same day: (what, place, date, unit).

    A figure whose sentence names no place ("12 people were killed") belongs with the
    others of its kind when they all name one place; when they name several, it stays
    a claim of its own (which place it means is unknown)."""
    kinds: dict[tuple[str, str | None, str | None], list[Any]] = {}
    for r in rows:
        kinds.setdefault((r.what, r.date, r.unit), []).append(r)
    groups: dict[tuple[str, str | None, str | None, str | None], list[Any]] = {}
    for (what, date, unit), members in kinds.items():
        places = {r.place for r in members if r.place}
        only = next(iter(places)) if len(places) == 1 else None
        for r in members:
            groups.setdefault((what, r.place or only, date, unit), []).append(r)
    return groups


def numbers_section(conn: Connection, articles: list[Article]) -> list[dict[str, Any]]:
    sources = provenance(articles)  # independent reports: outlets, a copy as its canonical
    rows = _rows(conn, S.numbers, articles)
    out = []
    for (what, place, date, unit), members in _claims(rows).items():
        mentions = [{"article_id": r.article_id, "sentence": r.sentence, "value": r.value,
                     "text": r.text, "qualifier": r.qualifier} for r in members]
        counts = Counter(m["value"] for m in mentions)
        top = max(counts.values())
        value = next(m["value"] for m in mentions if counts[m["value"]] == top)
        out.append({
            "id": members[0].id, "what": what, "value": value, "unit": unit,
            "qualifier": next((m["qualifier"] for m in mentions if m["value"] == value), None),
            "place": place, "date": date, "mentions": mentions,
            "status": _status(mentions, sources),
        })
    return out
