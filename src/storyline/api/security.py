"""Request guards and response headers: the write token (compared in constant time), a
request size limit, and security headers with a Content-Security-Policy on pages."""

from __future__ import annotations

import hmac

from fastapi import Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.api.errors import ApiError, error_response

# Pages: scripts, styles, images and fetches from this server only; nothing inline.
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'")
# A brief as a standalone HTML document: its own inline stylesheet, no script at all.
DOCUMENT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
# The API docs page (Swagger UI, served from the package): its bundle sets inline styles.
DOCS_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'")


def check_token(request: Request, expected: str | None) -> None:
    """Allow a write only with ``Authorization: Bearer <token>`` matching ``expected``."""
    if not expected:
        raise ApiError(403, "writes are off: this server has no API token "
                            "(set STORYLINE_API_TOKEN and restart it)")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "this needs an Authorization: Bearer <token> header",
                       headers={"WWW-Authenticate": 'Bearer realm="storyline"'})
    if not hmac.compare_digest(given.strip().encode("utf-8"), expected.encode("utf-8")):
        raise ApiError(401, "wrong API token",
                       headers={"WWW-Authenticate": 'Bearer realm="storyline", error="invalid_token"'})


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) past ``limit`` bytes whether or not it says its size."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise ApiError(413, f"request body over {limit} bytes")
        except ValueError:
            raise ApiError(400, "bad Content-Length") from None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"request body over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


_HEADERS = ((b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"), (b"cross-origin-opener-policy", b"same-origin"))


def _declared_size(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


class GuardMiddleware:
    """Refuses bodies declared over the limit on any path before they are read, and sets
    security headers on every response (a page's CSP unless the route set its own). Plain
    ASGI (no per-request task group, unlike Starlette's BaseHTTPMiddleware)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _HEADERS:
                    if name.decode() not in headers:
                        headers.append(name.decode(), value.decode())
                if headers.get("content-type", "").startswith("text/html") \
                        and "content-security-policy" not in headers:
                    headers.append("Content-Security-Policy", PAGE_CSP)
            await send(message)

        declared = _declared_size(scope)
        if declared is not None and declared > self.max_bytes:
            response = error_response(Request(scope), 413,
                                      f"request body over {self.max_bytes} bytes")
            await response(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)
