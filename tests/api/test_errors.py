"""One status for one kind of bad input on every endpoint, and 500s that tell the client nothing of
the fault (the server's log gets it)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mdkg.api.app import create_app
from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.settings import Settings
from tests.sample_graph import BATCH, FIRM_A, SHENZHEN

# Not dates as YYYY-MM-DD: another separator, a day that does not exist, a month, words, ISO week and
# compact forms that Python's date.fromisoformat would take.
BAD_DATES = ["2024/01/01", "2024-02-30", "2025-13", "last year", "2025-W01-1", "20250101"]
# Every operation that takes a date, with what else it needs to be answered; a test below checks that
# this list is all of them, from the OpenAPI schema.
DATED = [
    ("/entities/{id}/connections", {}, ["since", "until"]),
    ("/entities/{id}/timeline", {}, ["since", "until"]),
    ("/analytics/centrality", {}, ["as_of"]),
    ("/analytics/communities", {}, ["as_of"]),
    ("/analytics/regions/compare", {"ids": SHENZHEN.id}, ["as_of"]),
    ("/pages/entity/{id}", {}, ["as_of"]),
    ("/pages/chain", {}, ["as_of"]),
    ("/pages/region/{id}", {}, ["as_of"]),
    ("/export/graphml", {}, ["as_of"]),
    ("/export/csv", {}, ["as_of"]),
    ("/export/neo4j-admin", {}, ["as_of"]),
    ("/corrections", {}, ["since", "until"]),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = EmbeddedStore(tmp_path_factory.mktemp("errors") / "store.sqlite")
    store.write(BATCH)
    try:
        with TestClient(create_app(Settings(), store)) as c:
            yield c
    finally:
        store.close()


def _url(path: str) -> str:
    entity = SHENZHEN.id if path.startswith("/pages/region/") else FIRM_A.id
    return path.replace("{id}", entity)


def test_the_dated_list_is_every_date_parameter_of_the_api() -> None:
    schema = create_app(Settings()).openapi()
    found = set()
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                formats = [s.get("format") for s in parameter["schema"].get("anyOf", [parameter["schema"]])]
                if "date" in formats:
                    found.add((path.replace("{entity_id}", "{id}"), parameter["name"]))
                else:
                    assert parameter["name"] not in ("as_of", "since", "until"), (path, parameter)
    assert found == {(path, name) for path, _, names in DATED for name in names}


@pytest.mark.parametrize("bad", BAD_DATES)
def test_a_bad_date_is_422_invalid_parameters_on_every_endpoint(client: TestClient, bad: str) -> None:
    answers = {}
    for path, needs, names in DATED:
        for name in names:
            response = client.get(_url(path), params={**needs, name: bad})
            error = response.json()["error"]
            answers[(path, name)] = (response.status_code, error["code"])
            assert name in error["message"] and "YYYY-MM-DD" in error["message"], error
    assert set(answers.values()) == {(422, "invalid_parameters")}, answers


@pytest.mark.parametrize("path, needs, names", DATED)
def test_a_good_date_is_answered(
    client: TestClient, path: str, needs: dict[str, str], names: list[str]
) -> None:
    for name in names:
        assert client.get(_url(path), params={**needs, name: "2025-03-01"}).status_code == 200


@pytest.mark.parametrize(
    "path, params, status, code",
    [
        # malformed: 422, as FastAPI answers a bad number or an unknown label
        (f"/entities/{FIRM_A.id}/connections", {"types": "FRIEND_OF"}, 422, "invalid_parameters"),
        (f"/entities/{FIRM_A.id}/connections", {"limit": "many"}, 422, "invalid_parameters"),
        ("/analytics/centrality", {"label": "Person"}, 422, "invalid_parameters"),
        ("/analytics/regions/compare", {"ids": ","}, 422, "invalid_parameters"),
        # well-formed, but not to be answered as asked: 400
        (f"/entities/{FIRM_A.id}/connections", {"since": "2025-06-01", "until": "2025-01-01"}, 400,
         "invalid_request"),
        ("/analytics/regions/compare", {"ids": FIRM_A.id}, 400, "invalid_request"),
        (f"/pages/region/{FIRM_A.id}", {}, 400, "invalid_request"),
    ],
)  # fmt: skip
def test_malformed_is_422_and_unanswerable_is_400(
    client: TestClient, path: str, params: dict[str, str], status: int, code: str
) -> None:
    response = client.get(path, params=params)
    assert (response.status_code, response.json()["error"]["code"]) == (status, code)


@pytest.mark.parametrize("params", [{"x": 1}, {}, {"region": 7}])
def test_a_stored_query_s_bad_parameters_are_422_too(client: TestClient, params: dict[str, Any]) -> None:
    # checked before the store is asked, so the embedded store answers it as Neo4j would
    response = client.post("/queries/firms_in_region", json={"params": params})
    assert (response.status_code, response.json()["error"]["code"]) == (422, "invalid_parameters")


def test_an_unexpected_fault_is_a_500_that_tells_nothing_of_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = EmbeddedStore(tmp_path / "store.sqlite")
    store.write(BATCH)
    # a real fault: the store's SQLite connection is closed under the running app
    with TestClient(create_app(Settings(), store), raise_server_exceptions=False) as client:
        store.close()
        with caplog.at_level(logging.ERROR, logger="mdkg.api"):
            response = client.get(f"/entities/{FIRM_A.id}/connections")
    assert response.status_code == 500
    assert response.json() == {
        "error": {
            "code": "internal_error",
            "message": "internal error; the server's log has the details",
            "detail": None,
        }
    }
    assert "ProgrammingError" not in response.text and "closed" not in response.text
    (record,) = [r for r in caplog.records if r.name == "mdkg.api"]
    assert f"GET /entities/{FIRM_A.id}/connections" in record.getMessage()
    assert record.exc_info and "closed database" in str(record.exc_info[1])
