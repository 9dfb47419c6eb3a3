"""The ``positions`` section of a story in the export contract: the rows the ``positions``
stage stored for the story (actor x issue x stance, in time order), with the contract's
fields (actor, actor_entity_id, issue, stance, detail, date, sources, mentions) and more
(first_reported, article_ids, reports, conditions, base_stance, history, and ``side``: the
country the actor speaks for, a person's read from their roles in the story)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from storyline.records import Article
from storyline.store import schema as S


def positions_section(conn: Connection, articles: list[Article]) -> list[dict[str, Any]]:
    story_id = next((a.story_id for a in articles if a.story_id), None)
    if story_id is None:
        return []
    t = S.story_positions
    rows = conn.execute(select(t).where(t.c.story_id == story_id).order_by(t.c.idx)).all()
    ids = {a.id for a in articles}
    out = []
    for r in rows:
        mentions = [{"article_id": m["article_id"], "sentence": m["sentence"],
                     **{k: v for k, v in m.items() if k not in ("article_id", "sentence")}}
                    for m in r.mentions if m["article_id"] in ids]
        if not mentions:
            continue  # stale rows of an article that left the story since the stage ran
        out.append({
            "id": r.id, "actor": r.actor, "actor_entity_id": r.actor_entity_id,
            "issue": r.issue, "stance": r.stance, "detail": r.detail, "date": r.date,
            "date_precision": r.date_precision, "sources": r.sources, "mentions": mentions,
            "first_reported": r.first_reported,
            "article_ids": [a for a in r.article_ids if a in ids], "reports": r.reports,
            "base_stance": r.base_stance, "conditions": r.conditions, "history": r.history,
            "side": r.side, "side_entity_id": r.side_entity_id,
        })
    return out
