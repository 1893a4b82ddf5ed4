"""The FastAPI application: routers, one error shape, the store opened once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.routing import APIRoute

from mdkg import __version__
from mdkg.api import docs, errors
from mdkg.api.deps import API_KEY_HEADER
from mdkg.api.routers import analytics, corrections, entities, exports, health, pages, paths, queries
from mdkg.graph.factory import open_store
from mdkg.graph.settings import Settings, get_settings
from mdkg.graph.store import GraphStore

DESCRIPTION = """Entities of China's micro-drama industry (districts, firms, bases, policies, funds,
associations …) and how they are connected. Every edge carries the sentences, articles and dates
that state it. Errors always answer `{"error": {"code", "message", "detail"}}`."""


API_RETRY_SECONDS = 0.5
# Answers smaller than this go as they are: below a kilobyte gzip saves a few hundred bytes at most.
# Pages run to hundreds of kilobytes and shrink to about a sixth; level 6 is zlib's default balance.
GZIP_MINIMUM_BYTES = 1024
GZIP_LEVEL = 6


def operation_id(route: APIRoute) -> str:
    """A route's OpenAPI operationId: its handler's name (`get_connections`), readable and stable
    while the handler keeps its name; a test checks they are unique and snake_case."""
    return route.name


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """An app on `store`, or on the store the settings name (opened at start-up, closed at shutdown)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        # the API answers 503 while Neo4j cannot be reached, after half a second of retries
        app.state.store = (
            store if store is not None else open_store(settings, retry_seconds=API_RETRY_SECONDS)
        )
        try:
            yield
        finally:
            if owned:
                app.state.store.close()

    app = FastAPI(
        title="mdkg: micro-drama knowledge graph",
        description=DESCRIPTION,
        version=__version__,
        lifespan=lifespan,
        responses=errors.documented(400, 404, 422, 500, 503),
        docs_url=None,  # served by mdkg.api.docs from the package's files, not from a CDN
        redoc_url=None,
        generate_unique_id_function=operation_id,
    )
    app.state.settings = settings
    errors.install(app)
    docs.install(app)
    allow_cross_origin(app, settings.cors_origins)
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_BYTES, compresslevel=GZIP_LEVEL)
    for module in (health, entities, paths, pages, queries, analytics, exports, corrections):
        app.include_router(module.router)
    return app


def allow_cross_origin(app: FastAPI, origins: list[str]) -> None:
    """Let pages from `origins` call the API from a browser (GET and POST, no cookies). With none, the
    API sends no CORS headers at all, so browsers keep other sites' pages from reading its answers."""
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", API_KEY_HEADER],
            allow_credentials=False,
        )
