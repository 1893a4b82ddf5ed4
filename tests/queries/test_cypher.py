"""Running Cypher for people (graph/cypher.py): parameters coerced to their declared types, ad-hoc
Cypher refused by Neo4j itself when it writes, stopped by the timeout, cut by the row cap; and the
embedded store answering with what it needs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mdkg.graph.cypher import (
    CypherFailed,
    NeedsNeo4j,
    OutsideReach,
    QueryTimeout,
    WriteRefused,
    coerce,
    run_adhoc,
    run_stored,
)
from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.errors import InvalidRequest, NotFound
from mdkg.graph.neo4j_store import Neo4jStore
from mdkg.graph.settings import Settings
from mdkg.graph.stored_queries import load_all, parse
from tests.queries.fixture_graph import BATCH, neo4j_with_fixture_graph

QUERIES = load_all()
SETTINGS = Settings()


@pytest.fixture(scope="module")
def graph(neo4j_server: Any) -> Iterator[Neo4jStore]:
    yield from neo4j_with_fixture_graph(neo4j_server)


# --- parameters ------------------------------------------------------------------------------------

COERCED = [
    ("support_ranked", {"min_amount": "1e6", "limit": "3"}, {"min_amount": 1e6, "limit": 3}),
    ("support_ranked", {"min_amount": 5, "limit": 2}, {"min_amount": 5.0, "limit": 2}),
    (
        "entities_first_seen",
        {"from": "2025-01-01", "to": "2025-02-28"},
        {"from": "2025-01-01", "to": "2025-02-28"},
    ),
    ("regions_compared", {"regions": " region:a, region:b ,"}, {"regions": ["region:a", "region:b"]}),
    ("regions_compared", {"regions": ["region:a"]}, {"regions": ["region:a"]}),
    ("firms_in_region", {"region": "region:440300"}, {"region": "region:440300"}),
]


@pytest.mark.parametrize("name, raw, expected", COERCED)
def test_parameters_take_their_declared_types(
    name: str, raw: dict[str, object], expected: dict[str, Any]
) -> None:
    assert coerce(QUERIES[name], raw) == expected


REFUSED = [
    ("support_ranked", {"min_amount": "lots", "limit": "3"}, "min_amount (float"),
    ("support_ranked", {"min_amount": "1", "limit": "2.5"}, "limit (int"),
    ("support_ranked", {"min_amount": "1", "limit": True}, "limit (int"),
    ("entities_first_seen", {"from": "2025-13-01", "to": "2025-02-28"}, "from (date, e.g. 2025-01-01)"),
    ("regions_compared", {"regions": 3}, "regions (list"),
    ("firms_in_region", {"region": 7}, "region (string"),
    ("firms_in_region", {}, "firms_in_region needs region (string, e.g. region:440300)"),
    ("firms_in_region", {"region": "region:x", "depth": "2"}, "takes no parameter depth"),
]


@pytest.mark.parametrize("name, raw, said", REFUSED)
def test_a_wrong_parameter_is_named_with_its_type(name: str, raw: dict[str, object], said: str) -> None:
    with pytest.raises(InvalidRequest) as error:
        coerce(QUERIES[name], raw)
    assert said in error.value.message


def test_a_header_with_an_unknown_type_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.cypher"
    bad.write_text("// name: bad\n// description: x\n// param: n (number) n, example: 1\nRETURN $n", "utf-8")
    with pytest.raises(InvalidRequest, match="the types are string, int, float, date, list"):
        parse(bad)


def test_an_unknown_query_is_not_found() -> None:
    with pytest.raises(NotFound, match="firms_in_region"):
        run_stored(object(), "no_such_query", {}, SETTINGS)


# --- the embedded store ----------------------------------------------------------------------------


def test_the_embedded_store_says_what_it_needs(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        with pytest.raises(NeedsNeo4j) as stored:
            run_stored(store, "firms_in_region", {"region": "region:440300"}, SETTINGS)
        with pytest.raises(NeedsNeo4j) as adhoc:
            run_adhoc(store, "RETURN 1", {}, SETTINGS)
    finally:
        store.close()
    for error in (stored.value, adhoc.value):
        assert error.code == "needs_neo4j"
        assert "MDKG_STORE=neo4j" in error.message and "docker compose up -d neo4j" in error.message
    assert "'firms_in_region' needs the Neo4j store" in stored.value.message


# --- ad-hoc Cypher on Neo4j ------------------------------------------------------------------------


@pytest.mark.neo4j
def test_an_adhoc_read_answers_with_columns_and_plain_values(graph: Neo4jStore) -> None:
    result = run_adhoc(
        graph,
        "MATCH (f:Firm {id: $id})-[r:MEMBER_OF]->(a) RETURN f.name AS firm, r.role AS role, a",
        {"id": "firm:深圳市星河影视有限公司"},
        SETTINGS,
    )
    assert result.columns == ["firm", "role", "a"] and not result.truncated
    [row] = result.rows
    assert row["firm"] == "深圳市星河影视有限公司" and row["role"] == "副会长单位"
    assert row["a"]["labels"] == ["Association", "Entity"] and row["a"]["name"] == "深圳市微短剧产业协会"
    assert not {"search_keys", "pinyin_keys", "initials_keys", "search_words"} & set(row["a"])


OUTSIDE = [
    "LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS row RETURN row",
    "load  csv with headers from 'file:///etc/passwd' as r return r",
    "CALL dbms.listConfig() YIELD name RETURN name",
]


@pytest.mark.neo4j
@pytest.mark.parametrize("cypher", OUTSIDE)
def test_adhoc_cypher_never_reaches_files_urls_or_administration(graph: Neo4jStore, cypher: str) -> None:
    # decided by Neo4j's plan of the query; tests/queries/hostile_cypher.tsv has many more
    with pytest.raises(OutsideReach) as error:
        run_adhoc(graph, cypher, {}, SETTINGS)
    assert error.value.code == "outside_graph"


def test_stored_queries_are_parsed_again_only_when_a_file_changes(tmp_path: Path) -> None:
    source = next(iter(QUERIES.values())).path
    (tmp_path / "one.cypher").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    first = load_all(tmp_path)
    assert load_all(tmp_path) is first
    (tmp_path / "one.cypher").write_text(
        source.read_text(encoding="utf-8").replace("// name: ", "// name: renamed_"), encoding="utf-8"
    )
    assert [q.startswith("renamed_") for q in load_all(tmp_path)] == [True]


WRITES = [
    "CREATE (:Firm {id: 'firm:x', name: 'x'})",
    "MERGE (n:Entity {id: 'firm:深圳市星河影视有限公司'}) SET n.name = 'changed'",
    "MATCH (n:Firm) SET n.name = 'changed' RETURN n",
    "MATCH (n:Firm) DETACH DELETE n",
    "MATCH (n:Region) REMOVE n:Region",
    # a write hidden from any keyword filter: the database itself must refuse it
    "CALL { CREATE (n:Hidden) RETURN n } RETURN count(n) AS c",
]


@pytest.mark.neo4j
@pytest.mark.parametrize("cypher", WRITES)
def test_neo4j_refuses_every_write(graph: Neo4jStore, cypher: str) -> None:
    with pytest.raises(WriteRefused, match="read-only") as error:
        run_adhoc(graph, cypher, {}, SETTINGS)
    assert error.value.code == "read_only"
    assert graph.counts().entities == len(BATCH.entities)
    assert graph.read("MATCH (n:Firm) WHERE n.name = 'changed' OR n:Hidden RETURN count(n) AS c")[0]["c"] == 0


@pytest.mark.neo4j
def test_a_slow_query_is_stopped_by_the_timeout(graph: Neo4jStore) -> None:
    quick = SETTINGS.model_copy(update={"cypher_timeout": 1.0})
    slow = "UNWIND range(1, 100000000) AS a UNWIND range(1, 100000000) AS b RETURN count(*) AS n"
    with pytest.raises(QueryTimeout, match="longer than 1 s") as error:
        run_adhoc(graph, slow, {}, quick)
    assert "MDKG_CYPHER_TIMEOUT" in error.value.message


@pytest.mark.neo4j
def test_the_row_cap_cuts_and_says_so(graph: Neo4jStore) -> None:
    capped = SETTINGS.model_copy(update={"cypher_max_rows": 5})
    cut = run_adhoc(graph, "UNWIND range(1, 1000000) AS i RETURN i", {}, capped)
    assert [row["i"] for row in cut.rows] == [1, 2, 3, 4, 5] and cut.truncated
    exact = run_adhoc(graph, "UNWIND range(1, 5) AS i RETURN i", {}, capped)
    assert len(exact.rows) == 5 and not exact.truncated


@pytest.mark.neo4j
def test_the_row_cap_applies_to_stored_queries(graph: Neo4jStore) -> None:
    capped = SETTINGS.model_copy(update={"cypher_max_rows": 2})
    result = run_stored(graph, "entities_first_seen", {"from": "2024-01-01", "to": "2025-12-31"}, capped)
    assert len(result.rows) == 2 and result.truncated


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "cypher, params, said",
    [
        ("MATC (n) RETURN n", {}, "SyntaxError"),
        ("RETURN $missing AS x", {}, "missing"),
        ("", {}, "no Cypher given"),
    ],
)
def test_bad_cypher_is_an_invalid_request(
    graph: Neo4jStore, cypher: str, params: dict[str, Any], said: str
) -> None:
    with pytest.raises(InvalidRequest, match=said) as error:
        run_adhoc(graph, cypher, params, SETTINGS)
    assert isinstance(error.value, CypherFailed) or not cypher
