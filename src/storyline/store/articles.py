"""Storing articles: new ones, the same one again, updates with revisions, id collisions.

An id given by the input is the article's id (SPEC, "Input for a run"). When that id
is already stored:

- the same content again (same body, whitespace and case aside, and the same title)
  adds nothing;
- the same origin (the same URL; else the same outlet; else, with neither known, the
  same input file) with new content is an **update**: the stored version is kept in
  ``article_revisions``, the article takes the new one, and every stage runs on it
  again (its duplicate links are undone and re-found, its story keeps it);
- another origin is a **different article**: it is stored under a derived id
  (``<id>~<8 hex digits of its origin>``, stable, so the same input maps to the same
  derived id next time) and reported, never dropped.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, func, insert, or_, select, update

from storyline.outlets import outlet_key
from storyline.records import ArticleDraft, IngestProblem
from storyline.store import schema as S
from storyline.store.runs import forget_articles, touch_stories
from storyline.store.serial import serialise
from storyline.timeorder import utc_key, utcnow
from storyline.urls import normalise_url

Status = Literal["added", "same", "updated", "renamed"]


@dataclass(frozen=True, slots=True)
class Stored:
    """What happened to one draft: ``id`` is where it is stored (``given_id`` unless renamed)."""

    given_id: str
    id: str
    status: Status
    draft: ArticleDraft


_WS = re.compile(r"\s+")
_COLUMNS = ("id", "input", "line", "body", "body_kind", "text", "source", "url", "title",
            "published", "metadata", "ingested_at", "story_id", "duplicate_of")


def _norm(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip().casefold()


def same_content(row: Any, d: ArticleDraft) -> bool:
    """The stored row already holds this draft: same body (whitespace and case aside), and
    the draft's title, when it gives one, is the stored title."""
    if _norm(row.body) != _norm(d.body):
        return False
    return not d.title or _norm(d.title) == _norm(row.title)


def origin(url: str | None, source: str | None, where: str) -> str:
    """What identifies where an article came from: its URL, else its outlet, else its input."""
    if url:
        try:
            return "url:" + normalise_url(url)
        except ValueError:
            return "url:" + url.strip()
    key = outlet_key(source)
    return f"outlet:{key}" if key else f"input:{where}"


def same_origin(row: Any, d: ArticleDraft) -> bool:
    """Two versions of one article: the same URL when both have one; else the same outlet
    when both name one; else, when neither has a URL or an outlet, the same input."""
    if row.url and d.url:
        return origin(row.url, None, "") == origin(d.url, None, "")
    old, new = outlet_key(row.source), outlet_key(d.source)
    if old and new:
        return old == new
    if not (row.url or d.url or row.source or d.source):
        return bool(row.input == d.input)
    return False


def derived_id(given: str, d: ArticleDraft) -> str:
    digest = hashlib.sha1(origin(d.url, d.source, d.input).encode("utf-8", "replace"))
    return f"{given}~{digest.hexdigest()[:8]}"


def _row_values(aid: str, d: ArticleDraft, now: str) -> dict[str, Any]:
    return {
        "id": aid, "input": d.input, "line": d.line, "body": d.body, "body_kind": d.body_kind,
        "encoding": d.encoding, "text": "", "source": d.source, "outlet": outlet_key(d.source),
        "url": d.url, "title": d.title,
        "published": d.published, "published_utc": utc_key(d.published),
        "headline_only": d.headline_only, "ingested_at": now, "metadata": dict(d.metadata),
    }


def _fetch(conn: Connection, ids: Sequence[str]) -> dict[str, Any]:
    cols = [S.articles.c[c] for c in _COLUMNS]
    found: dict[str, Any] = {}
    for i in range(0, len(ids), 500):
        q = select(*cols).where(S.articles.c.id.in_(list(ids[i : i + 500])))
        found.update({r.id: r for r in conn.execute(q)})
    return found


def add_articles(conn: Connection, drafts: Sequence[tuple[str, ArticleDraft]]) -> list[Stored]:
    """Store each draft under its id, in order, inside ``conn``'s transaction (one such
    transaction at a time, so two processes never both find an id free)."""
    serialise(conn, "articles")
    rows = _fetch(conn, sorted({aid for aid, _ in drafts}))
    now = utcnow()
    out: list[Stored] = []
    pending: list[dict[str, Any]] = []
    arrival = conn.execute(select(func.max(S.articles.c.arrival))).scalar() or 0

    def add(aid: str, d: ArticleDraft) -> None:
        nonlocal arrival
        arrival += 1
        values = _row_values(aid, d, now)
        values["arrival"] = arrival
        pending.append(values)
        rows[aid] = _Pending(values)

    for given, d in drafts:
        row = rows.get(given)
        if row is None:
            add(given, d)
            out.append(Stored(given, given, "added", d))
            continue
        if same_content(row, d):
            out.append(Stored(given, given, "same", d))
            continue
        if same_origin(row, d):
            _flush(conn, pending)
            update_article(conn, row, d, now)
            rows[given] = _fetch(conn, [given])[given]
            out.append(Stored(given, given, "updated", d))
            continue
        alt = derived_id(given, d)
        if alt not in rows:
            rows.update(_fetch(conn, [alt]))
        other = rows.get(alt)
        if other is None:
            add(alt, d)
            out.append(Stored(given, alt, "renamed", d))
        elif same_content(other, d):
            out.append(Stored(given, alt, "same", d))
        else:
            _flush(conn, pending)
            update_article(conn, other, d, now)
            rows[alt] = _fetch(conn, [alt])[alt]
            out.append(Stored(given, alt, "updated", d))
    _flush(conn, pending)
    return out


class _Pending:
    """A row added in this batch, not yet inserted, read like a stored row."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update({c: values.get(c) for c in _COLUMNS})


def _flush(conn: Connection, pending: list[dict[str, Any]]) -> None:
    if pending:
        conn.execute(insert(S.articles), pending)
        pending.clear()


def update_article(conn: Connection, row: Any, d: ArticleDraft, now: str) -> None:
    """Replace a stored article by a new version of it: the old one becomes a revision, the
    stages run again on it (its copies are unlinked and re-checked), its story keeps it."""
    a = S.articles
    full = conn.execute(select(a).where(a.c.id == row.id)).one()
    conn.execute(insert(S.article_revisions), {
        "article_id": row.id, "input": full.input, "line": full.line, "body": full.body,
        "body_kind": full.body_kind, "text": full.text or "", "source": full.source,
        "url": full.url, "title": full.title, "published": full.published,
        "metadata": full.metadata or {}, "ingested_at": full.ingested_at, "replaced_at": now,
    })
    values = _row_values(row.id, d, now)
    del values["id"]
    values["source"] = d.source or full.source
    values["outlet"] = outlet_key(values["source"])
    values["url"] = d.url or full.url
    values.update(content_hash=None, duplicate_of=None, language=None)
    conn.execute(update(a).where(a.c.id == row.id).values(**values))
    copies = list(conn.execute(select(a.c.id).where(a.c.duplicate_of == row.id)).scalars())
    if copies:
        conn.execute(update(a).where(a.c.id.in_(copies)).values(duplicate_of=None))
    forget_articles(conn, [row.id], stages=None)
    forget_articles(conn, copies, stages=("dedupe",))
    touch_stories(conn, [row.id, *copies])


def revisions(conn: Connection, article_id: str) -> list[dict[str, Any]]:
    """Earlier versions of an article, oldest first."""
    r = S.article_revisions
    q = select(r).where(r.c.article_id == article_id).order_by(r.c.id)
    return [dict(row._mapping) for row in conn.execute(q)]


def record_problems(conn: Connection, problems: Sequence[IngestProblem]) -> None:
    """Record problems; one already recorded (same where, line, reason) is not added again.
    Only the rows of this batch's (where, line) pairs are read, so recording stays linear
    in the number of problems however many a file has."""
    if not problems:
        return
    t = S.ingest_problems
    known: set[tuple[str, int | None, str]] = set()
    by_where: dict[str, set[int | None]] = {}
    for p in problems:
        by_where.setdefault(p.where, set()).add(p.line)
    for where, lines in by_where.items():
        numbered = sorted(ln for ln in lines if ln is not None)
        conds = []
        if numbered:
            conds.append(t.c.line.in_(numbered))
        if None in lines:
            conds.append(t.c.line.is_(None))
        q = select(t.c.where, t.c.line, t.c.reason).where(t.c.where == where, or_(*conds))
        known.update((w, ln, r) for w, ln, r in conn.execute(q))
    now = utcnow()
    new = []
    for p in problems:
        if (p.where, p.line, p.reason) not in known:
            known.add((p.where, p.line, p.reason))
            new.append({"where": p.where, "line": p.line, "reason": p.reason, "at": now})
    if new:
        conn.execute(insert(t), new)


__all__ = ["Stored", "add_articles", "record_problems", "revisions", "update_article"]
