"""docs/SCHEMA.md says how Neo4j holds the graph; a real Neo4j, written by the store, holds it so."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mdkg.graph.neo4j_queries import EVIDENCE_FIELDS, REPRINT_FIELDS
from mdkg.graph.neo4j_store import Neo4jStore
from mdkg.graph.ontology import Article, GraphBatch, Reprint
from mdkg.graph.schema_doc import render
from tests.graph.export_graph import export_batch
from tests.sample_graph import BATCH
from tests.stores import open_test_store

SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
PASCAL_CASE = re.compile(r"([A-Z][a-z0-9]+)+")
UPPER_SNAKE_CASE = re.compile(r"[A-Z][A-Z0-9]*(_[A-Z0-9]+)*")
REPRINTED = Article(
    id="reprinted", title="坪山发布微短剧扶持措施", source="测试日报", published_at="2025-03-02",
    reprints=[Reprint(title="坪山发布微短剧扶持措施（转载）", source="测试晚报", published_at="2025-03-03")],
)  # fmt: skip


@pytest.fixture
def neo4j(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Neo4jStore]:
    for store in open_test_store("neo4j", request, tmp_path):
        assert isinstance(store, Neo4jStore)
        for batch in (BATCH, export_batch(), GraphBatch(articles=[REPRINTED])):
            store.write(batch)
        yield store


def _column(store: Neo4jStore, cypher: str) -> list[Any]:
    result = store.read_only(cypher, {}, timeout=30, max_rows=10_000)
    return [row["x"] for row in result.rows]


@pytest.mark.neo4j
def test_every_name_neo4j_holds_is_in_schema_md_and_named_as_it_says(neo4j: Neo4jStore) -> None:
    schema = render()
    labels = _column(neo4j, "MATCH (n) UNWIND labels(n) AS x RETURN DISTINCT x")
    types = _column(neo4j, "MATCH ()-[r]->() RETURN DISTINCT type(r) AS x")
    keys = _column(neo4j, "MATCH (n) UNWIND keys(n) AS x RETURN DISTINCT x UNION "
                          "MATCH ()-[r]->() UNWIND keys(r) AS x RETURN DISTINCT x")  # fmt: skip
    assert {"Entity", "Region", "City", "Firm", "Article"} <= set(labels)
    assert {"MENTIONS", "PART_OF"} <= set(types) and {"adcode", "evidence_keys", "reprint_urls"} <= set(keys)
    named = set(re.findall(r"\w+", schema))
    assert [x for x in labels if not PASCAL_CASE.fullmatch(x) or x not in named] == []
    assert [x for x in types if not UPPER_SNAKE_CASE.fullmatch(x) or x not in named] == []
    assert [x for x in keys if not SNAKE_CASE.fullmatch(x) or x not in named] == []


@pytest.mark.neo4j
def test_lists_of_records_are_parallel_lists_and_dates_are_text(neo4j: Neo4jStore) -> None:
    for fields, match in ((EVIDENCE_FIELDS, "()-[n]->()"), (tuple(REPRINT_FIELDS), "(n:Article)")):
        sizes = ", ".join(f"size(n.{f})" for f in fields)
        rows = _column(neo4j, f"MATCH {match} WHERE n.{fields[0]} IS NOT NULL RETURN [{sizes}] AS x")
        assert rows and all(len(set(row)) == 1 for row in rows), (fields, rows)
    assert max(row[0] for row in rows) == 1  # the reprinted article's one copy
    seen = "WHERE n.first_seen IS NOT NULL RETURN n.first_seen AS x"
    dates = _column(neo4j, f"MATCH (n) {seen} UNION MATCH ()-[n]->() {seen}")
    assert dates and all(isinstance(d, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", d) for d in dates)
