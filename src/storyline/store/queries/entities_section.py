"""The ``entities`` section of a story in the export contract."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from storyline.records import Article
from storyline.store import schema as S


def aliases_of(conn: Connection, entity_ids: list[str]) -> dict[str, list[str]]:
    """Every recorded spelling of each entity, sorted."""
    t = S.entity_aliases
    out: dict[str, list[str]] = {e: [] for e in entity_ids}
    for i in range(0, len(entity_ids), 500):
        q = select(t.c.entity_id, t.c.alias).where(t.c.entity_id.in_(entity_ids[i:i + 500]))
        for eid, alias in conn.execute(q):
            out[eid].append(alias)
    return {e: sorted(v) for e, v in out.items()}


def entities_section(conn: Connection, articles: list[Article]) -> list[dict[str, Any]]:
    """Entities mentioned in the story's articles, most-mentioned first, with their roles
    in those articles."""
    ids = [a.id for a in articles]
    if not ids:
        return []
    m = S.entity_mentions
    rows = conn.execute(
        select(m.c.entity_id, m.c.article_id, m.c.text)
        .where(m.c.article_id.in_(ids))
        .order_by(m.c.article_id, m.c.start)
    ).all()
    arts: dict[str, list[str]] = {}
    count: dict[str, int] = {}
    for r in rows:
        lst = arts.setdefault(r.entity_id, [])
        if r.article_id not in lst:
            lst.append(r.article_id)
        count[r.entity_id] = count.get(r.entity_id, 0) + 1
    ents = conn.execute(select(S.entities).where(S.entities.c.id.in_(list(arts)))).all()
    aliases = aliases_of(conn, sorted(arts))
    roles: dict[str, list[dict[str, Any]]] = {}
    er = S.entity_roles
    for eid, aid, role, sentence in conn.execute(
            select(er.c.entity_id, er.c.article_id, er.c.role, er.c.sentence)
            .where(er.c.article_id.in_(ids)).order_by(er.c.id)):
        roles.setdefault(eid, []).append({"role": role, "article_id": aid, "sentence": sentence})
    out = []
    for e in sorted(ents, key=lambda e: (-count[e.id], e.name)):
        item: dict[str, Any] = {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "aliases": [a for a in aliases.get(e.id, []) if a != e.name],
            "article_ids": arts[e.id],
            "geo": ({"lat": e.lat, "lon": e.lon, "country": e.country, "feature": e.feature,
                     "geonameid": e.geonameid} if e.lat is not None else None),
            "mentions": count[e.id],
        }
        if e.id in roles:
            item["roles"] = roles[e.id]
        if e.type in ("GPE", "LOC"):
            item["resolved"] = e.lat is not None
        out.append(item)
    return out
