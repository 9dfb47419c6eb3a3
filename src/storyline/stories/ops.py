"""Story edits after the fact: merge, split and recluster, each recorded in ``story_log``."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from sqlalchemy import Connection, select, update

from storyline.errors import StorylineError
from storyline.settings import Settings
from storyline.store import Store
from storyline.store import schema as S
from storyline.store.locks import Lease
from storyline.store.runs import forget_stage
from storyline.stories.engine import Engine, Story, Vocabulary
from storyline.stories.persist import load_story, log, write_story


class StoryEditError(StorylineError):
    """A merge or split that cannot be done (unknown story, bad article list)."""


def _story(conn: Connection, story_id: str) -> Story:
    row = conn.execute(select(S.stories.c.merged_into).where(S.stories.c.id == story_id)).first()
    if row is None:
        raise StoryEditError(f"no story with id {story_id!r}")
    if row[0] is not None:
        raise StoryEditError(f"story {story_id!r} was merged into {row[0]!r}")
    s = load_story(conn, story_id)
    assert s is not None
    return s


def _vocab(conn: Connection) -> Vocabulary:
    df = {t: int(n) for t, n in conn.execute(select(S.story_terms.c.term, S.story_terms.c.df))}
    n = conn.execute(select(S.story_meta.c.value).where(S.story_meta.c.key == "n")).scalar()
    return Vocabulary(df, int(n or 0))


def merge_stories(store: Store, settings: Settings, keep_id: str, gone_id: str,
                  reason: str | None = None) -> Story:
    """Fold story ``gone_id`` into ``keep_id``: its articles move, it is marked merged."""
    if keep_id == gone_id:
        raise StoryEditError("cannot merge a story into itself")
    with Lease(store, wait=settings.lease_wait), store.begin() as conn:
        keep, gone = _story(conn, keep_id), _story(conn, gone_id)
        Engine(settings.cluster).merge(keep, gone)
        a = S.articles
        conn.execute(update(a).where(a.c.story_id == gone_id).values(story_id=keep_id))
        write_story(conn, keep)
        write_story(conn, gone, merged_into=keep_id)
        log(conn, "merge", keep_id, other_id=gone_id, detail=reason or "manual")
    return keep


def split_story(store: Store, settings: Settings, story_id: str, article_ids: Sequence[str],
                reason: str | None = None) -> str:
    """Move ``article_ids`` out of ``story_id`` into a new story; both are rebuilt from
    their articles under the current vocabulary. Returns the new story's id."""
    from storyline.stories.stage import batch_features

    wanted = sorted(set(article_ids))
    with Lease(store, wait=settings.lease_wait), store.begin() as conn:
        _story(conn, story_id)
        members = store.articles(conn=conn, story_id=story_id)
        ids = {m.id for m in members}
        if not wanted or not set(wanted) <= ids:
            raise StoryEditError(f"articles {sorted(set(wanted) - ids)} are not in {story_id}")
        if set(wanted) == ids:
            raise StoryEditError("a split must leave at least one article in the story")
        digest = hashlib.sha1(("split|" + story_id + "|" + ",".join(wanted)).encode()).hexdigest()
        new_id = "s" + digest[:12]
        engine = Engine(settings.cluster, _vocab(conn))
        old, new = Story(story_id), Story(new_id)
        for m, f in zip(members, batch_features(members, settings), strict=True):  # publish order
            tv, ev = engine.vectors(f, learn=False)
            emb = f.embedding
            if m.duplicate_of:  # as online: a copy does not re-weight its story
                tv, ev, emb = {}, {}, None
            engine.add(new if m.id in wanted else old, f, tv, ev, emb)
        a = S.articles
        conn.execute(update(a).where(a.c.id.in_(wanted)).values(story_id=new_id))
        write_story(conn, old, recount=True)
        write_story(conn, new, recount=True)
        log(conn, "split", story_id, other_id=new_id, detail=(reason or "manual") + ": "
            + ",".join(wanted))
    return new_id


def recluster(store: Store, settings: Settings,
              progress: Callable[[str, int, int], None] | None = None) -> int:
    """Forget every story and cluster all articles again, in publish order, from an
    empty engine: the same store always gives the same stories (and ids). Every story is
    new, so the story-level stages run on all of them at the next run."""
    from storyline.pipeline import run_stages
    from storyline.stories.stage import StoriesStage

    with Lease(store, wait=settings.lease_wait):
        with store.begin() as conn:
            StoriesStage(settings).reset(store, conn)
            forget_stage(conn, "stories")
        [report] = run_stages(store, settings, ["stories"], progress=progress)
        with store.begin() as conn:
            n = conn.execute(select(S.stories.c.id).where(S.stories.c.merged_into.is_(None))).all()
            log(conn, "recluster", "*", detail=f"{report.processed} articles, {len(n)} stories")
    return len(n)
