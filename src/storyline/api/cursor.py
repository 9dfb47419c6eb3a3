"""Opaque page cursors for ``GET /api/stories``: the keyset position after a page's last
story and the filters it was taken under (a cursor is refused under other filters)."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from storyline.api.errors import ApiError


def _digest(filters: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(filters, sort_keys=True).encode()).hexdigest()[:12]


def encode(position: tuple[str | None, str], filters: dict[str, Any]) -> str:
    raw = json.dumps([position[0], position[1], _digest(filters)], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(cursor: str, filters: dict[str, Any]) -> tuple[str | None, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        last, sid, digest = json.loads(raw)
        if not (last is None or isinstance(last, str)) or not isinstance(sid, str):
            raise ValueError
    except (ValueError, TypeError, json.JSONDecodeError):
        raise ApiError(400, "invalid cursor") from None
    if digest != _digest(filters):
        raise ApiError(400, "this cursor belongs to a listing with other filters")
    return last, sid
