"""Enrichment of an exact copy, taken from its canonical article without a parse.

A syndicated copy that dedupe linked to a canonical article and whose clean text is
the canonical's, character for character, gets the canonical's enrichment rows under
its own id: the same sentences (the copy's own text, since it is the same text), entity
mentions, roles, dates, quotes, numbers, attributions and events. Dates and quote days
read relative to a publish date stay the canonical's: the text was written then (a
wire story's "yesterday" is the wire's). A near copy, whose text differs, is parsed on
its own.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, Integer, Table, insert, select

from storyline.store import schema as S


def _fresh_id(table: Table) -> str | None:
    """The name of a table's integer row id (given by the store), or None."""
    pk = list(table.primary_key.columns)
    return pk[0].name if len(pk) == 1 and isinstance(pk[0].type, Integer) else None


def _natural(value: Any) -> tuple[Any, ...]:
    """Sort key of a row id: "a:q10" after "a:q2" (the order the rows were written in)."""
    if not isinstance(value, str):
        return (value,)
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", value))


def _remap(row: dict[str, Any], table: Table, source: str, target: str) -> dict[str, Any]:
    out = dict(row)
    out["article_id"] = target
    fresh = _fresh_id(table)
    if fresh is not None:
        out.pop(fresh, None)
    prefix = source + ":"
    for key, value in out.items():
        # row ids derived from the article id ("{article_id}:q3") follow the copy
        if (key == "id" or key.endswith("_id")) and isinstance(value, str) \
                and value.startswith(prefix):
            out[key] = target + ":" + value[len(prefix):]
    return out


def copy_enrichment(conn: Connection, source: str, target: str) -> int:
    """Write ``source``'s per-article enrichment rows again for ``target`` (whose earlier
    rows :func:`storyline.enrich.persist.clear_article` removed), in the order they were
    written; returns the row count."""
    n = 0
    for table in S.PER_ARTICLE_TABLES["enrich"]:
        pk = list(table.primary_key.columns)
        rows = conn.execute(select(table).where(table.c.article_id == source)).mappings().all()
        rows = sorted(rows, key=lambda r: tuple(_natural(r[c.name]) for c in pk))
        if rows:
            conn.execute(insert(table), [_remap(dict(r), table, source, target) for r in rows])
            n += len(rows)
    return n
