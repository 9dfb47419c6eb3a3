"""The ``clean`` stage: raw body -> main text, title, date, outlet, language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from sqlalchemy import Connection

from storyline.clean.article import clean_article
from storyline.records import Article
from storyline.settings import Settings
from storyline.store import Store


class CleanStage:
    name: ClassVar[str] = "clean"
    requires: ClassVar[tuple[str, ...]] = ()
    reads: ClassVar[tuple[str, ...]] = ("articles.body", "articles.body_kind", "articles.title")
    writes: ClassVar[tuple[str, ...]] = (
        "articles.text",
        "articles.title",
        "articles.published",
        "articles.source",
        "articles.language",
    )
    ordered: ClassVar[bool] = False

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def run(self, store: Store, conn: Connection, articles: Sequence[Article]) -> dict[str, str]:
        failed: dict[str, str] = {}
        for a in articles:
            res = clean_article(a)
            if not res.text.strip():
                failed[a.id] = f"no main text found in {a.input}" + (f":{a.line}" if a.line else "")
            store.update_article(
                conn,
                a.id,
                text=res.text,
                title=a.title or res.title,
                published=a.published or res.published,
                source=a.source or res.source,
                language=res.language,
            )
        return failed
