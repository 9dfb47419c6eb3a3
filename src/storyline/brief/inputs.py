"""Read a story's articles from the store as the brief's input records (store code only)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select

from storyline.brief.summarize import BriefArticle
from storyline.store import Store
from storyline.store import schema as S


def brief_articles(store: Store, article_ids: Sequence[str]) -> list[BriefArticle]:
    """The articles ``article_ids`` with the sentences the enrich stage stored for them."""
    ids = list(dict.fromkeys(article_ids))
    sents: dict[str, list[tuple[int, str]]] = defaultdict(list)
    t = S.sentences
    with store.connect() as conn:
        for lo in range(0, len(ids), 500):
            q = select(t.c.article_id, t.c.idx, t.c.text).where(t.c.article_id.in_(ids[lo:lo + 500]))
            for aid, idx, text in conn.execute(q):
                sents[aid].append((int(idx), text))
    return [
        BriefArticle(
            id=a.id,
            source=a.source,
            published=a.published,
            title=a.title,
            sentences=tuple(sorted(sents.get(a.id, []))),
            duplicate_of=a.duplicate_of,
        )
        for a in store.articles(ids)
    ]
