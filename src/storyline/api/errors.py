"""Errors as JSON ``{"error": ...}`` with the right status (HTML pages for the web UI's
paths), never a stack trace."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.errors import NotFoundError, StorylineError

log = logging.getLogger("storyline.api")


class ApiError(Exception):
    """An error answered with ``status`` and ``{"error": message, **extra}``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None,
                 **extra: Any) -> None:
        super().__init__(message)
        self.status, self.message, self.headers, self.extra = status, message, headers, extra


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api/") or path == "/api" or path == "/openapi.json") and \
        "text/html" in request.headers.get("accept", "")


def error_response(request: Request, status: int, message: str,
                   headers: dict[str, str] | None = None, **extra: Any) -> Response:
    page = getattr(request.app.state, "error_page", None)
    if page is not None and _wants_html(request):
        return page(request, status, message, headers)  # type: ignore[no-any-return]
    return JSONResponse({"error": message, **extra}, status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for e in exc.errors():
        out.append({"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", "")),
                    "type": str(e.get("type", ""))})
    return out


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return error_response(request, exc.status, exc.message, exc.headers, **exc.extra)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error_response(request, exc.status_code, message,
                              dict(exc.headers) if exc.headers else None)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = _validation_details(exc)
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        where = ".".join(x for x in first["loc"] if x not in ("query", "path", "body"))
        message = f"invalid {where}: {first['msg']}" if where else str(first["msg"])
        return error_response(request, 422, message, details=details)

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return error_response(request, 404, str(exc))

    @app.exception_handler(StorylineError)
    async def bad_request(request: Request, exc: StorylineError) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        log.exception("error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal error (see the server's log)")
