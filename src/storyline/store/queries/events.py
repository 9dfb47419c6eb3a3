"""The ``events`` and ``timeline`` sections of a story in the export contract, and the read
other story-level stages link their facts to events with.

``events``: the story's events (written by the events stage), in the order each was
first told, each with its mentions (article, exact sentence) and its ``sources``: each
outlet once, a syndicated copy counted as its original (:func:`storyline.outlets.
provenance`). ``timeline``: the events by date and precision
(:func:`storyline.events.records.timeline`).

**Linking a fact to an event** (the numbers' ``event_id``): :func:`story_event_sentences`
gives, for a story, each event with the (article id, sentence index) pairs of its
mentions; :func:`events_at` turns that into a lookup from a sentence to the events told in
it. A figure stated in a sentence that tells exactly one event belongs to that event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from storyline.events.records import EventLink, StoryEvent, timeline, timeline_start
from storyline.outlets import provenance, story_sources
from storyline.records import Article
from storyline.store import schema as S


@dataclass(frozen=True, slots=True)
class EventSentences:
    """An event of a story, with the sentences that tell it."""

    event_id: str
    category: str
    date: str | None
    date_precision: str | None
    place: str | None
    place_entity_id: str | None
    sentences: tuple[tuple[str, int], ...]  # (article id, sentence index), in story order


def _story_id(articles: Sequence[Article]) -> str | None:
    return next((a.story_id for a in articles if a.story_id), None)


def stored_events(conn: Connection, story_id: str) -> list[StoryEvent]:
    """The story's stored events with their mentions, in the order each was first told."""
    ev, em, m = S.story_events, S.story_event_mentions, S.event_mentions
    rows = conn.execute(select(ev).where(ev.c.story_id == story_id).order_by(ev.c.seq)).all()
    links: dict[str, list[EventLink]] = {}
    q = (select(em.c.event_id, em.c.mention_id, em.c.article_id, em.c.sentence_idx, em.c.link,
                m.c.sentence, m.c.trigger, m.c.trigger_start)
         .join(m, m.c.id == em.c.mention_id)
         .where(em.c.story_id == story_id))
    for r in sorted(conn.execute(q).all(), key=lambda r: (r.event_id, r.trigger_start)):
        links.setdefault(r.event_id, []).append(EventLink(
            r.mention_id, r.article_id, r.sentence_idx, r.sentence, r.trigger, r.link))
    return [StoryEvent(
        id=r.id, seq=r.seq, date=r.date, date_precision=r.date_precision, category=r.category,
        mode=r.mode, actor=r.actor, actor_entity_id=r.actor_entity_id, target=r.target,
        target_entity_id=r.target_entity_id, place=r.place, place_entity_id=r.place_entity_id,
        description=r.description, trigger=r.trigger, mentions=tuple(links.get(r.id, ())))
        for r in rows]


def _geo(conn: Connection, ids: set[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    e = S.entities
    out = {}
    for r in conn.execute(select(e.c.id, e.c.lat, e.c.lon, e.c.country)
                          .where(e.c.id.in_(sorted(ids)))):
        if r.lat is not None and r.lon is not None:
            out[r.id] = {"lat": r.lat, "lon": r.lon, "country": r.country}
    return out


def events_section(conn: Connection, articles: list[Article]) -> list[dict[str, Any]]:
    sid = _story_id(articles)
    if sid is None:
        return []
    events = stored_events(conn, sid)
    order = {a.id: n for n, a in enumerate(articles)}  # the story's publish order
    by_id = {a.id: a for a in articles}
    reports = provenance(articles)
    geo = _geo(conn, {e.place_entity_id for e in events if e.place_entity_id})
    out = []
    for e in events:
        links = sorted((x for x in e.mentions if x.article_id in order),
                       key=lambda x: (order[x.article_id], x.sentence_idx))
        article_ids = list(dict.fromkeys(x.article_id for x in links))
        names = []
        for aid in article_ids:
            a = by_id[aid]
            head = by_id.get(a.duplicate_of) if a.duplicate_of else a
            names.append(head.source if head is not None else None)
        first = by_id[article_ids[0]] if article_ids else None
        out.append({
            "id": e.id, "date": e.date, "date_precision": e.date_precision,
            "category": e.category, "mode": e.mode,
            "actor": e.actor, "actor_entity_id": e.actor_entity_id,
            "target": e.target, "target_entity_id": e.target_entity_id,
            "place": e.place, "place_entity_id": e.place_entity_id,
            "geo": geo.get(e.place_entity_id) if e.place_entity_id else None,
            "description": e.description, "trigger": e.trigger,
            "mentions": [{"article_id": x.article_id, "sentence": x.sentence,
                          "sentence_idx": x.sentence_idx, "trigger": x.trigger,
                          "link": x.link} for x in links],
            "sources": story_sources(names),
            "reports": len({reports[a] for a in article_ids}),
            "article_ids": article_ids,
            "first_reported": (first.published if first is not None else None),
        })
    return out


def timeline_section(conn: Connection, articles: list[Article]) -> list[dict[str, Any]]:
    sid = _story_id(articles)
    if sid is None:
        return []
    dated = [a.published_utc for a in articles if a.published_utc]
    return timeline(stored_events(conn, sid), timeline_start(min(dated) if dated else None))


def story_event_sentences(conn: Connection, story_id: str) -> list[EventSentences]:
    """The story's events, each with the sentences that tell it (for linking a number, a
    quote or a position told in one of those sentences to its event)."""
    out = []
    for e in stored_events(conn, story_id):
        sents = tuple(dict.fromkeys((x.article_id, x.sentence_idx) for x in e.mentions))
        out.append(EventSentences(e.id, e.category, e.date, e.date_precision, e.place,
                                  e.place_entity_id, sents))
    return out


def events_at(events: Sequence[EventSentences]) -> dict[tuple[str, int], list[str]]:
    """{(article id, sentence index): ids of the events told in that sentence}."""
    out: dict[tuple[str, int], list[str]] = {}
    for e in events:
        for key in e.sentences:
            out.setdefault(key, []).append(e.event_id)
    return out
