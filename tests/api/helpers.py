"""Helpers shared by the API tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storyline.api.cache import ResponseCache
from storyline.settings import ServeSettings, Settings
from storyline.store import Store, open_store


def cached_store(db: Path, token: str) -> tuple[Settings, Store]:
    """Settings that keep answers (response cache on, ingest in the app's own process,
    ``token`` for writes) over a new SQLite store at ``db``, and that store."""
    settings = Settings(db_url=str(db), serve=ServeSettings(api_token=token, response_cache=True,
                                                            ingest_process=False))
    return settings, open_store(str(db))


def response_cache(app: Any) -> ResponseCache:
    """The app's response cache, found down its middleware stack."""
    layer = app.middleware_stack
    while not isinstance(layer, ResponseCache):
        layer = layer.app
    return layer
