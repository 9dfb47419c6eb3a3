"""The ``enrich`` stage: sentences, canonical entities, places, dates, quotes, numbers.

Each extractor is a function of (doc, article, ...) returning records; this stage
runs the spaCy pipeline over a batch, calls the extractors, maps article-local
entity keys to store-wide entities, and writes every per-article table anew.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import ClassVar

from spacy.language import Language
from spacy.tokens import Doc
from sqlalchemy import Connection

from storyline.enrich.dates.mentions import extract_dates
from storyline.enrich.entities.mentions import extract_mentions
from storyline.enrich.nlp.pipeline import load_nlp
from storyline.enrich.nlp.ptb import ptb_normalise
from storyline.enrich.nlp.sentences import keep_text, sentences_of
from storyline.enrich.numbers.claims import extract_numbers
from storyline.enrich.persist import (
    clear_article,
    story_places,
    write_article,
    write_attributions,
    write_positions,
)
from storyline.enrich.quotes.extract import extract_attributions, extract_quotes
from storyline.enrich.resolve import resolve_entities
from storyline.events.extract import extract_events
from storyline.limits import TimeLimitExceeded, time_limit
from storyline.positions.extract import extract_positions
from storyline.records import Article
from storyline.settings import Settings
from storyline.store import Store

log = logging.getLogger(__name__)


class EnrichStage:
    name: ClassVar[str] = "enrich"
    unit: ClassVar[str] = "article"
    requires: ClassVar[tuple[str, ...]] = ("clean", "stories")  # a story's places: context
    reads: ClassVar[tuple[str, ...]] = (
        "articles.text", "articles.language", "articles.published", "articles.story_id",
    )
    writes: ClassVar[tuple[str, ...]] = (
        "sentences", "entities", "entity_mentions", "entity_roles", "entity_aliases",
        "date_mentions", "quotes", "numbers", "attributions", "event_mentions",
        "position_mentions",
    )
    ordered: ClassVar[bool] = False

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def run(self, store: Store, conn: Connection, articles: Sequence[Article]) -> dict[str, str]:
        """Enrich each article; one that fails (an error, or past ``max_article_seconds``)
        is failed alone, its writes rolled back to its savepoint, and the rest go on: no
        article is parsed twice."""
        nlp = load_nlp(self.settings.spacy_models)
        # The pipeline is English; other languages are stored and flagged by clean, not
        # run through an English model (an undetected language is given the benefit).
        todo = [a for a in articles if a.text.strip() and a.language in (None, "en")]
        todo = [self._within_limit(store, conn, a) for a in todo]
        failed: dict[str, str] = {}
        for a, doc in _parsed(nlp, todo):
            if isinstance(doc, BaseException):
                failed[a.id] = f"cannot parse: {type(doc).__name__}: {doc}"
                continue
            try:
                with conn.begin_nested():
                    self._enrich(store, conn, a, doc)
            except (Exception, TimeLimitExceeded) as e:  # one article's failure is its own
                log.debug("enrich failed on %s", a.id, exc_info=True)
                failed[a.id] = f"{type(e).__name__}: {e}"
        return failed

    def _enrich(self, store: Store, conn: Connection, a: Article, doc: Doc) -> None:
        keep_text(doc, a.text)
        with time_limit(self.settings.max_article_seconds, f"enriching article {a.id}"):
            sents = sentences_of(doc, a.id)
            mentions = extract_mentions(doc, a, sents, story_places(conn, a))
            dates = extract_dates(doc, a, sents)
            quotes = extract_quotes(doc, a, sents, mentions, dates, self.settings.quotes)
            numbers = extract_numbers(doc, a, sents, mentions, dates)
            events = extract_events(doc, a, sents, mentions, dates)
            positions = extract_positions(doc, a, sents, mentions, dates, quotes, events)
            attributions = extract_attributions(doc, a, sents, self.settings.quotes)
        clear_article(conn, a.id)
        entity_ids = resolve_entities(store, conn, a, mentions, sents)
        write_article(conn, a, sents, mentions, entity_ids, dates, quotes, numbers, events)
        write_positions(conn, a.id, positions, entity_ids)
        write_attributions(conn, attributions)

    def _within_limit(self, store: Store, conn: Connection, a: Article) -> Article:
        """The article, or, past ``enrich_max_chars``, its text up to the last paragraph
        (else sentence) end before the limit; the cut is recorded on the article. A prefix
        keeps every offset valid in the stored text."""
        limit = self.settings.enrich_max_chars
        if len(a.text) <= limit:
            return a
        cut = a.text.rfind("\n", 0, limit)  # clean text: one paragraph per line
        if cut < limit // 2:
            cut = max(a.text.rfind(". ", 0, limit) + 1, limit // 2)
        meta = {**a.metadata, "enrich": {**a.metadata.get("enrich", {}), "truncated_at": cut,
                                          "text_chars": len(a.text)}}
        store.update_article(conn, a.id, metadata=meta)
        return replace(a, text=a.text[:cut], metadata=meta)


def _parsed(nlp: Language, todo: list[Article]) -> Iterator[tuple[Article, Doc | Exception]]:
    """(article, its parse) in order, parsed in batches; when the batched parse fails, the
    articles not yet given are parsed one at a time, so only the one at fault fails."""
    docs = nlp.pipe((ptb_normalise(a.text) for a in todo), batch_size=32)  # see nlp/ptb.py
    n = 0
    try:
        for doc in docs:
            yield todo[n], doc
            n += 1
        return
    except Exception as e:  # noqa: BLE001
        log.debug("batched parse failed at article %d of %d (%s); parsing one at a time",
                  n + 1, len(todo), e, exc_info=True)
    for a in todo[n:]:
        try:
            yield a, nlp(ptb_normalise(a.text))
        except Exception as e:  # noqa: BLE001
            yield a, e
