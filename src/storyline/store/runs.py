"""Stage bookkeeping: which unit (an article, or a story) each stage has processed.

Per-article stages record one ``stage_runs`` row per (article, stage): done or failed.
Story-level stages record one ``story_runs`` row per (story, stage) with the story's
``revision`` at the time. A story's revision grows whenever its membership or one of
its articles changes (:func:`touch_stories`, :func:`bump_stories`), so a story-level
stage is pending for exactly the stories changed since it last ran on them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import (
    Connection,
    Table,
    and_,
    delete,
    exists,
    func,
    insert,
    not_,
    or_,
    select,
    update,
)

from storyline.store import schema as S
from storyline.store.rows import PUBLISH_ORDER
from storyline.timeorder import utcnow

_CHUNK = 500


def _chunks(ids: Sequence[str]) -> Iterable[list[str]]:
    for i in range(0, len(ids), _CHUNK):
        yield list(ids[i : i + _CHUNK])


# -- per-article units ---------------------------------------------------------------
def pending_articles(conn: Connection, stage: str, requires: Sequence[str] = (),
                     retry_failed: bool = False) -> list[str]:
    """Ids of articles not yet run through ``stage`` (or failed, with ``retry_failed``) whose
    required stages are done, in publish order."""
    a, r = S.articles, S.stage_runs
    settled = select(r.c.article_id).where(r.c.stage == stage)
    if retry_failed:
        settled = settled.where(r.c.status == "done")
    q = select(a.c.id).where(a.c.id.not_in(settled))
    for req in requires:
        q = q.where(a.c.id.in_(select(r.c.article_id).where(r.c.stage == req, r.c.status == "done")))
    q = q.order_by(*PUBLISH_ORDER)
    return list(conn.execute(q).scalars())


def unsettled_articles(conn: Connection, stage: str, ids: Sequence[str]) -> list[str]:
    """``ids`` less those ``stage`` is done with (another process ran it on them since they
    were listed), in the order given."""
    r = S.stage_runs
    done: set[str] = set()
    for part in _chunks(ids):
        done.update(conn.execute(select(r.c.article_id).where(
            r.c.stage == stage, r.c.status == "done", r.c.article_id.in_(part))).scalars())
    return [i for i in ids if i not in done]


def mark_articles(conn: Connection, stage: str, ids: Iterable[str], status: str = "done",
                  detail: str | None = None) -> None:
    ids = list(ids)
    if not ids:
        return
    r = S.stage_runs
    now = utcnow()
    for part in _chunks(ids):
        conn.execute(r.delete().where(r.c.stage == stage, r.c.article_id.in_(part)))
        conn.execute(insert(r), [{"article_id": i, "stage": stage, "status": status,
                                  "detail": detail, "at": now} for i in part])


def forget_articles(conn: Connection, ids: Sequence[str],
                    stages: Sequence[str] | None = None) -> None:
    """Make these articles pending again for ``stages`` (all stages when None)."""
    r = S.stage_runs
    for part in _chunks(ids):
        q = r.delete().where(r.c.article_id.in_(part))
        if stages is not None:
            q = q.where(r.c.stage.in_(list(stages)))
        conn.execute(q)


# -- story units -----------------------------------------------------------------------
def bump_stories(conn: Connection, story_ids: Iterable[str]) -> None:
    """Record that these stories changed: their story-level stages are pending again."""
    ids = sorted({s for s in story_ids if s})
    t = S.stories
    for part in _chunks(ids):
        conn.execute(update(t).where(t.c.id.in_(part)).values(revision=t.c.revision + 1))


def touch_stories(conn: Connection, article_ids: Sequence[str]) -> None:
    """The stories these articles belong to changed (an article was cleaned, enriched,
    linked as a copy or updated)."""
    a = S.articles
    found: set[str] = set()
    for part in _chunks(list(article_ids)):
        q = select(a.c.story_id).where(a.c.id.in_(part), a.c.story_id.is_not(None)).distinct()
        found.update(conn.execute(q).scalars())
    bump_stories(conn, found)


def pending_stories(conn: Connection, stage: str, article_requires: Sequence[str] = (),
                    retry_failed: bool = False) -> list[tuple[str, int]]:
    """(story id, revision) of the live stories ``stage`` has not run on at their current
    revision (a failure at the current revision is retried only with ``retry_failed``),
    whose articles have all been through ``article_requires`` (done or failed), in
    publish order of the stories."""
    t, r, a, sr = S.stories, S.story_runs, S.articles, S.stage_runs
    last = select(r.c.story_id, r.c.revision, r.c.status).where(r.c.stage == stage).subquery()
    stale = or_(last.c.story_id.is_(None), last.c.revision < t.c.revision)
    if retry_failed:
        stale = or_(stale, last.c.status == "failed")
    q = (select(t.c.id, t.c.revision)
         .select_from(t.outerjoin(last, last.c.story_id == t.c.id))
         .where(t.c.merged_into.is_(None), stale))
    for req in article_requires:
        unsettled = exists().where(
            a.c.story_id == t.c.id,
            not_(exists().where(and_(sr.c.article_id == a.c.id, sr.c.stage == req))),
        )
        q = q.where(not_(unsettled))
    q = q.order_by(t.c.first_published.is_(None), t.c.first_published, t.c.id)
    return [(sid, int(rev)) for sid, rev in conn.execute(q)]


def unsettled_stories(conn: Connection, stage: str,
                      units: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """``units`` less the stories ``stage`` is done with at their revision or a later one."""
    r = S.story_runs
    done: dict[str, int] = {}
    for i in range(0, len(units), _CHUNK):
        part = [sid for sid, _ in units[i : i + _CHUNK]]
        q = select(r.c.story_id, r.c.revision).where(r.c.stage == stage, r.c.status == "done",
                                                     r.c.story_id.in_(part))
        done.update({sid: int(rev) for sid, rev in conn.execute(q)})
    return [(sid, rev) for sid, rev in units if done.get(sid, -1) < rev]


def mark_stories(conn: Connection, stage: str, units: Sequence[tuple[str, int]],
                 status: str = "done", detail: str | None = None) -> None:
    if not units:
        return
    r = S.story_runs
    now = utcnow()
    for i in range(0, len(units), _CHUNK):
        part = units[i : i + _CHUNK]
        conn.execute(r.delete().where(r.c.stage == stage, r.c.story_id.in_([s for s, _ in part])))
        conn.execute(insert(r), [{"story_id": s, "stage": stage, "status": status,
                                  "revision": rev, "detail": detail, "at": now}
                                 for s, rev in part])


# -- both ------------------------------------------------------------------------------
def forget_retired_stories(conn: Connection, *tables: Table) -> None:
    """Delete the rows of ``tables`` (each keyed by ``story_id``) that belong to stories
    merged into others or gone (a recluster): what a story-level stage wrote for them."""
    st = S.stories
    for t in tables:
        live = select(st.c.id).where(st.c.id == t.c.story_id, st.c.merged_into.is_(None))
        conn.execute(delete(t).where(~live.exists()))


def forget_stage(conn: Connection, stage: str) -> None:
    """Make every unit pending again for ``stage``."""
    conn.execute(S.stage_runs.delete().where(S.stage_runs.c.stage == stage))
    conn.execute(S.story_runs.delete().where(S.story_runs.c.stage == stage))


def stage_counts(conn: Connection) -> dict[str, dict[str, int]]:
    """{stage: {status: units}} over articles and stories."""
    out: dict[str, dict[str, int]] = {}
    for r in (S.stage_runs, S.story_runs):
        q = select(r.c.stage, r.c.status, func.count()).group_by(r.c.stage, r.c.status)
        for stage, status, n in conn.execute(q):
            out.setdefault(stage, {})[status] = out.get(stage, {}).get(status, 0) + int(n)
    return out


def failures(conn: Connection, stage: str | None = None) -> list[tuple[str, str, str, str | None]]:
    """(unit kind, unit id, stage, detail) of every failed unit."""
    out: list[tuple[str, str, str, str | None]] = []
    for kind, r, col in (("article", S.stage_runs, S.stage_runs.c.article_id),
                         ("story", S.story_runs, S.story_runs.c.story_id)):
        q = select(col, r.c.stage, r.c.detail).where(r.c.status == "failed")
        if stage is not None:
            q = q.where(r.c.stage == stage)
        out.extend((kind, uid, st, detail) for uid, st, detail in conn.execute(q.order_by(col)))
    return out
