"""GET /queries, POST /queries/{name} and POST /cypher: on Neo4j with the fixture graph of the
query tests, and on the embedded store, which answers that they need Neo4j."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mdkg.api.app import create_app
from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.stored_queries import load_all
from tests.queries.fixture_graph import BATCH, neo4j_with_fixture_graph


@pytest.fixture(scope="module")
def neo4j_client(neo4j_server: Any) -> Iterator[TestClient]:
    for store in neo4j_with_fixture_graph(neo4j_server):
        with TestClient(create_app(store=store)) as client:
            yield client


@pytest.fixture
def embedded_client(tmp_path: Path) -> Iterator[TestClient]:
    store = EmbeddedStore(tmp_path / "g.sqlite")
    store.write(BATCH)
    with TestClient(create_app(store=store)) as client:
        yield client
    store.close()


def test_the_list_names_every_query_with_its_parameters(embedded_client: TestClient) -> None:
    body = embedded_client.get("/queries").json()
    by_name = {q["name"]: q for q in body["queries"]}
    assert set(by_name) == set(load_all())
    support = by_name["support_ranked"]
    assert [(p["name"], p["type"], p["example"]) for p in support["params"]] == [
        ("min_amount", "float", "1000000"),
        ("limit", "int", "10"),
    ]
    assert support["returns"][:3] == ["giver", "giver_label", "recipient"] and "$limit" in support["cypher"]


@pytest.mark.neo4j
def test_a_stored_query_answers_rows(neo4j_client: TestClient) -> None:
    response = neo4j_client.post(
        "/queries/support_ranked", json={"params": {"min_amount": 2000000, "limit": 5}}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "support_ranked" and body["truncated"] is False
    assert body["columns"][:3] == ["giver", "giver_label", "recipient"]
    assert [(r["recipient"], r["amount_cny"]) for r in body["rows"]] == [
        ("坪山影视文化城", 5e6),
        ("天河数字影视产业园", 2.5e6),
        ("深圳市星河影视有限公司", 2e6),
    ]


@pytest.mark.neo4j
def test_a_list_parameter_as_json(neo4j_client: TestClient) -> None:
    body = neo4j_client.post(
        "/queries/regions_compared", json={"params": {"regions": ["region:440100"]}}
    ).json()
    assert [(r["region"], r["firms"], r["policies"]) for r in body["rows"]] == [("广州市", 4, 1)]


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "name, params, status, code, said",
    [
        ("no_such_query", {}, 404, "not_found", "no stored query 'no_such_query'"),
        ("support_ranked", {"limit": 5}, 422, "invalid_parameters", "min_amount (float, e.g. 1000000)"),
        ("support_ranked", {"min_amount": "x", "limit": 5}, 422, "invalid_parameters", "min_amount (float"),
        ("entities_first_seen", {"from": "May", "to": "2025-06-01"}, 422, "invalid_parameters", "from (date"),
    ],
)
def test_stored_query_errors(
    neo4j_client: TestClient, name: str, params: dict[str, Any], status: int, code: str, said: str
) -> None:
    response = neo4j_client.post(f"/queries/{name}", json={"params": params})
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code and said in error["message"]


@pytest.mark.neo4j
def test_adhoc_cypher_reads(neo4j_client: TestClient) -> None:
    body = neo4j_client.post(
        "/cypher",
        json={"cypher": "MATCH (f:Firm) WHERE f.name STARTS WITH $p RETURN f.name AS firm ORDER BY firm",
              "params": {"p": "广州"}},
    ).json()  # fmt: skip
    assert body == {
        "name": None,
        "columns": ["firm"],
        "rows": [{"firm": "广州市剧本工坊有限公司"}, {"firm": "广州市流量营销有限公司"}],
        "truncated": False,
    }


@pytest.mark.neo4j
@pytest.mark.parametrize("cypher", ["CREATE (n:Firm {id: 'firm:x'})", "MATCH (n) DETACH DELETE n"])
def test_adhoc_writes_are_refused(neo4j_client: TestClient, cypher: str) -> None:
    response = neo4j_client.post("/cypher", json={"cypher": cypher})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "read_only" and "read-only" in error["message"]
    assert neo4j_client.get("/health").json()["counts"]["entities"] == len(BATCH.entities)


@pytest.mark.neo4j
def test_adhoc_syntax_error(neo4j_client: TestClient) -> None:
    response = neo4j_client.post("/cypher", json={"cypher": "MATC (n) RETURN n"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "cypher_error"


@pytest.mark.parametrize(
    "path, body",
    [
        ("/queries/firms_in_region", {"params": {"region": "region:440300"}}),
        ("/cypher", {"cypher": "MATCH (n) RETURN n LIMIT 1"}),
    ],
)
def test_the_embedded_store_says_it_needs_neo4j(
    embedded_client: TestClient, path: str, body: dict[str, Any]
) -> None:
    response = embedded_client.post(path, json=body)
    assert response.status_code == 501
    error = response.json()["error"]
    assert error["code"] == "needs_neo4j"
    assert "MDKG_STORE=neo4j" in error["message"] and "docker compose up -d neo4j" in error["message"]


def test_the_embedded_store_still_checks_the_query_first(embedded_client: TestClient) -> None:
    assert embedded_client.post("/queries/no_such_query").status_code == 404
    missing = embedded_client.post("/queries/firms_in_region", json={"params": {}})
    assert missing.status_code == 422 and "region (string" in missing.json()["error"]["message"]


TOO_BIG = [
    ("/cypher", {"cypher": "RETURN $x AS x", "params": {"x": 2**63}}),
    ("/cypher", {"cypher": "RETURN $x AS x", "params": {"x": [1, {"deep": -(2**63) - 1}]}}),
    ("/queries/most_connected_firms", {"params": {"limit": 2**70}}),
]


@pytest.mark.parametrize("path, body", TOO_BIG)
def test_an_integer_neo4j_cannot_hold_is_invalid_not_a_server_error(
    embedded_client: TestClient, path: str, body: dict[str, Any]
) -> None:
    # Checked before any store sees it: the Neo4j driver would raise OverflowError (a 500).
    response = embedded_client.post(path, json=body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_parameters" and "64 bits" in error["message"]
