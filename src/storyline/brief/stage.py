"""The ``brief`` stage: each story's cited extractive brief, stored per story.

A story-level stage: it runs on every story whose articles or membership changed since it
last ran (a new article, a copy linked, an article re-enriched or updated, a merge, split
or recluster), reads the story's articles with the sentences the enrich stage stored
(:mod:`storyline.brief.inputs`), summarises them (:func:`storyline.brief.summarize.summarize`,
pure) and replaces the story's rows in ``story_briefs``. The export's ``summary`` section
and every brief view read those rows back (:mod:`storyline.store.queries.brief`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from sqlalchemy import Connection, delete, insert

from storyline.brief.inputs import read_brief_articles
from storyline.brief.summarize import summarize
from storyline.pipeline import StoryUnit
from storyline.records import BriefSentence
from storyline.settings import Settings
from storyline.store import Store
from storyline.store import schema as S
from storyline.store.runs import forget_retired_stories


def brief_rows(story_id: str, revision: int, brief: Sequence[BriefSentence]) -> list[dict[str, Any]]:
    return [{"story_id": story_id, "idx": n, "text": b.text, "article_id": b.article_id,
             "sentence_idx": b.sentence_idx, "article_ids": list(b.article_ids),
             "revision": revision} for n, b in enumerate(brief)]


class BriefStage:
    name: ClassVar[str] = "brief"
    unit: ClassVar[str] = "story"
    requires: ClassVar[tuple[str, ...]] = ("stories", "enrich")
    reads: ClassVar[tuple[str, ...]] = ("stories", "articles.title", "articles.published",
                                        "articles.source", "articles.duplicate_of", "sentences")
    writes: ClassVar[tuple[str, ...]] = ("story_briefs",)
    ordered: ClassVar[bool] = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._swept = False

    def run(self, store: Store, conn: Connection, units: Sequence[StoryUnit]) -> dict[str, str]:
        t = S.story_briefs
        ids = [u.id for u in units]
        conn.execute(delete(t).where(t.c.story_id.in_(ids)))
        rows: list[dict[str, Any]] = []
        for u in units:
            brief = summarize(read_brief_articles(conn, u.articles), self.settings.brief)
            rows.extend(brief_rows(u.id, u.revision, brief))
        if rows:
            conn.execute(insert(t), rows)
        if not self._swept:  # once a run: briefs of stories merged away or forgotten
            forget_retired_stories(conn, t)
            self._swept = True
        return {}

    def reset(self, store: Store, conn: Connection) -> None:
        """Forget every brief (``storyline reset brief``): the next run writes them again."""
        conn.execute(delete(S.story_briefs))
