"""Neo4j stopped under a running API: every call is a quick 503 in the one error shape."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from api.app import API_RETRY_SECONDS, create_app
from graph.neo4j_store import Neo4jStore
from tests.neo4j_server import start_neo4j
from tests.sample_graph import BATCH, FIRM_A


@pytest.mark.neo4j
def test_the_api_answers_503_quickly_while_neo4j_is_down() -> None:
    server = start_neo4j()
    user, password = server.auth or ("neo4j", "")
    store = Neo4jStore(server.uri, user, password, retry_seconds=API_RETRY_SECONDS)
    try:
        store.write(BATCH)
        with TestClient(create_app(store=store)) as client:
            assert client.get("/health").status_code == 200
            server.stop()
            for path in ("/health", "/entities/search?q=坪山", f"/entities/{FIRM_A.id}/connections"):
                started = time.monotonic()
                answer = client.get(path)
                took = time.monotonic() - started
                assert answer.status_code == 503, (path, answer.text)
                assert answer.json()["error"]["code"] == "store_unavailable"
                assert took < 2.0, (path, took)  # 1.5 s to connect, half a second of retries
    finally:
        server.stop()
        store.close()
