"""RequireKey: with MDKG_API_KEY set the exports need `X-API-Key`; reads stay open; unset, all is open."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from mdkg.api.app import create_app
from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.settings import Settings
from tests.sample_graph import BATCH

KEY = "k3y-for-tests"
EXPORTS = ["/export/graphml", "/export/csv", "/export/neo4j-admin"]
WRITES = ["/corrections", "/corrections/{correction_id}/undo"]  # POST; reads of the log stay open
READS = ["/health", "/entities/search?q=坪山", "/pages/chain", "/analytics/centrality", "/corrections"]
WRONG = [
    pytest.param({}, "needs the X-API-Key header", id="no-header"),
    pytest.param({"X-API-Key": ""}, "needs the X-API-Key header", id="empty"),
    pytest.param({"X-API-Key": "k3y"}, "does not carry the key", id="prefix"),
    pytest.param({"X-API-Key": KEY + " "}, "does not carry the key", id="trailing-space"),
    pytest.param({"X-API-Key": KEY.upper()}, "does not carry the key", id="other-case"),
]


def client_for(tmp_path: Path, api_key: str) -> Iterator[TestClient]:
    store = EmbeddedStore(tmp_path / "store.sqlite")
    store.write(BATCH)
    try:
        with TestClient(create_app(Settings(api_key=SecretStr(api_key)), store)) as client:
            yield client
    finally:
        store.close()


@pytest.fixture
def keyed(tmp_path: Path) -> Iterator[TestClient]:
    yield from client_for(tmp_path, KEY)


@pytest.fixture
def keyless(tmp_path: Path) -> Iterator[TestClient]:
    yield from client_for(tmp_path, "")


@pytest.mark.parametrize("path", EXPORTS)
@pytest.mark.parametrize("headers, message", WRONG)
def test_exports_refuse_a_missing_or_wrong_key(
    keyed: TestClient, path: str, headers: dict[str, str], message: str
) -> None:
    answer = keyed.get(path, headers=headers)
    assert answer.status_code == 401
    error = answer.json()["error"]
    assert error["code"] == "unauthorized" and message in error["message"]
    assert error["detail"] == {"header": "X-API-Key"} and KEY not in answer.text


@pytest.mark.parametrize("path", EXPORTS)
def test_exports_answer_with_the_key(keyed: TestClient, path: str) -> None:
    answer = keyed.get(path, headers={"X-API-Key": KEY})
    assert answer.status_code == 200 and answer.headers["content-disposition"].startswith("attachment")


@pytest.mark.parametrize("path", READS)
def test_reads_need_no_key(keyed: TestClient, path: str) -> None:
    assert keyed.get(path).status_code == 200


@pytest.mark.parametrize("path", EXPORTS)
def test_exports_are_open_when_no_key_is_set(keyless: TestClient, path: str) -> None:
    assert keyless.get(path).status_code == 200
    assert keyless.get(path, headers={"X-API-Key": "anything"}).status_code == 200


def test_openapi_declares_the_key_on_the_exports_and_the_writes_only(keyless: TestClient) -> None:
    schema = keyless.get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["ApiKey"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": "needed by the exports (and writes) when the server sets MDKG_API_KEY",
    }
    secured = {path for path, ops in schema["paths"].items() if any("security" in op for op in ops.values())}
    assert secured == {*EXPORTS, *WRITES}
    assert all("401" in schema["paths"][path]["get"]["responses"] for path in EXPORTS)
    assert all({"401", "403"} <= set(schema["paths"][path]["post"]["responses"]) for path in WRITES)
