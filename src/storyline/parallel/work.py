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

A stage whose units depend on the results of earlier ones (an enrich unit reads its
story's places, which the story's earlier articles resolve) may also have:

- ``ready(unit) -> bool``: whether every result the unit depends on has come back;
- ``refine(store, conn, unit) -> unit``: the unit as it is handed out now, with what came
  back since it was planned (called when it is submitted);
- ``received(results)``: told of each unit's results as they come back;
- ``priority(unit) -> number``: of the units that are ready, the highest goes first.

A stage whose work needs no model (``light = True``: clean) has its first units worked
in the writer's own process while the workers are still loading theirs.

With workers, units that are ready go out first and a unit that is not waits for the
results it depends on, unless a worker would otherwise be idle; so a worker mostly reads
with the context a run in one process has, and the writer has little to read again.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from storyline.parallel.executors import Executor, RemoteExecutor
from storyline.records import Article
from storyline.settings import Settings
from storyline.store import Store

# With workers, articles per batch: a batch is written once all of its results are in, so
# small batches keep the writer's writes close behind the workers' parse (with the store's
# 200 the last batch's writes were left until every article was parsed: 1.6 s of 20 with
# one core idle, on 120 Timeline17 articles with --workers 2)
REMOTE_BATCH = 16


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
    sent: list[bool] = field(default_factory=list)  # remote: which units were handed out


def _planned(store: Store, stage: Any, ids: list[str], remote: bool) -> _Batch:
    """A batch read and planned (nothing handed out yet)."""
    with store.connect() as conn:
        articles = store.articles(ids, conn=conn)
        plan = stage.plan(store, conn, articles, remote=remote)
    return _Batch(ids, articles, plan, [])


def is_split(stage: Any) -> bool:
    return all(callable(getattr(stage, m, None)) for m in ("plan", "work", "apply"))


ApplyFn = Callable[[list[Article], Plan, dict[str, Any]], dict[str, str]]
DoneFn = Callable[[int], None]


def run_split_stage(store: Store, settings: Settings, stage: Any, ids: Sequence[str],
                    size: int, executor: Executor, apply: ApplyFn, done: DoneFn) -> None:
    """Plan, hand out and apply ``ids`` in batches of ``size`` (with workers, at most
    :data:`REMOTE_BATCH`). ``apply(articles, plan, results)`` writes one batch (the
    runner's transaction and bookkeeping); ``done(n)`` is told each time the work of ``n``
    more articles has come back."""
    if executor.remote:  # written as their results come in, not all at the parse's end
        size = min(size, REMOTE_BATCH)
    batches = [list(ids[i:i + size]) for i in range(0, len(ids), size)]
    if executor.remote:
        _run_remote(store, settings, stage, batches, cast(RemoteExecutor, executor), apply,
                    done)
        return
    window: deque[_Batch] = deque()
    nxt = 0

    def dispatch() -> None:
        nonlocal nxt
        b = _planned(store, stage, batches[nxt], remote=False)
        nxt += 1
        b.futures = [executor.submit(stage.work, unit, settings) for unit in b.plan.units]
        window.append(b)

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
        _finish(batch, results, apply, done)


def _finish(batch: _Batch, results: dict[str, Any], apply: ApplyFn, done: DoneFn) -> None:
    """Write a batch whose results are all in (its articles with no work counted done)."""
    unworked = len(batch.articles) - sum(1 for a in batch.articles if a.id in results)
    if unworked:
        done(unworked)  # copies, skipped articles: nothing to hand out
    apply(batch.articles, batch.plan, results)


def _run_remote(store: Store, settings: Settings, stage: Any, batches: list[list[str]],
                executor: RemoteExecutor, apply: ApplyFn, done: DoneFn) -> None:
    """The schedule with workers: units are handed out when a worker can take them (ready
    units first, up to two per worker waiting), results are taken as they come back, and
    each batch is written as soon as all of its results are in, in order."""
    window: deque[_Batch] = deque()
    nxt = 0
    ready = getattr(stage, "ready", None)
    refine = getattr(stage, "refine", None)
    received = getattr(stage, "received", None)
    priority = getattr(stage, "priority", None)
    writer_works = bool(getattr(stage, "light", False))
    flying: dict[Any, tuple[_Batch, int]] = {}  # future -> its batch and unit index
    results: dict[int, dict[str, Any]] = {}  # id(batch) -> results back so far

    def unsent() -> list[tuple[_Batch, int]]:
        return [(b, i) for b in window for i, sent in enumerate(b.sent) if not sent]

    def plan_next() -> None:
        nonlocal nxt
        b = _planned(store, stage, batches[nxt], remote=True)
        nxt += 1
        b.futures, b.sent = [None] * len(b.plan.units), [False] * len(b.plan.units)
        results[id(b)] = {}
        window.append(b)

    def handed_out(b: _Batch, i: int) -> Any:
        """Unit ``i`` of ``b`` as it goes out now (marked sent)."""
        b.sent[i] = True
        if refine is None:
            return b.plan.units[i]
        with store.connect() as conn:
            return refine(store, conn, b.plan.units[i])

    def send(b: _Batch, i: int) -> None:
        fut = executor.submit(stage.work, handed_out(b, i), settings)
        b.futures[i] = fut
        flying[fut] = (b, i)

    def work_here(b: _Batch, i: int) -> None:
        take(b, stage.work(handed_out(b, i), settings))

    def take(b: _Batch, part: list[Any]) -> None:
        results[id(b)].update((r.article_id, r) for r in part)
        if received is not None:
            received(part)
        done(len(part))

    def top_up() -> None:
        while True:
            waiting = unsent()
            # plan ahead while fewer than two units per worker wait to be handed out
            while nxt < len(batches) and (len(window) <= executor.lookahead
                                          or len(waiting) < 2 * executor.workers):
                plan_next()
                waiting = unsent()
            if not waiting or len(flying) >= 2 * executor.workers:
                return
            if writer_works and not executor.warm():
                work_here(*waiting[0])  # the workers are still loading their models
                continue
            fit = [(b, i) for b, i in waiting if ready is None or ready(b.plan.units[i])]
            # the longest chains of dependent units first: they bound the stage's end
            pick = max(fit, key=lambda bi: priority(bi[0].plan.units[bi[1]])) \
                if fit and priority is not None else (fit[0] if fit else None)
            if pick is None:
                if len(flying) >= executor.workers:
                    return  # every worker is busy: let the units wait for what they need
                pick = waiting[0]  # a worker would be idle: hand it out as it is
            send(*pick)

    while window or nxt < len(batches):
        top_up()
        head = window[0]
        if all(head.sent) and not any(f in flying for f in head.futures):
            window.popleft()
            _finish(head, results.pop(id(head)), apply, done)
            continue
        for fut in executor.wait_any(list(flying)):
            b, _ = flying.pop(fut)
            take(b, fut.result())
