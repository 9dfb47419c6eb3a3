import pytest
from sqlalchemy import text

from storyline.records import ArticleDraft
from storyline.store import engine_url, open_store


def draft(body: str, **kw) -> ArticleDraft:
    return ArticleDraft(body=body, body_kind="text", input="mem", **kw)


def test_engine_url_forms():
    assert engine_url("x.db") == "sqlite:///x.db"
    assert engine_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert engine_url("sqlite:///a.db") == "sqlite:///a.db"


@pytest.mark.sqlite_only
def test_sqlite_is_wal(store):
    with store.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def _status(stored) -> list[tuple[str, str]]:
    return [(s.id, s.status) for s in stored]


def test_add_articles_is_idempotent(store):
    with store.begin() as c:
        got = store.add_articles(c, [("a", draft("one")), ("b", draft("two"))])
        assert _status(got) == [("a", "added"), ("b", "added")]
    with store.begin() as c:
        got = store.add_articles(c, [("a", draft(" One\n")), ("c", draft("three"))])
        assert _status(got) == [("a", "same"), ("c", "added")]
    assert store.count_articles() == 3
    assert store.get_article("a").body == "one"


def test_articles_in_publish_order_undated_last(store):
    with store.begin() as c:
        store.add_articles(c, [
            ("x", draft("x")), ("b", draft("b", published="2022-03-02")),
            ("a", draft("a", published="2022-03-01")),
        ])
    assert [a.id for a in store.articles()] == ["a", "b", "x"]
    assert [a.id for a in store.articles(["x", "a"])] == ["x", "a"]


def test_pending_respects_requirements(store):
    with store.begin() as c:
        store.add_articles(c, [("a", draft("a")), ("b", draft("b"))])
        store.mark(c, "clean", ["a"])
        store.mark(c, "clean", ["b"], "failed", "boom")
    assert store.pending("clean") == []
    assert store.pending("dedupe", ["clean"]) == ["a"]


def test_reopen_keeps_data(db_path):
    s = open_store(db_path)
    with s.begin() as c:
        s.add_articles(c, [("a", draft("a"))])
    s.close()
    s2 = open_store(db_path)
    assert s2.count_articles() == 1
    s2.close()
