"""The ``enrich`` stage: sentences, canonical entities, places, dates, quotes, numbers, events,
stated positions.

The stage is split in three so that the parse can run anywhere while one process writes:

- :meth:`EnrichStage.plan` (the writer, reads only): which articles to parse, in work
  units of a few seconds of text (one ``nlp.pipe`` batch each) that keep a story's
  articles together (:func:`~storyline.enrich.article.story_units`);
- :func:`~storyline.enrich.article.enrich_chunk` (anywhere): the parse and the pure
  extractors, doc in, records out (:mod:`storyline.enrich.article`); a unit's articles
  are read in order, each with the places of its story's articles before it in the unit;
  in the writer's own process it only parses, and the doc is read when it is applied;
- with workers, a unit goes out with each article's context: the places its story holds
  in the store and those of its story's earlier articles whose results are back
  (:meth:`EnrichStage.refine`); a unit whose story has articles in another unit waits
  for their results (:meth:`EnrichStage.ready`) unless a worker would otherwise be idle;
- :meth:`EnrichStage.apply` (the writer, in publish order): the story's places are read
  again; a doc parsed here is read against them; for a result read by a worker, when
  they differ from the context it was read with and the article's places resolve
  differently against them, the article is read again from its doc with the fuller
  context; then article-local entity keys are mapped to store-wide entities and every
  per-article table is written anew.

So the result is the same whether the work ran in this process, in worker processes or
on a Dask cluster, and the same as reading each article right after the one before it
was written. Each article is parsed once; an exact copy (dedupe linked it, and its text
is its canonical's) is not parsed at all (:mod:`storyline.enrich.copies`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from sqlalchemy import Connection, select

from storyline.enrich.article import (
    CHUNK,
    EnrichResult,
    EnrichTask,
    doc_from_bytes,
    enrich_chunk,
    enrich_doc,
    parse_text,
    read_doc,
    story_units,
)
from storyline.enrich.copies import copy_enrichment
from storyline.enrich.entities.mentions import place_indices
from storyline.enrich.nlp.pipeline import load_nlp
from storyline.enrich.persist import (
    clear_article,
    story_places,
    write_article,
    write_attributions,
    write_positions,
)
from storyline.enrich.places.context import with_earlier
from storyline.enrich.places.gazetteer import Place
from storyline.enrich.places.mentions import geocode_mentions
from storyline.enrich.resolve import resolve_entities
from storyline.limits import TimeLimitExceeded
from storyline.parallel.work import Plan
from storyline.records import Article
from storyline.settings import Settings
from storyline.store import Store
from storyline.store import schema as S

log = logging.getLogger(__name__)

@dataclass
class _Planned:
    """What planning decided for one article (kept in the writer until it is applied)."""

    copy_of: str | None = None  # an exact copy: take this article's rows
    truncated: dict[str, Any] | None = None  # the metadata recording a cut text


class EnrichStage:
    name: ClassVar[str] = "enrich"
    unit: ClassVar[str] = "article"
    requires: ClassVar[tuple[str, ...]] = ("clean", "stories")  # a story's places: context
    reads: ClassVar[tuple[str, ...]] = (
        "articles.text", "articles.language", "articles.published", "articles.story_id",
        "articles.duplicate_of",
    )
    writes: ClassVar[tuple[str, ...]] = (
        "sentences", "entities", "entity_mentions", "entity_roles", "entity_aliases",
        "date_mentions", "quotes", "numbers", "attributions", "event_mentions",
        "position_mentions",
    )
    ordered: ClassVar[bool] = False
    work = staticmethod(enrich_chunk)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # story id -> its articles planned and not yet applied (their places not stored)
        self._unwritten: dict[str, set[str]] = {}
        self._position: dict[str, int] = {}  # article id -> its place in planning order
        self._planned = 0
        self._back: dict[str, set[Place]] = {}  # results back, not applied: their places

    # -- the three parts --------------------------------------------------------------
    def plan(self, store: Store, conn: Connection, articles: Sequence[Article],
             remote: bool = False) -> Plan:
        """Work units for the articles that need a parse, in order; notes for the others."""
        # The pipeline is English; other languages are stored and flagged by clean, not
        # run through an English model (an undetected language is given the benefit).
        todo = [a for a in articles if a.text.strip() and a.language in (None, "en")]
        copies = _exact_copies(conn, todo)
        notes: dict[str, _Planned] = {}
        parse: list[Article] = []
        for a in todo:
            if a.id in copies:
                notes[a.id] = _Planned(copy_of=copies[a.id])
            else:
                cut, notes[a.id] = self._prepare(a)
                parse.append(cut)
        # here, the docs are read when applied (against the story's places then); a unit
        # handed to a worker gets its contexts when it goes out (refine), and the writer
        # checks them again
        docs = "bytes" if remote else "parse"
        for a in parse:
            self._position[a.id] = self._planned
            self._planned += 1
            if a.story_id:
                self._unwritten.setdefault(a.story_id, set()).add(a.id)
        units = [EnrichTask(unit, [() for _ in unit], docs)
                 for unit in story_units(parse, CHUNK)]
        return Plan(units, notes)

    # -- scheduling with workers (see storyline.parallel.work) -------------------------
    def _before(self, a: Article) -> list[str]:
        """The articles of ``a``'s story planned before it and not yet written."""
        if not a.story_id:
            return []
        mine = self._position[a.id]
        return [b for b in self._unwritten.get(a.story_id, ()) if self._position[b] < mine]

    def _waits_for(self, a: Article, unit: Sequence[Article]) -> bool:
        """Whether ``a``'s context still waits for an article of another unit (its results
        not back): read now, its places may resolve differently once they are."""
        inside = {b.id for b in unit}
        return any(b not in inside and b not in self._back for b in self._before(a))

    def ready(self, task: EnrichTask) -> bool:
        return not any(self._waits_for(a, task.articles) for a in task.articles)

    def refine(self, store: Store, conn: Connection, task: EnrichTask) -> EnrichTask:
        """The unit with each article's context as it is now: its story's places stored,
        and those of its story's earlier articles whose results are back, not written."""
        contexts = []
        for a in task.articles:
            back = [p for b in self._before(a) if b in self._back for p in self._back[b]]
            stored = story_places(conn, a)
            contexts.append(with_earlier(stored, back) if back else tuple(stored))
        unsure = frozenset(a.id for a in task.articles if self._waits_for(a, task.articles))
        return replace(task, contexts=contexts, unsure=unsure)

    def priority(self, task: EnrichTask) -> int:
        """How many articles of the unit's stories are still to be read after it: a story
        read in many units is a chain (each unit waits for the one before), started early
        so that the stage does not end with one worker reading it alone."""
        mine = {a.id for a in task.articles}
        last = max(self._position[a.id] for a in task.articles)
        return max((sum(1 for b in self._unwritten.get(a.story_id, ())
                        if b not in mine and self._position[b] > last and b not in self._back)
                    for a in task.articles if a.story_id), default=0)

    def received(self, results: Sequence[EnrichResult]) -> None:
        for r in results:
            self._back[r.article_id] = r.places

    def apply(self, store: Store, conn: Connection, articles: Sequence[Article],
              notes: dict[str, _Planned], results: dict[str, EnrichResult]) -> dict[str, str]:
        """Write the results, in the order of ``articles``; returns {article id: error}. An
        article whose writes fail is failed alone, its writes rolled back to its savepoint."""
        failed: dict[str, str] = {}
        written: set[str] = set()
        for a in articles:
            if a.story_id in self._unwritten:
                self._unwritten[a.story_id].discard(a.id)
                if not self._unwritten[a.story_id]:
                    del self._unwritten[a.story_id]
            self._back.pop(a.id, None)  # what a long run keeps is the articles in flight
            self._position.pop(a.id, None)
            planned = notes.get(a.id)
            if planned is None:
                continue  # not for this pipeline (empty, or not English)
            try:
                with conn.begin_nested():
                    why = self._apply_one(store, conn, a, planned, results.get(a.id), written)
            except Exception as e:  # noqa: BLE001 - one article's failure is its own
                log.debug("enrich failed on %s", a.id, exc_info=True)
                why = f"{type(e).__name__}: {e}"
            if why:
                failed[a.id] = why
            else:
                written.add(a.id)
        return failed

    def _apply_one(self, store: Store, conn: Connection, a: Article, planned: _Planned,
                   r: EnrichResult | None, written: set[str]) -> str | None:
        """Write one article's result; the reason it cannot be, or None."""
        if planned.copy_of is not None:
            if self._apply_copy(store, conn, a, planned.copy_of, written):
                return None
            # the canonical failed or was not read: the copy is parsed on its own
            cut, own = self._prepare(a)
            [mine] = enrich_chunk(EnrichTask([cut], [tuple(story_places(conn, a))], "object"),
                                  self.settings)
            return self._apply_one(store, conn, a, own, mine, written)
        if r is None or r.error is not None or (r.enrichment is None and r.doc is None):
            return r.error if r is not None and r.error else "no result from the worker"
        if planned.truncated is not None:
            a = replace(a, text=a.text[:planned.truncated["enrich"]["truncated_at"]],
                        metadata=planned.truncated)
        if r.enrichment is None:  # parsed only: read now, against its story's places now
            try:
                e = read_doc(r.doc, a, story_places(conn, a), self.settings)
            except (Exception, TimeLimitExceeded) as exc:  # the article's failure alone
                return f"{type(exc).__name__}: {exc}"
        else:
            e = self._current(conn, a, r)
        if planned.truncated is not None:
            store.update_article(conn, a.id, metadata=planned.truncated)
        self._write(store, conn, a, e)
        return None

    def run(self, store: Store, conn: Connection, articles: Sequence[Article]) -> dict[str, str]:
        """Plan, work and apply in this process, inside ``conn``'s transaction."""
        plan = self.plan(store, conn, articles)
        results = {r.article_id: r for task in plan.units
                   for r in enrich_chunk(task, self.settings)}
        return self.apply(store, conn, articles, plan.notes, results)

    def _prepare(self, a: Article) -> tuple[Article, _Planned]:
        """The article as it is parsed (cut at the length limit, no raw body) and what the
        writer keeps about it: the metadata recording a cut."""
        cut = self._within_limit(a)
        planned = _Planned(truncated=cut.metadata if cut is not a else None)
        return replace(cut, body=""), planned

    # -- parts of apply ---------------------------------------------------------------
    def _current(self, conn: Connection, a: Article, r: EnrichResult) -> Any:
        """The result's enrichment, read again from its doc when the story's places now
        resolve the article's place names differently from the context it was read with."""
        e = r.enrichment
        assert e is not None
        context = story_places(conn, a)
        if tuple(context) == r.context:
            return e
        again = place_indices(geocode_mentions(e.geocoded.names, context,
                                               within=e.geocoded.within))
        if again == e.geocoded.places:
            return e
        log.debug("%s: places resolve differently with its story's places now; read again",
                  a.id)
        if r.doc is not None:
            doc = r.doc
        elif r.doc_bytes is not None:
            doc = doc_from_bytes(r.doc_bytes, self.settings)
        else:  # a doc is kept whenever the places could change: parse it here
            doc = load_nlp(self.settings.spacy_models)(parse_text(a.text))
        return enrich_doc(doc, a, context, self.settings)

    def _write(self, store: Store, conn: Connection, a: Article, e: Any) -> None:
        clear_article(conn, a.id)
        entity_ids = resolve_entities(store, conn, a, e.mentions, e.sents)
        write_article(conn, a, e.sents, e.mentions, entity_ids, e.dates, e.quotes, e.numbers,
                      e.events)
        write_positions(conn, a.id, e.positions, entity_ids)
        write_attributions(conn, e.attributions)

    def _apply_copy(self, store: Store, conn: Connection, a: Article, canonical: str,
                    written: set[str]) -> bool:
        """An exact copy gets its canonical's rows when the canonical is enriched (earlier,
        or in this batch); False when it is not."""
        r = S.stage_runs
        if canonical not in written and conn.execute(select(r.c.status).where(
                r.c.article_id == canonical, r.c.stage == self.name)).scalar() != "done":
            return False
        clear_article(conn, a.id)
        copy_enrichment(conn, canonical, a.id)
        source = store.get_article(canonical, conn=conn)
        cut = (source.metadata.get("enrich") if source is not None else None) or {}
        if "truncated_at" in cut:
            store.update_article(conn, a.id, metadata={**a.metadata, "enrich": cut})
        return True

    def _within_limit(self, a: Article) -> Article:
        """The article, or, past ``enrich_max_chars``, its text up to the last paragraph
        (else sentence) end before the limit, with the cut in its metadata (written when
        the result is applied). A prefix keeps every offset valid in the stored text."""
        limit = self.settings.enrich_max_chars
        if len(a.text) <= limit:
            return a
        cut = a.text.rfind("\n", 0, limit)  # clean text: one paragraph per line
        if cut < limit // 2:
            cut = max(a.text.rfind(". ", 0, limit) + 1, limit // 2)
        meta = {**a.metadata, "enrich": {**a.metadata.get("enrich", {}), "truncated_at": cut,
                                          "text_chars": len(a.text)}}
        return replace(a, text=a.text[:cut], metadata=meta)


def _exact_copies(conn: Connection, articles: Sequence[Article]) -> dict[str, str]:
    """{copy id: canonical id} for the articles whose text is their canonical's, exactly."""
    linked = {a.id: a.duplicate_of for a in articles if a.duplicate_of}
    if not linked:
        return {}
    t = S.articles
    texts = dict(conn.execute(select(t.c.id, t.c.text)
                              .where(t.c.id.in_(sorted(set(linked.values()))))).all())
    return {a.id: a.duplicate_of for a in articles
            if a.duplicate_of and texts.get(a.duplicate_of) == a.text}
