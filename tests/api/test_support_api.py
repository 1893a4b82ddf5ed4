"""Independent confidence on both stores: what the API says of how many outlets state a relationship,
the filters on it, and the pages' edges."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mdkg.api.app import create_app
from mdkg.graph.store import GraphStore
from tests.api.html_tags import page_data
from tests.support_graph import BASE, HUB, PARTNER, SUPPORT, SUPPORT_BATCH

EXPECTED = {other: (outlets, confidence) for other, (_, outlets, confidence) in SUPPORT.items()}


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    store.write(SUPPORT_BATCH)
    with TestClient(create_app(store=store)) as c:
        yield c


def _get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json() if "json" in response.headers["content-type"] else response.text


def _support(body: dict[str, Any]) -> dict[str, tuple[int, float]]:
    return {
        c["other"]["id"]: (c["outlets"], c["independent_confidence"])
        for g in body["groups"]
        for c in g["connections"]
    }


def test_each_connection_says_how_many_independent_outlets_state_it(client: TestClient) -> None:
    body = _get(client, f"/entities/{HUB.id}/connections")
    assert _support(body) == EXPECTED
    member = next(g for g in body["groups"] if g["type"] == "MEMBER_OF")["connections"][0]
    assert member["evidence"][0]["also_reported_by"] == ["新华网", "人民网"] and member["outlets"] == 1
    assert all(c["confidence"] == 0.8 for g in body["groups"] for c in g["connections"])


@pytest.mark.parametrize(
    "params, others",
    [
        ({"min_confidence": 0.85}, {PARTNER.id, BASE.id}),  # no single sentence is above 0.8
        ({"min_confidence": 0.91}, {PARTNER.id}),
        ({"min_outlets": 2}, {PARTNER.id, BASE.id}),
        ({"min_outlets": 3}, set()),  # the reprinted story has three outlets' names, one reporting
        ({"min_outlets": 2, "since": "2025-04-01"}, {BASE.id}),  # of the partnership, only 深圳特区报 then
        ({"min_confidence": 0.8, "min_outlets": 1}, set(EXPECTED)),
    ],
)
def test_connections_filter_on_independent_support(
    client: TestClient, params: dict[str, Any], others: set[str]
) -> None:
    body = _get(client, f"/entities/{HUB.id}/connections", **params)
    assert set(_support(body)) == others and body["total"] == len(others)


@pytest.mark.parametrize("params", [{"min_outlets": 0}, {"min_outlets": "two"}, {"min_confidence": -0.1}])
def test_bad_support_filters_are_refused(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get(f"/entities/{HUB.id}/connections", params=params)
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_parameters"


def test_neighbourhood_edges_and_path_hops_carry_their_support(client: TestClient) -> None:
    edges = _get(client, f"/entities/{HUB.id}/neighbourhood")["edges"]
    by_other = {e["target"] if e["source"] == HUB.id else e["source"]: e for e in edges}
    assert {o: (e["outlets"], e["independent_confidence"]) for o, e in by_other.items()} == EXPECTED
    path = _get(client, "/paths", **{"from": PARTNER.id, "to": BASE.id})
    assert [(h["outlets"], h["independent_confidence"]) for h in path["hops"]] == [
        EXPECTED[PARTNER.id],
        EXPECTED[BASE.id],
    ]
    assert [(e["outlets"], e["independent_confidence"]) for e in path["edges"]] == [
        EXPECTED[PARTNER.id],
        EXPECTED[BASE.id],
    ]


def test_the_fields_are_documented(client: TestClient) -> None:
    schemas = _get(client, "/openapi.json")["components"]["schemas"]
    for model in ("ConnectionOut", "EdgeOut", "HopOut"):
        fields = schemas[model]["properties"]
        assert "reprints" in fields["outlets"]["description"], model
        assert "1 - Π(1 - c)" in fields["independent_confidence"]["description"], model
    parameters = _get(client, "/openapi.json")["paths"]["/entities/{entity_id}/connections"]["get"]
    described = {p["name"]: p.get("description", "") for p in parameters["parameters"]}
    assert "independent" in described["min_confidence"] and "outlets" in described["min_outlets"]


def test_the_page_widens_edges_by_outlets_and_shows_them(client: TestClient) -> None:
    data = page_data(_get(client, f"/pages/entity/{HUB.id}"))
    widths = {e["to"] if e["from"] == HUB.id else e["from"]: e["width"] for e in data["edges"]}
    assert widths[PARTNER.id] == widths[BASE.id] > 1.0, "two outlets: wider than one"
    assert {w for o, w in widths.items() if o not in {PARTNER.id, BASE.id}} == {1.0}
    for rel, outlets, confidence in SUPPORT.values():
        rows = dict(map(tuple, data["details"]["edges"][rel.id]["rows"]))
        assert (rows["outlets"], rows["independent confidence"]) == (str(outlets), f"{confidence:.2f}")


def test_the_page_draws_only_what_is_confident_enough(client: TestClient) -> None:
    html = _get(client, f"/pages/entity/{HUB.id}", min_confidence=0.85)
    data = page_data(html)
    assert {n["id"] for n in data["nodes"]} == {HUB.id, PARTNER.id, BASE.id}
    assert "independent confidence 0.85 or more" in html
    assert client.get(f"/pages/entity/{HUB.id}", params={"min_confidence": 2}).status_code == 422
