"""Response shapes of the REST API (they document the OpenAPI schema). A story is the
export contract's story (``storyline.export/1``), an article the contract's article."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ErrorBody(BaseModel):
    error: str = Field(description="What went wrong, for a person to read.")


class StoryItem(BaseModel):
    id: str
    title: str
    first_published: str | None
    last_published: str | None
    articles: int
    outlets: int
    sources: list[str]


class StoryPage(BaseModel):
    items: list[StoryItem]
    total: int = Field(description="Stories matching the filters.")
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page; null on the last.")
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page (stable while stories arrive); "
                    "null on the last page or with order=size.")


class Story(BaseModel):
    """One story exactly as in the export contract (``storyline.export/1``)."""

    model_config = ConfigDict(extra="allow")
    id: str
    title: str | None
    first_published: str | None
    last_published: str | None
    article_ids: list[str]
    sources: list[str]
    summary: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    events: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    numbers: list[dict[str, Any]]
    positions: list[dict[str, Any]]
    timeline: list[dict[str, Any]]


class Article(BaseModel):
    """One article as in the export contract, with its earlier versions on request."""

    model_config = ConfigDict(extra="allow")
    id: str
    source: str | None
    url: str | None
    title: str | None
    published: str | None
    text: str
    duplicate_of: str | None
    story_id: str | None
    input: str


class Entity(BaseModel):
    id: str
    name: str
    type: str
    aliases: list[str]
    articles: int
    geo: dict[str, Any] | None


class IngestProblem(BaseModel):
    where: str
    line: int | None
    reason: str


class IngestResult(BaseModel):
    read: int = Field(description="Articles read from the body.")
    added: list[str]
    updated: list[str]
    already_stored: int
    renamed: list[dict[str, str]]
    problems: list[IngestProblem]
    stage_failures: dict[str, dict[str, str]] = Field(
        description="Per stage, the units it failed on and why.")
    stories: dict[str, str | None] = Field(description="Each added or updated article's story.")
