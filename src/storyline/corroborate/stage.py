"""The ``corroborate`` stage (story-level): for each changed story, its figures grouped by
quantity and judged (corroborated, single-source, conflicting), and its quotes grouped
across outlets with disputed speakers flagged.

Runs after ``enrich`` on every story whose articles or membership changed since it last
ran (a new article, a copy linked, an article enriched again, a merge or split); writes
``number_groups`` and ``quote_groups`` (with their members) anew for the story.

Events: the events stage runs before this one, and :meth:`events_of` links a figure to the
story event told in its sentence; a group whose linked figures name one event carries its
id. Events do not split groups: the events stage keeps two tellings apart when it cannot
tell they are one (a strike told with no party or place), and a toll reported by two
outlets must still meet in one group to be corroborated or disputed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from sqlalchemy import Connection

from storyline.corroborate import persist
from storyline.corroborate.numbers import Figure, group_numbers
from storyline.corroborate.quotes import group_quotes
from storyline.corroborate.reports import reports_of
from storyline.pipeline import StoryUnit
from storyline.settings import Settings
from storyline.store import Store
from storyline.store.queries.events import events_at, story_event_sentences


class CorroborateStage:
    name: ClassVar[str] = "corroborate"
    unit: ClassVar[str] = "story"
    requires: ClassVar[tuple[str, ...]] = ("dedupe", "stories", "enrich", "events")
    reads: ClassVar[tuple[str, ...]] = (
        "articles.source", "articles.published", "articles.duplicate_of", "articles.text",
        "numbers", "quotes",
        "entities.type", "story_events", "story_event_mentions",
    )
    writes: ClassVar[tuple[str, ...]] = (
        "number_groups", "number_group_members", "quote_groups", "quote_group_members",
    )
    ordered: ClassVar[bool] = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def run(self, store: Store, conn: Connection, units: Sequence[StoryUnit]) -> dict[str, str]:
        persist.clear_retired(conn)
        persist.clear_stories(conn, [u.id for u in units])
        for u in units:
            ids = [a.id for a in u.articles]
            reports = reports_of(u.articles)
            figures = persist.read_figures(conn, ids)
            events = self.events_of(conn, u, figures)
            numbers = group_numbers(figures, reports, self.settings.corroborate,
                                    texts={a.id: a.text for a in u.articles})
            for g in numbers:
                linked = {events[f.id] for f in g.figures if f.id in events}
                g.event_id = linked.pop() if len(linked) == 1 else None
            quotes = group_quotes(persist.read_quotes(conn, ids), reports,
                                  self.settings.corroborate)
            persist.write_story(conn, u.id, numbers, quotes)
        return {}

    def events_of(self, conn: Connection, unit: StoryUnit,
                  figures: Sequence[Figure]) -> dict[str, str]:
        """{figure id: event id} for the story's figures told in the sentence of exactly one
        of its events."""
        at = events_at(story_event_sentences(conn, unit.id))
        out: dict[str, str] = {}
        for f in figures:
            told = at.get((f.article_id, f.sentence_idx), [])
            if len(told) == 1:
                out[f.id] = told[0]
        return out

    def reset(self, store: Store, conn: Connection) -> None:
        persist.clear_all(conn)
