"""The pipeline runner: named stages that declare what they read and write.

A stage is a class with ``name``, ``requires`` (stages that must have run on an
article first), ``reads``/``writes`` (table.column names, for documentation and
``storyline stages``), ``ordered`` (process in publish order, one batch at a time)
and ``run(store, conn, articles) -> dict[article_id, error]``. The runner finds
each stage's pending articles, runs them in batches, and records the result in
``stage_runs`` in the same transaction as the stage's writes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from sqlalchemy import Connection

from storyline.errors import UnknownStageError
from storyline.records import Article
from storyline.settings import Settings
from storyline.store import Store


class Stage(Protocol):
    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    reads: ClassVar[tuple[str, ...]]
    writes: ClassVar[tuple[str, ...]]
    ordered: ClassVar[bool]

    def run(self, store: Store, conn: Connection, articles: Sequence[Article]) -> dict[str, str]:
        """Process ``articles`` inside ``conn``'s transaction; return {article_id: error}."""
        ...


# Registered stages in pipeline order, by import path (imported only when used).
STAGES: dict[str, str] = {
    "clean": "storyline.clean.stage:CleanStage",
    "dedupe": "storyline.dedupe.stage:DedupeStage",
    "stories": "storyline.stories.stage:StoriesStage",
    "enrich": "storyline.enrich.stage:EnrichStage",
}


def stage_names() -> list[str]:
    return list(STAGES)


def load_stage(name: str, settings: Settings) -> Stage:
    try:
        target = STAGES[name]
    except KeyError:
        raise UnknownStageError(f"unknown stage {name!r}; stages: {', '.join(STAGES)}") from None
    module, _, attr = target.partition(":")
    cls = getattr(importlib.import_module(module), attr)
    return cls(settings)  # type: ignore[no-any-return]


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
    processed: int = 0
    failed: dict[str, str] = field(default_factory=dict)


ProgressFn = Callable[[str, int, int], None]


def run_stages(
    store: Store,
    settings: Settings,
    stages: Sequence[str] | None = None,
    progress: ProgressFn | None = None,
) -> list[StageReport]:
    """Run the named stages (default all) on every article pending for them."""
    reports = []
    for name in stages if stages is not None else stage_names():
        stage = load_stage(name, settings)
        ids = store.pending(stage.name, stage.requires)
        report = StageReport(stage.name)
        size = settings.batch_size
        for i in range(0, len(ids), size):
            batch_ids = ids[i : i + size]
            try:
                failed = _run_batch(store, stage, batch_ids)
            except Exception:  # noqa: BLE001 - isolate the bad article, keep the rest
                failed = {}
                for aid in batch_ids:
                    try:
                        failed.update(_run_batch(store, stage, [aid]))
                    except Exception as e:  # noqa: BLE001
                        failed[aid] = f"{type(e).__name__}: {e}"
                        with store.begin() as conn:
                            store.mark(conn, stage.name, [aid], "failed", failed[aid])
            report.processed += len(batch_ids) - len(failed)
            report.failed.update(failed)
            if progress:
                progress(stage.name, min(i + size, len(ids)), len(ids))
        reports.append(report)
    return reports


def _run_batch(store: Store, stage: Stage, batch_ids: Sequence[str]) -> dict[str, str]:
    """Run one batch in one transaction; the stage's writes and the bookkeeping commit together."""
    with store.begin() as conn:
        batch = store.articles(list(batch_ids), conn=conn)
        failed = stage.run(store, conn, batch)
        store.mark(conn, stage.name, [a.id for a in batch if a.id not in failed], "done")
        for aid, err in failed.items():
            store.mark(conn, stage.name, [aid], "failed", err)
    return failed
