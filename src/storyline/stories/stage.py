"""The ``stories`` stage: each article, in publish order, joins a story or opens one.

Runs after ``dedupe`` (a copy joins its canonical's story without re-weighting it) and
before ``enrich``: entities come from a capitalised-phrase proxy, so clustering does not
wait for the NLP pipeline. The engine is loaded once per run from the store (active
stories and the vocabulary) and written back every batch, in the batch's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from sqlalchemy import Connection, delete, select, update

from storyline.dedupe.index import group_of
from storyline.records import Article
from storyline.settings import Settings
from storyline.store import Store
from storyline.store import schema as S
from storyline.stories.embeddings import attach, check_available
from storyline.stories.engine import Assignment, Engine, Story, vocabulary_keys
from storyline.stories.features import Features, featurise
from storyline.stories.persist import (
    fetch_vocabulary,
    load_engine,
    load_stories_near,
    load_story,
    log,
    log_assignment,
    save_engine,
    write_story,
)
from storyline.timeorder import utc_days


class StoriesStage:
    name: ClassVar[str] = "stories"
    unit: ClassVar[str] = "article"
    requires: ClassVar[tuple[str, ...]] = ("clean", "dedupe")
    reads: ClassVar[tuple[str, ...]] = (
        "articles.title", "articles.text", "articles.published_utc", "articles.duplicate_of",
        "articles.story_id",
    )
    writes: ClassVar[tuple[str, ...]] = (
        "articles.story_id", "stories", "story_log", "story_terms", "story_meta",
    )
    ordered: ClassVar[bool] = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine: Engine | None = None
        if settings.cluster.embeddings:
            check_available()  # a missing extra fails the run up front, not every article

    def run(self, store: Store, conn: Connection, articles: Sequence[Article]) -> dict[str, str]:
        try:
            return self._run(conn, articles)
        except Exception:
            self.engine = None  # the transaction rolls back: reload the committed state
            raise

    def _run(self, conn: Connection, articles: Sequence[Article]) -> dict[str, str]:
        if self.engine is None:
            self.engine = load_engine(conn, self.settings.cluster)
        engine = self.engine
        articles = _not_placed(conn, articles)
        feats = batch_features(articles, self.settings)
        fetch_vocabulary(conn, engine.vocab, (k for f in feats for k in vocabulary_keys(f)))
        for a, f in zip(articles, feats, strict=True):
            target = _group_story(conn, a)
            if target is not None:
                # a story retired earlier in this batch is in ``changed``, not yet in the store
                story = (engine.active.get(target) or engine.changed.get(target)
                         or load_story(conn, target))
                res = engine.join(story, f) if story is not None else engine.assign(f)
            else:
                engine.expire(f.time)
                self._recall(conn, engine, f.time)
                res = engine.assign(f, tick=False)
            self._record(conn, engine, res)
        save_engine(conn, engine, [engine.changed[sid] for sid in sorted(engine.changed)])
        return {}

    def reset(self, store: Store, conn: Connection) -> None:
        """Forget every story (``storyline reset stories``, ``recluster``): the next run
        clusters every article again, in publish order, from an empty engine."""
        conn.execute(update(S.articles).values(story_id=None))
        for t in (S.story_runs, S.stories, S.story_terms, S.story_meta):
            conn.execute(delete(t))
        self.engine = None

    def _recall(self, conn: Connection, engine: Engine, t: float | None) -> None:
        """A late article (older than the dormancy gap before the clock) gets back the stories
        of its own time; the next article's clock tick retires them again."""
        cfg = self.settings.cluster
        if t is None or engine.now is None or t >= engine.now - cfg.max_gap_days:
            return
        near = {s.id: s for s in load_stories_near(conn, t, cfg)}
        for sid, s in engine.changed.items():  # this batch's versions are newer than the store's
            if sid in near or s.gap(t) <= cfg.max_gap_days:
                near[sid] = s
        for sid in sorted(near):
            if sid not in engine.active:
                engine.activate(near[sid])

    def _record(self, conn: Connection, engine: Engine, res: Assignment) -> None:
        a = S.articles
        conn.execute(update(a).where(a.c.id == res.article_id).values(story_id=res.story_id))
        log_assignment(conn, res)
        for keep, gone, sim in engine.merges:
            conn.execute(update(a).where(a.c.story_id == gone).values(story_id=keep))
            story = load_story(conn, gone) or Story(gone)
            write_story(conn, story, merged_into=keep)
            log(conn, "merge", keep, other_id=gone, article_id=res.article_id, score=sim,
                detail="online: an article matched both stories")
        engine.merges.clear()


def batch_features(articles: Sequence[Article], settings: Settings) -> list[Features]:
    """Features of a batch; with embeddings on, one batched model call for the batch."""
    return attach([features_for(a, settings) for a in articles],
                  [(a.title, a.text) for a in articles], settings.cluster)


def features_for(a: Article, settings: Settings) -> Features:
    """Clustering features: title and text (a headline-only article is its title alone),
    at its true publish time."""
    c = settings.cluster
    text = "" if a.headline_only else a.text
    return featurise(a.id, a.title, text, utc_days(a.published_utc), c.title_weight,
                     c.lead_weight, c.lead_words, published=a.published_utc)


def _not_placed(conn: Connection, articles: Sequence[Article]) -> list[Article]:
    """The articles not already in a live story (an updated article keeps its story)."""
    placed = [a.story_id for a in articles if a.story_id]
    if not placed:
        return list(articles)
    t = S.stories
    live = set(conn.execute(select(t.c.id).where(t.c.id.in_(placed),
                                                 t.c.merged_into.is_(None))).scalars())
    return [a for a in articles if a.story_id not in live]


def _group_story(conn: Connection, a: Article) -> str | None:
    """The story another member of the article's duplicate group is already in (canonical's
    first), or None."""
    group = group_of(conn, a.id)
    others = [m for m in group if m != a.id]
    if not others:
        return None
    t = S.articles
    got = dict(conn.execute(select(t.c.id, t.c.story_id).where(t.c.id.in_(others))).all())
    for m in others:
        if got.get(m):
            return str(got[m])
    return None
