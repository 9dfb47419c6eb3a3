"""Helpers shared by the API tests."""

from __future__ import annotations

from typing import Any

from storyline.api.cache import ResponseCache


def response_cache(app: Any) -> ResponseCache:
    """The app's response cache, found down its middleware stack."""
    layer = app.middleware_stack
    while not isinstance(layer, ResponseCache):
        layer = layer.app
    return layer
