"""The ``clean`` stage: raw body -> main text, title, date, outlet, language."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import ClassVar

from sqlalchemy import Connection

from storyline.clean.article import clean_article
from storyline.clean.repeated import RepeatedLines
from storyline.limits import TimeLimitExceeded, time_limit
from storyline.metadata import source_from_url
from storyline.records import Article
from storyline.settings import Settings
from storyline.store import Store

log = logging.getLogger(__name__)


class CleanStage:
    name: ClassVar[str] = "clean"
    unit: ClassVar[str] = "article"
    requires: ClassVar[tuple[str, ...]] = ()
    reads: ClassVar[tuple[str, ...]] = (
        "articles.body", "articles.body_kind", "articles.title", "articles.url", "line_counts",
    )
    writes: ClassVar[tuple[str, ...]] = (
        "articles.text",
        "articles.title",
        "articles.published",
        "articles.source",
        "articles.language",
        "articles.headline_only",
        "articles.metadata.clean",
        "line_counts",
    )
    ordered: ClassVar[bool] = False

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def run(self, store: Store, conn: Connection, articles: Sequence[Article]) -> dict[str, str]:
        """Clean each article; one that fails (an error, or past ``max_article_seconds``)
        is failed alone, its writes rolled back to its savepoint, and the rest go on."""
        failed: dict[str, str] = {}
        repeated = RepeatedLines(conn, self.settings.clean)
        for a in articles:
            try:
                with conn.begin_nested():
                    why = self._clean(store, conn, a, repeated)
            except (Exception, TimeLimitExceeded) as e:  # one article's failure is its own
                log.debug("clean failed on %s", a.id, exc_info=True)
                why = f"{type(e).__name__}: {e}"
            if why:
                failed[a.id] = why
        return failed

    def _clean(self, store: Store, conn: Connection, a: Article,
               repeated: RepeatedLines) -> str | None:
        """Clean one article; the reason it cannot be, or None."""
        if a.headline_only:  # its text is its headline
            title = a.title or " ".join(a.body.split())
            store.update_article(conn, a.id, text=title, title=title,
                                 source=a.source or source_from_url(a.url))
            return None
        with time_limit(self.settings.max_article_seconds, f"cleaning article {a.id}"):
            res = clean_article(a, self.settings.clean, repeated)
        metadata = dict(a.metadata)
        if not res.text.strip():
            found = a.title or res.title
            if not found:
                return (f"no main text and no title found in {a.input}"
                        + (f":{a.line}" if a.line else ""))
            # a page with a headline and no body text: a headline-only article
            metadata["clean"] = {"removed": list(res.removed_lines), "no_body": True}
            store.update_article(conn, a.id, text=found, title=found, headline_only=True,
                                 published=a.published or res.published,
                                 source=a.source or res.source or source_from_url(a.url),
                                 metadata=metadata)
            return None
        metadata["clean"] = {"removed": list(res.removed_lines)}
        if res.language and res.language != "en":
            metadata["clean"]["non_english"] = True
        store.update_article(
            conn,
            a.id,
            text=res.text,
            title=a.title or res.title,
            published=a.published or res.published,
            source=a.source or res.source or source_from_url(a.url),
            language=res.language,
            metadata=metadata,
        )
        return None
