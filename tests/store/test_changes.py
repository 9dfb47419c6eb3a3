"""The change table's triggers: what a write to each kind of table records (a story, an
article and its story, the listings, nothing for bookkeeping), by any connection."""

from __future__ import annotations

import json
import sqlite3

import pytest

from storyline.ingest.runner import ingest
from storyline.settings import Settings
from storyline.store import open_store
from storyline.store import schema as S
from storyline.store.changes import (
    BOOKKEEPING,
    EVERYTHING,
    changes_since,
    install,
    last_seq,
    logged_tables,
    trigger_sql,
)

pytestmark = pytest.mark.sqlite_only

RECORDS = [
    {"id": "dam-1", "source": "River News", "published": "2032-02-01",
     "title": "Dam on the Narew river to be raised by two metres",
     "text": "The regional water board said on Monday the dam on the Narew river near "
             "Ostroleka will be raised by two metres.\nWork starts in June."},
    {"id": "fair-1", "source": "Fair Weekly", "published": "2032-03-05",
     "title": "Book fair in Krakow draws record crowds",
     "text": "The book fair in Krakow drew a record 90,000 visitors over four days, its "
             "organisers said on Sunday.\nThe next fair opens in October."},
]


def test_every_table_is_bookkeeping_or_mapped_to_what_it_changes():
    names = {t.name for t in S.metadata.sorted_tables}
    assert BOOKKEEPING <= names  # no stale name in the list
    for t in logged_tables():
        assert t.name not in BOOKKEEPING
        body = [s for s in trigger_sql() if f" ON {t.name} " in s]
        assert len(body) == 3, t.name  # insert, delete, update
        assert all(f"'{EVERYTHING}'" not in s for s in body), \
            f"{t.name}: no rule says what its rows change (add one to storyline.store.changes)"


def test_writes_record_the_stories_and_articles_they_change(tmp_path):
    db = str(tmp_path / "changes.db")
    settings = Settings(db_url=db)
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    store = open_store(db)
    assert ingest(store, [str(path)], settings).ok
    assert install(store)
    dam, fair = store.get_article("dam-1").story_id, store.get_article("fair-1").story_id
    assert dam and fair and dam != fair
    reader = sqlite3.connect(db)
    start = changes_since(reader, 0)
    assert start is not None and start.keys == frozenset()  # installed after the ingest
    assert last_seq(reader) == 0

    def after(write) -> frozenset[str]:
        seen = changes_since(reader, 0)
        assert seen is not None
        with store.begin() as conn:
            write(conn)
        got = changes_since(reader, seen.seq)
        assert got is not None
        return got.keys

    # a per-article row: the article and its story
    assert after(lambda c: c.execute(S.sentences.update().where(
        S.sentences.c.article_id == "dam-1").values(text="x"))) == {"a:dam-1", f"s:{dam}"}
    # a story-level stage's row: that story
    assert after(lambda c: c.execute(S.story_briefs.insert(), {
        "story_id": fair, "idx": 99, "text": "A line.", "article_id": "fair-1",
        "sentence_idx": 0, "article_ids": ["fair-1"], "revision": 1})) == {f"s:{fair}"}
    # the story itself: the story, its articles and the listings
    assert after(lambda c: c.execute(S.stories.update().where(S.stories.c.id == fair)
                                     .values(title="Krakow book fair"))) == {
        f"s:{fair}", "a:fair-1", "l"}
    # bookkeeping: nothing
    assert after(lambda c: c.execute(S.stage_runs.update().where(
        S.stage_runs.c.article_id == "dam-1").values(detail="again"))) == frozenset()
    # a new spelling of an entity: the articles and stories naming it, and the listings
    m = S.entity_mentions
    with store.connect() as conn:
        eid = conn.execute(m.select().where(m.c.article_id == "dam-1")).first().entity_id
    keys = after(lambda c: c.execute(S.entity_aliases.insert(),
                                     {"entity_id": eid, "alias": "Never Spelled So"}))
    assert {"a:dam-1", f"s:{dam}", "l"} <= keys and f"s:{fair}" not in keys
    latest = changes_since(reader, 0)
    assert latest is not None and last_seq(reader) == latest.seq >= 5
    reader.close()
    store.close()


def test_a_store_without_the_table_says_its_changes_are_unknown(tmp_path):
    db = str(tmp_path / "bare.db")
    open_store(db).close()
    reader = sqlite3.connect(db)
    assert changes_since(reader, 0) is None and last_seq(reader) is None
    reader.close()
