"""The pipeline runner: named stages that declare what they read and write.

A stage is a class with ``name``, ``unit`` ("article" or "story"), ``requires``
(stages that must have run first), ``reads``/``writes`` (table.column names, checked
and shown by ``storyline stages``), ``ordered`` (its result depends on the order units
come in) and ``run(store, conn, units) -> {unit id: error}``; it may have
``reset(store, conn)`` to forget what it wrote when it is reset.

Per-article stages get the articles pending for them (never run, or failed with
``retry_failed``), in publish order, in batches. Story-level stages get the stories
whose revision changed since they last ran on them (a new article, a copy linked, a
merge, split or recluster, an article re-cleaned, enriched or updated) and whose
articles have all been through the per-article stages they require. Each batch runs in
one transaction with its bookkeeping. Runs of order-dependent stages (``ordered``, and
every story-level stage) hold the store's lease (:mod:`storyline.store.locks`): a
second process waits for it, or stops saying why.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, ClassVar, Protocol

from sqlalchemy import Connection

from storyline.errors import StorylineError, UnknownStageError
from storyline.parallel.executors import Executor, InlineExecutor
from storyline.parallel.work import Plan, is_split, run_split_stage
from storyline.records import Article
from storyline.settings import Settings
from storyline.store import Store
from storyline.store import runs as R
from storyline.store.locks import Lease
from storyline.store.queries import story_articles
from storyline.store.retry import retrying
from storyline.store.serial import serialise

log = logging.getLogger(__name__)


class Stage(Protocol):
    name: ClassVar[str]
    unit: ClassVar[str]  # "article" | "story"
    requires: ClassVar[tuple[str, ...]]
    reads: ClassVar[tuple[str, ...]]
    writes: ClassVar[tuple[str, ...]]
    ordered: ClassVar[bool]

    def run(self, store: Store, conn: Connection, units: Sequence[Any]) -> dict[str, str]:
        """Process ``units`` inside ``conn``'s transaction; return {unit id: error}."""
        ...


@dataclass(frozen=True, slots=True)
class StoryUnit:
    """What a story-level stage is given: a story at a revision, with its articles in
    publish order."""

    id: str
    revision: int
    articles: list[Article]


# Registered stages in pipeline order, by import path (imported only when used).
STAGES: dict[str, str] = {
    "clean": "storyline.clean.stage:CleanStage",
    "dedupe": "storyline.dedupe.stage:DedupeStage",
    "stories": "storyline.stories.stage:StoriesStage",
    "enrich": "storyline.enrich.stage:EnrichStage",
    "events": "storyline.events.stage:EventsStage",
    "corroborate": "storyline.corroborate.stage:CorroborateStage",
    "positions": "storyline.positions.stage:PositionsStage",
    "brief": "storyline.brief.stage:BriefStage",
}


class StageDefinitionError(StorylineError):
    """A stage whose declaration does not hold (an unknown or later requirement, a story
    reader that does not require ``stories``)."""


def stage_names() -> list[str]:
    return list(STAGES)


def stage_class(name: str) -> Any:
    try:
        target = STAGES[name]
    except KeyError:
        raise UnknownStageError(f"unknown stage {name!r}; stages: {', '.join(STAGES)}") from None
    module, _, attr = target.partition(":")
    cls = getattr(importlib.import_module(module), attr)
    check_stage(cls)
    return cls


def load_stage(name: str, settings: Settings) -> Stage:
    return stage_class(name)(settings)  # type: ignore[no-any-return]


def check_stage(cls: Any) -> None:
    """Check a stage's declaration against the registry: every requirement is a stage that
    comes before it; a stage that reads ``articles.story_id`` or works on stories requires
    ``stories``."""
    order = list(STAGES)
    name = cls.name
    if getattr(cls, "unit", "article") not in ("article", "story"):
        raise StageDefinitionError(f"stage {name}: unit must be 'article' or 'story'")
    for req in cls.requires:
        if req not in STAGES:
            raise StageDefinitionError(f"stage {name} requires {req!r}, which is not a stage")
        if name in order and order.index(req) >= order.index(name):
            raise StageDefinitionError(f"stage {name} requires {req!r}, which runs after it")
    reads_story = any(r.startswith(("articles.story_id", "stories")) for r in cls.reads)
    if (reads_story or getattr(cls, "unit", "article") == "story") and name != "stories" \
            and "stories" not in requires_closure(cls):
        raise StageDefinitionError(f"stage {name} reads stories but does not require 'stories'")


def requires_closure(cls: Any) -> set[str]:
    """Every stage ``cls`` depends on, directly or through its requirements."""
    out: set[str] = set()
    todo = list(cls.requires)
    while todo:
        req = todo.pop()
        if req in out or req not in STAGES:
            continue
        out.add(req)
        module, _, attr = STAGES[req].partition(":")
        todo.extend(getattr(importlib.import_module(module), attr).requires)
    return out


def dependents(name: str) -> list[str]:
    """``name`` and every stage that depends on it, in pipeline order."""
    stage_class(name)
    return [n for n in STAGES if n == name or name in requires_closure(stage_class(n))]


def parse_stages(spec: str | None) -> list[str]:
    """``"clean,stories"`` -> ordered list; None or ``"all"`` -> every stage; ``"none"`` -> []."""
    if spec is None or spec.strip() in ("", "all"):
        return stage_names()
    if spec.strip() == "none":
        return []
    wanted = [s.strip() for s in spec.split(",") if s.strip()]
    for s in wanted:
        if s not in STAGES:
            raise UnknownStageError(f"unknown stage {s!r}; stages: {', '.join(STAGES)}")
    return [s for s in STAGES if s in wanted]


@dataclass
class StageReport:
    stage: str
    unit: str = "article"
    processed: int = 0
    failed: dict[str, str] = field(default_factory=dict)


ProgressFn = Callable[[str, int, int], None]


def _is_ordered(stage: Stage) -> bool:
    return bool(stage.ordered) or getattr(stage, "unit", "article") == "story"


def run_stages(
    store: Store,
    settings: Settings,
    stages: Sequence[str] | None = None,
    progress: ProgressFn | None = None,
    retry_failed: bool = False,
    on_wait: Callable[[str], None] | None = None,
    executor: Executor | None = None,
) -> list[StageReport]:
    """Run the named stages (default all) on every unit pending for them. Consecutive
    order-dependent stages run under the store's lease, taken once for the run of them.
    ``executor``: where the work of the stages that hand it out runs (default: this
    process); this process writes every result, in order."""
    loaded = [load_stage(n, settings) for n in (stages if stages is not None else stage_names())]
    executor = executor or InlineExecutor()
    reports: list[StageReport] = []
    i = 0
    while i < len(loaded):
        if not _is_ordered(loaded[i]):
            reports.append(_run_stage(store, settings, loaded[i], progress, retry_failed, None,
                                      executor))
            i += 1
            continue
        j = i
        while j < len(loaded) and _is_ordered(loaded[j]):
            j += 1
        with Lease(store, wait=settings.lease_wait, on_wait=on_wait) as lease:
            for stage in loaded[i:j]:
                reports.append(_run_stage(store, settings, stage, progress, retry_failed, lease,
                                          executor))
        i = j
    return reports


def _run_stage(store: Store, settings: Settings, stage: Stage, progress: ProgressFn | None,
               retry_failed: bool, lease: Lease | None,
               executor: Executor | None = None) -> StageReport:
    unit = getattr(stage, "unit", "article")
    report = StageReport(stage.name, unit)
    if unit == "story":
        per_article = [r for r in requires_closure(type(stage))
                       if getattr(stage_class(r), "unit", "article") == "article"]
        with store.connect() as c:
            units: list[Any] = R.pending_stories(c, stage.name, per_article, retry_failed)
        size = settings.story_batch_size
    else:
        units = store.pending(stage.name, stage.requires, retry_failed)
        size = settings.batch_size
    if progress and units:
        progress(stage.name, 0, len(units))
    if unit == "article" and is_split(stage):
        _run_split(store, settings, stage, units, size, executor or InlineExecutor(), report,
                   progress, lease)
        return report
    for i in range(0, len(units), size):
        batch = units[i : i + size]
        try:
            done, failed = retrying(partial(_run_batch, store, stage, batch),
                                    what=f"stage {stage.name}")
        except Exception:  # noqa: BLE001 - isolate the bad unit, keep the rest
            # Stages that do real work per unit (clean, enrich) fail a unit themselves and
            # never get here for one bad article; this is for a failure outside any unit.
            log.debug("stage %s: a batch of %d failed; running it one unit at a time",
                      stage.name, len(batch), exc_info=True)
            done, failed = 0, {}
            for one in batch:
                try:
                    n, f = retrying(partial(_run_batch, store, stage, [one]),
                                    what=f"stage {stage.name}")
                    done += n
                    failed.update(f)
                except Exception as e:  # noqa: BLE001
                    uid = one[0] if unit == "story" else one
                    failed[uid] = f"{type(e).__name__}: {e}"

                    def mark(o: Any = one, err: str = failed[uid]) -> None:
                        with store.begin() as conn:
                            _mark(conn, stage, [o], "failed", err)

                    retrying(mark, what=f"stage {stage.name}")
        report.processed += done
        report.failed.update(failed)
        if lease is not None:
            lease.renew()
        if progress:
            progress(stage.name, min(i + size, len(units)), len(units))
    return report


def _run_split(store: Store, settings: Settings, stage: Any, ids: list[str], size: int,
               executor: Executor, report: StageReport, progress: ProgressFn | None,
               lease: Lease | None) -> None:
    """A stage whose work runs in ``executor``; each batch is written here, in order, in
    one transaction with its bookkeeping (a failing batch is written article by article)."""
    worked = 0

    def done(n: int) -> None:
        nonlocal worked
        worked += n
        if progress:
            progress(stage.name, min(worked, len(ids)), len(ids))

    def apply(articles: list[Article], plan: Plan, results: dict[str, Any]) -> dict[str, str]:
        try:
            n, failed = retrying(partial(_apply_batch, store, stage, articles, plan, results),
                                 what=f"stage {stage.name}")
        except Exception:  # noqa: BLE001 - isolate the bad article, keep the rest
            n, failed = 0, {}
            for one in articles:
                try:
                    k, f = retrying(partial(_apply_batch, store, stage, [one], plan, results),
                                    what=f"stage {stage.name}")
                    n += k
                    failed.update(f)
                except Exception as e:  # noqa: BLE001
                    failed[one.id] = f"{type(e).__name__}: {e}"

                    def mark(o: str = one.id, err: str = failed[one.id]) -> None:
                        with store.begin() as conn:
                            _mark(conn, stage, [o], "failed", err)

                    retrying(mark, what=f"stage {stage.name}")
        report.processed += n
        report.failed.update(failed)
        if lease is not None:
            lease.renew()
        return failed

    run_split_stage(store, settings, stage, ids, size, executor, apply, done)


def _apply_batch(store: Store, stage: Any, articles: list[Article], plan: Plan,
                 results: dict[str, Any]) -> tuple[int, dict[str, str]]:
    """Write one batch's results in one transaction with its bookkeeping; articles another
    process finished since they were listed are left out. Returns (done, {id: error})."""
    with store.begin() as conn:
        serialise(conn, f"stage:{stage.name}")
        todo = set(R.unsettled_articles(conn, stage.name, [a.id for a in articles]))
        articles = [a for a in articles if a.id in todo]
        failed: dict[str, str] = stage.apply(store, conn, articles, plan.notes, results)
        _mark(conn, stage, [a.id for a in articles if a.id not in failed], "done")
        for aid, err in failed.items():
            _mark(conn, stage, [aid], "failed", err)
        R.touch_stories(conn, [a.id for a in articles])  # their stories changed
    return len(articles) - len(failed), failed


def _mark(conn: Connection, stage: Stage, units: Sequence[Any], status: str,
          detail: str | None = None) -> None:
    if getattr(stage, "unit", "article") == "story":
        R.mark_stories(conn, stage.name, list(units), status, detail)
    else:
        R.mark_articles(conn, stage.name, units, status, detail)


def _run_batch(store: Store, stage: Stage, batch: Sequence[Any]) -> tuple[int, dict[str, str]]:
    """Run one batch in one transaction; the stage's writes and the bookkeeping commit
    together. Units another process finished since they were listed are left out (on
    PostgreSQL, batches of one stage run one at a time, as every write transaction does on
    SQLite). Returns (units done, {unit id: error})."""
    with store.begin() as conn:
        serialise(conn, f"stage:{stage.name}")
        if getattr(stage, "unit", "article") == "story":
            batch = R.unsettled_stories(conn, stage.name, batch)
            units = [StoryUnit(sid, rev, story_articles(conn, sid)) for sid, rev in batch]
            failed = stage.run(store, conn, units)
            _mark(conn, stage, [u for u in batch if u[0] not in failed], "done")
            for sid, err in failed.items():
                _mark(conn, stage, [u for u in batch if u[0] == sid], "failed", err)
            return len(batch) - len(failed), failed
        articles = store.articles(R.unsettled_articles(conn, stage.name, batch), conn=conn)
        failed = stage.run(store, conn, articles)
        _mark(conn, stage, [a.id for a in articles if a.id not in failed], "done")
        for aid, err in failed.items():
            _mark(conn, stage, [aid], "failed", err)
        R.touch_stories(conn, [a.id for a in articles])  # their stories changed
    return len(articles) - len(failed), failed


def reset_stage(store: Store, settings: Settings, name: str) -> list[str]:
    """Make ``name`` and every stage that depends on it pending again for every unit, each
    stage first forgetting what it wrote when it has a ``reset``. Returns the stages."""
    names = dependents(name)
    with Lease(store, wait=settings.lease_wait), store.begin() as conn:
        for n in reversed(names):
            stage = load_stage(n, settings)
            reset = getattr(stage, "reset", None)
            if reset is not None:
                reset(store, conn)
            R.forget_stage(conn, n)
    return names
