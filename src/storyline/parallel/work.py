"""Per-article stages whose work runs anywhere, written by one process in order.

A stage that can hand its work out has, besides ``run``:

- ``plan(store, conn, articles, remote) -> Plan`` (the writer, reads only): the work
  units (picklable payloads) and notes the writer keeps for ``apply``;
- ``work(unit, settings) -> [result]``: a module-level function with no store, run in
  the writer's process, a worker process or on a Dask worker; each result has an
  ``article_id``;
- ``apply(store, conn, articles, notes, results) -> {article id: error}`` (the writer,
  in publish order, inside the batch's transaction).

:func:`run_split_stage` plans batches ahead of the one being written (so that the
workers always have units to parse), collects each batch's results in order and applies
them. Whatever a result depends on in the store that earlier batches may still change is
checked again by ``apply``; a run with workers therefore writes what a run in one
process writes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.parallel.executors import Executor
from storyline.records import Article
from storyline.settings import Settings
from storyline.store import Store


@dataclass
class Plan:
    units: list[Any]
    notes: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Batch:
    ids: list[str]
    articles: list[Article]
    plan: Plan
    futures: list[Any]


def is_split(stage: Any) -> bool:
    return all(callable(getattr(stage, m, None)) for m in ("plan", "work", "apply"))


ApplyFn = Callable[[list[Article], Plan, dict[str, Any]], dict[str, str]]
DoneFn = Callable[[int], None]


def run_split_stage(store: Store, settings: Settings, stage: Any, ids: Sequence[str],
                    size: int, executor: Executor, apply: ApplyFn, done: DoneFn) -> None:
    """Plan, hand out and apply ``ids`` in batches of ``size``. ``apply(articles, plan,
    results)`` writes one batch (the runner's transaction and bookkeeping); ``done(n)``
    is told each time the work of ``n`` more articles has come back."""
    batches = [list(ids[i:i + size]) for i in range(0, len(ids), size)]
    window: deque[_Batch] = deque()
    nxt = 0

    def dispatch() -> None:
        nonlocal nxt
        batch_ids = batches[nxt]
        nxt += 1
        with store.connect() as conn:
            articles = store.articles(batch_ids, conn=conn)
            plan = stage.plan(store, conn, articles, remote=executor.remote)
        futures = [executor.submit(stage.work, unit, settings) for unit in plan.units]
        window.append(_Batch(batch_ids, articles, plan, futures))

    def in_flight() -> int:
        return sum(len(b.futures) for b in window)

    while window or nxt < len(batches):
        # keep the workers busy: plan ahead while fewer than two units per worker wait
        while nxt < len(batches) and (len(window) <= executor.lookahead
                                      or in_flight() < 2 * executor.workers):
            dispatch()
        batch = window.popleft()
        results: dict[str, Any] = {}
        for fut in batch.futures:
            part = fut.result()
            results.update((r.article_id, r) for r in part)
            done(len(part))
        unworked = len(batch.articles) - sum(1 for a in batch.articles if a.id in results)
        if unworked:
            done(unworked)  # copies, skipped articles: nothing to hand out
        apply(batch.articles, batch.plan, results)
