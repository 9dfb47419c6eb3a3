"""Run the real pipeline pieces on a short text: the project's spaCy loader, the enrich
stage's entity and date extractors, then the event extractor."""

from __future__ import annotations

from storyline.enrich.dates.mentions import extract_dates
from storyline.enrich.entities.mentions import extract_mentions
from storyline.enrich.nlp.pipeline import load_nlp
from storyline.enrich.nlp.sentences import sentences_of
from storyline.events.extract import extract_events
from storyline.records import Article, EventMention

PUBLISHED = "2024-05-10"  # a Friday


def events(text: str, published: str | None = PUBLISHED) -> list[EventMention]:
    """Every event mention of ``text`` (coded and dropped)."""
    a = Article(id="t1", input="test", body=text, body_kind="text", text=text,
                published=published)
    doc = load_nlp()(text)
    sents = sentences_of(doc, a.id)
    return extract_events(doc, a, sents, extract_mentions(doc, a, sents),
                          extract_dates(doc, a, sents))


def coded(text: str, published: str | None = PUBLISHED) -> list[EventMention]:
    return [e for e in events(text, published) if e.coded]


def categories(text: str) -> set[str]:
    return {e.category for e in coded(text)}


def one(text: str, category: str) -> EventMention:
    """The single coded mention of ``category`` in ``text``."""
    found = [e for e in coded(text) if e.category == category]
    assert len(found) == 1, (category, [(e.category, e.trigger, e.dropped) for e in events(text)])
    return found[0]
