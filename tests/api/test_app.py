"""The app as HTTP clients see it: no CORS headers unless origins are configured, operation ids and tags
in the OpenAPI schema, gzip for what is worth compressing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mdkg.api.app import create_app
from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.settings import Settings

ALLOWED = "https://colleague.example"
OTHER = "https://elsewhere.example"
PREFLIGHT = {"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "X-API-Key"}


def client_with(tmp_path: Path, **settings: object) -> Iterator[TestClient]:
    store = EmbeddedStore(tmp_path / "store.sqlite")
    try:
        with TestClient(create_app(Settings(**settings), store)) as client:  # type: ignore[arg-type]
            yield client
    finally:
        store.close()


@pytest.fixture
def closed(tmp_path: Path) -> Iterator[TestClient]:
    yield from client_with(tmp_path)


@pytest.fixture
def open_to_one(tmp_path: Path) -> Iterator[TestClient]:
    yield from client_with(tmp_path, cors_origins=[ALLOWED])


def test_cors_origins_are_read_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MDKG_CORS_ORIGINS", f"{ALLOWED}, {OTHER} ,")
    assert Settings().cors_origins == [ALLOWED, OTHER]
    monkeypatch.setenv("MDKG_CORS_ORIGINS", "")
    assert Settings().cors_origins == []


@pytest.mark.parametrize("origin", [ALLOWED, OTHER])
def test_by_default_no_origin_gets_cors_headers(closed: TestClient, origin: str) -> None:
    simple = closed.get("/health", headers={"Origin": origin})
    assert simple.status_code == 200 and "access-control-allow-origin" not in simple.headers
    preflight = closed.options("/health", headers={"Origin": origin, **PREFLIGHT})
    assert not any(name.startswith("access-control-") for name in preflight.headers)


def test_a_configured_origin_gets_cors_headers(open_to_one: TestClient) -> None:
    simple = open_to_one.get("/health", headers={"Origin": ALLOWED})
    assert simple.headers["access-control-allow-origin"] == ALLOWED
    assert "access-control-allow-credentials" not in simple.headers
    preflight = open_to_one.options("/export/csv", headers={"Origin": ALLOWED, **PREFLIGHT})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ALLOWED
    assert set(preflight.headers["access-control-allow-methods"].split(", ")) == {"GET", "POST"}


def test_another_origin_gets_none(open_to_one: TestClient) -> None:
    simple = open_to_one.get("/health", headers={"Origin": OTHER})
    assert "access-control-allow-origin" not in simple.headers
    preflight = open_to_one.options("/health", headers={"Origin": OTHER, **PREFLIGHT})
    assert preflight.status_code == 400 and "access-control-allow-origin" not in preflight.headers


SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
# The operation ids are the API's names for client generators: renaming one breaks their code.
OPERATION_IDS = {
    "get_health", "search_entities", "get_entity", "get_connections", "get_neighbourhood", "get_timeline",
    "shortest_path", "entity_page", "chain_page", "region_page", "list_queries", "run_query", "run_cypher",
    "get_centrality", "get_communities", "get_region_comparison", "export_graphml", "export_csv",
    "export_neo4j_admin", "list_corrections", "create_correction", "undo_correction",
}  # fmt: skip


def test_every_operation_has_a_unique_snake_case_id_and_a_tag() -> None:
    schema = create_app(Settings()).openapi()
    operations = [op for ops in schema["paths"].values() for op in ops.values()]
    ids = [op["operationId"] for op in operations]
    assert len(ids) == len(set(ids)), sorted(ids)
    assert [i for i in ids if not SNAKE_CASE.fullmatch(i)] == []
    # one tag each: Swagger UI and ReDoc list an operation once under every tag it has
    assert [i for i, op in zip(ids, operations, strict=True) if len(op.get("tags", [])) != 1] == []
    assert set(ids) == OPERATION_IDS


def test_a_page_is_gzipped_when_asked(tmp_path: Path) -> None:
    from tests.sample_graph import BATCH, SHENZHEN

    store = EmbeddedStore(tmp_path / "store.sqlite")
    store.write(BATCH)
    try:
        with TestClient(create_app(Settings(), store)) as client:
            url = f"/pages/region/{SHENZHEN.id}"
            plain = client.get(url, headers={"Accept-Encoding": "identity"})
            packed = client.get(url, headers={"Accept-Encoding": "gzip"})
            small = client.get("/health", headers={"Accept-Encoding": "gzip"})
    finally:
        store.close()
    assert "content-encoding" not in plain.headers and len(plain.content) > 300_000
    assert packed.headers["content-encoding"] == "gzip" and packed.text == plain.text
    sent = int(packed.headers["content-length"])
    assert sent < len(plain.content) / 3, (sent, len(plain.content))
    assert "content-encoding" not in small.headers  # under GZIP_MINIMUM_BYTES: not worth it
