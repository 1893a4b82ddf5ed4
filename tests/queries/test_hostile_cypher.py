"""Hostile Cypher on a real Neo4j: every line of hostile_cypher.tsv is refused by what Neo4j plans,
returns nothing and changes nothing."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mdkg.graph.cypher import run_adhoc
from mdkg.graph.errors import MdkgError
from mdkg.graph.neo4j_store import Neo4jStore
from mdkg.graph.settings import Settings
from tests.queries.fixture_graph import BATCH, neo4j_with_fixture_graph

HOSTILE = [
    (row["expected"], row["cypher"].replace("\\n", "\n"))
    for row in csv.DictReader(
        (
            line
            for line in (Path(__file__).parent / "hostile_cypher.tsv").open(encoding="utf-8")
            if not line.startswith("#")
        ),
        delimiter="\t",
    )
]
SETTINGS = Settings(cypher_timeout=5.0)
REFUSALS = {"outside_graph", "read_only", "cypher_error"}


@pytest.fixture(scope="module")
def graph(neo4j_server: Any) -> Iterator[Neo4jStore]:
    yield from neo4j_with_fixture_graph(neo4j_server)


def test_the_hostile_corpus_is_large_enough() -> None:
    assert len(HOSTILE) >= 50
    assert {expected for expected, _ in HOSTILE} <= REFUSALS | {"refused"}


@pytest.mark.neo4j
@pytest.mark.parametrize(("expected", "cypher"), HOSTILE, ids=[c[:60] for _, c in HOSTILE])
def test_hostile_cypher_is_refused(graph: Neo4jStore, expected: str, cypher: str) -> None:
    with pytest.raises(MdkgError) as error:
        run_adhoc(graph, cypher, {}, SETTINGS)
    assert error.value.code in (REFUSALS if expected == "refused" else {expected}), error.value.message


@pytest.mark.neo4j
def test_the_graph_is_as_it_was_after_the_hostile_corpus(graph: Neo4jStore) -> None:
    for _, cypher in HOSTILE:
        with pytest.raises(MdkgError):
            run_adhoc(graph, cypher, {}, SETTINGS)
    assert graph.counts().entities == len(BATCH.entities)
    left = graph.read("MATCH (n) WHERE n:Mallory OR n:Hidden OR n.name = 'mallory' RETURN count(n) AS c")
    assert left[0]["c"] == 0


@pytest.mark.neo4j
def test_the_schema_procedures_stay_open(graph: Neo4jStore) -> None:
    labels = run_adhoc(graph, "CALL db.labels() YIELD label RETURN label ORDER BY label", {}, SETTINGS)
    assert "Firm" in [row["label"] for row in labels.rows]
