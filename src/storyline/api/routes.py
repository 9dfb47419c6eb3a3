"""The JSON API under ``/api/``: reads through :mod:`storyline.service` (no SQL here), and
``POST /api/ingest`` behind the bearer token."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from storyline import service
from storyline.api import cursor as C
from storyline.api.errors import ApiError
from storyline.api.models import (
    Article,
    Entity,
    ErrorBody,
    IngestResult,
    Story,
    StoryItem,
    StoryPage,
)
from storyline.api.security import DOCUMENT_CSP, check_token, read_body
from storyline.settings import Settings
from storyline.store import Store
from storyline.store.queries import StoryFilter, article_document

router = APIRouter(prefix="/api", responses={
    400: {"model": ErrorBody}, 404: {"model": ErrorBody}, 422: {"model": ErrorBody},
    500: {"model": ErrorBody}})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")


def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def _date(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if not _DATE.match(value.strip()):
        raise ApiError(400, f"{name} must be an ISO date (YYYY-MM-DD) or timestamp")
    return value.strip()


def story_filter(q: str | None, since: str | None, until: str | None, outlet: str | None,
                 entity: str | None, place: str | None) -> StoryFilter:
    return StoryFilter(text=(q or "").strip() or None, since=_date("since", since),
                       until=_date("until", until), outlet=(outlet or "").strip() or None,
                       entity=(entity or "").strip() or None, place=(place or "").strip() or None)


def list_page(store: Store, settings: Settings, f: StoryFilter, limit: int, offset: int,
              cursor: str | None, order: str) -> dict[str, Any]:
    """One page of the story listing (shared by the API and the web UI's list)."""
    limit = max(1, min(limit, settings.serve.max_page))
    key = {k: getattr(f, k) for k in ("text", "since", "until", "outlet", "entity", "place")}
    key["order"] = order
    after = None
    if cursor:
        if order != "recent":
            raise ApiError(400, "a cursor works with order=recent only")
        after = C.decode(cursor, key)
    page = service.list_stories(store, f, limit, offset if after is None else 0, order, after)
    return {
        "items": [{"id": s.id, "title": s.title, "first_published": s.first_published,
                   "last_published": s.last_published, "articles": s.articles,
                   "outlets": s.outlets, "sources": list(s.sources)} for s in page.items],
        "total": page.total, "limit": limit, "offset": page.offset if after is None else -1,
        "next_offset": page.next_offset if after is None else None,
        "next_cursor": C.encode(page.after, key) if page.after is not None else None,
    }


@router.get("/stories", response_model=StoryPage, summary="List stories")
def list_stories(
    store: StoreDep, settings: SettingsDep,
    q: Annotated[str | None, Query(description="Words in the story's or its articles' titles.")] = None,
    since: Annotated[str | None, Query(description="Stories with articles on or after (ISO date).")] = None,
    until: Annotated[str | None, Query(description="Stories with articles on or before (ISO date).")] = None,
    outlet: Annotated[str | None, Query(description="Stories with an article from this outlet.")] = None,
    entity: Annotated[str | None, Query(description="Stories naming this entity (id, name or alias).")] = None,
    place: Annotated[str | None, Query(description="Stories naming this place (id, name or alias).")] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="Stories per page (capped by the server).")] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
    cursor: Annotated[str | None, Query(description="A page's next_cursor: the page after it.")] = None,
    order: Annotated[str, Query(pattern="^(recent|size)$")] = "recent",
) -> dict[str, Any]:
    """Live stories, latest first (or largest first with `order=size`), filtered. Page with
    `limit`/`offset`, or follow `next_cursor` (stable while new stories arrive)."""
    f = story_filter(q, since, until, outlet, entity, place)
    page = list_page(store, settings, f, limit, offset, cursor, order)
    if page["offset"] < 0:
        page["offset"] = 0
    return page


@router.get("/stories/{story_id}", response_model=Story, summary="One story (export contract)")
def get_story(story_id: str, store: StoreDep, request: Request) -> dict[str, Any]:
    """One story exactly as in `storyline export --format json`."""
    return story_document(request, store, story_id)


def story_document(request: Request, store: Store, story_id: str) -> dict[str, Any]:
    """The story's export document (kept until the store changes; read it, never change it)."""
    return request.app.state.documents.get(  # type: ignore[no-any-return]
        ("story", story_id), lambda: service.get_story(store, story_id))


def brief_document(request: Request, store: Store, story_id: str) -> dict[str, Any]:
    """The story's brief document (kept until the store changes; read it, never change it)."""
    return request.app.state.documents.get(  # type: ignore[no-any-return]
        ("brief", story_id),
        lambda: service.get_brief(store, story_id, story_document(request, store, story_id)))


@router.get("/stories/{story_id}/brief", summary="A story's brief",
            responses={200: {"content": {"application/json": {}, "text/markdown": {},
                                         "text/html": {}},
                             "description": "The brief as JSON, Markdown or HTML."}})
def get_brief(story_id: str, store: StoreDep, request: Request,
              format: Annotated[str, Query(pattern="^(json|md|html)$")] = "json") -> Response:
    """The cited brief with key events, a dated timeline, quotes by speaker, numbers with
    their status, positions, places and coverage by outlet."""
    from storyline.brief.render import to_html, to_json, to_markdown

    doc = brief_document(request, store, story_id)
    if format == "md":
        return PlainTextResponse(to_markdown(doc), media_type="text/markdown; charset=utf-8")
    if format == "html":
        return HTMLResponse(to_html(doc), headers={"Content-Security-Policy": DOCUMENT_CSP})
    return Response(to_json(doc), media_type="application/json")


@router.get("/articles/{article_id}", response_model=Article, summary="One article")
def get_article(article_id: str, store: StoreDep,
                revisions: Annotated[bool, Query(description="Also the earlier versions.")] = False,
                ) -> dict[str, Any]:
    view = service.get_article(store, article_id, revisions)
    doc = article_document(view.article)
    if revisions:
        doc["revisions"] = view.revisions
    return doc


@router.get("/entities", response_model=list[Entity], summary="Find entities")
def find_entities(store: StoreDep,
                  q: Annotated[str, Query(min_length=1, description="Id, or part of a name or alias.")],
                  type: Annotated[str | None, Query(description="PERSON, ORG, GPE, LOC...")] = None,
                  limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[dict[str, Any]]:
    return [{"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
             "articles": e.articles, "geo": e.geo}
            for e in service.find_entities(store, q, type, limit)]


_KINDS = {"application/json": "jsonl", "application/x-ndjson": "jsonl",
          "application/jsonl": "jsonl", "application/x-jsonlines": "jsonl",
          "application/jsonlines": "jsonl", "text/html": "html",
          "application/xhtml+xml": "html", "text/plain": "text"}


@router.post("/ingest", response_model=IngestResult, summary="Ingest articles (needs the token)",
             responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody},
                        413: {"model": ErrorBody}, 415: {"model": ErrorBody}},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": {"type": "object"}},
                 "application/x-ndjson": {"schema": {"type": "string"}},
                 "text/html": {"schema": {"type": "string"}},
                 "text/plain": {"schema": {"type": "string"}}}}})
async def ingest(request: Request, store: StoreDep, settings: SettingsDep) -> dict[str, Any]:
    """Ingest a JSON record (or array), JSON lines, an HTML page or plain text, and run every
    stage on it. Needs `Authorization: Bearer <token>` (the server's STORYLINE_API_TOKEN)."""
    check_token(request, settings.serve.api_token)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    kind = _KINDS.get(media)
    if kind is None:
        raise ApiError(415, f"unsupported content type {media or '(none)'!r}; send "
                            "application/json, application/x-ndjson, text/html or text/plain")
    body = await read_body(request, settings.serve.max_request_bytes)
    if not body.strip():
        raise ApiError(400, "empty body")
    report = await request.app.state.ingester.ingest(body, kind, "api:POST /api/ingest")
    if report.read == 0:
        reasons = "; ".join(p.reason for p in report.problems) or "no article in the body"
        raise ApiError(400, reasons, problems=[
            {"where": p.where, "line": p.line, "reason": p.reason} for p in report.problems])
    changed = report.added + report.updated
    return {
        "read": report.read, "added": report.added, "updated": report.updated,
        "already_stored": report.already_stored,
        "renamed": [{"given_id": r.given_id, "stored_id": r.stored_id} for r in report.renamed],
        "problems": [{"where": p.where, "line": p.line, "reason": p.reason}
                     for p in report.problems],
        "stage_failures": {s.stage: s.failed for s in report.stages if s.failed},
        "stories": await run_in_threadpool(_stories_of, store, changed),
    }


def _stories_of(store: Store, article_ids: list[str]) -> dict[str, str | None]:
    return {a.id: a.story_id for a in store.articles(article_ids)} if article_ids else {}


__all__ = ["StoryItem", "brief_document", "get_settings", "get_store", "list_page", "router", "story_filter"]
