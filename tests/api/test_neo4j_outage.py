"""Neo4j stopped under a running API: every call is a quick 503 in the one error shape, and the
API answers again, with no restart, once Neo4j is back."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from fastapi.testclient import TestClient

from mdkg.api.app import API_RETRY_SECONDS, create_app
from mdkg.graph.neo4j_store import Neo4jStore
from tests.neo4j_server import start_neo4j
from tests.sample_graph import BATCH, FIRM_A


@pytest.mark.neo4j
def test_the_api_answers_503_quickly_while_neo4j_is_down_and_recovers_by_itself(tmp_path: Path) -> None:
    home = Path(tempfile.mkdtemp(dir=tmp_path))
    server = start_neo4j(home=home)
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
            server = start_neo4j(home=home, port=urlparse(server.uri).port)  # the same data and port
            assert client.get("/health").status_code == 200
            found = client.get(f"/entities/{FIRM_A.id}/connections")
            assert found.status_code == 200 and found.json()["total"] > 0, found.text
    finally:
        server.stop()
        store.close()
