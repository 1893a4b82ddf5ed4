"""Every stored query runs on a real Neo4j against the fixture graph, with the rows it must answer.

The table of cases is tests/queries/cases.py; a query without a case fails
`test_every_query_has_a_case`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from mdkg.graph.cypher import QueryResult, run_stored
from mdkg.graph.neo4j_store import Neo4jStore
from mdkg.graph.settings import Settings
from mdkg.graph.stored_queries import load_all
from tests.queries.cases import CASES
from tests.queries.fixture_graph import neo4j_with_fixture_graph

QUERIES = load_all()


@pytest.fixture(scope="module")
def graph(neo4j_server: Any) -> Iterator[Neo4jStore]:
    """The fixture graph, written once: every stored query only reads."""
    yield from neo4j_with_fixture_graph(neo4j_server)


def run(store: Neo4jStore, name: str, params: dict[str, object] | None) -> QueryResult:
    if params is None:
        params = {p.name: p.example for p in QUERIES[name].params}
    return run_stored(store, name, params, Settings())


def test_every_query_has_a_case() -> None:
    assert len(QUERIES) >= 15
    assert {case[0] for case in CASES} == set(QUERIES)


def test_the_readme_answers_for_every_query() -> None:
    readme = (next(iter(QUERIES.values())).path.parent / "README.md").read_text(encoding="utf-8")
    assert [name for name in QUERIES if f"| `{name}` |" not in readme] == []


def test_every_query_has_a_full_header() -> None:
    for query in QUERIES.values():
        assert query.description and query.columns and query.cypher, query.name
        assert query.path.stem == query.name
        for param in query.params:
            assert param.example and param.description, (query.name, param.name)
            assert f"${param.name}" in query.cypher, (query.name, param.name)


@pytest.mark.neo4j
@pytest.mark.parametrize("name, params, columns, expected", CASES)
def test_query(
    graph: Neo4jStore,
    name: str,
    params: dict[str, object] | None,
    columns: tuple[str, ...] | None,
    expected: list[tuple[Any, ...]],
) -> None:
    result = run(graph, name, params)
    assert result.columns == QUERIES[name].columns
    shown = columns or tuple(result.columns)
    assert [tuple(row[c] for c in shown) for row in result.rows] == expected
    assert not result.truncated
