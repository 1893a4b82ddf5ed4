"""The app as a browser on another site sees it: no CORS headers unless origins are configured."""

from __future__ import annotations

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
