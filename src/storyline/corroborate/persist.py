"""The corroborate stage's store reads and writes: a story's figures and quotes in, its
groups out (written anew over the story's earlier groups)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from storyline.corroborate.numbers import Figure, NumberGroup, Value
from storyline.corroborate.quotes import QuoteGroup, QuoteRow
from storyline.store import schema as S

_CHUNK = 500


def _rows(conn: Connection, table: Any, article_ids: Sequence[str], *cols: Any) -> list[Any]:
    out: list[Any] = []
    for i in range(0, len(article_ids), _CHUNK):
        part = list(article_ids[i:i + _CHUNK])
        out.extend(conn.execute(select(*cols).where(table.c.article_id.in_(part))).all())
    return out


def read_figures(conn: Connection, article_ids: Sequence[str]) -> list[Figure]:
    n = S.numbers
    rows = _rows(conn, n, article_ids, n.c.id, n.c.article_id, n.c.sentence_idx, n.c.start,
                 n.c.value, n.c.what, n.c.kind, n.c.unit, n.c.qualifier, n.c.high, n.c.place,
                 n.c.date, n.c.holder)
    return [Figure(r.id, r.article_id, r.sentence_idx, r.start, r.value, r.what,
                   r.kind or r.what, r.unit, r.qualifier, r.high, r.place, r.date, r.holder)
            for r in rows]


def read_quotes(conn: Connection, article_ids: Sequence[str]) -> list[QuoteRow]:
    q, e = S.quotes, S.entities
    rows: list[Any] = []
    for i in range(0, len(article_ids), _CHUNK):
        part = list(article_ids[i:i + _CHUNK])
        rows.extend(conn.execute(
            select(q.c.id, q.c.article_id, q.c.sentence_idx, q.c.start, q.c.text, q.c.kind,
                   q.c.speaker, q.c.speaker_entity_id, e.c.type, q.c.date)
            .select_from(q.outerjoin(e, e.c.id == q.c.speaker_entity_id))
            .where(q.c.article_id.in_(part))).all())
    return [QuoteRow(r.id, r.article_id, r.sentence_idx, r.start, r.text, r.kind, r.speaker,
                     r.speaker_entity_id, r.type, r.date) for r in rows]


def clear_stories(conn: Connection, story_ids: Sequence[str]) -> None:
    """Forget the groups of these stories."""
    for groups, members in ((S.number_groups, S.number_group_members),
                            (S.quote_groups, S.quote_group_members)):
        for i in range(0, len(story_ids), _CHUNK):
            part = list(story_ids[i:i + _CHUNK])
            ids = select(groups.c.id).where(groups.c.story_id.in_(part))
            conn.execute(delete(members).where(members.c.group_id.in_(ids)))
            conn.execute(delete(groups).where(groups.c.story_id.in_(part)))


def clear_retired(conn: Connection) -> None:
    """Forget the groups of stories merged into others or gone (a recluster)."""
    t = S.stories
    live = select(t.c.id).where(t.c.merged_into.is_(None))
    gone: set[str] = set()
    for groups in (S.number_groups, S.quote_groups):
        gone.update(conn.execute(select(groups.c.story_id).distinct()
                                 .where(groups.c.story_id.not_in(live))).scalars())
    clear_stories(conn, sorted(gone))


def clear_all(conn: Connection) -> None:
    for table in (S.number_group_members, S.number_groups, S.quote_group_members,
                  S.quote_groups):
        conn.execute(delete(table))


def _value(v: Value) -> dict[str, Any]:
    return {"value": v.value, "high": v.high, "qualifier": v.qualifier,
            "article_ids": list(v.article_ids), "sources": list(v.sources),
            "reports": v.reports, "first_reported": v.first_reported}


def write_story(conn: Connection, story_id: str, numbers: Sequence[NumberGroup],
                quotes: Sequence[QuoteGroup]) -> None:
    """Write a story's groups (after :func:`clear_stories`); a group's id is the story's id
    and its own (the id of its first figure or quote), so a figure that moves to another
    story with its article makes a new group there."""
    if numbers:
        conn.execute(insert(S.number_groups), [
            {"id": f"{story_id}/{g.id}", "story_id": story_id, "idx": n, "what": g.what, "kind": g.kind,
             "unit": g.unit, "value": g.value, "qualifier": g.qualifier, "place": g.place,
             "date": g.date, "holder": g.holder, "event_id": g.event_id, "status": g.status,
             "trend": g.trend, "reports": g.reports,
             "detail": {"values": [_value(v) for v in g.values],
                        "conservative": _value(g.conservative) if g.conservative else None}}
            for n, g in enumerate(numbers)])
        conn.execute(insert(S.number_group_members), [
            {"group_id": f"{story_id}/{g.id}", "number_id": f.id, "article_id": f.article_id}
            for g in numbers for f in g.figures])
    if quotes:
        conn.execute(insert(S.quote_groups), [
            {"id": f"{story_id}/{g.id}", "story_id": story_id, "idx": n, "speaker": g.speaker,
             "speaker_entity_id": g.speaker_entity_id, "text": g.text, "kind": g.kind,
             "article_id": g.article_id, "date": g.date, "speaker_disputed": g.speaker_disputed,
             "reports": g.reports,
             "detail": {"article_ids": g.article_ids, "sources": g.sources}}
            for n, g in enumerate(quotes)])
        conn.execute(insert(S.quote_group_members), [
            {"group_id": f"{story_id}/{g.id}", "quote_id": q.id, "article_id": q.article_id}
            for g in quotes for q in g.quotes])
