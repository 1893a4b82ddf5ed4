"""/entities/{id}/connections and /paths on both stores: what an entity is connected to, and how we know."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mdkg.api.app import create_app
from mdkg.graph.store import GraphStore
from tests.connections_graph import BATCHES, HUB, ORDER, PARENT
from tests.sample_graph import ASSOC, BASE, FIRM_A, FIRM_B, PINGSHAN, SHENZHEN


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    for batch in BATCHES:
        store.write(batch)
    with TestClient(create_app(store=store)) as c:
        yield c


def _connections(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get(f"/entities/{HUB.id}/connections", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _others(body: dict[str, Any]) -> list[str]:
    return [c["other"]["id"] for g in body["groups"] for c in g["connections"]]


def test_a_connection_says_who_what_when_and_how_we_know(client: TestClient) -> None:
    body = _connections(client)
    assert (body["total"], body["offset"], body["limit"]) == (len(ORDER), 0, 50)
    assert _others(body) == [other for _, _, other in ORDER]
    member = next(g for g in body["groups"] if g["type"] == "MEMBER_OF")["connections"][0]
    assert member["other"]["name"] == ASSOC.name and member["properties"] == {"role": "会长单位"}
    assert member["id"].startswith("member_of:") and member["confidence"] == 0.8
    parent = next(g for g in body["groups"] if g["type"] == "SUBSIDIARY_OF" and g["direction"] == "out")
    evidence = parent["connections"][0]["evidence"][0]
    assert evidence["article_source"] == "测试晚报" and evidence["article_date"] == "2024-01-10"
    assert evidence["article_url"] == "https://example.org/a3" and evidence["also_reported_by"] == ["转载报"]
    assert parent["connections"][0]["first_seen"] == "2024-01-10"


@pytest.mark.parametrize(
    "params, others",
    [
        ({"types": "subsidiary_of"}, [o for t, _, o in ORDER if t == "SUBSIDIARY_OF"]),
        ({"min_confidence": 0.9}, [PARENT.id]),
        ({"since": "2025-05-01"}, [PINGSHAN.id, FIRM_B.id]),
        ({"until": "2024-12-31"}, [PINGSHAN.id, PARENT.id]),
        ({"since": "2024-01-01", "until": "2024-12-31", "types": "LOCATED_IN"}, [PINGSHAN.id]),
    ],
)
def test_filters(client: TestClient, params: dict[str, Any], others: list[str]) -> None:
    body = _connections(client, **params)
    assert _others(body) == others and body["total"] == len(others)


def test_a_date_range_shows_only_the_evidence_dated_in_it(client: TestClient) -> None:
    body = _connections(client, since="2025-05-01", types="LOCATED_IN")
    evidence = body["groups"][0]["connections"][0]["evidence"]
    assert [e["article_date"] for e in evidence] == ["2025-06-01"]


def test_pages(client: TestClient) -> None:
    pages = [_connections(client, offset=offset, limit=4) for offset in (0, 4)]
    assert _others(pages[0]) + _others(pages[1]) == [other for _, _, other in ORDER]
    assert [g["count"] for g in pages[1]["groups"]] == [1, 1]
    assert _connections(client, offset=100)["groups"] == []


def test_an_unknown_entity_is_404(client: TestClient) -> None:
    response = client.get("/entities/firm:nobody/connections")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_path_reads_hop_by_hop_with_evidence(client: TestClient) -> None:
    body = client.get("/paths", params={"from": FIRM_A.id, "to": SHENZHEN.id}).json()
    hops = [(h["from"]["id"], h["type"], h["direction"], h["to"]["id"]) for h in body["hops"]]
    assert hops == [
        (FIRM_A.id, "LOCATED_IN", "out", PINGSHAN.id),
        (PINGSHAN.id, "PART_OF", "out", SHENZHEN.id),
    ]
    assert body["hops"][0]["text"] == f"{FIRM_A.name} —LOCATED_IN→ {PINGSHAN.name}"
    for hop in body["hops"]:
        assert hop["evidence"] and all(e["article_source"] and e["article_date"] for e in hop["evidence"])
    assert {e["article_url"] for e in body["hops"][0]["evidence"]} >= {"https://example.org/a3"}


def test_path_against_the_edges_and_across_a_symmetric_one(client: TestClient) -> None:
    body = client.get("/paths", params={"from": BASE.id, "to": FIRM_A.id}).json()
    hops = [(h["from"]["id"], h["type"], h["direction"], h["to"]["id"]) for h in body["hops"]]
    assert hops in (
        [(BASE.id, "LOCATED_IN", "in", FIRM_B.id), (FIRM_B.id, "PARTNERS_WITH", "both", FIRM_A.id)],
        [(BASE.id, "LOCATED_IN", "out", PINGSHAN.id), (PINGSHAN.id, "LOCATED_IN", "in", FIRM_A.id)],
    )
    assert body["hops"][0]["text"].startswith(f"{BASE.name} ")
    one = client.get("/paths", params={"from": FIRM_B.id, "to": FIRM_A.id}).json()["hops"]
    assert [(h["direction"], h["text"]) for h in one] == [
        ("both", f"{FIRM_B.name} —PARTNERS_WITH— {FIRM_A.name}")
    ]
