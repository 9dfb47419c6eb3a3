"""Everything the enrich stage reads from one parsed article, without the store.

:func:`enrich_doc` runs the pure extractors on one spaCy doc: sentences, entity mentions
(with the places geocoded against the story's places known so far), dates, quotes,
numbers, PLOVER events, stated positions and broad attributions. :func:`enrich_chunk` is the work unit
the pipeline hands to a worker: it parses up to :data:`CHUNK` articles in one
``nlp.pipe`` batch and reads each. The store side (entity resolution, writes) is in
:mod:`storyline.enrich.stage`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from storyline.enrich.dates.mentions import extract_dates
from storyline.enrich.entities.mentions import Geocoded, extract_mentions
from storyline.enrich.nlp.pipeline import load_nlp
from storyline.enrich.nlp.ptb import ptb_normalise
from storyline.enrich.nlp.sentences import keep_text, sentences_of
from storyline.enrich.numbers.claims import extract_numbers
from storyline.enrich.places.context import places_written, with_earlier
from storyline.enrich.places.gazetteer import Place
from storyline.enrich.quotes.extract import extract_attributions, extract_quotes
from storyline.events.extract import extract_events
from storyline.limits import TimeLimitExceeded, time_limit
from storyline.positions.extract import extract_positions
from storyline.records import (
    Article,
    AttributionSpan,
    DateMention,
    EntityMention,
    EventMention,
    NumberClaim,
    PositionMention,
    Quote,
    Sentence,
)
from storyline.settings import Settings

CHUNK = 32  # articles per nlp.pipe batch (a work unit)
UNIT_CHARS = 60_000  # about two seconds of work on this machine: a unit's text, at most
DOC_EXCLUDE = ["tensor", "user_data"]  # what a doc sent back as bytes leaves out


@dataclass
class Enrichment:
    """One article's enrichment records, before its entities are resolved in the store."""

    article_id: str
    sents: list[Sentence]
    mentions: list[EntityMention]
    dates: list[DateMention]
    quotes: list[Quote]
    numbers: list[NumberClaim]
    events: list[EventMention]
    positions: list[PositionMention]
    attributions: list[AttributionSpan]
    geocoded: Geocoded = field(default_factory=Geocoded)


def enrich_doc(doc: Doc, article: Article, context: Sequence[Place],
               settings: Settings) -> Enrichment:
    """Read one parsed article; ``context``: the places of its story known so far. The doc
    may be of an equal-length normalised copy of the text (:func:`parse_text`): offsets and
    slices read the article's own text."""
    keep_text(doc, article.text)
    sents = sentences_of(doc, article.id)
    geocoded = Geocoded()
    mentions = extract_mentions(doc, article, sents, context, geocoded)
    dates = extract_dates(doc, article, sents)
    quotes = extract_quotes(doc, article, sents, mentions, dates, settings.quotes)
    numbers = extract_numbers(doc, article, sents, mentions, dates)
    events = extract_events(doc, article, sents, mentions, dates)
    positions = extract_positions(doc, article, sents, mentions, dates, quotes, events)
    attributions = extract_attributions(doc, article, sents, settings.quotes)
    return Enrichment(article.id, sents, mentions, dates, quotes, numbers, events,
                      positions, attributions, geocoded)


def parse_text(text: str) -> str:
    """What the parser is given for an article's text: Penn Treebank escapes (-LRB-, ``)
    read unescaped in a copy of the same length (see :mod:`storyline.enrich.nlp.ptb`)."""
    return ptb_normalise(text)


@dataclass
class EnrichTask:
    """A work unit: articles (bodies left out) with their story's places at planning time.
    ``docs``: "parse" only parses, each result carrying its doc for the writer to read
    when it applies it, against the story's places then (the writer's own process: no
    read against a context that may have changed by then); "object" keeps each parsed doc
    with its result; "bytes" sends it back serialised when the article's places could be
    read differently against a fuller context; None drops it."""

    articles: list[Article]
    contexts: list[tuple[Place, ...]]
    docs: str | None = None
    # articles whose story has articles in another unit not yet written: their context
    # may still change, so with docs="bytes" only their docs go back
    unsure: frozenset[str] = frozenset()


@dataclass
class EnrichResult:
    article_id: str
    enrichment: Enrichment | None = None
    error: str | None = None
    doc: Any = None  # the parsed Doc (work done in the writer's process)
    doc_bytes: bytes | None = None  # or the doc as bytes (work done elsewhere)
    context: tuple[Place, ...] | None = None  # the story's places it was read with
    places: set[Place] = field(default_factory=set)  # its own places, as they are stored


def enrich_chunk(task: EnrichTask, settings: Settings) -> list[EnrichResult]:
    """Parse the task's articles in one ``nlp.pipe`` batch and read each; an article that
    fails is reported with its error, the others go on."""
    nlp = load_nlp(settings.spacy_models)
    texts = [parse_text(a.text) for a in task.articles]
    try:
        docs: list[Doc | Exception] = list(nlp.pipe(texts, batch_size=CHUNK))
    except Exception:  # noqa: BLE001 - find the article the batch failed on
        docs = []
        for t in texts:
            try:
                docs.append(nlp(t))
            except Exception as exc:  # noqa: BLE001
                docs.append(exc)
    out = []
    earlier: dict[str, set[Place]] = {}  # story id -> places of its articles read here
    for a, context, doc in zip(task.articles, task.contexts, docs, strict=True):
        if isinstance(doc, Exception):
            out.append(EnrichResult(a.id, error=f"{type(doc).__name__}: {doc}"))
            continue
        if task.docs == "parse":
            out.append(EnrichResult(a.id, doc=doc))
            continue
        if a.story_id in earlier:  # read as if the story's articles before it were written
            context = with_earlier(context, earlier[a.story_id])
        try:
            e = read_doc(doc, a, context, settings)
        except (Exception, TimeLimitExceeded) as exc:  # one bad article must not stop the others
            out.append(EnrichResult(a.id, error=f"{type(exc).__name__}: {exc}"))
            continue
        r = EnrichResult(a.id, e, context=tuple(context))
        if a.story_id:  # the next articles of its story are read with them
            r.places = places_written(e.mentions)
            earlier.setdefault(a.story_id, set()).update(r.places)
        if task.docs == "object":
            r.doc = doc
        elif task.docs == "bytes" and a.id in task.unsure and e.geocoded.names:
            r.doc_bytes = doc.to_bytes(exclude=DOC_EXCLUDE)
        out.append(r)
    return out


def story_units(articles: Sequence[Article], size: int = CHUNK,
                chars: int = UNIT_CHARS) -> list[list[Article]]:
    """Articles (in publish order) in work units of up to ``size`` articles and about
    ``chars`` characters (a few seconds of work: small units keep the workers evenly busy
    to the end): the articles of one story together where they fit, so that a worker reads
    them one after the other, each with the places of those before it; each unit in
    publish order."""
    groups: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        groups.setdefault(a.story_id or f"article:{a.id}", []).append(i)
    units: list[list[int]] = []
    current: list[int] = []
    weight = 0
    for members in groups.values():
        part: list[int] = []
        part_weight = 0
        for i in members:  # the story in consecutive parts within the limits
            n = len(articles[i].text)
            if part and (len(part) >= size or part_weight + n > chars):
                current, weight = _add_part(units, current, weight, part, part_weight,
                                            size, chars)
                part, part_weight = [], 0
            part.append(i)
            part_weight += n
        if part:
            current, weight = _add_part(units, current, weight, part, part_weight, size,
                                        chars)
    if current:
        units.append(current)
    return [[articles[i] for i in sorted(u)] for u in units]


def _add_part(units: list[list[int]], current: list[int], weight: int, part: list[int],
              part_weight: int, size: int, chars: int) -> tuple[list[int], int]:
    """Put a story's part in the open unit, or close it and open one with the part."""
    if current and (len(current) + len(part) > size or weight + part_weight > chars):
        units.append(current)
        current, weight = [], 0
    return current + part, weight + part_weight


def read_doc(doc: Doc, article: Article, context: Sequence[Place],
             settings: Settings) -> Enrichment:
    """:func:`enrich_doc` within the per-article time limit."""
    with time_limit(settings.max_article_seconds, f"enriching article {article.id}"):
        return enrich_doc(doc, article, context, settings)


def doc_from_bytes(data: bytes, settings: Settings) -> Doc:
    """A doc sent back by :func:`enrich_chunk`, on the writer's pipeline vocabulary."""
    return Doc(load_nlp(settings.spacy_models).vocab).from_bytes(data, exclude=DOC_EXCLUDE)
