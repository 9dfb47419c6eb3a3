"""Running ``storyline`` as a real process, and reading a store back as a comparable
snapshot: what the kill-and-resume and concurrent-writer harnesses compare."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from storyline.export import build_export
from storyline.store import open_store
from storyline.store import schema as S


def storyline_cmd(db: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "storyline", "--db", db, *args]


def start(db: str, *args: str, log: Path | None = None) -> subprocess.Popen[bytes]:
    """``storyline --db DB ARGS...`` as a child process (its output to ``log``)."""
    out = open(log, "ab") if log is not None else subprocess.DEVNULL  # noqa: SIM115
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    try:
        return subprocess.Popen(storyline_cmd(db, *args), stdout=out, stderr=out, env=env)
    finally:
        if log is not None:
            out.close()  # type: ignore[union-attr]


@dataclass
class Snapshot:
    """What a finished store holds, in a form two stores can be compared by."""

    articles: dict[str, tuple[Any, ...]]
    stories: dict[str, tuple[str, ...]]  # live story id -> its article ids
    duplicates: int
    export_digest: str
    export: dict[str, Any] = field(repr=False)
    pending: dict[str, int]
    failed: int
    integrity: str
    problems: int

    def differences(self, other: Snapshot) -> list[str]:
        out = []
        if set(self.articles) != set(other.articles):
            out.append(f"article ids differ: {len(set(self.articles) ^ set(other.articles))}")
        changed = [a for a in self.articles if a in other.articles
                   and self.articles[a] != other.articles[a]]
        if changed:
            out.append(f"{len(changed)} articles differ, e.g. {changed[:3]}")
        if self.stories != other.stories:
            out.append(f"stories differ ({len(self.stories)} vs {len(other.stories)})")
        if self.duplicates != other.duplicates:
            out.append(f"duplicates differ: {self.duplicates} vs {other.duplicates}")
        if self.export_digest != other.export_digest:
            out.append("exports differ")
        return out


def snapshot(db: str) -> Snapshot:
    """Read a store back (SQLite file or PostgreSQL URL)."""
    store = open_store(db)
    try:
        a = S.articles
        with store.connect() as c:
            rows = c.execute(select(a.c.id, a.c.body, a.c.text, a.c.title, a.c.published,
                                    a.c.source, a.c.duplicate_of, a.c.story_id, a.c.language,
                                    a.c.metadata)).all()
            problems = len(c.execute(select(S.ingest_problems.c.id)).all())
            live = c.execute(select(S.stories.c.id).where(S.stories.c.merged_into.is_(None))
                             ).scalars().all()
            integrity = "ok"
            if store.is_sqlite:
                integrity = ";".join(str(r[0]) for r in c.exec_driver_sql("PRAGMA integrity_check"))
                bad_fk = c.exec_driver_sql("PRAGMA foreign_key_check").all()
                if bad_fk:
                    integrity += f"; {len(bad_fk)} foreign keys broken"
        articles = {r.id: (hashlib.sha1(r.body.encode()).hexdigest(),
                           hashlib.sha1((r.text or "").encode()).hexdigest(), r.title, r.published,
                           r.source, r.duplicate_of, r.story_id, r.language,
                           json.dumps(r.metadata, sort_keys=True)) for r in rows}
        members: dict[str, list[str]] = {s: [] for s in live}
        for r in rows:
            if r.story_id is not None:
                members.setdefault(r.story_id, []).append(r.id)
        doc = build_export(store)
        counts = store.stage_counts()
        from storyline.pipeline import stage_class, stage_names
        from storyline.store.runs import pending_stories

        pending = {}
        for name in stage_names():
            if stage_class(name).unit == "story":
                with store.connect() as c:
                    pending[name] = len(pending_stories(c, name))
            else:
                pending[name] = len(store.pending(name))
        failed = sum(c.get("failed", 0) for c in counts.values())
    finally:
        store.close()
    text = json.dumps(doc, sort_keys=True, ensure_ascii=False)
    return Snapshot(articles, {k: tuple(sorted(v)) for k, v in members.items()},
                    sum(1 for r in rows if r.duplicate_of), hashlib.sha1(text.encode()).hexdigest(),
                    doc, pending, failed, integrity, problems)
