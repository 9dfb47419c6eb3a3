"""Typed, immutable records passed between pipeline stages.

Stages read and write the store; these records are what crosses a function
boundary in between (ingest -> store, store -> stage, stage -> store, store -> export).
Dates are ISO 8601 strings (``YYYY-MM-DD`` or a full timestamp).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from storyline.pickling import quick_pickle

BodyKind = Literal["text", "html"]


@quick_pickle
@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """One article as read by ingest, before cleaning.

    ``body`` is the raw text or HTML exactly as it came in; ``input`` the path or URL
    it came from and ``line`` the 1-based line for line-oriented inputs (JSONL, CSV).
    ``id`` is the id given in the input, or None to derive one from URL/content.
    """

    body: str
    body_kind: BodyKind
    input: str
    line: int | None = None
    id: str | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    encoding: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    headline_only: bool = False  # a title and no body: ``body`` is the title


@quick_pickle
@dataclass(frozen=True, slots=True)
class Article:
    """A stored article. ``text`` is empty until the clean stage has run.

    ``published`` is the publish date as the input gave it; ``published_utc`` its UTC sort
    key (:mod:`storyline.timeorder`). ``headline_only``: the input had a title and no body
    (its text is the title)."""

    id: str
    input: str
    body: str
    body_kind: BodyKind
    text: str = ""
    line: int | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    published_utc: str | None = None
    headline_only: bool = False
    language: str | None = None
    duplicate_of: str | None = None
    story_id: str | None = None
    ingested_at: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@quick_pickle
@dataclass(frozen=True, slots=True)
class CleanResult:
    """What the clean stage produces for one article."""

    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None
    removed_lines: tuple[str, ...] = ()


@quick_pickle
@dataclass(frozen=True, slots=True)
class IngestProblem:
    """A bad file, line or URL: reported and skipped, the run goes on."""

    where: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        loc = f"{self.where}:{self.line}" if self.line is not None else self.where
        return f"{loc}: {self.reason}"


@quick_pickle
@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article's clean text, with character offsets into it."""

    article_id: str
    idx: int
    start: int
    end: int
    text: str


@quick_pickle
@dataclass(frozen=True, slots=True)
class Geo:
    lat: float
    lon: float
    country: str | None = None
    feature: str | None = None
    geonameid: int | None = None
    population: int | None = None


@quick_pickle
@dataclass(frozen=True, slots=True)
class MentionKey:
    """What an entity mention names within its article: mentions with one key are one
    entity of the article, which the enrich stage maps to a store-wide entity.

    ``label`` is the entity type; ``name`` the article's canonical name for it (a
    person's longest name after title stripping and chaining, a body's main name; for a
    place the gazetteer's name, or the name as written when the gazetteer does not know
    it); ``place`` the gazetteer index of a resolved place, None for anything else.
    """

    label: str
    name: str
    place: int | None = None


@quick_pickle
@dataclass(frozen=True, slots=True)
class EntityMention:
    """One mention of an entity in an article; the enrich stage maps ``key`` to a
    store-wide entity id."""

    article_id: str
    sentence_idx: int
    start: int
    end: int
    text: str
    label: str
    key: MentionKey
    role: str | None = None


@quick_pickle
@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    geo: Geo | None = None
    attributes: dict[str, Any] = field(default_factory=dict)


@quick_pickle
@dataclass(frozen=True, slots=True)
class DateMention:
    """A DATE mention normalised against the publication date.

    ``value`` is an ISO date (or None when unresolved), ``precision`` one of
    day/week/month/year.
    """

    article_id: str
    sentence_idx: int
    start: int
    end: int
    text: str
    value: str | None
    precision: str | None


@quick_pickle
@dataclass(frozen=True, slots=True)
class Quote:
    """A direct or reported quote with its speaker (canonical name, or a description)."""

    article_id: str
    sentence_idx: int
    text: str
    kind: Literal["direct", "reported"]
    speaker: str | None
    speaker_key: MentionKey | None = None
    start: int = 0
    end: int = 0
    cue: str | None = None
    date: str | None = None
    sentence: str = ""


@quick_pickle
@dataclass(frozen=True, slots=True)
class NumberClaim:
    """A count with what it counts: "at least seven people were killed".

    ``value`` is the figure (the low end of a range, ``high`` its high end); ``what`` a
    readable name of what it counts, ``kind`` the same in lemmas, for matching figures
    across articles; ``holder`` the named body, person or country whose figure it is."""

    article_id: str
    sentence_idx: int
    text: str
    value: float
    what: str
    qualifier: str | None = None
    unit: str | None = None
    place: str | None = None
    date: str | None = None
    sentence: str = ""
    start: int = 0
    end: int = 0
    kind: str = ""
    high: float | None = None
    holder: str | None = None


@quick_pickle
@dataclass(frozen=True, slots=True)
class AttributionSpan:
    """An attribution in the broad sense (PolNeAR's): a ``source`` credited with ``content``
    through a ``cue`` (verbs of saying, but also of belief and evidence: "a poll shows").
    Spans are (start, end) offsets into the article's clean text; ``speech`` says the cue
    is a verb of saying (the quotes are made from those); ``inherited``: a continuation
    quote whose source is the previous attribution's."""

    article_id: str
    sentence_idx: int
    kind: str  # direct | reported
    content: tuple[int, int]
    source: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    inherited: bool = False
    speech: bool = False


@quick_pickle
@dataclass(frozen=True, slots=True)
class BriefSentence:
    """One sentence of a story's brief, with every article that states it.

    ``text`` is verbatim from article ``article_id`` (an exact substring of its sentence
    ``sentence_idx``, or of its title when ``sentence_idx`` is None); ``article_ids`` are all
    the articles that state the same thing, ``article_id`` among them.
    """

    text: str
    article_ids: tuple[str, ...]
    article_id: str = ""
    sentence_idx: int | None = None


@quick_pickle
@dataclass(frozen=True, slots=True)
class EventMention:
    """One PLOVER event as one sentence of an article tells it: who (actor) did what
    (category, mode; the trigger words) to whom (recipient), where and when.

    Actor, action, place and date come from one clause of the sentence. ``*_key`` are
    article-local entity keys (``EntityMention.key``); ``actor_keys`` / ``recipient_keys``
    list every member of a compound actor ("Jordan and Britain"). ``date_precision`` is
    day / month / year, or ``published`` when the sentence gives no date and the publish
    date stands in. ``content`` is the category of what a verbal act is about (the
    ASSAULT a THREATEN threatens, the RETREAT a REQUEST demands) or of the action a
    future commitment promises.

    ``dropped`` says why a candidate is not coded as a fact: ``negated`` ("did not
    attack"), ``hypothetical`` ("may attack", "if they attack", "plans to"), ``question``,
    ``denied`` ("denied attacking"), or ``content`` (the complement of another event:
    "threatened *to attack*"), or ``unnamed`` (a happening told as a fact that names no
    party: "talks broke up in Istanbul"; the story's events stage may join it to an event
    other mentions code in full). Consumers of events read only mentions with ``dropped``
    None (:attr:`coded`).
    """

    article_id: str
    sentence_idx: int
    sentence: str
    category: str
    mode: str | None
    trigger: str
    trigger_start: int
    trigger_end: int
    actor: str | None = None
    actor_key: MentionKey | None = None
    actor_keys: tuple[MentionKey, ...] = ()
    recipient: str | None = None
    recipient_key: MentionKey | None = None
    recipient_keys: tuple[MentionKey, ...] = ()
    place: str | None = None
    place_key: MentionKey | None = None
    date: str | None = None
    date_precision: str | None = None
    date_reported: bool = False  # the date is the reporting clause's ("..., X said on Tuesday")
    content: str | None = None
    negated: bool = False
    hypothetical: bool = False
    dropped: str | None = None

    @property
    def coded(self) -> bool:
        return self.dropped is None


@quick_pickle
@dataclass(frozen=True, slots=True)
class PositionMention:
    """One stated stance as one clause of an article tells it: an actor's position on an
    issue (offer, demand, accept, reject, consider, condition, support, oppose).

    ``actor`` is the name the actor goes by (an entity's canonical name, a government read
    from its capital or seat, "Kyiv" -> Ukraine), ``actor_key`` its article-local entity key
    (None for an actor named by a description only), ``actor_via`` how it was found:
    ``subject`` (the stance's own subject or agent), ``speaker`` (a first-person stance in
    a quote: its speaker), ``reporter`` (the subject of the reporting clause), ``capital`` /
    ``seat`` / ``demonym`` (a government read from "Kyiv", "the Kremlin", "the Ukrainians"),
    ``owner`` (a country owning a role noun: "Russia's negotiators"). ``issue`` is a short
    phrase from the cue's object or complement, ``issue_key`` its content lemmas (folded
    synonyms) for matching issues across articles, ``issue_names`` those that are names (two
    issues that name different things differ). ``base_stance`` is the stance before a
    condition made it ``condition`` (``condition`` holds the condition's words). ``detail``
    is the clause that states the stance; ``date`` its date (``date_precision`` day /
    month / year, or ``published`` when the publish date stands in).
    """

    article_id: str
    sentence_idx: int
    sentence: str
    stance: str
    issue: str
    issue_key: tuple[str, ...]
    issue_names: tuple[str, ...]  # the key words that are names ("nato", "crimea")
    cue: str
    cue_start: int
    cue_end: int
    actor: str
    actor_text: str
    actor_via: str
    actor_key: MentionKey | None = None
    base_stance: str | None = None
    condition: str | None = None
    negated: bool = False
    detail: str = ""
    date: str | None = None
    date_precision: str | None = None
    reported_by: str | None = None
