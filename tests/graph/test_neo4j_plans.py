"""The Neo4j store's reads behind the API find their start by index, as Neo4j's own plan says.

Each query a request runs is EXPLAINed on a store holding the sample graph; its plan must have no
operator that reads every node of a label, every node or every relationship (the scans that made
/health, connections and search slow on a large graph). Only the reads meant to cover the whole
graph (counts, whole-graph export and pages, stories for deduplication) may scan.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import GraphDatabase

from mdkg.graph import neo4j_merge_queries as mq
from mdkg.graph import neo4j_queries as q
from mdkg.graph.neo4j_store import Neo4jStore
from tests.neo4j_server import Neo4jServer
from tests.sample_graph import BATCH, FIRM_A, FIRM_B, PINGSHAN

SCANS = {"AllNodesScan", "NodeByLabelScan", "DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan",
         "DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan"}  # fmt: skip

PAIR = {"a": FIRM_A.id, "b": PINGSHAN.id, "edge": "located_in:x"}
READS: list[tuple[str, str, dict[str, Any]]] = [
    ("version (every cached answer)", q.read_version(), {}),
    ("an entity", q.entities_by_id(), {"ids": [FIRM_A.id]}),
    ("articles", q.articles_by_id(), {"ids": ["a1"]}),
    ("a traversal level", q.expand("both"), {"ids": [FIRM_A.id], "types": None}),
    ("nodes and edges met", q.nodes_and_edges(), {"ids": [FIRM_A.id], "pairs": [PAIR]}),
    ("search, three characters or more", q.search_by_key("grams"), {"key": "jiayi", "labels": None}),
    (
        "search, two Chinese characters",
        q.search_by_key("bigram"),
        {"key": "坪山", "labels": None, "bigram": '+"坪山"'},
    ),  # fmt: skip
    ("search, full-text words", q.search_by_tokens(), {"lucene": '+"tech"', "labels": None}),
    (
        "name keys (resolution)",
        q.find_by_keyword(FIRM_A.label, "search_keys"),
        {"lucene": 'search_keys:"甲乙科技"', "keys": ["甲乙科技"]},
    ),
    (
        "spelling keys (resolution)",
        q.find_by_keyword(FIRM_A.label, "spelling_keys"),
        {"lucene": 'spelling_keys:"py:jiayi"', "keys": ["py:jiayi"]},
    ),
    ("shortest path", q.shortest_path(4), {"source": FIRM_A.id, "target": FIRM_B.id}),
    ("edges among entities", q.edges_among(), {"ids": [FIRM_A.id, FIRM_B.id]}),
    ("a file's progress", q.file_mark(), {"key": "k"}),
    ("redirects of merged ids (reads by an unknown id)", mq.redirects(), {"ids": [FIRM_A.id]}),
    ("a merged entity's relationships", mq.relationships_of(), {"id": FIRM_A.id}),
    ("relationships a merge joins", mq.relationships_on(), {"id": FIRM_A.id, "ids": ["x"]}),
    ("mentions a merge moves", mq.mentions_of(), {"id": FIRM_A.id}),
]


@pytest.fixture(scope="module")
def loaded_neo4j(neo4j_server: Neo4jServer) -> Iterator[Neo4jServer]:
    store = Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    store.clear()
    store.write(BATCH)
    store.close()
    yield neo4j_server


def _operators(plan: Any) -> Iterator[str]:
    yield plan["operatorType"].split("@")[0]
    for child in plan.get("children", []):
        yield from _operators(child)


@pytest.mark.parametrize(("name", "cypher", "params"), READS, ids=[name for name, _, _ in READS])
def test_reads_start_from_an_index(
    loaded_neo4j: Neo4jServer, name: str, cypher: str, params: dict[str, Any]
) -> None:
    with (
        GraphDatabase.driver(loaded_neo4j.uri, auth=loaded_neo4j.auth) as driver,
        driver.session() as session,
    ):
        plan = session.run(f"EXPLAIN {cypher}", params).consume().plan
    used = set(_operators(plan))
    assert not used & SCANS, f"{name} scans: {sorted(used & SCANS)}\n{cypher}"
