"""One error type that carries its HTTP status, and one handler that renders every error.

Client errors (4xx) tell the client what was wrong, including the parser's message for a bad
query. Server errors (5xx) are logged with their traceback and answered with a fixed sentence:
their ``detail`` never leaves the server.

The body is an RFC 9457 problem detail (``application/problem+json``) when the client asks for
JSON explicitly, and plain text otherwise, which is what SPARQL clients (SPARQLWrapper, rdflib,
curl) show their users.

>>> error = SilkgraphError(400, "SPARQL syntax error", detail="error at 1:8: expected WHERE")
>>> error.status, str(error)
(400, 'SPARQL syntax error: error at 1:8: expected WHERE')
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response

log = logging.getLogger(__name__)

_JSON_TYPES = ("application/problem+json", "application/json")


class SilkgraphError(Exception):
    """An error with the HTTP status it should be answered with."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        detail: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(f"{message}: {detail}" if detail else message)
        self.status = int(HTTPStatus(status))  # ValueError for a number that is no status
        self.message = message
        self.detail = detail
        self.headers = dict(headers or {})


def _wants_json(request: Request) -> bool:
    """True when the Accept header names JSON itself (a wildcard is not enough)."""
    accept = request.headers.get("accept", "").lower()
    return any(kind in accept for kind in _JSON_TYPES)


def render(request: Request, error: SilkgraphError) -> Response:
    """The response for ``error``; 5xx bodies carry the message only, never the detail."""
    detail = error.detail if error.status < 500 else None
    if _wants_json(request):
        problem = {"type": "about:blank", "title": error.message, "status": int(error.status)}
        if detail:
            problem["detail"] = detail
        body = json.dumps(problem, ensure_ascii=False)
        media_type = "application/problem+json"
    else:
        body = f"{error.message}\n{detail}\n" if detail else f"{error.message}\n"
        media_type = "text/plain; charset=utf-8"
    return Response(body, status_code=error.status, media_type=media_type, headers=error.headers)


async def _handle_silkgraph(request: Request, error: Exception) -> Response:
    assert isinstance(error, SilkgraphError)
    if error.status >= 500:
        log.error("%s %s -> %d: %s", request.method, request.url.path, error.status, error)
    return render(request, error)


async def _handle_http(request: Request, error: Exception) -> Response:
    """Starlette's own 404/405 go through the same renderer (405 keeps its Allow header)."""
    assert isinstance(error, HTTPException)
    phrase = HTTPStatus(error.status_code).phrase
    message = error.detail if isinstance(error.detail, str) and error.detail else phrase
    converted = SilkgraphError(error.status_code, message, headers=error.headers)
    return await _handle_silkgraph(request, converted)


async def _handle_validation(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}" for item in error.errors()
    )
    return render(request, SilkgraphError(400, "invalid request", detail=problems))


async def _handle_unexpected(request: Request, error: Exception) -> Response:
    log.error("%s %s failed", request.method, request.url.path, exc_info=error)
    return render(request, SilkgraphError(500, "internal server error (logged)"))


def install(app: FastAPI) -> None:
    """Route every error of ``app`` through :func:`render`."""
    app.add_exception_handler(SilkgraphError, _handle_silkgraph)
    app.add_exception_handler(HTTPException, _handle_http)
    app.add_exception_handler(RequestValidationError, _handle_validation)
    app.add_exception_handler(Exception, _handle_unexpected)
