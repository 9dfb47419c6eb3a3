"""The ``summary`` section of a story: the brief stage's stored sentences, with citations."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from storyline.records import Article
from storyline.store import schema as S


def summary_section(conn: Connection, articles: list[Article]) -> list[dict[str, Any]]:
    """The story's brief, in reading order: each sentence verbatim from ``article_id``
    (sentence ``sentence_idx``, or its headline when that is None), citing the articles
    that carry it word for word (``article_ids``: the quoted article, copies, a wire text
    several outlets ran) and those that state the same thing in their own words
    (``stated_by``), with all their outlets (``sources``) and the quoted article's publish
    date. Empty until the brief stage has run."""
    story_id = next((a.story_id for a in articles if a.story_id), None)
    if story_id is None:
        return []
    t = S.story_briefs
    rows = conn.execute(select(t).where(t.c.story_id == story_id).order_by(t.c.idx)).all()
    by_id = {a.id: a for a in articles}
    rows = [r for r in rows if r.article_id in by_id]
    stating = sorted({a for r in rows for a in r.article_ids if a in by_id and a != r.article_id})
    texts = _texts(conn, stating, by_id)
    out = []
    for r in rows:
        cited = [a for a in r.article_ids if a in by_id]  # an article since moved out: dropped
        said = _flat(r.text)
        verbatim = [a for a in cited
                    if a == r.article_id or any(said in x for x in texts.get(a, ()))]
        if r.article_id not in verbatim:
            verbatim.insert(0, r.article_id)
        sources: list[str] = []
        for a in cited:
            src = by_id[a].source
            if src and src not in sources:
                sources.append(src)
        out.append({"text": r.text, "article_ids": verbatim,
                    "stated_by": [a for a in cited if a not in verbatim],
                    "article_id": r.article_id, "sentence_idx": r.sentence_idx,
                    "sources": sources, "published": by_id[r.article_id].published})
    return out


def _flat(text: str) -> str:
    return " ".join(text.split())


def _texts(conn: Connection, ids: list[str], by_id: dict[str, Article]) -> dict[str, list[str]]:
    """Each article's sentences and title, spaces collapsed (to tell the articles that carry a
    brief sentence word for word from those that state it in their own words)."""
    out: dict[str, list[str]] = {a: [_flat(by_id[a].title or "")] for a in ids}
    s = S.sentences
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        for aid, text in conn.execute(select(s.c.article_id, s.c.text)
                                      .where(s.c.article_id.in_(part))):
            out[aid].append(_flat(text or ""))
    return out
