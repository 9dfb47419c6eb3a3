"""The ``quotes`` and ``numbers`` sections of a story in the export contract, read from the
corroborate stage's groups (:mod:`storyline.corroborate`).

``quotes``: one entry per quote, however many outlets carry it: ``article_ids``,
``sources`` (outlets), ``date`` (the earliest), ``speaker_disputed``; ``mentions`` lists
each article's copy of it (sentence, speaker, cue), ``speakers`` who each article says
said it. ``numbers``: one entry per quantity the story's figures state, with its
``status`` (corroborated | single-source | conflicting), its ``values`` in the order they
were first reported (each with its outlets), ``trend`` (rising | falling) for a conflict
whose values moved one way, ``conservative`` (the lowest best-sourced value, for counts of
the dead and injured), and ``mentions``: every figure, with its article, exact sentence,
outlet and publish date. A story the corroborate stage has not run on has none yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select

from storyline.outlets import story_sources
from storyline.records import Article
from storyline.store import schema as S


def _groups(conn: Connection, table: Any, articles: Sequence[Article]) -> list[Any]:
    story_id = articles[0].story_id if articles else None
    if story_id is None:
        return []
    return list(conn.execute(select(table).where(table.c.story_id == story_id)
                             .order_by(table.c.idx)).all())


def _members(conn: Connection, members: Any, rows: Any, key: Any, group_ids: list[str],
             cols: Sequence[Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for i in range(0, len(group_ids), 500):
        q = (select(members.c.group_id, *cols).select_from(
            members.join(rows, rows.c.id == key))
             .where(members.c.group_id.in_(group_ids[i:i + 500])))
        for r in conn.execute(q):
            out.setdefault(r.group_id, []).append(r)
    return out


def _order(articles: Sequence[Article]) -> dict[str, int]:
    return {a.id: n for n, a in enumerate(articles)}


def _entity_names(conn: Connection, ids: set[str | None]) -> dict[str | None, str]:
    """The story-wide name of each entity (the one the entities section shows)."""
    wanted = sorted(i for i in ids if i)
    out: dict[str | None, str] = {}
    for i in range(0, len(wanted), 500):
        q = select(S.entities.c.id, S.entities.c.name).where(
            S.entities.c.id.in_(wanted[i:i + 500]))
        out.update({r.id: r.name for r in conn.execute(q)})
    return out


def quotes_section(conn: Connection, articles: list[Article]) -> list[dict[str, Any]]:
    groups = _groups(conn, S.quote_groups, articles)
    if not groups:
        return []
    q = S.quotes
    members = _members(conn, S.quote_group_members, q, S.quote_group_members.c.quote_id,
                       [g.id for g in groups],
                       (q.c.id, q.c.article_id, q.c.sentence_idx, q.c.start, q.c.text,
                        q.c.speaker, q.c.speaker_entity_id, q.c.kind, q.c.cue, q.c.sentence,
                        q.c.date))
    arts, order = {a.id: a for a in articles}, _order(articles)
    names = _entity_names(conn, {g.speaker_entity_id for g in groups} | {
        m.speaker_entity_id for ms in members.values() for m in ms})
    out = []
    for g in groups:
        rows = sorted((m for m in members.get(g.id, []) if m.article_id in arts),
                      key=lambda m: (order[m.article_id], m.sentence_idx, m.start))
        if not rows:
            continue
        mentions = [{"quote_id": m.id, "article_id": m.article_id, "sentence": m.sentence,
                     "text": m.text, "speaker": m.speaker,
                     "speaker_entity_id": m.speaker_entity_id, "cue": m.cue, "kind": m.kind,
                     "source": arts[m.article_id].source,
                     "published": arts[m.article_id].published} for m in rows]
        speakers: dict[tuple[str | None, str | None], list[str]] = {}
        for m in rows:  # one entry per entity, under its name, however each article spells it
            ids = speakers.setdefault((names.get(m.speaker_entity_id, m.speaker),
                                       m.speaker_entity_id), [])
            if m.article_id not in ids:
                ids.append(m.article_id)
        article_ids = list(dict.fromkeys(m.article_id for m in rows))
        out.append({
            "id": g.id, "speaker": names.get(g.speaker_entity_id, g.speaker),
            "speaker_entity_id": g.speaker_entity_id,
            "text": g.text, "kind": g.kind, "article_id": g.article_id, "date": g.date,
            "article_ids": article_ids,
            "sources": story_sources(arts[a].source for a in article_ids),
            "speaker_disputed": bool(g.speaker_disputed), "reports": g.reports,
            "sentence": rows[0].sentence, "cue": rows[0].cue,
            "speakers": [{"speaker": s, "speaker_entity_id": e, "article_ids": ids}
                         for (s, e), ids in speakers.items()],
            "mentions": mentions,
        })
    return out


def _value(v: dict[str, Any]) -> dict[str, Any]:
    return {"value": v["value"], "high": v.get("high"), "qualifier": v.get("qualifier"),
            "sources": story_sources(v.get("sources") or []),
            "article_ids": v.get("article_ids") or [], "reports": v.get("reports", 0),
            "first_reported": v.get("first_reported")}


def numbers_section(conn: Connection, articles: list[Article]) -> list[dict[str, Any]]:
    groups = _groups(conn, S.number_groups, articles)
    if not groups:
        return []
    n = S.numbers
    members = _members(conn, S.number_group_members, n, S.number_group_members.c.number_id,
                       [g.id for g in groups],
                       (n.c.id, n.c.article_id, n.c.sentence_idx, n.c.start, n.c.text,
                        n.c.value, n.c.high, n.c.qualifier, n.c.what, n.c.sentence, n.c.date))
    arts, order = {a.id: a for a in articles}, _order(articles)
    out = []
    for g in groups:
        rows = sorted((m for m in members.get(g.id, []) if m.article_id in arts),
                      key=lambda m: (order[m.article_id], m.sentence_idx, m.start))
        if not rows:
            continue
        detail = g.detail or {}
        conservative = detail.get("conservative")
        out.append({
            "id": g.id, "what": g.what, "unit": g.unit, "value": g.value,
            "qualifier": g.qualifier, "place": g.place, "date": g.date,
            "event_id": g.event_id, "holder": g.holder, "kind": g.kind,
            "status": g.status, "trend": g.trend, "reports": g.reports,
            "values": [_value(v) for v in detail.get("values", [])],
            "conservative": _value(conservative) if conservative else None,
            "mentions": [{"number_id": m.id, "article_id": m.article_id,
                          "sentence": m.sentence, "value": m.value, "high": m.high,
                          "qualifier": m.qualifier, "text": m.text, "what": m.what,
                          "date": m.date, "source": arts[m.article_id].source,
                          "published": arts[m.article_id].published,
                          "duplicate_of": arts[m.article_id].duplicate_of} for m in rows],
        })
    return out
