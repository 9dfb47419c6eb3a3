"""A local Dask cluster starts while the writer goes on; one that cannot start is reported
as a clean error when work is handed out, and the executor still closes."""

from __future__ import annotations

import logging

import dask.distributed
import pytest

from storyline.errors import StorylineError
from storyline.parallel.executors import DaskExecutor
from storyline.settings import Settings


def _no_cluster(*args: object, **kwargs: object) -> object:
    raise OSError("no free port")


def test_a_cluster_that_cannot_start_is_a_clean_error(monkeypatch):
    monkeypatch.setattr(dask.distributed, "LocalCluster", _no_cluster)
    ex = DaskExecutor("local:2", Settings(), ["enrich"])
    assert ex.workers == 2
    with pytest.raises(StorylineError, match="local Dask cluster did not start.*no free port"):
        ex.submit(int, "1")
    with pytest.raises(StorylineError, match="did not start"):
        ex.warm()
    ex.close()


def test_local_n_must_be_a_count():
    with pytest.raises(StorylineError, match="whole number"):
        DaskExecutor("local:zero", Settings(), ["enrich"])


def _environ(name: str) -> str | None:
    import os

    return os.environ.get(name)


def test_local_workers_run_without_a_pinned_malloc_trim_and_dask_says_no_info(caplog, monkeypatch):
    # the writer's own environment must not be what the worker reports
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    caplog.set_level(logging.INFO)
    ex = DaskExecutor("local:1", Settings(), ["clean"])
    try:
        client = ex._ready()
        # the nanny's default would give the worker MALLOC_TRIM_THRESHOLD_=65536
        assert dask.config.get("distributed.nanny.pre-spawn-environ")["MALLOC_TRIM_THRESHOLD_"]
        assert list(client.run(_environ, "MALLOC_TRIM_THRESHOLD_").values()) == [None]
        assert ex.submit(len, "three").result() == 5
    finally:
        ex.close()
    chatter = [r.getMessage() for r in caplog.records
               if r.name.startswith("distributed") and r.levelno < logging.WARNING]
    assert chatter == []
