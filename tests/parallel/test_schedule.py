"""How the writer hands units out to workers (storyline.parallel.work): results are
written batch by batch in order, a unit that waits for another's results goes out after
it unless a worker would be idle, and a light stage's first units are worked in the
writer while the workers load their models."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from typing import Any

import pytest

from storyline.parallel.work import REMOTE_BATCH, Plan, run_split_stage
from storyline.records import Article
from storyline.settings import Settings
from storyline.store import open_store


class ThreadExecutor:
    """A real executor (threads): the work runs beside the writer, results come back as
    they are done."""

    remote = True
    lookahead = 2

    def __init__(self, workers: int, warm_after: float = 0.0) -> None:
        self.workers = workers
        self.pool = ThreadPoolExecutor(workers)
        self._warm_at = time.monotonic() + warm_after
        self.submitted: list[Any] = []

    def submit(self, fn: Any, *args: Any) -> Future[Any]:
        self.submitted.append(args[0])
        return self.pool.submit(fn, *args)

    def wait_any(self, futures: list[Any]) -> Iterable[Any]:
        return wait(futures, return_when=FIRST_COMPLETED).done

    def warm(self) -> bool:
        return time.monotonic() >= self._warm_at

    def close(self) -> None:
        self.pool.shutdown()


@dataclass(frozen=True)
class Unit:
    ids: tuple[str, ...]
    chain: str  # units of one chain depend on the chain's earlier units
    seen: tuple[str, ...] = ()  # what refine found back when it was handed out


@dataclass
class Result:
    article_id: str
    seen: tuple[str, ...]
    thread: str


def _work(unit: Unit, settings: Settings) -> list[Result]:
    time.sleep(0.05)
    return [Result(i, unit.seen, threading.current_thread().name) for i in unit.ids]


class ChainStage:
    """Units of two articles; those of chain "a" each wait for the one before."""

    name = "chain"
    work = staticmethod(_work)

    def __init__(self, light: bool = False) -> None:
        self.light = light
        self.back: set[str] = set()
        self.units: list[Unit] = []

    def plan(self, store: Any, conn: Any, articles: Sequence[Article],
             remote: bool = False) -> Plan:
        ids = [a.id for a in articles]
        units = [Unit(tuple(ids[i:i + 2]), "a" if ids[i].startswith("a") else "b")
                 for i in range(0, len(ids), 2)]
        self.units.extend(units)
        return Plan(units)

    def _earlier(self, unit: Unit) -> list[Unit]:
        return [u for u in self.units[:self.units.index(unit)] if u.chain == unit.chain == "a"]

    def ready(self, unit: Unit) -> bool:
        return all(set(u.ids) <= self.back for u in self._earlier(unit))

    def refine(self, store: Any, conn: Any, unit: Unit) -> Unit:
        return replace(unit, seen=tuple(sorted(self.back)))

    def received(self, results: list[Result]) -> None:
        self.back.update(r.article_id for r in results)

    def apply(self, *args: Any) -> dict[str, str]:
        return {}


def _articles(ids: list[str]) -> list[Article]:
    return [Article(id=i, input="test", body="x", body_kind="text", text="x") for i in ids]


class _Store:
    """The store the scheduler reads articles from: a real one, with the ids stored."""

    def __init__(self, tmp_path: Any, ids: list[str]) -> None:
        self.store = open_store(str(tmp_path / "s.db"))
        self.by_id = {a.id: a for a in _articles(ids)}

    def connect(self) -> Any:
        return self.store.connect()

    def articles(self, ids: list[str], conn: Any = None) -> list[Article]:
        return [self.by_id[i] for i in ids]


def _run(tmp_path: Any, stage: ChainStage, ids: list[str], executor: ThreadExecutor,
         size: int = 4) -> tuple[list[list[str]], dict[str, Result]]:
    applied: list[list[str]] = []
    got: dict[str, Result] = {}

    def apply(articles: list[Article], plan: Plan, results: dict[str, Any]) -> dict[str, str]:
        applied.append([a.id for a in articles])
        got.update(results)
        return {}

    store = _Store(tmp_path, ids)
    try:
        run_split_stage(store, Settings(), stage, ids, size, executor,  # type: ignore[arg-type]
                        apply, lambda n: None)
    finally:
        executor.close()
        store.store.close()
    return applied, got


def test_batches_are_written_in_order_with_every_result(tmp_path):
    ids = [f"b{i:02d}" for i in range(10)]
    applied, got = _run(tmp_path, ChainStage(), ids, ThreadExecutor(2))
    assert applied == [ids[0:4], ids[4:8], ids[8:10]]
    assert set(got) == set(ids)


def test_a_unit_waits_for_the_units_it_depends_on_while_others_can_go(tmp_path):
    # chain a (four units) and independent units b: each unit of the chain goes out after
    # the one before has come back, so it is refined with its results
    ids = [f"a{i:02d}" for i in range(8)] + [f"b{i:02d}" for i in range(24)]
    applied, got = _run(tmp_path, ChainStage(), sorted(ids), ThreadExecutor(2), size=32)
    for k in range(2, 8, 2):
        before = {f"a{j:02d}" for j in range(k)}
        assert before <= set(got[f"a{k:02d}"].seen), k
    # with workers a batch holds at most REMOTE_BATCH articles, whatever the store's size
    assert applied == [sorted(ids)[i:i + REMOTE_BATCH] for i in range(0, 32, REMOTE_BATCH)]
    assert REMOTE_BATCH < 32


def test_a_unit_goes_out_unrefined_rather_than_leave_a_worker_idle(tmp_path):
    # nothing but the chain: the second worker takes the next unit at once
    ids = [f"a{i:02d}" for i in range(4)]
    _, got = _run(tmp_path, ChainStage(), ids, ThreadExecutor(2))
    assert got["a02"].seen == ()  # sent before a00, a01 came back


def test_a_light_stage_works_in_the_writer_until_the_workers_are_warm(tmp_path):
    ids = [f"b{i:02d}" for i in range(6)]
    writer = threading.current_thread().name
    _, got = _run(tmp_path, ChainStage(light=True), ids, ThreadExecutor(2, warm_after=60))
    assert {r.thread for r in got.values()} == {writer}
    _, got = _run(tmp_path, ChainStage(light=False), ids, ThreadExecutor(2, warm_after=60))
    assert writer not in {r.thread for r in got.values()}


@pytest.mark.parametrize("light", [False, True])
def test_warm_workers_take_the_work(tmp_path, light):
    ids = [f"b{i:02d}" for i in range(6)]
    writer = threading.current_thread().name
    _, got = _run(tmp_path, ChainStage(light=light), ids, ThreadExecutor(2))
    assert writer not in {r.thread for r in got.values()}
