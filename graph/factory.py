"""Open the store the settings name. The only place that knows both implementations."""

from __future__ import annotations

from mdkg.graph.settings import Settings, StoreKind
from mdkg.graph.store import GraphStore


def open_store(settings: Settings, retry_seconds: float | None = None) -> GraphStore:
    """The store the settings name; Neo4j reads and writes are retried for `retry_seconds` (by
    default the settings' `neo4j_retry_seconds`) while the server cannot be reached."""
    if settings.store is StoreKind.NEO4J:
        from mdkg.graph.errors import StoreUnavailable
        from mdkg.graph.neo4j_store import Neo4jStore

        try:
            return Neo4jStore(
                settings.neo4j_uri,
                settings.neo4j_user,
                settings.neo4j_password.get_secret_value(),
                settings.neo4j_database,
                retry_seconds if retry_seconds is not None else settings.neo4j_retry_seconds,
            )
        except Exception as exc:  # the driver raises several unrelated types for "cannot connect"
            raise StoreUnavailable(
                f"cannot reach Neo4j at {settings.neo4j_uri}: {exc}. "
                "Start one with `docker compose up neo4j` and set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD."
            ) from exc
    from mdkg.graph.embedded import EmbeddedStore

    return EmbeddedStore(settings.sqlite_path)
