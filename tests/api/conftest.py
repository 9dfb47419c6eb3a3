"""A real store with the serving fixture corpus ingested (all stages), shared by a module."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest.runner import ingest
from storyline.settings import ServeSettings, Settings
from storyline.store import open_store

CORPUS = Path(__file__).parents[1] / "fixtures" / "serving" / "corpus.jsonl"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(settings, store) over the ingested corpus."""
    db = str(tmp_path_factory.mktemp("api") / "api.db")
    settings = Settings(db_url=db, serve=ServeSettings(api_token=None, cors_origins=()))
    store = open_store(db)
    report = ingest(store, [str(CORPUS)], settings)
    assert report.ok, report
    yield settings, store
    store.close()


@pytest.fixture(scope="module")
def client(served):
    from fastapi.testclient import TestClient

    from storyline.api.app import create_app

    settings, store = served
    with TestClient(create_app(settings, store)) as c:
        yield c


def story_of(store, article_id: str) -> str:
    sid = store.get_article(article_id).story_id
    assert sid
    return sid
