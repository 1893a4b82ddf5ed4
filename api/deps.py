"""Shared dependencies as `Annotated` aliases."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader
from pydantic import AfterValidator, WithJsonSchema

from mdkg.api.errors import Forbidden, Unauthorized
from mdkg.graph.errors import InvalidParameter
from mdkg.graph.settings import Settings
from mdkg.graph.store import GraphStore
from mdkg.graph.timeline import check_date

API_KEY_HEADER = "X-API-Key"


def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[GraphStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def _iso_date(text: str) -> str:
    try:
        check_date(text)
    except InvalidParameter:
        raise ValueError("must be a date as YYYY-MM-DD") from None
    return text


# Every date parameter: checked where FastAPI checks the others (a bad one is 422 `invalid_parameters`,
# like a bad number), documented as an OpenAPI date, and handed on as the ISO text the graph compares.
IsoDate = Annotated[str, AfterValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})]

# auto_error=False: a missing header is ours to answer, in the one error shape, and only when a key is set.
api_key_header = APIKeyHeader(
    name=API_KEY_HEADER,
    scheme_name="ApiKey",
    description="needed by the exports (and writes) when the server sets MDKG_API_KEY",
    auto_error=False,
)


def require_key(settings: SettingsDep, given: Annotated[str | None, Security(api_key_header)]) -> None:
    """Let the request through if no key is configured or `X-API-Key` carries it; else 401."""
    expected = settings.api_key.get_secret_value()
    if not expected:
        return
    if given is None:
        raise Unauthorized(f"this endpoint needs the {API_KEY_HEADER} header", {"header": API_KEY_HEADER})
    if not secrets.compare_digest(given.encode(), expected.encode()):
        raise Unauthorized(f"the {API_KEY_HEADER} header does not carry the key", {"header": API_KEY_HEADER})


# For a router or route: `dependencies=[RequireKey]`.
RequireKey = Security(require_key)


def require_write_key(settings: SettingsDep, given: Annotated[str | None, Security(api_key_header)]) -> None:
    """Writes (corrections) need a key: off (403) when the server sets none, else as `require_key`."""
    if not settings.api_key.get_secret_value():
        raise Forbidden("corrections through the API are off: start the server with MDKG_API_KEY set")
    require_key(settings, given)


# For a write route: `dependencies=[RequireWriteKey]`.
RequireWriteKey = Security(require_write_key)
