"""The ``entities`` section of a story in the export contract."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from storyline.records import Article
from storyline.store import Store
from storyline.store import schema as S


def story_entities(store: Store, conn: Connection, story: dict[str, Any],
                   articles: list[Article]) -> list[dict[str, Any]]:
    """Entities mentioned in the story's articles, most-mentioned first."""
    ids = [a.id for a in articles]
    if not ids:
        return []
    rows = conn.execute(
        select(S.entity_mentions.c.entity_id, S.entity_mentions.c.article_id,
               S.entity_mentions.c.text)
        .where(S.entity_mentions.c.article_id.in_(ids))
        .order_by(S.entity_mentions.c.article_id, S.entity_mentions.c.start)
    ).all()
    arts: dict[str, list[str]] = {}
    count: dict[str, int] = {}
    seen_as: dict[str, set[str]] = {}
    for r in rows:
        lst = arts.setdefault(r.entity_id, [])
        if r.article_id not in lst:
            lst.append(r.article_id)
        count[r.entity_id] = count.get(r.entity_id, 0) + 1
        seen_as.setdefault(r.entity_id, set()).add(r.text)
    ents = conn.execute(select(S.entities).where(S.entities.c.id.in_(list(arts)))).all()
    out = []
    for e in sorted(ents, key=lambda e: (-count[e.id], e.name)):
        attrs = dict(e.attributes or {})
        roles = [r for r in attrs.pop("roles", []) if r.get("article_id") in ids]
        item: dict[str, Any] = {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "aliases": sorted(set(e.aliases or []) - {e.name}),
            "article_ids": arts[e.id],
            "geo": ({"lat": e.lat, "lon": e.lon, "country": e.country, "feature": e.feature,
                     "geonameid": e.geonameid} if e.lat is not None else None),
            "mentions": count[e.id],
        }
        if roles:
            item["roles"] = roles
        if e.type in ("GPE", "LOC"):
            item["resolved"] = e.lat is not None
        out.append(item)
    return out
