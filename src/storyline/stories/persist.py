"""Engine state in the store: vocabulary (story_terms, story_meta), stories and their log.

Only the stories that can still absorb an article (updated within ``max_gap_days`` of
the latest article seen, counted in days with news) are loaded, so loading cost follows the active window, not
the store's size.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storyline.settings import ClusterSettings
from storyline.store import schema as S
from storyline.store.core import utcnow
from storyline.stories.engine import Assignment, Engine, Story, Vocabulary
from storyline.stories.newsdays import NewsDays
from storyline.timeorder import utc_days


def from_days(days: float) -> str:
    return dt.datetime.fromtimestamp(days * 86400.0, dt.UTC).date().isoformat()


def _upsert(conn: Connection, table: Any, rows: list[dict[str, Any]], key: str,
            cols: Sequence[str]) -> None:
    if not rows:
        return
    ins = pg_insert(table) if conn.dialect.name == "postgresql" else sqlite_insert(table)
    stmt = ins.on_conflict_do_update(index_elements=[key],
                                     set_={c: getattr(ins.excluded, c) for c in cols})
    for i in range(0, len(rows), 500):
        conn.execute(stmt, rows[i : i + 500])


def _meta(conn: Connection) -> dict[str, str]:
    return {k: v for k, v in conn.execute(select(S.story_meta.c.key, S.story_meta.c.value))}


def load_engine(conn: Connection, cfg: ClusterSettings) -> Engine:
    """The engine with the active stories and the clock; the vocabulary starts empty and
    is read per batch, for the keys the batch uses (:func:`fetch_vocabulary`), so a run's
    set-up does not grow with the store's vocabulary."""
    meta = _meta(conn)
    now = float(meta["now"]) if "now" in meta else None
    days = (NewsDays.from_state(json.loads(meta["days"])) if "days" in meta
            else _news_days(conn))
    engine = Engine(cfg, Vocabulary({}, int(meta.get("n", 0))), now, days)
    t = S.stories
    q = select(t.c.id, t.c.state).where(t.c.merged_into.is_(None))
    if now is not None:
        earliest = days.earliest_within(now, cfg.max_gap_days)
        if math.isfinite(earliest):
            q = q.where(or_(t.c.last_published.is_(None),
                            t.c.last_published >= from_days(earliest)))
    for sid, state in conn.execute(q.order_by(t.c.updated_at, t.c.id)):
        s = Story.from_state(sid, state or {})
        if now is None or s.last is None or engine.gap(s, now) <= cfg.max_gap_days:
            engine.activate(s)
    return engine


def _news_days(conn: Connection) -> NewsDays:
    """The days with news of a store written before the engine kept them: the publish
    days of the articles already in stories."""
    a = S.articles
    q = (select(func.substr(a.c.published_utc, 1, 10)).distinct()
         .where(a.c.story_id.is_not(None), a.c.published_utc.is_not(None)))
    return NewsDays(math.floor(t) for t in (utc_days(d) for d in conn.execute(q).scalars())
                    if t is not None)


def fetch_vocabulary(conn: Connection, vocab: Vocabulary, keys: Iterable[str],
                     chunk: int = 500) -> None:
    """Read the stored document frequency of every key not yet in ``vocab`` (0 for a key
    the store has not seen), in indexed look-ups of ``chunk`` keys."""
    missing = sorted({k for k in keys if k not in vocab.df})
    term, df = S.story_terms.c.term, S.story_terms.c.df
    for i in range(0, len(missing), chunk):
        part = missing[i:i + chunk]
        got = dict(conn.execute(select(term, df).where(term.in_(part))).all())
        for k in part:
            vocab.df[k] = int(got.get(k, 0))


def load_stories_near(conn: Connection, t: float, cfg: ClusterSettings,
                      limit: int = 2000) -> list[Story]:
    """Stories whose span lies within ``max_gap_days`` of day ``t`` (for a late article,
    published long before the engine's clock), most recently updated first."""
    st = S.stories
    lo, hi = from_days(t - cfg.max_gap_days - 1), from_days(t + cfg.max_gap_days + 1)
    q = (select(st.c.id, st.c.state)
         .where(st.c.merged_into.is_(None), st.c.last_published >= lo,
                st.c.first_published <= hi + "\uffff")
         .order_by(st.c.last_published.desc(), st.c.id).limit(limit))
    out = []
    for sid, state in conn.execute(q):
        s = Story.from_state(sid, state or {})
        if s.gap(t) <= cfg.max_gap_days:
            out.append(s)
    return out


def load_story(conn: Connection, story_id: str) -> Story | None:
    state = conn.execute(select(S.stories.c.state).where(S.stories.c.id == story_id)).scalar()
    return None if state is None else Story.from_state(story_id, state)


def save_engine(conn: Connection, engine: Engine, stories: Iterable[Story]) -> None:
    """Write the vocabulary delta, the clock and the given stories' rows."""
    v = engine.vocab
    _upsert(conn, S.story_terms, [{"term": k, "df": v.df[k]} for k in sorted(v.dirty)],
            "term", ["df"])
    v.dirty.clear()
    meta = [{"key": "n", "value": str(v.n)}]
    if engine.now is not None:
        meta.append({"key": "now", "value": repr(engine.now)})
    meta.append({"key": "days", "value": json.dumps(engine.days.to_state())})
    _upsert(conn, S.story_meta, meta, "key", ["value"])
    for s in stories:
        write_story(conn, s)
    engine.changed.clear()


def write_story(conn: Connection, s: Story, merged_into: str | None = None,
                recount: bool = False) -> None:
    """Write a story's row; ``recount`` takes its dates from its articles (after a split)."""
    a, t = S.articles, S.stories
    first, last = s.first_published, s.last_published
    if recount or merged_into is not None or first is None:
        first, last = conn.execute(
            select(func.min(a.c.published_utc), func.max(a.c.published_utc))
            .where(a.c.story_id == s.id)
        ).one()
        s.first_published, s.last_published = first, last
    now = utcnow()
    row = {"id": s.id, "title": s.title or "", "first_published": first, "last_published": last,
           "updated_at": now, "merged_into": merged_into, "state": _jsonable(s.to_state())}
    # every write is a change of membership or content: story-level stages run again on it
    done = conn.execute(update(t).where(t.c.id == s.id)
                        .values(**row, revision=t.c.revision + 1)).rowcount
    if not done:
        conn.execute(insert(t), {**row, "created_at": now, "revision": 1})


def _jsonable(state: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(state))


def log(conn: Connection, action: str, story_id: str, other_id: str | None = None,
        article_id: str | None = None, score: float | None = None,
        detail: str | None = None) -> None:
    conn.execute(insert(S.story_log), {
        "action": action, "story_id": story_id, "other_id": other_id, "article_id": article_id,
        "score": score, "detail": detail, "at": utcnow(),
    })


def log_assignment(conn: Connection, a: Assignment) -> None:
    log(conn, "open" if a.opened else "join", a.story_id, article_id=a.article_id, score=a.score,
        detail=None if a.opened or a.score is not None else "duplicate of a member")
