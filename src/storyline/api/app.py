"""The app ``storyline serve`` runs: the JSON API (``/api/``), its OpenAPI document
(``/openapi.json``) and docs page (``/docs``, Swagger UI served from the
``swagger-ui-bundle-v2`` package: nothing is fetched from outside), and the web UI
(``/``, ``/stories/{id}``, ``/articles/{id}``, static files from the package).

GET answers are kept until the store changes (:mod:`storyline.api.cache`, SQLite stores).
CORS is off unless origins are configured (``STORYLINE_CORS_ORIGINS``); writes need the
bearer token (``STORYLINE_API_TOKEN``); every response carries security headers and pages
a Content-Security-Policy (:mod:`storyline.api.security`).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from storyline.api import errors
from storyline.api.cache import (
    CacheStats,
    ChangeTracker,
    DocumentCache,
    ResponseCache,
    store_version,
)
from storyline.api.ingest_worker import Ingester
from storyline.api.routes import router
from storyline.api.security import DOCS_CSP, GuardMiddleware
from storyline.settings import Settings
from storyline.store import Store, open_store

DOCS_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>storyline API</title>
<link rel="stylesheet" href="/static/swagger/swagger-ui.css">
</head><body><div id="swagger-ui"></div>
<script src="/static/swagger/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body></html>
"""


def _record_changes(store: Store) -> None:
    """Have the store record what each commit changes (:mod:`storyline.store.changes`), so
    the caches keep every answer a commit leaves alone; without it (a store this process
    may not write) they are emptied on any commit."""
    from sqlalchemy.exc import SQLAlchemyError

    from storyline.store.changes import install

    try:
        install(store)
    except SQLAlchemyError as e:
        logging.getLogger("uvicorn.error").warning(
            "the store does not record its changes (%s): the response cache is emptied on "
            "every commit", e)


def app_from_env() -> FastAPI:
    """The app a worker of ``storyline serve --workers N`` runs: the settings from the
    environment (``STORYLINE_DB``, ``STORYLINE_*``), as the command line built them."""
    settings = Settings().with_env()
    return create_app(settings, warm_ingest=bool(settings.serve.api_token), serving=True)


def create_app(settings: Settings | None = None, store: Store | None = None,
               warm_ingest: bool = False, serving: bool = False) -> FastAPI:
    """The API and web UI over ``store`` (default: the store ``settings.db_url`` names,
    opened now and closed when the app shuts down). ``warm_ingest``: start the ingest
    worker and load its model at startup (each of several server processes has its own).
    ``serving``: this process runs the app and nothing else (``storyline serve``): what it
    has loaded by startup (~200k objects) is set aside from the garbage collector
    (``gc.freeze``), so that a full collection walks only what requests made since (a full
    collection of everything took ~1 s on the busy test machine, every reader waiting)."""
    from swagger_ui_bundle import swagger_ui_path

    from storyline import __version__
    from storyline.web.pages import error_page
    from storyline.web.pages import router as pages

    cfg = settings or Settings()
    owned = store is None
    the_store = store if store is not None else open_store(cfg.db_url)

    version = store_version(the_store) if cfg.serve.response_cache else None
    if version is not None:
        _record_changes(the_store)
    ingester = Ingester(the_store, cfg)
    cache_stats = CacheStats()
    tracker = ChangeTracker(version, cache_stats) if version is not None else None

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if warm_ingest:
            ingester.warm()
        if serving:
            gc.collect()
            gc.freeze()
        yield
        ingester.close()
        if version is not None:
            logging.getLogger("uvicorn.error").info(cache_stats.line())
            version.close()
        if owned:
            the_store.close()

    app = FastAPI(
        title="storyline", version=__version__, lifespan=lifespan,
        docs_url=None, redoc_url=None, openapi_url="/openapi.json",
        description="Stories, briefs, articles and entities of a storyline store. Writes "
                    "(POST /api/ingest) need `Authorization: Bearer <token>`.")
    app.state.store = the_store
    app.state.settings = cfg
    app.state.ingester = ingester
    app.state.cache_stats = cache_stats
    app.state.documents = DocumentCache(tracker)
    app.state.error_page = error_page  # the web UI's pages answer errors as HTML
    errors.install(app)
    if tracker is not None:  # inside the guard: its headers go on cached answers too
        app.add_middleware(ResponseCache, tracker=tracker)
    app.add_middleware(GuardMiddleware, max_bytes=cfg.serve.max_request_bytes)
    if cfg.serve.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cfg.serve.cors_origins),
                           allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.include_router(router)
    app.include_router(pages)
    static = resources.files("storyline.web") / "static"
    app.mount("/static/swagger", StaticFiles(directory=str(swagger_ui_path)), name="swagger")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> RedirectResponse:
        return RedirectResponse("/static/favicon.svg", status_code=308)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(DOCS_HTML, headers={"Content-Security-Policy": DOCS_CSP})

    return app
