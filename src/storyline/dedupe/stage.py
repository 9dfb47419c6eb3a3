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

from sqlalchemy import Connection

from storyline.dedupe.index import DuplicateIndex, relink
from storyline.dedupe.text import content_hash, shingles, signature
from storyline.records import Article
from storyline.settings import Settings
from storyline.store import Store


class DedupeStage:
    name: ClassVar[str] = "dedupe"
    requires: ClassVar[tuple[str, ...]] = ("clean",)
    reads: ClassVar[tuple[str, ...]] = ("articles.text", "articles.published")
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
            if relink(conn, a.id, matches) is None and a.duplicate_of is not None:
                store.update_article(conn, a.id, duplicate_of=None)
        return {}
