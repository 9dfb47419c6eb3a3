"""Typed records the query layer returns (the CLI, export, REST API and web UI share them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from storyline.records import Article

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing: ``items``, the ``total`` matching, and the next offset (None
    on the last page)."""

    items: list[T]
    total: int
    limit: int | None
    offset: int
    # the keyset position after the last item, when more items follow (``list_stories``
    # with order "recent": pass it back as ``after`` for the next page)
    after: tuple[str | None, str] | None = None

    @property
    def next_offset(self) -> int | None:
        end = self.offset + len(self.items)
        return end if end < self.total else None


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """Filters of a story listing; every one given must hold.

    ``text``: words in the story's title or its articles' titles (case-insensitive);
    ``since``/``until``: the story's span overlaps the range (ISO dates, inclusive);
    ``outlet``: an article from that outlet (any spelling: name or domain);
    ``entity``: an entity id, or a name or alias mentioned in the story;
    ``place``: like ``entity``, among places (GPE/LOC).
    """

    text: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    entity: str | None = None
    place: str | None = None


@dataclass(frozen=True, slots=True)
class StorySummary:
    id: str
    title: str
    first_published: str | None  # the earliest article's publish date, as its input gave it
    last_published: str | None
    articles: int
    outlets: int
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArticleView:
    """One article with its revisions (earlier versions an update replaced)."""

    article: Article
    revisions: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EntitySummary:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    articles: int
    geo: dict[str, Any] | None = None
