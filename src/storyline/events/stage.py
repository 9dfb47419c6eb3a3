"""The ``events`` stage (story level): a story's event mentions, across its articles,
merged into one event per real event (:mod:`storyline.events.merge`), stored in
``story_events`` with their mentions in ``story_event_mentions``.

It runs on a story whenever the story changes (an article joins, a copy is linked, a
merge, split or recluster, an article re-enriched); each run deletes the story's events
and writes them anew. The mentions it reads are the coded ``event_mentions`` of the
story's articles (``dropped`` NULL) and the ``unnamed`` ones, which may only join an event
others opened.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any, ClassVar

from sqlalchemy import Connection, delete, insert, or_, select

from storyline.events.compat import EntityInfo, Party, date_span
from storyline.events.lexicon import load_lexicon
from storyline.events.merge import MentionIn, merge, refers_back
from storyline.events.records import StoryEvent, build_event
from storyline.records import Article
from storyline.settings import Settings
from storyline.store import Store
from storyline.store import schema as S
from storyline.store.runs import forget_retired_stories


class EventsStage:
    name: ClassVar[str] = "events"
    unit: ClassVar[str] = "story"
    requires: ClassVar[tuple[str, ...]] = ("stories", "enrich")
    reads: ClassVar[tuple[str, ...]] = (
        "stories", "articles.published", "event_mentions", "entities",
    )
    writes: ClassVar[tuple[str, ...]] = ("story_events", "story_event_mentions")
    ordered: ClassVar[bool] = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def run(self, store: Store, conn: Connection, units: Sequence[Any]) -> dict[str, str]:
        for u in units:
            events = story_events_of(conn, u.articles)
            write_story_events(conn, u.id, events)
        forget_retired_stories(conn, S.story_event_mentions, S.story_events)
        return {}

    def reset(self, store: Store, conn: Connection) -> None:
        conn.execute(delete(S.story_event_mentions))
        conn.execute(delete(S.story_events))


@cache
def anaphor_nouns() -> dict[str, frozenset[str]]:
    """Per category, the event nouns of the lexicon (the last word of each noun phrase, and
    its plural): the words a reference back is made with ("that *attack*")."""
    out: dict[str, set[str]] = {}
    for last, entries in load_lexicon().nouns.items():
        for e in entries:
            out.setdefault(e.category, set()).update({last, last + "s"})
    return {k: frozenset(v) for k, v in out.items()}


def story_events_of(conn: Connection, articles: Sequence[Article]) -> list[StoryEvent]:
    """The events the story's articles tell (a read and the pure merge; no writes)."""
    if not articles:
        return []
    order = {a.id: n for n, a in enumerate(articles)}
    published = {a.id: a.published or a.published_utc for a in articles}
    m = S.event_mentions
    rows = conn.execute(select(m).where(
        m.c.article_id.in_(list(order)),
        or_(m.c.dropped.is_(None), m.c.dropped == "unnamed"))).all()
    entities = _entities(conn, _entity_ids(rows))
    nouns = anaphor_nouns()
    mentions = [_mention(r, entities, order[r.article_id], published[r.article_id], nouns)
                for r in rows]
    groups = [g for g in merge(mentions) if g.coded]
    return [build_event(g, n, published) for n, g in enumerate(groups)]


def _entity_ids(rows: Iterable[Any]) -> set[str]:
    out: set[str] = set()
    for r in rows:
        out.update(r.actor_entity_ids or [])
        out.update(r.recipient_entity_ids or [])
        out.update(x for x in (r.actor_entity_id, r.recipient_entity_id, r.place_entity_id) if x)
    return out


def _entities(conn: Connection, ids: set[str]) -> dict[str, EntityInfo]:
    e = S.entities
    out = {}
    wanted = sorted(ids)
    for i in range(0, len(wanted), 500):
        for r in conn.execute(select(e).where(e.c.id.in_(wanted[i:i + 500]))):
            out[r.id] = EntityInfo(r.id, r.name, r.type, r.norm, r.country, r.lat, r.lon,
                                   r.feature)
    return out


def _party(text: str | None, first: str | None, ids: list[str] | None,
           entities: dict[str, EntityInfo]) -> Party:
    order = ([first] if first else []) + [i for i in (ids or []) if i != first]
    return Party(text, tuple(entities[i] for i in order if i in entities))


def _mention(r: Any, entities: dict[str, EntityInfo], order: int, published: str | None,
             nouns: dict[str, frozenset[str]]) -> MentionIn:
    place = entities.get(r.place_entity_id) if r.place_entity_id else None
    unnamed = r.dropped == "unnamed"
    return MentionIn(
        id=r.id, article_id=r.article_id, sentence_idx=r.sentence_idx, sentence=r.sentence,
        trigger=r.trigger, trigger_start=r.trigger_start, category=r.category, mode=r.mode,
        actor=_party(r.actor, r.actor_entity_id, r.actor_entity_ids, entities),
        target=_party(r.recipient, r.recipient_entity_id, r.recipient_entity_ids, entities),
        place=place, place_name=r.place if place is None else None,
        span=date_span(r.date, r.date_precision, published, r.date_reported), order=order,
        unnamed=unnamed, reported=r.date_reported,
        anaphoric=(not r.place and refers_back(r.sentence, nouns.get(r.category, frozenset()))),
    )


def write_story_events(conn: Connection, story_id: str, events: Sequence[StoryEvent]) -> None:
    """The story's events anew: its old rows deleted, these written."""
    conn.execute(delete(S.story_event_mentions).where(
        S.story_event_mentions.c.story_id == story_id))
    conn.execute(delete(S.story_events).where(S.story_events.c.story_id == story_id))
    if not events:
        return
    ids = [e.id for e in events]  # a story split off keeps its first mention's event id
    conn.execute(delete(S.story_event_mentions).where(S.story_event_mentions.c.event_id.in_(ids)))
    conn.execute(delete(S.story_events).where(S.story_events.c.id.in_(ids)))
    conn.execute(insert(S.story_events), [
        {"id": e.id, "story_id": story_id, "seq": e.seq, "date": e.date,
         "date_precision": e.date_precision, "category": e.category, "mode": e.mode,
         "actor": e.actor, "actor_entity_id": e.actor_entity_id, "target": e.target,
         "target_entity_id": e.target_entity_id, "place": e.place,
         "place_entity_id": e.place_entity_id, "description": e.description,
         "trigger": e.trigger}
        for e in events])
    conn.execute(insert(S.story_event_mentions), [
        {"event_id": e.id, "mention_id": x.mention_id, "story_id": story_id,
         "article_id": x.article_id, "sentence_idx": x.sentence_idx, "link": x.link}
        for e in events for x in e.mentions])


