"""The root of every error the project raises on purpose.

Each error class has a stable `code` people can search for, and a `message`
that says what went wrong and where. The CLI prints `message`; the API answers
with `to_dict()`, so every error has the same shape.
"""

from __future__ import annotations


class MdkgError(Exception):
    """Base of the project's errors."""

    code: str = "mdkg"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class InvalidRequest(MdkgError):
    """A request or argument that cannot be answered as asked."""

    code = "invalid_request"


class InvalidParameter(InvalidRequest):
    """A parameter whose value does not fit its kind: not a date as YYYY-MM-DD, not a number, not one of
    the known values, or missing. The API answers it as it answers FastAPI's own parameter checks (422
    `invalid_parameters`); InvalidRequest (400) is for a well-formed request that cannot be answered."""

    code = "invalid_parameters"


class NotFound(MdkgError):
    """An entity, query or page that does not exist."""

    code = "not_found"


class StoreUnavailable(MdkgError):
    """The configured store cannot be reached."""

    code = "store_unavailable"


class StaleWrite(MdkgError):
    """A write made on the understanding that the store is at one version, when another writer has
    changed it since; nothing was written (read again, then write again)."""

    code = "stale_write"


class NeedsNeo4j(MdkgError):
    """Asked of the embedded store, but only the Neo4j store can answer it (Cypher)."""

    code = "needs_neo4j"


def no_entity(entity_id: str) -> NotFound:
    """The one NotFound for an unknown entity id, saying where to look ids up."""
    return NotFound(f"no entity with id {entity_id!r}; find ids with /entities/search?q=")
