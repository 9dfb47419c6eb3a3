"""The ``clean`` stage: raw body -> main text, title, date, outlet, language.

Split like every stage whose work can run elsewhere (see :mod:`storyline.parallel.work`):
:func:`clean_chunk` does the pure part anywhere (HTML extraction; for scraped text, the
head and furniture and the language of the result), and :meth:`CleanStage.apply` takes
out, in the writer and in order, the lines the corpus repeats (``line_counts``), so the
result is the same wherever the work ran.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy import Connection

from storyline.clean.article import (
    TextParts,
    clean_html,
    removes_repeated,
    text_parts,
    text_result,
)
from storyline.clean.repeated import RepeatedLines
from storyline.limits import TimeLimitExceeded, time_limit
from storyline.metadata import source_from_url
from storyline.parallel.work import Plan
from storyline.records import Article, CleanResult
from storyline.settings import Settings
from storyline.store import Store

log = logging.getLogger(__name__)

CHUNK = 50  # articles per work unit


@dataclass(frozen=True)
class CleanWork:
    """The pure part of cleaning one article: an HTML page's result, or scraped text's
    parts with the result they give when no repeated line comes out."""

    article_id: str
    result: CleanResult | None = None
    parts: TextParts | None = None
    error: str | None = None


def clean_one(a: Article, settings: Settings) -> CleanWork:
    if a.body_kind == "html":
        return CleanWork(a.id, clean_html(a.body, url=a.url, title=a.title,
                                          published=a.published, settings=settings.clean))
    parts = text_parts(a.body, title=a.title)
    return CleanWork(a.id, text_result(parts), parts)


def clean_chunk(articles: list[Article], settings: Settings) -> list[CleanWork]:
    """Each article's work; one that fails (an error, or past ``max_article_seconds``)
    fails alone."""
    out = []
    for a in articles:
        try:
            with time_limit(settings.max_article_seconds, f"cleaning article {a.id}"):
                work = clean_one(a, settings)
        except (Exception, TimeLimitExceeded) as e:  # one bad page must not stop the others
            work = CleanWork(a.id, error=f"{type(e).__name__}: {e}")
        out.append(work)
    return out


class CleanStage:
    name: ClassVar[str] = "clean"
    unit: ClassVar[str] = "article"
    requires: ClassVar[tuple[str, ...]] = ()
    reads: ClassVar[tuple[str, ...]] = (
        "articles.body", "articles.body_kind", "articles.title", "articles.url", "line_counts",
    )
    writes: ClassVar[tuple[str, ...]] = (
        "articles.text",
        "articles.title",
        "articles.published",
        "articles.source",
        "articles.language",
        "articles.headline_only",
        "articles.metadata.clean",
        "line_counts",
    )
    ordered: ClassVar[bool] = False
    light: ClassVar[bool] = True  # no model: the writer works while the workers load theirs

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    work = staticmethod(clean_chunk)

    def plan(self, store: Store, conn: Connection, articles: Sequence[Article],
             remote: bool = False) -> Plan:
        todo = [a for a in articles if not a.headline_only]
        return Plan([todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)])

    def run(self, store: Store, conn: Connection, articles: Sequence[Article]) -> dict[str, str]:
        results = {w.article_id: w for unit in self.plan(store, conn, articles).units
                   for w in clean_chunk(unit, self.settings)}
        return self.apply(store, conn, articles, {}, results)

    def apply(self, store: Store, conn: Connection, articles: Sequence[Article],
              notes: dict[str, object], results: dict[str, CleanWork]) -> dict[str, str]:
        """Write each article's result in order; one whose writes fail is failed alone, its
        writes rolled back to its savepoint, and the rest go on."""
        failed: dict[str, str] = {}
        repeated = RepeatedLines(conn, self.settings.clean)
        for a in articles:
            try:
                with conn.begin_nested():
                    why = self._apply_one(store, conn, a, results.get(a.id), repeated)
            except Exception as e:  # noqa: BLE001 - one article's failure is its own
                log.debug("clean failed on %s", a.id, exc_info=True)
                why = f"{type(e).__name__}: {e}"
            if why:
                failed[a.id] = why
        return failed

    def _apply_one(self, store: Store, conn: Connection, a: Article, work: CleanWork | None,
                   repeated: RepeatedLines) -> str | None:
        """Store one article's clean result; the reason it cannot be, or None."""
        if a.headline_only:  # its text is its headline
            title = a.title or " ".join(a.body.split())
            store.update_article(conn, a.id, text=title, title=title,
                                 source=a.source or source_from_url(a.url))
            return None
        if work is None or work.error is not None or work.result is None:
            return work.error if work is not None and work.error else "no result from the worker"
        res = work.result
        if work.parts is not None:  # scraped text: the lines the corpus repeats
            again = repeated(work.parts.kept)
            if removes_repeated(work.parts, again):
                res = text_result(work.parts, again)
        metadata = dict(a.metadata)
        if not res.text.strip():
            found = a.title or res.title
            if not found:
                return (f"no main text and no title found in {a.input}"
                        + (f":{a.line}" if a.line else ""))
            # a page with a headline and no body text: a headline-only article
            metadata["clean"] = {"removed": list(res.removed_lines), "no_body": True}
            store.update_article(conn, a.id, text=found, title=found, headline_only=True,
                                 published=a.published or res.published,
                                 source=a.source or res.source or source_from_url(a.url),
                                 metadata=metadata)
            return None
        metadata["clean"] = {"removed": list(res.removed_lines)}
        if res.language and res.language != "en":
            metadata["clean"]["non_english"] = True
        store.update_article(
            conn,
            a.id,
            text=res.text,
            title=a.title or res.title,
            published=a.published or res.published,
            source=a.source or res.source or source_from_url(a.url),
            language=res.language,
            metadata=metadata,
        )
        return None
