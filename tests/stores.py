"""Open either store for a test: a fresh SQLite file, or the session's Neo4j emptied."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.neo4j_store import Neo4jStore
from mdkg.graph.store import GraphStore

STORE_KINDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]


def open_test_store(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    store: GraphStore
    if kind == "embedded":
        store = EmbeddedStore(tmp_path / "store.sqlite")
    else:
        server = request.getfixturevalue("neo4j_server")
        store = Neo4jStore(server.uri, server.user, server.password)
        store.clear()
    try:
        yield store
    finally:
        store.clear()
        store.close()
