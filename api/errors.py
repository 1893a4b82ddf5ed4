"""One JSON error shape for every endpoint: `{"error": {"code", "message", "detail"}}`."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import ServiceUnavailable, SessionExpired
from starlette.exceptions import HTTPException

from graph.errors import InvalidRequest, MdkgError, NeedsNeo4j, NotFound, StoreUnavailable

# 501: the embedded store does not implement what was asked (Cypher); the Neo4j store does.
STATUS = {NotFound: 404, InvalidRequest: 400, StoreUnavailable: 503, NeedsNeo4j: 501}


def error_response(status: int, code: str, message: str, detail: object | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, "detail": detail}}, status_code=status)


async def _mdkg(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, MdkgError)
    status = next((s for kind, s in STATUS.items() if isinstance(exc, kind)), 500)
    return error_response(status, exc.code, exc.message)


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
    return error_response(500, "internal_error", f"{type(exc).__name__}: {exc}")


def install(app: FastAPI) -> None:
    app.add_exception_handler(MdkgError, _mdkg)
    for unreachable in (ServiceUnavailable, SessionExpired):
        app.add_exception_handler(unreachable, _neo4j_unreachable)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(Exception, _unexpected)
