"""What the enrich stage found in one article, with offsets into its text: sentences,
entity mentions, quotes and numbers (the article page marks them in the text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from storyline.store import schema as S


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of an article's text: ``kind`` entity | quote | number; ``label`` the entity
    type, the quote's kind or the number's ``what``; ``title`` what a reader is told about it."""

    kind: str
    start: int
    end: int
    label: str
    title: str
    ref: str | None = None  # the entity or quote id


@dataclass(frozen=True, slots=True)
class ArticleMarks:
    sentences: list[tuple[int, int, int]]  # (idx, start, end)
    marks: list[Mark]
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    numbers: list[dict[str, Any]] = field(default_factory=list)


def article_marks(conn: Connection, article_id: str) -> ArticleMarks:
    s, m, e, q, n = S.sentences, S.entity_mentions, S.entities, S.quotes, S.numbers
    sentences = [(r.idx, r.start, r.end) for r in conn.execute(
        select(s.c.idx, s.c.start, s.c.end).where(s.c.article_id == article_id).order_by(s.c.idx))]
    marks: list[Mark] = []
    ents: dict[str, dict[str, Any]] = {}
    for r in conn.execute(
            select(m.c.start, m.c.end, m.c.label, m.c.entity_id, m.c.text, e.c.name, e.c.type,
                   e.c.lat, e.c.lon, e.c.country)
            .join(e, e.c.id == m.c.entity_id).where(m.c.article_id == article_id)
            .order_by(m.c.start)):
        title = f"{r.name} ({r.type})" if r.name != r.text else r.type
        marks.append(Mark("entity", r.start, r.end, r.type, title, r.entity_id))
        ent = ents.setdefault(r.entity_id, {"id": r.entity_id, "name": r.name, "type": r.type,
                                            "mentions": 0, "geo": None})
        ent["mentions"] += 1
        if r.lat is not None:
            ent["geo"] = {"lat": r.lat, "lon": r.lon, "country": r.country}
    quotes = []
    for r in conn.execute(select(q).where(q.c.article_id == article_id).order_by(q.c.start)):
        who = r.speaker or "unknown speaker"
        marks.append(Mark("quote", r.start, r.end, r.kind,
                          f"{'quote' if r.kind == 'direct' else 'reported'}: {who}", r.id))
        quotes.append({"id": r.id, "speaker": r.speaker, "speaker_entity_id": r.speaker_entity_id,
                       "text": r.text, "kind": r.kind, "cue": r.cue,
                       "sentence_idx": r.sentence_idx, "date": r.date})
    numbers = []
    for r in conn.execute(select(n).where(n.c.article_id == article_id).order_by(n.c.start)):
        marks.append(Mark("number", r.start, r.end, r.what, f"{r.what}: {r.value:g}"
                          + (f" {r.unit}" if r.unit else ""), r.id))
        numbers.append({"id": r.id, "what": r.what, "value": r.value, "unit": r.unit,
                        "qualifier": r.qualifier, "place": r.place, "date": r.date,
                        "text": r.text, "sentence_idx": r.sentence_idx})
    return ArticleMarks(sentences, marks,
                        sorted(ents.values(), key=lambda x: (-x["mentions"], x["name"])),
                        quotes, numbers)
