"""The application factory: settings in, a FastAPI app out.

``create_app`` resolves the store path (once: see :mod:`silkgraph.api.executor`), installs the
error handler, CORS (never with credentials) and the body limit, mounts the SPARQL endpoint and
then the feature routers listed in :data:`ROUTER_MODULES` that are installed. The query workers
start in the background when the server starts, so it listens at once.

There are no trailing-slash redirects (``/sparql/`` is a 404): Starlette builds their Location
from the client's Host header, which made ``Host: evil.example`` an open redirect.

Run it with ``silkgraph serve`` or ``uvicorn --factory silkgraph.api.app:from_environment``.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from silkgraph.api import errors, sparql
from silkgraph.api.errors import SilkgraphError
from silkgraph.api.executor import QueryExecutor
from silkgraph.api.settings import Settings

log = logging.getLogger(__name__)

#: Feature routers, each module exposing ``router: APIRouter``; a missing module is skipped.
ROUTER_MODULES = ("silkgraph.api.canned", "silkgraph.api.entities", "silkgraph.api.ui")


class BodyLimit:
    """ASGI middleware: a request body over ``limit`` bytes is a 413, checked on the declared
    Content-Length first and on the bytes actually received (chunked bodies) as they arrive.

    The error is raised from ``receive``, i.e. inside the handler reading the body, so the
    app's error handler renders it; handlers that never read a body are not affected.
    """

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        too_big = SilkgraphError(413, f"the request body is over {self.limit} bytes")
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            if not declared.isdigit() or int(declared) > self.limit:
                raise too_big
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise too_big
            return message

        await self.app(scope, limited, send)


def _routers() -> Iterator[APIRouter]:
    """The routers of :data:`ROUTER_MODULES`; only a module that is absent itself is skipped."""
    for name in ROUTER_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            log.info("%s is not installed; its routes are not served", name)
            continue
        yield module.router


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    executor: QueryExecutor = app.state.executor
    await executor.start()
    try:
        yield
    finally:
        await executor.close()


def create_app(settings: Settings) -> FastAPI:
    """The silkgraph web application over the store ``settings.store`` points at now.

    >>> import tempfile; from pathlib import Path; from pyoxigraph import Store
    >>> folder = Path(tempfile.mkdtemp()); Store(str(folder)).flush()
    >>> app = create_app(Settings(store=folder))
    >>> app.state.executor.store == folder.resolve()
    True
    """
    app = FastAPI(
        title="silkgraph",
        version=importlib.metadata.version("silkgraph"),
        summary="Read-only SPARQL 1.1 endpoint over the BRIGC newsletter knowledge graph",
        lifespan=_lifespan,
        redirect_slashes=False,
    )
    app.state.settings = settings
    app.state.executor = QueryExecutor.from_settings(settings)
    errors.install(app)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_credentials=False,
        allow_methods=["GET", "HEAD", "POST"],
        allow_headers=["*"],
        expose_headers=[sparql.TRUNCATED_HEADER, "Warning"],
        max_age=600,
    )
    app.include_router(sparql.router)
    for router in _routers():
        app.include_router(router)
    return app


def from_environment() -> FastAPI:
    """Factory for ``uvicorn --factory``: settings from ``SILKGRAPH_*`` variables."""
    return create_app(Settings())
