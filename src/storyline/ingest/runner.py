"""Ingest: read inputs, store new articles (one transaction per batch), run the stages."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from storyline.ingest.htmlmeta import complete_draft
from storyline.ingest.ids import derive_id
from storyline.ingest.readers import reader_for
from storyline.ingest.sources import Located, expand
from storyline.parallel.executors import Executor
from storyline.pipeline import StageReport, run_stages
from storyline.records import ArticleDraft, IngestProblem
from storyline.settings import Settings
from storyline.store import Store


@dataclass(frozen=True, slots=True)
class Renamed:
    """An article whose id was taken by a different article: stored under another id."""

    where: str
    line: int | None
    given_id: str
    stored_id: str

    def __str__(self) -> str:
        loc = f"{self.where}:{self.line}" if self.line is not None else self.where
        return (f"{loc}: id {self.given_id!r} is another article's (a different outlet or URL); "
                f"stored as {self.stored_id!r}")


@dataclass
class IngestReport:
    read: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    renamed: list[Renamed] = field(default_factory=list)
    already_stored: int = 0
    problems: list[IngestProblem] = field(default_factory=list)
    stages: list[StageReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not any(s.failed for s in self.stages)


InputProgress = Callable[[str], None]
log = logging.getLogger(__name__)


def read_located(loc: Located, settings: Settings) -> Iterator[ArticleDraft | IngestProblem]:
    """Stream one input's drafts (metadata completed) and problems; a reader bug becomes a problem."""
    reader = reader_for(loc.kind)
    if reader is None:
        yield IngestProblem(loc.where, f"no reader for input kind {loc.kind!r}")
        return
    try:
        for item in reader(loc.where, settings):
            if isinstance(item, ArticleDraft):
                try:
                    item = complete_draft(item)
                except Exception as e:  # noqa: BLE001 - metadata is optional, the article is not
                    log.warning("%s: metadata not read: %s", loc.where, e)
            yield item
    except Exception as e:  # noqa: BLE001 - a reader bug must not stop the run
        log.exception("reader %s failed on %s", loc.kind, loc.where)
        yield IngestProblem(loc.where, f"cannot read {loc.kind} input: {type(e).__name__}: {e}")


def store_items(
    store: Store,
    items: Iterable[ArticleDraft | IngestProblem],
    settings: Settings,
    report: IngestReport,
    on_read: Callable[[int], None] | None = None,
) -> None:
    """Store drafts in batches (one transaction each); record problems beside them.
    ``on_read`` is told how many articles were read so far, after each batch."""
    batch: list[tuple[str, ArticleDraft]] = []
    problems: list[IngestProblem] = []

    def flush() -> None:
        with store.begin() as conn:
            stored = store.add_articles(conn, batch)
            store.record_problems(conn, problems)
        for s in stored:
            if s.status == "same":
                report.already_stored += 1
            elif s.status == "updated":
                report.updated.append(s.id)
            else:
                report.added.append(s.id)
                if s.status == "renamed":
                    report.renamed.append(Renamed(s.draft.input, s.draft.line, s.given_id, s.id))
        report.problems.extend(problems)
        batch.clear()
        problems.clear()
        if on_read:
            on_read(report.read)

    for item in items:
        if isinstance(item, IngestProblem):
            problems.append(item)
        else:
            report.read += 1
            batch.append((derive_id(item), item))
        if len(batch) + len(problems) >= settings.batch_size:
            flush()
    if batch or problems:
        flush()


def ingest(
    store: Store,
    specs: list[str],
    settings: Settings,
    stages: list[str] | None = None,
    on_input: InputProgress | None = None,
    on_stage: Callable[[str, int, int], None] | None = None,
    on_wait: Callable[[str], None] | None = None,
    executor: Executor | None = None,
) -> IngestReport:
    """Ingest files/folders/globs/URLs/feeds, then run ``stages`` (default: all), their
    per-article work in ``executor`` (default: this process)."""
    report = IngestReport()
    located = list(expand(specs))

    total = len(located)

    def items() -> Iterable[ArticleDraft | IngestProblem]:
        for n, loc in enumerate(located, 1):
            if isinstance(loc, IngestProblem):
                yield loc
            else:
                if on_input:
                    on_input(loc.where)
                yield from read_located(loc, settings)
            if on_stage:
                on_stage("read", n, total)  # inputs

    def on_read(n: int) -> None:
        if on_stage:
            on_stage("stored", n, 0)  # articles; 0: not known while an input streams in

    store_items(store, items(), settings, report, on_read)
    report.stages = run_stages(store, settings, stages, progress=on_stage, on_wait=on_wait,
                               executor=executor)
    return report
