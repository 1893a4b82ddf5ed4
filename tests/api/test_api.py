"""The API on both stores, loaded with the shared sample graph."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from mdkg.api.app import create_app
from mdkg.graph.store import GraphStore
from tests.sample_graph import BASE, BATCH, FIRM_A, FIRM_B, ISOLATED, PINGSHAN, SHENZHEN


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    store.write(BATCH)
    with TestClient(create_app(store=store)) as c:
        yield c


def test_health(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["counts"]["entities"] == 7


def test_search(client: TestClient) -> None:
    body = client.get("/entities/search", params={"q": "Pingshan District"}).json()
    assert body["results"][0]["id"] == PINGSHAN.id
    only_bases = client.get("/entities/search", params={"q": "坪山", "label": "Base"}).json()
    assert [r["id"] for r in only_bases["results"]] == [BASE.id]


def test_oversized_requests_are_invalid_not_server_errors(client: TestClient) -> None:
    long = client.get("/entities/search", params={"q": "坪" * 5_000})
    assert long.status_code == 422 and "q" in long.text
    huge = client.get("/export/graphml", params={"limit": 2**63})
    assert huge.status_code == 422 and "limit" in huge.text


def test_get_entity_and_404(client: TestClient) -> None:
    assert client.get(f"/entities/{FIRM_A.id}").json()["name"] == FIRM_A.name
    missing = client.get("/entities/firm:none")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_connections_are_grouped_with_evidence_and_article(client: TestClient) -> None:
    body = client.get(f"/entities/{BASE.id}/connections").json()
    assert body["entity"]["id"] == BASE.id and body["total"] == 2
    groups = [
        (g["type"], g["direction"], [c["other"]["id"] for c in g["connections"]]) for g in body["groups"]
    ]
    assert groups == [("LOCATED_IN", "in", [FIRM_B.id]), ("LOCATED_IN", "out", [PINGSHAN.id])]
    for group in body["groups"]:
        for connection in group["connections"]:
            ev = connection["evidence"][0]
            assert ev["sentence"] and ev["article_title"] == "坪山发布扶持措施"
            assert ev["article_source"] == "测试日报" and ev["article_date"] == "2025-03-01"


def test_neighbourhood_is_the_graph_around_an_entity(client: TestClient) -> None:
    body = client.get(f"/entities/{BASE.id}/neighbourhood").json()
    assert body["entity"]["id"] == BASE.id
    assert {n["id"] for n in body["nodes"]} >= {PINGSHAN.id}
    for edge in body["edges"]:
        assert edge["evidence"], edge
        assert edge["evidence"][0]["article_title"] == "坪山发布扶持措施"


@pytest.mark.parametrize(
    "path, params, status, code",
    [
        ("neighbourhood", {"depth": 4}, 422, "invalid_parameters"),
        ("neighbourhood", {"types": "FRIEND_OF"}, 422, "invalid_parameters"),
        ("neighbourhood", {"direction": "sideways"}, 422, "invalid_parameters"),
        ("connections", {"types": "FRIEND_OF"}, 422, "invalid_parameters"),
        ("connections", {"min_confidence": 2}, 422, "invalid_parameters"),
        ("connections", {"since": "March"}, 422, "invalid_parameters"),
        ("connections", {"since": "2025-06-01", "until": "2025-01-01"}, 400, "invalid_request"),
        ("connections", {"limit": 0}, 422, "invalid_parameters"),
        ("connections", {"offset": -1}, 422, "invalid_parameters"),
    ],
)
def test_connections_bad_parameters(
    client: TestClient, path: str, params: dict[str, object], status: int, code: str
) -> None:
    response = client.get(f"/entities/{BASE.id}/{path}", params=params)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code and response.json()["error"]["message"]


def test_connections_filtered_by_type(client: TestClient) -> None:
    body = client.get(f"/entities/{PINGSHAN.id}/connections", params={"types": "part_of"}).json()
    assert [(g["type"], g["count"]) for g in body["groups"]] == [("PART_OF", 1)]
    body = client.get(f"/entities/{BASE.id}/neighbourhood", params={"depth": 2, "types": "located_in"}).json()
    assert {e["type"] for e in body["edges"]} == {"LOCATED_IN"}


def test_path_with_evidence_on_every_hop(client: TestClient) -> None:
    body = client.get("/paths", params={"from": FIRM_A.id, "to": SHENZHEN.id}).json()
    assert [n["id"] for n in body["nodes"]][0] == FIRM_A.id and body["nodes"][-1]["id"] == SHENZHEN.id
    assert len(body["edges"]) == 4 and all(e["evidence"] for e in body["edges"])
    none = client.get("/paths", params={"from": FIRM_A.id, "to": ISOLATED.id})
    assert none.status_code == 404 and none.json()["error"]["code"] == "not_found"


def test_openapi_documents_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for route in (
        "/health",
        "/entities/search",
        "/entities/{entity_id}",
        "/entities/{entity_id}/connections",
        "/entities/{entity_id}/neighbourhood",
        "/paths",
        "/pages/entity/{entity_id}",
    ):
        assert route in paths
        for op in paths[route].values():
            assert op.get("summary"), route
    assert client.get("/docs").status_code == 200


def test_entity_page_is_self_contained(client: TestClient) -> None:
    html = client.get(f"/pages/entity/{BASE.id}").text
    assert "坪山影视文化城" in html and "<script src=" not in html
