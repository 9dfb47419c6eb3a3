"""The enrich stage's store reads and writes outside entity resolution: the places
already stored for an article's story (geocoding context), and one article's
enrichment rows, written anew over what an earlier run wrote."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, delete, insert, select

from storyline.enrich.places.context import in_context_order, stored_form
from storyline.enrich.places.gazetteer import Place
from storyline.enrich.resolve import stored_entity_id
from storyline.records import (
    Article,
    AttributionSpan,
    DateMention,
    EntityMention,
    EventMention,
    MentionKey,
    NumberClaim,
    PositionMention,
    Quote,
    Sentence,
)
from storyline.store import schema as S


def clear_article(conn: Connection, article_id: str) -> None:
    for table in S.PER_ARTICLE_TABLES["enrich"]:
        conn.execute(delete(table).where(table.c.article_id == article_id))


def write_article(
    conn: Connection,
    article: Article,
    sents: Sequence[Sentence],
    mentions: Sequence[EntityMention],
    entity_ids: dict[MentionKey, str],
    dates: Sequence[DateMention],
    quotes: Sequence[Quote],
    numbers: Sequence[NumberClaim],
    events: Sequence[EventMention] = (),
) -> None:
    """Write the article's enrichment (after :func:`clear_article` removed the earlier run's
    rows, before entities were resolved: resolution writes the article's roles)."""
    aid = article.id
    if sents:
        conn.execute(insert(S.sentences), [
            {"article_id": aid, "idx": s.idx, "start": s.start, "end": s.end, "text": s.text}
            for s in sents
        ])
    rows = [
        {"article_id": aid, "entity_id": entity_ids[m.key], "sentence_idx": m.sentence_idx,
         "start": m.start, "end": m.end, "text": m.text, "label": m.label, "role": m.role}
        for m in mentions if m.key in entity_ids
    ]
    if rows:
        conn.execute(insert(S.entity_mentions), rows)
    if dates:
        conn.execute(insert(S.date_mentions), [
            {"article_id": aid, "sentence_idx": d.sentence_idx, "start": d.start, "end": d.end,
             "text": d.text, "value": d.value, "precision": d.precision}
            for d in dates
        ])
    if quotes:
        conn.execute(insert(S.quotes), [
            {"id": f"{aid}:q{n}", "article_id": aid, "sentence_idx": q.sentence_idx,
             "speaker": q.speaker,
             "speaker_entity_id": entity_ids.get(q.speaker_key) if q.speaker_key is not None else None,
             "text": q.text, "kind": q.kind, "cue": q.cue, "start": q.start, "end": q.end,
             "date": q.date or article.published, "sentence": q.sentence}
            for n, q in enumerate(quotes)
        ])
    if numbers:
        conn.execute(insert(S.numbers), [
            {"id": f"{aid}:n{n}", "article_id": aid, "sentence_idx": c.sentence_idx,
             "text": c.text, "value": c.value, "what": c.what, "qualifier": c.qualifier,
             "unit": c.unit, "place": c.place, "date": c.date, "start": c.start, "end": c.end,
             "sentence": c.sentence, "kind": c.kind or c.what, "high": c.high, "holder": c.holder}
            for n, c in enumerate(numbers)
        ])
    if events:
        write_events(conn, aid, events, entity_ids)


def write_events(conn: Connection, aid: str, events: Sequence[EventMention],
                 entity_ids: dict[MentionKey, str]) -> None:
    """Event mentions, their entity keys mapped to store-wide entity ids."""

    def ids(keys: Sequence[MentionKey]) -> list[str]:
        return [entity_ids[k] for k in keys if k in entity_ids]

    def one(key: MentionKey | None) -> str | None:
        return entity_ids.get(key) if key is not None else None

    conn.execute(insert(S.event_mentions), [
        {"id": f"{aid}:v{n}", "article_id": aid, "sentence_idx": e.sentence_idx,
         "sentence": e.sentence, "category": e.category, "mode": e.mode, "content": e.content,
         "trigger": e.trigger, "trigger_start": e.trigger_start, "trigger_end": e.trigger_end,
         "actor": e.actor, "actor_entity_id": one(e.actor_key),
         "actor_entity_ids": ids(e.actor_keys),
         "recipient": e.recipient, "recipient_entity_id": one(e.recipient_key),
         "recipient_entity_ids": ids(e.recipient_keys),
         "place": e.place, "place_entity_id": one(e.place_key),
         "date": e.date, "date_precision": e.date_precision, "date_reported": e.date_reported,
         "negated": e.negated, "hypothetical": e.hypothetical, "dropped": e.dropped}
        for n, e in enumerate(events)
    ])


def write_positions(conn: Connection, aid: str, positions: Sequence[PositionMention],
                    entity_ids: dict[MentionKey, str]) -> None:
    """Position mentions, their actors mapped to store-wide entity ids (a government read
    from its capital to the stored country, when the store holds it)."""
    if not positions:
        return
    found: dict[MentionKey, str | None] = {}

    def actor_id(key: MentionKey | None) -> str | None:
        if key is None:
            return None
        if key in entity_ids:
            return entity_ids[key]
        if key not in found:
            found[key] = stored_entity_id(conn, key)
        return found[key]

    conn.execute(insert(S.position_mentions), [
        {"id": f"{aid}:p{n}", "article_id": aid, "sentence_idx": p.sentence_idx,
         "sentence": p.sentence, "stance": p.stance, "base_stance": p.base_stance,
         "condition": p.condition, "issue": p.issue, "issue_key": list(p.issue_key),
         "issue_names": list(p.issue_names), "cue": p.cue, "cue_start": p.cue_start,
         "cue_end": p.cue_end, "actor": p.actor, "actor_text": p.actor_text,
         "actor_via": p.actor_via, "actor_entity_id": actor_id(p.actor_key),
         "negated": p.negated, "detail": p.detail, "date": p.date,
         "date_precision": p.date_precision, "reported_by": p.reported_by}
        for n, p in enumerate(positions)
    ])


def write_attributions(conn: Connection, atts: Sequence[AttributionSpan]) -> None:
    if atts:
        conn.execute(insert(S.attributions), [
            {"article_id": a.article_id, "sentence_idx": a.sentence_idx, "kind": a.kind,
             "content_start": a.content[0], "content_end": a.content[1],
             "source_start": a.source[0] if a.source else None,
             "source_end": a.source[1] if a.source else None,
             "cue_start": a.cue[0] if a.cue else None, "cue_end": a.cue[1] if a.cue else None,
             "inherited": a.inherited, "speech": a.speech}
            for a in atts
        ])


def story_places(conn: Connection, article: Article) -> list[Place]:
    """Geocoded places already stored for the other articles of ``article``'s story, in
    context order."""
    if not article.story_id:
        return []
    rows = conn.execute(
        select(S.entities.c.name, S.entities.c.lat, S.entities.c.lon, S.entities.c.feature,
               S.entities.c.country, S.entities.c.geonameid)
        .join(S.entity_mentions, S.entity_mentions.c.entity_id == S.entities.c.id)
        .join(S.articles, S.articles.c.id == S.entity_mentions.c.article_id)
        .where(S.articles.c.story_id == article.story_id, S.articles.c.id != article.id,
               S.entities.c.lat.is_not(None))
        .distinct()
    ).all()
    return in_context_order(stored_form(r.name, r.lat, r.lon, r.feature, r.country,
                                        r.geonameid) for r in rows)
