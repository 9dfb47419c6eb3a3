"""A run whose per-article work goes to worker processes or a Dask cluster writes, byte for
byte, what a run in one process writes; exact copies are not parsed; an article read
before its story's other articles were read is read again when that changes its places."""

from __future__ import annotations

import dataclasses
import io
import logging
from pathlib import Path

import pytest
from sqlalchemy import select

from storyline.enrich import article as enrich_article
from storyline.enrich.stage import EnrichStage
from storyline.export import build_export, write_json
from storyline.ingest.runner import ingest
from storyline.parallel.executors import open_executor
from storyline.pipeline import run_stages
from storyline.settings import Settings
from storyline.store import open_store
from storyline.store import schema as S
from tests.parallel.corpus import write_corpus


def _settings(tmp_path: Path, name: str) -> Settings:
    # three articles a batch: the workers get batches planned before earlier ones are written
    return dataclasses.replace(Settings(db_url=str(tmp_path / f"{name}.db")), batch_size=3)


def _run(tmp_path: Path, name: str, workers: int = 1, dask: str | None = None,
         two_steps: bool = False) -> str:
    corpus = write_corpus(tmp_path)
    settings = _settings(tmp_path, name)
    store = open_store(settings.db_url)
    try:
        with open_executor(settings, ["clean", "enrich"], workers, dask) as ex:
            if two_steps:  # store first, then `storyline process`
                ingest(store, [str(corpus)], settings, [])
                reports = run_stages(store, settings, executor=ex)
            else:
                reports = ingest(store, [str(corpus)], settings, executor=ex).stages
        assert not any(r.failed for r in reports)
        out = io.StringIO()
        write_json(store, out)
        return out.getvalue()
    finally:
        store.close()


def test_a_place_is_read_through_the_places_of_its_story(tmp_path, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG, logger="storyline.enrich.stage")
    reads: list[str] = []
    real = enrich_article.enrich_doc

    def counted(doc, a, *rest):
        reads.append(a.id)
        return real(doc, a, *rest)

    monkeypatch.setattr(enrich_article, "enrich_doc", counted)
    settings = _settings(tmp_path, "serial")
    store = open_store(settings.db_url)
    ingest(store, [str(write_corpus(tmp_path))], settings)
    doc = build_export(store)
    story = {a["id"]: a["story_id"] for a in doc["articles"]}
    assert story["flood-1"] == story["flood-2"]
    # in one process an article is read once, when it is written, through the places its
    # story holds by then (flood-1 was written first, in the same batch): "Paris" in the
    # follow-up is the Texas town of its story, not the French capital
    assert "flood-2" in reads and len(reads) == len(set(reads))
    assert not any("read again" in r.getMessage() for r in caplog.records)
    with store.connect() as c:
        rows = c.execute(
            select(S.entities.c.country).join(S.entity_mentions,
                                              S.entity_mentions.c.entity_id == S.entities.c.id)
            .where(S.entity_mentions.c.article_id == "flood-2",
                   S.entity_mentions.c.text == "Paris")).scalars().all()
    assert rows and set(rows) == {"US"}
    store.close()


def test_an_exact_copy_takes_its_canonicals_rows_without_a_parse(tmp_path):
    settings = _settings(tmp_path, "copies")
    store = open_store(settings.db_url)
    ingest(store, [str(write_corpus(tmp_path))], settings, ["clean", "dedupe", "stories"])
    stage = EnrichStage(settings)
    with store.connect() as c:
        plan = stage.plan(store, c, store.articles(store.pending("enrich", stage.requires),
                                                   conn=c))
    parsed = [a.id for task in plan.units for a in task.articles]
    assert "flood-1-wire" not in parsed  # the syndicated copy: same text as flood-1
    assert "flood-2-near" in parsed  # a near copy has text of its own
    assert "secheresse" not in parsed  # not English
    run_stages(store, settings, ["enrich"])

    def rows(table, aid):
        with store.connect() as c:
            got = c.execute(select(table).where(table.c.article_id == aid)).mappings().all()
        keep = [k for k in table.c.keys() if k not in ("id", "article_id")]
        return sorted(tuple(str(r[k]) for k in keep) for r in got)

    for table in S.PER_ARTICLE_TABLES["enrich"]:
        assert rows(table, "flood-1-wire") == rows(table, "flood-1"), table.name
    assert rows(S.sentences, "flood-1-wire")  # something was copied
    with store.connect() as c:
        quote_ids = c.execute(select(S.quotes.c.id)
                              .where(S.quotes.c.article_id == "flood-1-wire")).scalars().all()
    assert quote_ids and all(q.startswith("flood-1-wire:q") for q in quote_ids)
    store.close()


@pytest.mark.slow
def test_workers_and_dask_write_what_one_process_writes(tmp_path, caplog):
    serial = _run(tmp_path, "serial")  # the same input path each time: the export names it
    assert '"Paris"' in serial and "flood-1-wire" in serial
    caplog.set_level(logging.DEBUG, logger="storyline.enrich.stage")
    assert _run(tmp_path, "workers", workers=2) == serial  # storyline ingest --workers 2
    # flood-1 and flood-2 share a unit: a worker read flood-2 with flood-1's places. The
    # next batch's follow-up went out while they were read (a worker was idle), with no
    # places of its story; the writer read it again, through them
    again = [r.getMessage() for r in caplog.records if "read again" in r.getMessage()]
    assert any("flood-2-near" in m for m in again)
    assert not any(m.startswith("flood-2:") for m in again)
    # storyline ingest --stages none, then storyline process --dask local:2
    assert _run(tmp_path, "dask", dask="local:2", two_steps=True) == serial
