"""One JSON error shape for every endpoint: `{"error": {"code", "message", "detail"}}`."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import ServiceUnavailable, SessionExpired
from starlette.exceptions import HTTPException

from mdkg.api.models import ErrorBody
from mdkg.graph.errors import (
    InvalidParameter,
    InvalidRequest,
    MdkgError,
    NeedsNeo4j,
    NotFound,
    StoreUnavailable,
)

log = logging.getLogger("mdkg.api")


class Unauthorized(MdkgError):
    """An endpoint that needs the API key, asked without it (or with another)."""

    code = "unauthorized"

    def __init__(self, message: str, detail: object | None = None) -> None:
        super().__init__(message)
        self.detail = detail


class Forbidden(MdkgError):
    """A write through the API (a correction) to a server that sets no API key: writes are off."""

    code = "writes_off"


# The first class that fits decides: InvalidParameter before the InvalidRequest it refines.
# 422: a parameter's value does not fit its kind, as FastAPI answers its own checks of types and ranges;
# 400: well-formed, but it cannot be answered as asked (since after until, an id that is not a Region).
# 501: the embedded store does not implement what was asked (Cypher); the Neo4j store does.
STATUS = {
    NotFound: 404,
    InvalidParameter: 422,
    InvalidRequest: 400,
    Unauthorized: 401,
    Forbidden: 403,
    StoreUnavailable: 503,
    NeedsNeo4j: 501,
}


# What each error status means, as the OpenAPI schema says it; the body's `code` names the error.
MEANING = {
    400: "`invalid_request`: the parameters are well-formed, but the request cannot be answered as asked "
    "(since after until, an id of another label)",
    401: "`unauthorized`: the server sets MDKG_API_KEY and the X-API-Key header does not carry it",
    403: "`writes_off`: corrections through the API are off because the server sets no MDKG_API_KEY",
    404: "`not_found`: no such entity, path, stored query or page",
    422: "`invalid_parameters`: a parameter or the body does not fit this schema: missing, of the wrong "
    "type, out of range, not one of the known values, or a date not given as YYYY-MM-DD",
    500: "`internal_error`: a fault of the server; the answer says no more, the server's log has the details",
    501: "`needs_neo4j`: the store is the embedded one, which has no Cypher",
    503: "`store_unavailable`: the store (Neo4j) cannot be reached; retry later",
}
ErrorResponses = dict[int | str, dict[str, Any]]


def documented(*statuses: int) -> ErrorResponses:
    """OpenAPI `responses` for these error statuses, each in the one error shape."""
    return {status: {"model": ErrorBody, "description": MEANING[status]} for status in statuses}


def documented_for_html(*statuses: int) -> ErrorResponses:
    """The same for a route that answers HTML. FastAPI would document its errors in the route's media
    type, text/html, but errors are JSON on every route (ErrorBody is in the schema: `documented` puts
    it there for the whole app)."""
    schema = {"$ref": "#/components/schemas/ErrorBody"}
    return {
        status: {"description": MEANING[status], "content": {"application/json": {"schema": schema}}}
        for status in statuses
    }


INTERNAL_ERROR = "internal_error"


def error_response(status: int, code: str, message: str, detail: object | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, "detail": detail}}, status_code=status)


async def _mdkg(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, MdkgError)
    status = next((s for kind, s in STATUS.items() if isinstance(exc, kind)), 500)
    return error_response(status, exc.code, exc.message, getattr(exc, "detail", None))


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    return error_response(exc.status_code, f"http_{exc.status_code}", str(exc.detail))


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
    message = "; ".join(f"{'.'.join(map(str, p['loc']))}: {p['msg']}" for p in problems)
    return error_response(422, "invalid_parameters", message, problems)


async def _neo4j_unreachable(request: Request, exc: Exception) -> JSONResponse:
    return error_response(
        503,
        StoreUnavailable.code,
        f"Neo4j cannot be reached ({type(exc).__name__}: {exc}); the API answers again as soon as it is "
        "back, with no restart",
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    """A fault of ours: the client learns only that, never the exception's text (paths, SQL, addresses);
    the log gets the request and the traceback."""
    log.error("internal error answering %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, INTERNAL_ERROR, "internal error; the server's log has the details")


def install(app: FastAPI) -> None:
    app.add_exception_handler(MdkgError, _mdkg)
    for unreachable in (ServiceUnavailable, SessionExpired):
        app.add_exception_handler(unreachable, _neo4j_unreachable)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(Exception, _unexpected)
