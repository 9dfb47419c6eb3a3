"""The Python API: the reads and commands every interface (CLI, export, REST API, web UI)
calls, over one open :class:`~storyline.store.Store`.

Reads come from the query layer (:mod:`storyline.store.queries`) and return typed
records or export-contract documents; commands run the pipeline or edit stories. Errors
are :class:`~storyline.errors.StorylineError` subclasses with a message for the user.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TextIO

from storyline.errors import NotFoundError
from storyline.ingest.runner import IngestReport
from storyline.ingest.runner import ingest as _ingest
from storyline.parallel.executors import Executor, open_executor
from storyline.pipeline import ProgressFn, StageReport, reset_stage, run_stages, stage_names
from storyline.records import Article
from storyline.settings import Settings
from storyline.store import Store
from storyline.store import queries as Q
from storyline.store.runs import failures as _failures
from storyline.stories import ops

__all__ = [
    "article_marks", "export", "open_executor", "find_entities", "get_article", "get_brief", "get_story", "ingest", "ingest_body",
    "list_articles", "list_stories", "merge_stories", "process", "recluster", "reset",
    "split_story", "stats", "story_facts",
]


# -- reads ---------------------------------------------------------------------------
def list_stories(store: Store, filters: Q.StoryFilter | None = None, limit: int | None = None,
                 offset: int = 0, order: str = "recent",
                 after: tuple[str | None, str] | None = None) -> Q.Page[Q.StorySummary]:
    with store.connect() as conn:
        return Q.list_stories(conn, filters, limit, offset, order, after)


def get_story(store: Store, story_id: str) -> dict[str, Any]:
    """One story in the export contract's shape."""
    with store.connect() as conn:
        try:
            doc = Q.story_document(conn, story_id)
        except Q.StoryMerged as e:
            raise NotFoundError(f"story {story_id} was merged into {e.into}") from e
    if doc is None:
        raise NotFoundError(f"no story with id {story_id!r}")
    return doc


def get_brief(store: Store, story_id: str,
              story: dict[str, Any] | None = None) -> dict[str, Any]:
    """The story's brief as a document (:mod:`storyline.brief.document`): the cited summary
    the brief stage stored, key events, a dated timeline, quotes by speaker, numbers with
    their status, positions by actor, places and coverage by outlet. ``story``: the
    story's export document when the caller has it (read now, or kept from a read no older
    than the store's last change to the story); built here otherwise, and whenever the
    story's articles no longer match it."""
    from storyline.brief.document import brief_document

    with store.connect() as conn:
        if story is not None:
            members = {a.id: a for a in Q.story_articles(conn, story_id)}
            if set(story["article_ids"]) == set(members):
                return brief_document(story, [Q.article_document(members[a])
                                              for a in story["article_ids"]])
        try:
            doc = Q.story_document(conn, story_id)
        except Q.StoryMerged as e:
            raise NotFoundError(f"story {story_id} was merged into {e.into}") from e
        if doc is None:
            raise NotFoundError(f"no story with id {story_id!r}")
        arts = [Q.article_document(a) for a in Q.story_articles(conn, story_id)]
    return brief_document(doc, arts)


def story_title(store: Store, story_id: str) -> str | None:
    with store.connect() as conn:
        return Q.story_title(conn, story_id)
def story_facts(store: Store, story_id: str) -> dict[str, Any]:
    """A story's events, figures (conflicts first), quotes by speaker and positions."""
    from storyline.store.queries.facts import story_facts as facts

    return facts(get_story(store, story_id))


def story_articles(store: Store, story_id: str) -> list[Article]:
    with store.connect() as conn:
        return Q.story_articles(conn, story_id)


def get_article(store: Store, article_id: str, revisions: bool = False) -> Q.ArticleView:
    with store.connect() as conn:
        view = Q.get_article(conn, article_id, revisions)
    if view is None:
        raise NotFoundError(f"no article with id {article_id!r}")
    return view


def list_articles(store: Store, story_id: str | None = None, limit: int | None = None,
                  offset: int = 0) -> list[Article]:
    with store.connect() as conn:
        return Q.list_articles(conn, story_id, limit, offset)


def article_marks(store: Store, article_id: str) -> Q.ArticleMarks:
    """The article's sentences and what the enrich stage marked in its text."""
    with store.connect() as conn:
        return Q.article_marks(conn, article_id)


def find_entities(store: Store, q: str, type_: str | None = None,
                  limit: int = 50) -> list[Q.EntitySummary]:
    with store.connect() as conn:
        return Q.find_entities(conn, q, type_, limit)


def stats(store: Store) -> dict[str, Any]:
    """Row counts per table and units per stage and status."""
    counts = store.table_counts()
    stage_counts = store.stage_counts()
    return {"tables": counts,
            "stages": {s: stage_counts.get(s, {}) for s in stage_names()}}


def failures(store: Store, stage: str | None = None) -> list[tuple[str, str, str, str | None]]:
    """(unit kind, unit id, stage, reason) of every failed unit."""
    with store.connect() as conn:
        return _failures(conn, stage)


def export(store: Store, fmt: str, out: TextIO, progress: ProgressFn | None = None) -> None:
    """The store in ``fmt`` (json, jsonl, csv) on ``out``, streamed; ``progress`` is told
    ("articles"/"stories", done, total) as it goes."""
    from storyline.export import WRITERS

    WRITERS[fmt](store, out, progress)


# -- commands ------------------------------------------------------------------------
def ingest(store: Store, specs: list[str], settings: Settings, stages: list[str] | None = None,
           progress: ProgressFn | None = None,
           on_wait: Callable[[str], None] | None = None,
           executor: Executor | None = None) -> IngestReport:
    """Ingest ``specs`` and run ``stages``; ``executor`` (see :func:`open_executor`): where
    the per-article work runs (default: this process)."""
    return _ingest(store, specs, settings, stages, on_stage=progress, on_wait=on_wait,
                   executor=executor)


def ingest_body(store: Store, body: bytes, kind: str, settings: Settings,
                label: str = "api", stages: list[str] | None = None) -> IngestReport:
    """Ingest a request body (``kind``: jsonl for a JSON record or JSON lines, html, text)."""
    from storyline.ingest.upload import ingest_body as _ingest_body

    return _ingest_body(store, body, kind, settings, label, stages)


def process(store: Store, settings: Settings, stages: Sequence[str] | None = None,
            retry_failed: bool = False, progress: ProgressFn | None = None,
            on_wait: Callable[[str], None] | None = None,
            executor: Executor | None = None) -> list[StageReport]:
    return run_stages(store, settings, stages, progress, retry_failed, on_wait, executor)


def reset(store: Store, settings: Settings, stage: str) -> list[str]:
    return reset_stage(store, settings, stage)


def merge_stories(store: Store, settings: Settings, keep_id: str, other_id: str,
                  reason: str | None = None) -> None:
    ops.merge_stories(store, settings, keep_id, other_id, reason)


def split_story(store: Store, settings: Settings, story_id: str, article_ids: Sequence[str],
                reason: str | None = None) -> str:
    return ops.split_story(store, settings, story_id, article_ids, reason)


def recluster(store: Store, settings: Settings, progress: ProgressFn | None = None) -> int:
    return ops.recluster(store, settings, progress)
