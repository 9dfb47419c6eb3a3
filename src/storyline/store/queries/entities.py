"""Entity look-up across the store: by name, alias or id."""

from __future__ import annotations

from sqlalchemy import Connection, func, or_, select

from storyline.store import schema as S
from storyline.store.queries.entities_section import aliases_of
from storyline.store.queries.records import EntitySummary


def find_entities(conn: Connection, q: str, type_: str | None = None,
                  limit: int = 50) -> list[EntitySummary]:
    """Entities whose id is ``q`` or whose name or an alias contains ``q``
    (case-insensitive), most-mentioned first."""
    e, al, m = S.entities, S.entity_aliases, S.entity_mentions
    like = f"%{q.strip().lower()}%"
    named = select(al.c.entity_id).where(func.lower(al.c.alias).like(like))
    cond = or_(e.c.id == q.strip(), func.lower(e.c.name).like(like), e.c.id.in_(named))
    n_articles = (select(func.count(func.distinct(m.c.article_id)))
                  .where(m.c.entity_id == e.c.id).scalar_subquery())
    query = select(e, n_articles.label("n_articles")).where(cond)
    if type_:
        query = query.where(e.c.type == type_.upper())
    rows = conn.execute(query.order_by(n_articles.desc(), e.c.name, e.c.id).limit(limit)).all()
    aliases = aliases_of(conn, [r.id for r in rows])
    return [
        EntitySummary(
            r.id, r.name, r.type, tuple(a for a in aliases.get(r.id, []) if a != r.name),
            int(r.n_articles),
            {"lat": r.lat, "lon": r.lon, "country": r.country} if r.lat is not None else None)
        for r in rows
    ]
