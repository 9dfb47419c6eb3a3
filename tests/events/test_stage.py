"""The enrich stage stores each article's event mentions, their entities resolved to the
store's entity ids, and replaces them when the article is enriched again."""

import json
from dataclasses import replace

from sqlalchemy import select

from storyline.enrich.stage import EnrichStage
from storyline.ingest.runner import ingest
from storyline.store import schema as S

FIRST = ("Sudanese troops attacked a market in El Fasher on Tuesday, killing twelve people. "
         "The army denied shelling the camp. "
         "The United Nations condemned the attack.")
SECOND = "Chad closed its border with Sudan on Thursday."


def _ingest(store, settings, tmp_path, text, name):
    path = tmp_path / name
    path.write_text(json.dumps({"id": "ev-1", "source": "Desk Wire", "published": "2024-05-10",
                                "text": text}) + "\n", encoding="utf-8")
    report = ingest(store, [str(path)], settings)
    assert report.ok, (report.problems, [s.failed for s in report.stages])


def _rows(store):
    with store.connect() as c:
        return c.execute(select(S.event_mentions).where(S.event_mentions.c.article_id == "ev-1")
                         .order_by(S.event_mentions.c.trigger_start)).all()


def test_ingested_article_gets_event_mentions(store, settings, tmp_path):
    _ingest(store, settings, tmp_path, FIRST, "a.jsonl")
    rows = _rows(store)
    coded = [r for r in rows if r.dropped is None]
    assert [r.category for r in coded] == ["ASSAULT", "ASSAULT", "ACCUSE"]
    attack = coded[0]
    assert (attack.trigger, attack.actor, attack.place) == ("attacked", "Sudanese troops",
                                                            "El Fasher")
    assert (attack.date, attack.date_precision) == ("2024-05-07", "day")
    with store.connect() as c:
        entities = {r.id: r for r in c.execute(select(S.entities)).all()}
        sentences = {r.idx: r.text for r in c.execute(
            select(S.sentences).where(S.sentences.c.article_id == "ev-1")).all()}
    assert entities[attack.place_entity_id].name == "El Fasher"
    assert entities[attack.actor_entity_id].type == "NORP"
    assert attack.actor_entity_ids == [attack.actor_entity_id]
    assert sentences[attack.sentence_idx] == attack.sentence
    assert FIRST[attack.trigger_start:attack.trigger_end] == "attacked"
    assert coded[2].actor == "United Nations" and coded[2].content == "ASSAULT"
    denied = [r for r in rows if r.dropped == "denied"]
    assert [r.category for r in denied] == ["ASSAULT"] and not denied[0].negated


def test_enriching_again_replaces_the_rows(store, settings, tmp_path):
    _ingest(store, settings, tmp_path, FIRST, "a.jsonl")
    article = next(a for a in store.articles() if a.id == "ev-1")
    with store.begin() as conn:  # the stage run again on a revised text
        EnrichStage(settings).run(store, conn, [replace(article, text=SECOND)])
    rows = _rows(store)
    assert [(r.category, r.actor) for r in rows] == [("COERCE", "Chad")]
    assert rows[0].id == "ev-1:v0"
