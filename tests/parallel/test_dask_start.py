"""A local Dask cluster starts while the writer goes on; one that cannot start is reported
as a clean error when work is handed out, and the executor still closes."""

from __future__ import annotations

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
