"""Positions through ``storyline ingest``: the enrich stage stores each article's position
mentions, the ``positions`` stage groups a story's across outlets (a copy is no source),
re-runs when the story changes, and the export carries them."""

import json

from sqlalchemy import select

from storyline import service
from storyline.export import build_export
from storyline.ingest.runner import ingest
from storyline.store import schema as S

FIRST = [
    {"id": "p1", "source": "Nordic Wire", "published": "2024-05-06",
     "title": "Norway offers drilling moratorium in Skarv fishing zone",
     "text": "Norway offered on Monday to declare a moratorium on drilling in the disputed "
             "Skarv fishing zone, after talks with Sweden over the zone. Sweden demanded "
             "compensation for its fishermen in the Skarv fishing zone."},
    {"id": "p2", "source": "Baltic Times", "published": "2024-05-07",
     "title": "Norway ready for Skarv drilling moratorium, Sweden seeks compensation",
     "text": "Norway is ready to declare a drilling moratorium in the Skarv fishing zone, "
             "foreign minister Ada Lindqvist said on Tuesday after talks with Sweden. Sweden "
             "called for compensation for fishermen in the Skarv fishing zone. \"We are ready "
             "for a truce in the Skarv zone,\" said Ada Lindqvist, Norway's foreign "
             "minister."},
]
COPY = {"id": "p3", "source": "Harbour Post", "published": "2024-05-07",
        "title": FIRST[1]["title"], "text": FIRST[1]["text"]}
LATER = {"id": "p4", "source": "Nordic Wire", "published": "2024-05-09",
         "title": "Norway rejects Skarv drilling moratorium as talks with Sweden fail",
         "text": "Norway rejected a moratorium on drilling in the Skarv fishing zone on "
                 "Thursday, after talks with Sweden over the disputed fishing zone broke down."}


def _ingest(store, settings, path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = ingest(store, [str(path)], settings)
    assert report.ok, (report.problems, [s.failed for s in report.stages])


def _positions(store):
    doc = build_export(store)
    stories = [s for s in doc["stories"] if "p1" in s["article_ids"]]
    assert len(stories) == 1, [s["article_ids"] for s in doc["stories"]]
    return stories[0], {(p["actor"], p["stance"], p["issue"]): p for p in stories[0]["positions"]}


def test_positions_across_outlets_and_over_time(store, settings, tmp_path):
    _ingest(store, settings, tmp_path / "a.jsonl", [*FIRST, COPY])
    story, got = _positions(store)
    assert {"p1", "p2", "p3"} <= set(story["article_ids"])
    offer = next(p for (a, s, _), p in got.items() if (a, s) == ("Norway", "offer"))
    assert offer["sources"] == ["Baltic Times", "Nordic Wire"]  # the copy is not a source
    assert offer["reports"] == 2 and set(offer["article_ids"]) == {"p1", "p2", "p3"}
    assert offer["date"] == "2024-05-06" and offer["first_reported"] == "2024-05-06"
    assert "moratorium" in offer["issue"]
    assert offer["actor_entity_id"] is not None
    with store.connect() as c:
        text = {r.id: r.text for r in c.execute(select(S.articles.c.id, S.articles.c.text))}
    for m in offer["mentions"]:
        assert m["sentence"] in text[m["article_id"]]
    truce = next(p for (a, s, _), p in got.items() if (a, s) == ("Ada Lindqvist", "offer"))
    assert truce["side"] == "Norway" and truce["side_entity_id"] == offer["actor_entity_id"]
    assert offer["side"] == "Norway"  # a country speaks for itself
    demand = next(p for (a, s, _), p in got.items() if (a, s) == ("Sweden", "demand"))
    assert demand["issue"].startswith("compensation")
    assert demand["sources"] == ["Baltic Times", "Nordic Wire"]

    # a later article joins the story: the stage runs again and the move shows
    _ingest(store, settings, tmp_path / "b.jsonl", [LATER])
    story, got = _positions(store)
    assert "p4" in story["article_ids"]
    reject = next(p for (a, s, _), p in got.items() if (a, s) == ("Norway", "reject"))
    assert reject["date"] == "2024-05-09" and reject["sources"] == ["Nordic Wire"]
    assert [h["stance"] for h in reject["history"]] == ["offer", "reject"]
    offer = next(p for (a, s, _), p in got.items() if (a, s) == ("Norway", "offer"))
    assert offer["history"] == reject["history"]
    order = [p["date"] for p in story["positions"]]
    assert order == sorted(order)


def test_reset_forgets_and_process_rebuilds(store, settings, tmp_path):
    _ingest(store, settings, tmp_path / "a.jsonl", FIRST)
    with store.connect() as c:
        before = c.execute(select(S.story_positions.c.id)).all()
    assert before
    assert service.reset(store, settings, "positions") == ["positions"]
    with store.connect() as c:
        assert c.execute(select(S.story_positions.c.id)).all() == []
    service.process(store, settings)
    with store.connect() as c:
        assert len(c.execute(select(S.story_positions.c.id)).all()) == len(before)
        mentions = c.execute(select(S.position_mentions)).all()
    assert {m.article_id for m in mentions} == {"p1", "p2"}
    assert all(m.actor_via and m.issue_key for m in mentions)


def test_recluster_then_process_rebuilds_the_positions(store, settings, tmp_path):
    _ingest(store, settings, tmp_path / "a.jsonl", FIRST)
    service.recluster(store, settings)
    service.process(store, settings)
    with store.connect() as c:
        live = {r.id for r in c.execute(select(S.stories.c.id)
                                       .where(S.stories.c.merged_into.is_(None)))}
        rows = c.execute(select(S.story_positions.c.story_id)).all()
    assert rows and {r.story_id for r in rows} <= live
    _, got = _positions(store)
    assert any(s == "offer" and a == "Norway" for a, s, _ in got)
