"""The analytics and timeline endpoints on both stores, loaded with the two-city graph."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from mdkg.api.app import create_app
from mdkg.graph.analytics import COMMUNITY_LIMIT, COMMUNITY_MEMBERS
from mdkg.graph.store import GraphStore
from tests.graph import analytics_graph as g


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    store.write(g.BATCH)
    with TestClient(create_app(store=store)) as c:
        yield c


def error_of(response) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    body = response.json()
    assert set(body) == {"error"} and body["error"]["message"]
    return response.status_code, body["error"]["code"]


def test_centrality_of_firms(client: TestClient) -> None:
    params = {"measure": "betweenness", "label": "Firm", "top": 2}
    body = client.get("/analytics/centrality", params=params).json()
    assert body["measure"] == "betweenness" and body["as_of"] is None
    assert [r["id"] for r in body["results"]] == [g.FIRM_A.id, g.FIRM_D.id]
    assert body["results"][0]["rank"] == 1 and body["results"][0]["name"] == g.FIRM_A.name


def test_centrality_as_of_a_date_forgets_later_firms(client: TestClient) -> None:
    params = {"label": ["Firm", "Association"], "as_of": "2024-06-30", "top": 50}
    body = client.get("/analytics/centrality", params=params).json()
    assert {r["id"] for r in body["results"]} == {g.FIRM_A.id, g.FIRM_B.id, g.FIRM_G.id}


def test_communities(client: TestClient) -> None:
    body = client.get("/analytics/communities", params={"min_size": 3, "members": 2}).json()
    found = body["communities"]
    assert found and all(c["size"] >= 3 and len(c["members"]) <= 2 for c in found)
    assert found[0]["number"] == 0 and sum(found[0]["labels"].values()) == found[0]["size"]
    assert {"id", "name", "label", "score", "rank"} <= set(found[0]["members"][0])


def test_communities_defaults_are_the_shared_ones(client: TestClient) -> None:
    found = client.get("/analytics/communities", params={"min_size": 1}).json()["communities"]
    assert len(found) <= COMMUNITY_LIMIT and all(len(c["members"]) <= COMMUNITY_MEMBERS for c in found)
    assert max(len(c["members"]) for c in found) == COMMUNITY_MEMBERS  # the largest has more than that
    parameters = client.get("/openapi.json").json()["paths"]["/analytics/communities"]["get"]["parameters"]
    defaults = {p["name"]: p["schema"].get("default") for p in parameters}
    assert (defaults["members"], defaults["limit"]) == (COMMUNITY_MEMBERS, COMMUNITY_LIMIT)


def test_compare_regions(client: TestClient) -> None:
    ids = f"{g.SHENZHEN.id},{g.HANGZHOU.id}"
    body = client.get("/analytics/regions/compare", params={"ids": ids}).json()
    shenzhen, hangzhou = body["regions"]
    assert shenzhen["region"]["id"] == g.SHENZHEN.id and shenzhen["firms"] == 3
    assert shenzhen["largest_support_cny"] == 8_000_000
    assert hangzhou["largest_support_by"]["id"] == g.FUND_HZ.id
    early = client.get("/analytics/regions/compare", params={"ids": g.SHENZHEN.id, "as_of": "2024-06-30"})
    assert early.json()["regions"][0]["firms"] == 2


def test_timeline(client: TestClient) -> None:
    body = client.get(f"/entities/{g.PINGSHAN.id}/timeline", params={"until": "2024-12-31"}).json()
    assert body["entity"]["id"] == g.PINGSHAN.id and body["until"] == "2024-12-31"
    policy = next(i for i in body["items"] if i["kind"] == "policy")
    assert policy["entity"]["id"] == g.POLICY_PS.id and policy["article"]["title"] == g.T1.title
    assert all(i["date"] <= "2024-12-31" for i in body["items"])
    firm = client.get(f"/entities/{g.FIRM_B.id}/timeline").json()
    assert {i["other"]["id"] for i in firm["items"]} == {g.PARK.id, g.ASSOC.id}


@pytest.mark.parametrize(
    "path, params, status, code",
    [
        ("/analytics/regions/compare", {"ids": g.FIRM_A.id}, 400, "invalid_request"),
        ("/analytics/regions/compare", {"ids": f"{g.SHENZHEN.id},region:nowhere"}, 404, "not_found"),
        ("/analytics/regions/compare", {"ids": ","}, 422, "invalid_parameters"),
        ("/analytics/regions/compare", {}, 422, "invalid_parameters"),
        ("/analytics/centrality", {"as_of": "2024/01/01"}, 422, "invalid_parameters"),
        ("/analytics/centrality", {"measure": "eigen"}, 422, "invalid_parameters"),
        ("/analytics/centrality", {"label": "Person"}, 422, "invalid_parameters"),
        ("/analytics/communities", {"as_of": "last year"}, 422, "invalid_parameters"),
        ("/analytics/communities", {"min_size": 0}, 422, "invalid_parameters"),
        (f"/entities/{g.FIRM_A.id}/timeline", {"since": "2024-13-01"}, 422, "invalid_parameters"),
        ("/entities/firm:nobody/timeline", {}, 404, "not_found"),
    ],
)
def test_errors_have_the_one_shape(
    client: TestClient, path: str, params: dict[str, object], status: int, code: str
) -> None:
    assert error_of(client.get(path, params=params)) == (status, code)
