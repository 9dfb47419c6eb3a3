"""Numbered migrations: a store written before them (``tests/fixtures/store/v1-demo.sqlite``,
by commit d7c678c) upgrades in place with its data, on SQLite and on PostgreSQL, and ends
with the schema a new store gets; its export is unchanged apart from new fields."""

from __future__ import annotations

import json
import multiprocessing as mp
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Integer, LargeBinary, MetaData, create_engine, inspect, select, text
from sqlalchemy.types import BLOB

from storyline.errors import StoreError
from storyline.export import build_export
from storyline.pipeline import run_stages
from storyline.settings import Settings
from storyline.store import open_store
from storyline.store import schema as S
from storyline.store.migrations import current_version

FIX = Path(__file__).parent.parent / "fixtures" / "store"
NEW_ARTICLE_FIELDS = {"headline_only"}
REGROUPED = ("quotes", "numbers")  # grouped across articles by the corroborate stage (v3)


def _v1_export() -> dict:
    return json.loads((FIX / "v1-demo-export.json").read_text())


def _without_new_fields(doc: dict) -> dict:
    doc = json.loads(json.dumps(doc))
    for a in doc["articles"]:
        for k in NEW_ARTICLE_FIELDS:
            a.pop(k, None)
    for s in doc["stories"]:
        for k in REGROUPED:
            s.pop(k, None)
    return doc


def _mentions(doc: dict) -> dict[str, set]:
    """Every quote and figure of the export, grouped or not: (story, article, text, ...)."""
    out: dict[str, set] = {"quotes": set(), "numbers": set()}
    for s in doc["stories"]:
        for q in s["quotes"]:
            for m in q.get("mentions", [q]):
                out["quotes"].add((s["id"], m["article_id"], m["text"], m["sentence"]))
        for n in s["numbers"]:
            for m in n["mentions"]:
                out["numbers"].add((s["id"], m["article_id"], m["value"], m["sentence"]))
    return out


def _check_regrouped(store) -> None:
    """The migrated store's quotes and figures are all there once the corroborate stage
    (new in v3, pending for every story) has grouped them."""
    assert all(not s[k] for s in build_export(store)["stories"] for k in REGROUPED)
    run_stages(store, Settings(db_url=store.url), ["corroborate"])
    after = _mentions(build_export(store))
    before = _mentions(_v1_export())
    assert after == before and after["quotes"] and after["numbers"]


def _schema(engine) -> dict:
    """What must agree between a migrated store and a new one, table by table."""
    insp = inspect(engine)
    out = {}
    for name in sorted(insp.get_table_names()):
        cols = {c["name"]: (str(c["type"]).split("(")[0].lower(), c["nullable"])
                for c in insp.get_columns(name)}
        fks = sorted((tuple(f["constrained_columns"]), f["referred_table"],
                      tuple(f["referred_columns"]),
                      str((f.get("options") or {}).get("initially", "")).upper())
                     for f in insp.get_foreign_keys(name))
        idx = sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                     for i in insp.get_indexes(name))
        pk = tuple(insp.get_pk_constraint(name)["constrained_columns"])
        out[name] = {"columns": cols, "fks": fks, "indexes": idx, "pk": pk}
    return out


def test_v1_sqlite_store_upgrades_in_place(tmp_path: Path):
    db = tmp_path / "old.db"
    shutil.copy(FIX / "v1-demo.sqlite", db)
    store = open_store(str(db))
    try:
        with store.connect() as c:
            assert current_version(c) == S.SCHEMA_VERSION
            roles = c.execute(select(S.entity_roles)).all()
            aliases = c.execute(select(S.entity_aliases)).all()
            utc = c.execute(select(S.articles.c.published, S.articles.c.published_utc)).all()
            arrival = c.execute(select(S.articles.c.arrival)).scalars().all()
        assert roles and all(r.sentence_idx >= 0 for r in roles)
        assert sorted(arrival) == list(range(1, len(utc) + 1))  # numbered in v10
        assert aliases
        assert all(u is not None for p, u in utc if p)
        assert _without_new_fields(build_export(store)) == _without_new_fields(_v1_export())
        assert store.pending("enrich", ["clean", "stories"]) == []  # nothing to do again
        _check_regrouped(store)
    finally:
        store.close()
    again = open_store(str(db))  # a second open is a no-op
    again.close()


def test_migrated_schema_is_the_new_schema(tmp_path: Path):
    old = tmp_path / "old.db"
    shutil.copy(FIX / "v1-demo.sqlite", old)
    open_store(str(old)).close()
    open_store(str(tmp_path / "new.db")).close()
    migrated = _schema(create_engine(f"sqlite:///{old}"))
    fresh = _schema(create_engine(f"sqlite:///{tmp_path / 'new.db'}"))
    assert migrated == fresh
    assert ("story_id",) in [f[0] for f in fresh["articles"]["fks"]]
    assert ("speaker_entity_id",) in [f[0] for f in fresh["quotes"]["fks"]]


def test_a_store_from_a_newer_storyline_is_refused(db_path: str):
    store = open_store(db_path)
    with store.begin() as c:
        c.execute(S.store_meta.update().values(value="999"))
    store.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(db_path)


def _open(path: str, q: mp.Queue) -> None:
    try:
        open_store(path).close()
        q.put("ok")
    except Exception as e:  # noqa: BLE001 - reported to the test
        q.put(f"{type(e).__name__}: {e}")


def test_two_processes_creating_one_store_at_once(tmp_path: Path):
    ctx = mp.get_context("spawn")
    for n in range(3):
        path = str(tmp_path / f"race{n}.db")
        q: mp.Queue = ctx.Queue()
        procs = [ctx.Process(target=_open, args=(path, q)) for _ in range(2)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        assert [q.get(timeout=5) for _ in procs] == ["ok", "ok"]
        store = open_store(path)
        with store.connect() as c:
            assert current_version(c) == S.SCHEMA_VERSION
        store.close()


def _copy_v1_into(url: str) -> None:
    """The v1 fixture's tables (as that version defined them) and rows, in PostgreSQL."""
    lite = create_engine(f"sqlite:///{FIX / 'v1-demo.sqlite'}")
    old = MetaData()
    old.reflect(lite)
    for table in old.tables.values():
        for col in table.columns:
            if isinstance(col.type, BLOB):
                col.type = LargeBinary()
    pg = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    old.create_all(pg)
    with lite.connect() as src, pg.begin() as dst:
        for table in old.sorted_tables:
            rows = [dict(r._mapping) for r in src.execute(select(table))]
            if rows:
                dst.execute(table.insert(), rows)
        for table in old.sorted_tables:  # serial ids continue after the copied rows
            if "id" in table.c and isinstance(table.c.id.type, Integer):
                dst.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                 f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table.name}), false)"))
    pg.dispose()
    lite.dispose()


def test_v1_store_upgrades_on_postgres(postgres_server):
    url = postgres_server.new_database()
    _copy_v1_into(url)
    store = open_store(url)
    try:
        with store.connect() as c:
            assert current_version(c) == S.SCHEMA_VERSION
        assert _without_new_fields(build_export(store)) == _without_new_fields(_v1_export())
        _check_regrouped(store)
    finally:
        store.close()
    fresh_url = postgres_server.new_database()
    open_store(fresh_url).close()
    engine = lambda u: create_engine(u.replace("postgresql://", "postgresql+psycopg://", 1))  # noqa: E731
    assert _schema(engine(url)) == _schema(engine(fresh_url))
