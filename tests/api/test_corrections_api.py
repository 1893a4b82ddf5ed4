"""Corrections over HTTP on both stores: off without a key, written with it, read by anyone; the
answers and pages show what they changed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from mdkg.api.app import create_app
from mdkg.graph.settings import Settings
from mdkg.graph.store import GraphStore
from tests.api.html_tags import page_data
from tests.graph.test_store_merge import TWIN, TWIN_BATCH
from tests.sample_graph import BATCH, FIRM_A, FIRM_B, RELS

KEY = "s3cret-key"
PARTNERS = RELS[4]


def _client(store: GraphStore, key: str) -> TestClient:
    store.write(BATCH)
    store.write(TWIN_BATCH)
    settings = Settings(api_key=SecretStr(key))
    return TestClient(create_app(settings=settings, store=store))


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    with _client(store, KEY) as c:
        yield c


def _post(client: TestClient, path: str, body: dict[str, Any], key: str | None = KEY) -> Any:
    headers = {"X-API-Key": key} if key else {}
    return client.post(path, json=body, headers=headers)


def _connection(client: TestClient, entity: str, rel_id: str) -> dict[str, Any] | None:
    body = client.get(f"/entities/{entity}/connections").json()
    found = [c for g in body["groups"] for c in g["connections"] if c["id"] == rel_id]
    return found[0] if found else None


def test_writes_are_off_without_a_key_and_reads_stay_open(store: GraphStore) -> None:
    with _client(store, "") as client:
        response = _post(
            client, "/corrections", {"kind": "reject", "target": PARTNERS.id, "who": "a", "why": "b"}
        )
        assert response.status_code == 403 and response.json()["error"]["code"] == "writes_off"
        assert client.get("/corrections").json() == {"total": 0, "corrections": []}


def test_a_write_needs_the_key(client: TestClient) -> None:
    body = {"kind": "reject", "target": PARTNERS.id, "who": "a", "why": "b"}
    assert _post(client, "/corrections", body, key=None).status_code == 401
    assert _post(client, "/corrections", body, key="wrong").status_code == 401
    assert client.get("/corrections").json()["total"] == 0


def test_reject_then_undo_over_http(client: TestClient) -> None:
    assert _connection(client, FIRM_A.id, PARTNERS.id) is not None
    made = _post(
        client, "/corrections", {"kind": "reject", "target": PARTNERS.id, "who": "lin", "why": "no deal"}
    )
    assert made.status_code == 201, made.text
    entry = made.json()
    assert entry["id"].startswith("c-") and entry["who"] == "lin" and entry["before"]["id"] == PARTNERS.id
    assert _connection(client, FIRM_A.id, PARTNERS.id) is None
    undone = _post(client, f"/corrections/{entry['id']}/undo", {"who": "wu", "why": "there was"})
    assert undone.status_code == 200 and undone.json()["undone"]["who"] == "wu"
    assert _connection(client, FIRM_A.id, PARTNERS.id) is not None
    assert _post(client, f"/corrections/{entry['id']}/undo", {"who": "wu", "why": "x"}).status_code == 400
    assert _post(client, "/corrections/c-none/undo", {"who": "wu", "why": "x"}).status_code == 404


def test_a_confirmed_edge_is_marked_in_answers_and_on_pages(client: TestClient) -> None:
    before = client.get(f"/pages/entity/{FIRM_A.id}").text
    assert _connection(client, FIRM_A.id, PARTNERS.id)["confirmed"] is None  # type: ignore[index]
    entry = _post(
        client, "/corrections", {"kind": "confirm", "target": PARTNERS.id, "who": "lin", "why": "signed"}
    ).json()
    mark = _connection(client, FIRM_A.id, PARTNERS.id)["confirmed"]  # type: ignore[index]
    assert mark == {"correction_id": entry["id"], "who": "lin", "at": entry["at"], "why": "signed"}
    edges = client.get(f"/entities/{FIRM_A.id}/neighbourhood").json()["edges"]
    assert [e["confirmed"]["who"] for e in edges if e["id"] == PARTNERS.id] == ["lin"]
    page = client.get(f"/pages/entity/{FIRM_A.id}").text
    assert "✓ PARTNERS_WITH" in page and "✓ PARTNERS_WITH" not in before
    details = page_data(page)["details"]["edges"][PARTNERS.id]
    assert ["confirmed", f"✓ (by lin on {entry['at'][:10]}: signed; {entry['id']})"] in details["rows"]


def test_a_merge_shows_on_the_kept_entitys_panel_and_the_old_id_answers(client: TestClient) -> None:
    made = _post(client, "/corrections", {"kind": "merge", "target": TWIN.id, "into": FIRM_A.id, "who": "lin",
                                          "why": "the same firm"})  # fmt: skip
    assert made.status_code == 201, made.text
    assert client.get(f"/entities/{TWIN.id}").json()["id"] == FIRM_A.id
    rows = page_data(client.get(f"/pages/entity/{FIRM_A.id}").text)["details"]["nodes"][FIRM_A.id]["rows"]
    assert any(
        r[0] == "merged into it" and r[1].startswith(TWIN.id) and "the same firm" in r[1] for r in rows
    )


def test_the_log_is_listed_and_filtered(client: TestClient) -> None:
    _post(client, "/corrections", {"kind": "confirm", "target": RELS[0].id, "who": "lin", "why": "a"})
    _post(
        client,
        "/corrections",
        {"kind": "rename", "target": FIRM_B.id, "name": "丙丁传媒", "who": "wu", "why": "b"},
    )
    log = client.get("/corrections").json()
    assert log["total"] == 2 and [c["kind"] for c in log["corrections"]] == ["confirm", "rename"]
    assert client.get("/corrections", params={"who": "wu"}).json()["corrections"][0]["name"] == "丙丁传媒"
    assert client.get("/corrections", params={"kind": "confirm"}).json()["total"] == 1
    assert client.get("/corrections", params={"ref": FIRM_B.id}).json()["total"] == 1
    assert client.get("/corrections", params={"active": False}).json()["total"] == 0
    assert client.get("/corrections", params={"since": "not-a-date"}).status_code == 422
    assert client.get(f"/entities/{FIRM_B.id}").json()["name"] == "丙丁传媒"


@pytest.mark.parametrize(
    "body, status",
    [
        ({"kind": "merge", "target": TWIN.id, "who": "a", "why": "b"}, 400),  # no `into`
        ({"kind": "reject", "target": "partners_with:0000000000000000", "who": "a", "why": "b"}, 404),
        ({"kind": "reject", "target": PARTNERS.id, "who": "", "why": "b"}, 422),
        ({"kind": "reject", "target": PARTNERS.id, "who": "a"}, 422),  # no why
        ({"kind": "smash", "target": PARTNERS.id, "who": "a", "why": "b"}, 422),
    ],
)
def test_a_bad_correction_is_refused_with_the_reason(
    client: TestClient, body: dict[str, Any], status: int
) -> None:
    response = _post(client, "/corrections", body)
    assert response.status_code == status, response.text
    assert response.json()["error"]["message"]
    assert client.get("/corrections").json()["total"] == 0
