"""The ``dedupe`` stage: link exact and near-duplicate articles to one canonical article.

Every copy stays stored with its own outlet, URL and date; only ``duplicate_of`` is set
(on the copies) and cleared (on the canonical). The canonical of a group is its earliest
published article, then the smallest id, so the result does not depend on the order
articles arrive in: a later-ingested but earlier-published copy becomes the canonical
and the group is relinked to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from sqlalchemy import Connection, delete, update

from storyline.dedupe.index import DuplicateIndex, group_of, relink
from storyline.dedupe.text import content_hash, shingles, signature
from storyline.records import Article
from storyline.settings import Settings
from storyline.store import Store
from storyline.store import schema as S
from storyline.store.runs import touch_stories


class DedupeStage:
    name: ClassVar[str] = "dedupe"
    unit: ClassVar[str] = "article"
    requires: ClassVar[tuple[str, ...]] = ("clean",)
    reads: ClassVar[tuple[str, ...]] = ("articles.text", "articles.published_utc")
    writes: ClassVar[tuple[str, ...]] = (
        "articles.content_hash",
        "articles.duplicate_of",
        "dedupe_signatures",
        "dedupe_bands",
    )
    ordered: ClassVar[bool] = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.index = DuplicateIndex(settings.dedupe)

    def run(self, store: Store, conn: Connection, articles: Sequence[Article]) -> dict[str, str]:
        cfg = self.settings.dedupe
        for a in articles:
            chash = content_hash(a.text)
            store.update_article(conn, a.id, content_hash=chash)
            grams = shingles(a.text, cfg.shingle_size)
            sig = None
            if len(grams) >= cfg.min_shingles:
                sig = signature(grams, cfg.num_perm, cfg.seed)
            matches = self.index.matches(conn, a.id, chash, sig, len(grams))
            if sig is not None:
                self.index.add(conn, a.id, sig, len(grams))
            linked = relink(conn, a.id, matches)
            if linked is None and a.duplicate_of is not None:
                store.update_article(conn, a.id, duplicate_of=None)
            elif linked is not None:
                touch_stories(conn, group_of(conn, a.id))  # a copy linked: its stories changed
        return {}

    def reset(self, store: Store, conn: Connection) -> None:
        """Forget every link, hash and signature (``storyline reset dedupe``)."""
        a = S.articles
        conn.execute(update(a).values(duplicate_of=None, content_hash=None))
        conn.execute(delete(S.dedupe_bands))
        conn.execute(delete(S.dedupe_signatures))
