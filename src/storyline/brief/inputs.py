"""Read a story's articles from the store as the brief's input records (store code only)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Connection, select

from storyline.brief.summarize import BriefArticle
from storyline.records import Article
from storyline.store import Store
from storyline.store import schema as S


def sentences_of(conn: Connection, article_ids: Sequence[str]) -> dict[str, list[tuple[int, str]]]:
    """The sentences the enrich stage stored for each article, as ``(idx, text)`` in order."""
    ids = list(dict.fromkeys(article_ids))
    sents: dict[str, list[tuple[int, str]]] = defaultdict(list)
    t = S.sentences
    for lo in range(0, len(ids), 500):
        q = select(t.c.article_id, t.c.idx, t.c.text).where(t.c.article_id.in_(ids[lo:lo + 500]))
        for aid, idx, text in conn.execute(q):
            sents[aid].append((int(idx), text))
    return {a: sorted(v) for a, v in sents.items()}


def to_brief_articles(articles: Sequence[Article],
                      sentences: dict[str, list[tuple[int, str]]]) -> list[BriefArticle]:
    return [
        BriefArticle(
            id=a.id,
            source=a.source,
            published=a.published,
            title=a.title,
            sentences=tuple(sentences.get(a.id, [])),
            duplicate_of=a.duplicate_of,
        )
        for a in articles
    ]


def read_brief_articles(conn: Connection, articles: Sequence[Article]) -> list[BriefArticle]:
    """``articles`` with their stored sentences, read inside ``conn``'s transaction."""
    return to_brief_articles(articles, sentences_of(conn, [a.id for a in articles]))


def brief_articles(store: Store, article_ids: Sequence[str]) -> list[BriefArticle]:
    """The articles ``article_ids`` with the sentences the enrich stage stored for them."""
    ids = list(dict.fromkeys(article_ids))
    with store.connect() as conn:
        sents = sentences_of(conn, ids)
    return to_brief_articles(store.articles(ids), sents)
