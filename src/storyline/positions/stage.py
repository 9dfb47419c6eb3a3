"""The ``positions`` stage: each story's positions (actor x issue x stance), stored per
story.

A story-level stage: it runs on every story whose articles or membership changed since
it last ran (a new article, a copy linked, an article re-enriched or updated, a merge,
split or recluster), reads the position mentions the enrich stage stored for the story's
articles, groups them (:func:`storyline.positions.group.group_positions`, pure) and
replaces the story's rows in ``story_positions``. The export's ``positions`` section
reads those rows back (:mod:`storyline.store.queries.positions`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from sqlalchemy import Connection, delete, insert, select

from storyline.enrich.places.gazetteer import load_gazetteer
from storyline.pipeline import StoryUnit
from storyline.positions.group import Position, StoredPosition, group_positions
from storyline.positions.sides import side_of
from storyline.settings import Settings
from storyline.store import Store
from storyline.store import schema as S
from storyline.store.runs import forget_retired_stories

CHUNK = 500


def read_mentions(conn: Connection, article_ids: Sequence[str]) -> list[StoredPosition]:
    t = S.position_mentions
    out: list[StoredPosition] = []
    for i in range(0, len(article_ids), CHUNK):
        rows = conn.execute(select(t).where(t.c.article_id.in_(list(article_ids[i:i + CHUNK])))
                            .order_by(t.c.article_id, t.c.sentence_idx, t.c.cue_start)).all()
        out.extend(StoredPosition(
            id=r.id, article_id=r.article_id, sentence_idx=r.sentence_idx, sentence=r.sentence,
            stance=r.stance, issue=r.issue, issue_key=tuple(r.issue_key or ()),
            issue_names=tuple(r.issue_names or ()), actor=r.actor,
            actor_entity_id=r.actor_entity_id, cue=r.cue, detail=r.detail, date=r.date,
            date_precision=r.date_precision, base_stance=r.base_stance, condition=r.condition,
            reported_by=r.reported_by) for r in rows)
    return out


def entity_names(conn: Connection, ids: set[str]) -> dict[str, str]:
    e = S.entities
    out: dict[str, str] = {}
    wanted = sorted(ids)
    for i in range(0, len(wanted), CHUNK):
        out.update((r.id, r.name) for r in conn.execute(
            select(e.c.id, e.c.name).where(e.c.id.in_(wanted[i:i + CHUNK]))))
    return out


def actor_sides(conn: Connection, ids: set[str], article_ids: Sequence[str]
                ) -> dict[str, tuple[str, str | None]]:
    """{entity id: (side name, side's entity id)}: a country for itself, a person for the
    country their roles in these articles name (:mod:`storyline.positions.sides`)."""
    e, r = S.entities, S.entity_roles
    wanted = sorted(ids)
    rows: list[Any] = []
    for i in range(0, len(wanted), CHUNK):
        rows += conn.execute(select(e.c.id, e.c.name, e.c.type, e.c.feature, e.c.country)
                             .where(e.c.id.in_(wanted[i:i + CHUNK]))).all()
    out: dict[str, tuple[str, str | None]] = {}
    people = [x.id for x in rows if x.type == "PERSON"]
    roles: dict[str, list[str]] = {}
    for i in range(0, len(people), CHUNK):
        for eid, role in conn.execute(select(r.c.entity_id, r.c.role).where(
                r.c.entity_id.in_(people[i:i + CHUNK]), r.c.article_id.in_(list(article_ids)))):
            roles.setdefault(eid, []).append(role)
    sides = {eid: cc for eid, rs in roles.items() if (cc := side_of(rs))}
    countries: dict[str, tuple[str, str]] = {}  # ISO2 -> the stored country (id, name)
    if sides:
        for row in conn.execute(select(e.c.id, e.c.name, e.c.country).where(
                e.c.feature == "country", e.c.country.in_(sorted(set(sides.values()))))):
            countries.setdefault(row.country, (row.id, row.name))
    for x in rows:
        if x.feature == "country":
            out[x.id] = (x.name, x.id)
        elif x.id in sides:
            cc = sides[x.id]
            place = load_gazetteer().country(cc)
            cid, cname = countries.get(cc, (None, place.name if place else cc))
            out[x.id] = (cname, cid)
    return out


def position_rows(story_id: str, revision: int, positions: Sequence[Position]) -> list[dict[str, Any]]:
    return [{"id": f"{story_id}:p{n}", "story_id": story_id, "idx": n, "revision": revision,
             "actor": p.actor, "actor_entity_id": p.actor_entity_id, "issue": p.issue,
             "issue_key": list(p.issue_key), "stance": p.stance, "base_stance": p.base_stance,
             "conditions": p.conditions, "detail": p.detail, "date": p.date,
             "date_precision": p.date_precision, "first_reported": p.first_reported,
             "sources": p.sources, "reports": p.reports, "article_ids": p.article_ids,
             "mentions": p.mentions, "history": p.history, "side": p.side,
             "side_entity_id": p.side_entity_id}
            for n, p in enumerate(positions)]


class PositionsStage:
    name: ClassVar[str] = "positions"
    unit: ClassVar[str] = "story"
    requires: ClassVar[tuple[str, ...]] = ("stories", "enrich")
    reads: ClassVar[tuple[str, ...]] = ("stories", "position_mentions", "articles.published",
                                        "articles.source", "articles.duplicate_of",
                                        "entities.name", "entity_roles")
    writes: ClassVar[tuple[str, ...]] = ("story_positions",)
    ordered: ClassVar[bool] = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._swept = False

    def run(self, store: Store, conn: Connection, units: Sequence[StoryUnit]) -> dict[str, str]:
        t = S.story_positions
        conn.execute(delete(t).where(t.c.story_id.in_([u.id for u in units])))
        rows: list[dict[str, Any]] = []
        for u in units:
            mentions = read_mentions(conn, [a.id for a in u.articles])
            ids = {m.actor_entity_id for m in mentions if m.actor_entity_id}
            names = entity_names(conn, ids)
            sides = actor_sides(conn, ids, [a.id for a in u.articles])
            rows.extend(position_rows(u.id, u.revision,
                                      group_positions(mentions, u.articles, names, sides)))
        for i in range(0, len(rows), CHUNK):
            conn.execute(insert(t), rows[i:i + CHUNK])
        if not self._swept:  # once a run: positions of stories merged away or forgotten
            forget_retired_stories(conn, t)
            self._swept = True
        return {}

    def reset(self, store: Store, conn: Connection) -> None:
        """Forget every story's positions (``storyline reset positions``)."""
        conn.execute(delete(S.story_positions))
