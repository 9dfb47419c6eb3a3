"""Helpers for ingest tests: run ingest without the later stages, read back the store."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from storyline.ingest.runner import ingest
from storyline.store import schema as S

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def run(store, settings, *specs, stages=()):
    """Ingest ``specs`` (paths as str) running only ``stages`` (none by default)."""
    return ingest(store, [str(s) for s in specs], settings, list(stages))


def by_input(store) -> dict[str, list]:
    out: dict[str, list] = {}
    for a in store.articles():
        out.setdefault(Path(a.input).name, []).append(a)
    return out


def stored_problems(store) -> list[tuple[str, int | None, str]]:
    with store.connect() as c:
        rows = c.execute(select(S.ingest_problems.c["where", "line", "reason"])).all()
    return [tuple(r) for r in rows]
