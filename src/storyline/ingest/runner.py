"""Ingest: read inputs, store new articles (one transaction per batch), run the stages."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from storyline.ingest.checks import admit, clean_problem
from storyline.ingest.htmlmeta import complete_draft
from storyline.ingest.ids import derive_id
from storyline.ingest.readers import reader_for
from storyline.ingest.sources import Located, expand
from storyline.parallel.executors import Executor
from storyline.pipeline import StageReport, run_stages
from storyline.records import ArticleDraft, IngestProblem
from storyline.settings import Settings
from storyline.store import Store
from storyline.store import articles as store_articles
from storyline.store.retry import retrying


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
    """Stream one input's drafts (metadata completed, checked by :func:`admit`) and problems.

    Nothing from one input stops the run: a draft that cannot be completed or checked
    becomes a problem naming its file and line; a reader that fails half-way becomes a
    problem naming the last line it read, after the drafts it had already given."""
    reader = reader_for(loc.kind)
    if reader is None:
        yield IngestProblem(loc.where, f"no reader for input kind {loc.kind!r}")
        return
    last: int | None = None
    try:
        for item in reader(loc.where, settings):
            if isinstance(item, ArticleDraft):
                last = item.line if item.line is not None else last
                yield _checked(item, settings)
            else:
                last = item.line if item.line is not None else last
                yield clean_problem(item)
    except Exception as e:  # noqa: BLE001 - a reader bug must not stop the run
        log.debug("reader %s failed on %s", loc.kind, loc.where, exc_info=True)
        after = f" after line {last}" if last is not None else ""
        yield clean_problem(IngestProblem(
            loc.where, f"internal error reading this {loc.kind} input{after}, the rest of it "
                       f"skipped: {type(e).__name__}: {_short(e)}", None))


def _short(e: BaseException, limit: int = 300) -> str:
    text = str(e)
    return text if len(text) <= limit else text[:limit] + "…"


def _checked(draft: ArticleDraft, settings: Settings) -> ArticleDraft | IngestProblem:
    try:
        draft = complete_draft(draft)
    except Exception as e:  # noqa: BLE001 - metadata is optional, the article is not
        log.warning("%s: metadata not read: %s", draft.input, e)
    try:
        return admit(draft, settings)
    except Exception as e:  # noqa: BLE001 - one bad record must not take the rest with it
        log.debug("checking a draft from %s failed", draft.input, exc_info=True)
        return clean_problem(IngestProblem(
            draft.input, f"cannot store this record: {type(e).__name__}: {_short(e)}",
            draft.line))


def _identified(item: ArticleDraft) -> tuple[str, ArticleDraft] | IngestProblem:
    try:
        return derive_id(item), item
    except Exception as e:  # noqa: BLE001
        return clean_problem(IngestProblem(
            item.input, f"cannot give this record an id: {type(e).__name__}: {_short(e)}",
            item.line))


def store_items(
    store: Store,
    items: Iterable[ArticleDraft | IngestProblem],
    settings: Settings,
    report: IngestReport,
    on_read: Callable[[int], None] | None = None,
) -> None:
    """Store drafts in batches (one transaction each, run again when a lock held by another
    process makes it fail); record problems beside them. A batch the store refuses for
    another reason is stored one draft at a time, each draft it still refuses becoming a
    problem. ``on_read`` is told how many articles were read so far, after each batch."""
    batch: list[tuple[str, ArticleDraft]] = []
    problems: list[IngestProblem] = []

    def save(drafts: list[tuple[str, ArticleDraft]],
             found: list[IngestProblem]) -> list[store_articles.Stored]:
        def tx() -> list[store_articles.Stored]:
            with store.begin() as conn:
                stored = store.add_articles(conn, drafts)
                store.record_problems(conn, found)
            return stored

        return retrying(tx, what="storing articles")

    def flush() -> None:
        try:
            stored = save(batch, problems)
        except Exception:  # noqa: BLE001 - find the draft the store refuses, keep the rest
            log.debug("storing a batch of %d failed; storing one at a time", len(batch),
                      exc_info=True)
            stored = []
            for one in batch:
                try:
                    stored.extend(save([one], []))
                except Exception as e:  # noqa: BLE001
                    d = one[1]
                    problems.append(clean_problem(IngestProblem(
                        d.input, f"the store refused this record: {type(e).__name__}: "
                                 f"{_short(e)}", d.line)))
            save([], problems)
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
            problems.append(clean_problem(item))
        else:
            report.read += 1
            got = _identified(item)
            if isinstance(got, IngestProblem):
                problems.append(got)
            else:
                batch.append(got)
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
