"""Entity resolution records every spelling of each entity with one read and one insert
of ``entity_aliases`` per article (not one of each per entity), and the result is the
same as recording them entity by entity: new spellings added, known ones not repeated,
two keys of the article that resolve to one stored entity pooled."""

from __future__ import annotations

from sqlalchemy import event, select

from storyline.enrich.resolve import resolve_entities
from storyline.records import Article, ArticleDraft, EntityMention, MentionKey
from storyline.store import schema as S


def _article(aid: str) -> Article:
    return Article(aid, "test", "text", "text", text="text", published="2023-05-02")


def _m(aid: str, label: str, name: str, text: str, start: int) -> EntityMention:
    return EntityMention(aid, 0, start, start + len(text), text, label, MentionKey(label, name))


def _resolve(store, aid: str, mentions: list[EntityMention]) -> tuple[dict, list[str]]:
    statements: list[str] = []

    def seen(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    a = _article(aid)
    with store.begin() as conn:
        store.add_articles(conn, [(a.id, ArticleDraft(a.body, "text", a.input))])
        event.listen(conn, "before_cursor_execute", seen)
        try:
            ids = resolve_entities(store, conn, a, mentions, [])
        finally:
            event.remove(conn, "before_cursor_execute", seen)
    return ids, [s for s in statements if "entity_aliases" in s]


def _aliases(store) -> set[tuple[str, str]]:
    t = S.entity_aliases
    with store.connect() as conn:
        return {(r.entity_id, r.alias) for r in conn.execute(select(t.c.entity_id, t.c.alias))}


def test_aliases_of_an_article_are_read_and_written_once(store):
    ms = [_m("a1", "ORG", f"Body {i}", f"Body {i}", 10 * i) for i in range(6)]
    ids, alias_sql = _resolve(store, "a1", ms)
    assert len(set(ids.values())) == 6
    assert len(alias_sql) == 2  # one SELECT, one INSERT, for six entities
    assert _aliases(store) == {(ids[m.key], m.text) for m in ms}


def test_known_spellings_are_not_repeated_and_keys_of_one_entity_are_pooled(store):
    ids1, _ = _resolve(store, "a1", [_m("a1", "ORG", "Acme Works", "Acme Works", 0)])
    # two keys of the second article fold to the stored entity's norm: one entity, its
    # known spelling kept once, the new ones added
    ms = [_m("a2", "ORG", "Acme Works", "ACME Works", 0),
          _m("a2", "ORG", "Acme works", "Acme works", 20)]
    ids2, alias_sql = _resolve(store, "a2", ms)
    [eid] = set(ids1.values())
    assert set(ids2.values()) == {eid}
    assert len(alias_sql) == 2
    assert _aliases(store) == {(eid, "Acme Works"), (eid, "ACME Works"), (eid, "Acme works")}


def test_the_per_entity_look_ups_are_built_once_not_per_entity(store, monkeypatch):
    """Building a SQLAlchemy statement costs more than running it on SQLite; the look-ups
    made for every entity (by norm, does the id exist, the insert) are built once."""
    import storyline.enrich.resolve as R

    _resolve(store, "a0", [_m("a0", "ORG", "Warm Up", "Warm Up", 0)])  # built here
    built: list[object] = []
    real = R.select

    def counting(*args, **kw):
        built.append(args)
        return real(*args, **kw)

    monkeypatch.setattr(R, "select", counting)
    ms = [_m("a1", "ORG", f"Body {i}", f"Body {i}", 10 * i) for i in range(6)]
    ids, _ = _resolve(store, "a1", ms)
    assert len(set(ids.values())) == 6
    assert len(built) <= 1  # the aliases' one read, not three look-ups per entity
