"""The ``summary`` section of a story: the brief stage's stored sentences, with citations."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from storyline.records import Article
from storyline.store import schema as S


def summary_section(conn: Connection, articles: list[Article]) -> list[dict[str, Any]]:
    """The story's brief, in reading order: each sentence verbatim from ``article_id``
    (sentence ``sentence_idx``, or its headline when that is None) and citing every
    article that states it (``article_ids``), with those articles' outlets (``sources``)
    and the quoted article's publish date. Empty until the brief stage has run."""
    story_id = next((a.story_id for a in articles if a.story_id), None)
    if story_id is None:
        return []
    t = S.story_briefs
    rows = conn.execute(select(t).where(t.c.story_id == story_id).order_by(t.c.idx)).all()
    by_id = {a.id: a for a in articles}
    out = []
    for r in rows:
        cited = [a for a in r.article_ids if a in by_id]  # an article since moved out: dropped
        if r.article_id not in by_id:
            continue
        sources: list[str] = []
        for a in cited:
            src = by_id[a].source
            if src and src not in sources:
                sources.append(src)
        out.append({"text": r.text, "article_ids": cited, "article_id": r.article_id,
                    "sentence_idx": r.sentence_idx, "sources": sources,
                    "published": by_id[r.article_id].published})
    return out
