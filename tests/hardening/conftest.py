"""A generated corpus and the store one uninterrupted run makes of it, shared by a module."""

from __future__ import annotations

import pytest

from storyline.evaluation.hardening.corpus import make_corpus
from storyline.evaluation.hardening.crash import run_ingest
from storyline.evaluation.hardening.runs import snapshot


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus") / "news", articles=48, seed=3)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("reference") / "reference.db")
    assert run_ingest(db, [str(corpus.folder)]) == 0
    snap = snapshot(db)
    assert len(snap.articles) == corpus.articles and snap.failed == 0
    return snap
