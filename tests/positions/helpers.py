"""Run the real pipeline pieces on a short text: the project's spaCy loader, the enrich
stage's entity, date and quote extractors, then the position extractor."""

from __future__ import annotations

from storyline.enrich.dates.mentions import extract_dates
from storyline.enrich.entities.mentions import extract_mentions
from storyline.enrich.nlp.pipeline import load_nlp
from storyline.enrich.nlp.sentences import sentences_of
from storyline.enrich.quotes.extract import extract_quotes
from storyline.events.extract import extract_events
from storyline.positions.extract import extract_positions
from storyline.records import Article, PositionMention

PUBLISHED = "2024-05-10"  # a Friday


def positions(text: str, published: str | None = PUBLISHED) -> list[PositionMention]:
    a = Article(id="t1", input="test", body=text, body_kind="text", text=text,
                published=published)
    doc = load_nlp()(text)
    sents = sentences_of(doc, a.id)
    mentions = extract_mentions(doc, a, sents)
    dates = extract_dates(doc, a, sents)
    quotes = extract_quotes(doc, a, sents, mentions, dates)
    events = extract_events(doc, a, sents, mentions, dates)
    return extract_positions(doc, a, sents, mentions, dates, quotes, events)


def triples(text: str) -> set[tuple[str, str, str]]:
    """(actor, stance, issue) of every position of ``text``."""
    return {(p.actor, p.stance, p.issue) for p in positions(text)}


def one(text: str) -> PositionMention:
    found = positions(text)
    assert len(found) == 1, [(p.actor, p.stance, p.issue, p.cue) for p in found]
    return found[0]
