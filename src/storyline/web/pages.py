"""The web UI's pages: ``/`` (stories, search, filters), ``/stories/{id}`` (the cited brief,
timeline, map, quotes, numbers, positions, outlets), ``/articles/{id}`` (the text with what
was found in it marked). Reads go through :mod:`storyline.service`; templates autoescape
everything, and only http(s) URLs become links."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from storyline import service
from storyline.api.routes import (
    brief_document,
    get_settings,
    get_store,
    list_page,
    story_filter,
)
from storyline.settings import Settings
from storyline.store import Store
from storyline.web.charts import strip
from storyline.web.mapview import map_view
from storyline.web.marking import best_sentence, pieces

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


@lru_cache(maxsize=1)
def environment() -> Any:
    from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

    from storyline.brief.render import install_filters

    env = Environment(loader=ChoiceLoader([PackageLoader("storyline", "web/templates"),
                                           PackageLoader("storyline", "brief/templates")]),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    install_filters(env)
    env.filters["path"] = lambda v: quote(str(v), safe="")
    return env


def render(name: str, status_code: int = 200, headers: dict[str, str] | None = None,
           **context: Any) -> HTMLResponse:
    html = environment().get_template(name).render(**context)
    return HTMLResponse(html, status_code=status_code, headers=headers)


def error_page(request: Request, status: int, message: str,
               headers: dict[str, str] | None = None) -> HTMLResponse:
    return render("error.html", status, headers, status=status, message=message)


def article_href(article_id: str, sentence_idx: int | None = None,
                 text: str | None = None) -> str:
    """A citation's link: the article with the cited sentence highlighted (by index when the
    sentence is the one quoted, else the sentence that states the cited text)."""
    base = "/articles/" + quote(article_id, safe="")
    if sentence_idx is not None:
        return f"{base}?{urlencode({'s': sentence_idx})}#s{sentence_idx}"
    if text:
        return f"{base}?{urlencode({'hl': text[:300]})}#hl"
    return base


def _cite(a: dict[str, Any], idx: int | None, text: str | None) -> str:
    return article_href(a["id"], idx, text)


@router.get("/", response_class=HTMLResponse)
def index(store: StoreDep, settings: SettingsDep,
          q: str | None = None, since: str | None = None, until: str | None = None,
          outlet: str | None = None, entity: str | None = None, place: str | None = None,
          cursor: str | None = None, offset: Annotated[int, Query(ge=0)] = 0,
          order: Annotated[str, Query(pattern="^(recent|size)$")] = "recent") -> HTMLResponse:
    f = story_filter(q, since, until, outlet, entity, place)
    page = list_page(store, settings, f, 25, offset, cursor, order)
    params = {k: v for k, v in (("q", q), ("since", since), ("until", until), ("outlet", outlet),
                                ("entity", entity), ("place", place), ("order", order))
              if v and v != "recent"}
    more = None
    if page["next_cursor"]:
        more = "/?" + urlencode({**params, "cursor": page["next_cursor"]})
    elif page["next_offset"] is not None:
        more = "/?" + urlencode({**params, "offset": page["next_offset"]})
    filtered = any(v for k, v in params.items() if k != "order")
    return render("index.html", page=page, form=params, more=more, filtered=filtered,
                  first_page=not cursor and not offset, order=order)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(story_id: str, store: StoreDep, request: Request) -> HTMLResponse:
    doc = brief_document(request, store, story_id)
    return render("story.html", doc=doc, art={a["id"]: a for a in doc["articles"]},
                  cite_href=_cite, prefix="", map=map_view(doc["places"]),
                  strip=strip(doc["timeline"]))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(article_id: str, store: StoreDep,
            s: Annotated[int | None, Query(ge=0)] = None,
            hl: Annotated[str | None, Query(max_length=2000)] = None) -> HTMLResponse:
    view = service.get_article(store, article_id)
    a = view.article
    marks = service.article_marks(store, article_id)
    highlight: set[int] = set()
    if s is not None:
        highlight.add(s)
    if hl:
        found = best_sentence(a.text, marks.sentences, hl)
        if found is not None:
            highlight.add(found)
    story_title = service.story_title(store, a.story_id) if a.story_id else None
    return render("article.html", a=a, pieces=pieces(a.text, marks.sentences, marks.marks,
                                                     highlight),
                  marks=marks, highlight=sorted(highlight), hl_missing=bool(hl) and not highlight,
                  story_title=story_title)
