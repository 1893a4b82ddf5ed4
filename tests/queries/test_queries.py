"""Every stored query runs on a real Neo4j against the shared sample graph, with expected rows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from graph.neo4j_store import Neo4jStore
from graph.stored_queries import load_all
from tests.sample_graph import BATCH, FIRM_A, SHENZHEN

QUERIES = load_all()


@pytest.fixture
def neo4j(neo4j_server: Any) -> Iterator[Neo4jStore]:
    store = Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    store.clear()
    store.write(BATCH)
    yield store
    store.clear()
    store.close()


def run(store: Neo4jStore, name: str, **params: object) -> list[dict[str, Any]]:
    return store.read(QUERIES[name].cypher, **params)


def test_every_query_has_a_full_header() -> None:
    assert QUERIES
    for query in QUERIES.values():
        assert query.description and query.returns and query.cypher
        assert all(p.example for p in query.params), query.name
        for param in query.params:
            assert f"${param.name}" in query.cypher, (query.name, param.name)


@pytest.mark.neo4j
def test_company_connections(neo4j: Neo4jStore) -> None:
    rows = run(neo4j, "company_connections", id=FIRM_A.id)
    assert [(r["relationship"], r["direction"], r["other_name"]) for r in rows] == [
        ("MEMBER_OF", "out", "深圳市微短剧产业协会"),
        ("PARTNERS_WITH", "in", "深圳丙丁文化传媒有限公司"),
    ]
    assert rows[0]["sentences"] == ["甲乙科技担任会长单位。"] and rows[0]["first_seen"] == "2025-03-01"


@pytest.mark.neo4j
def test_shortest_path(neo4j: Neo4jStore) -> None:
    rows = run(neo4j, "shortest_path", **{"from": FIRM_A.id, "to": SHENZHEN.id})
    assert [r["relationship"] for r in rows] == ["PARTNERS_WITH", "LOCATED_IN", "LOCATED_IN", "PART_OF"]
    assert rows[-1]["to_name"] == "深圳市" and all(r["sentences"] for r in rows)
