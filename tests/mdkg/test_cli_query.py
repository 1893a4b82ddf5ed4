"""`mdkg query` and `mdkg cypher` with click's CliRunner: on the real Neo4j with the fixture graph of
the query tests, and on the embedded store, which says what it needs."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from mdkg.cli import cli
from mdkg.graph.cypher import NeedsNeo4j, WriteRefused
from mdkg.graph.stored_queries import load_all
from tests.queries.fixture_graph import BATCH, neo4j_with_fixture_graph


@pytest.fixture(scope="module")
def neo4j_env(neo4j_server: Any) -> Iterator[dict[str, str]]:
    env = {
        "NEO4J_URI": neo4j_server.uri,
        "NEO4J_USER": neo4j_server.user,
        "NEO4J_PASSWORD": neo4j_server.password,
    }
    for _ in neo4j_with_fixture_graph(neo4j_server):
        yield env


def mdkg(*args: str, env: dict[str, str]) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def embedded(tmp_path: Path) -> dict[str, str]:
    return {"MDKG_STORE": "embedded", "MDKG_SQLITE_PATH": str(tmp_path / "g.sqlite")}


def test_list_shows_every_query_with_its_parameters(tmp_path: Path) -> None:
    result = mdkg("query", "--list", env=embedded(tmp_path))
    assert result.exit_code == 0
    for name in load_all():
        assert f"\n{name} " in f"\n{result.output}" or f"\n{name}\n" in f"\n{result.output}"
    assert "support_ranked -p min_amount=<float> -p limit=<int>" in result.output
    assert "e.g. min_amount=1000000, limit=10" in result.output


@pytest.mark.neo4j
def test_query_as_a_table(neo4j_env: dict[str, str]) -> None:
    result = mdkg("query", "association_members", "-p", "association=association:深圳市微短剧产业协会",
                  "--store", "neo4j", env=neo4j_env)  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["role", "member_id", "member", "member_label", "since", "sentences"]
    assert lines[2].startswith("会长单位    firm:深圳市数眼科技有限公司")
    assert lines[-1] == "(5 rows)"


@pytest.mark.neo4j
def test_query_as_json_with_repeated_params(neo4j_env: dict[str, str]) -> None:
    result = mdkg("query", "support_ranked", "-p", "min_amount=2000000", "-p", "limit=10", "--format", "json",
                  "--store", "neo4j", env=neo4j_env)  # fmt: skip
    body = json.loads(result.output)
    assert body["name"] == "support_ranked" and body["truncated"] is False
    assert [r["amount_cny"] for r in body["rows"]] == [5e6, 2.5e6, 2e6]


@pytest.mark.neo4j
def test_query_as_csv_with_a_list_param(neo4j_env: dict[str, str]) -> None:
    result = mdkg("query", "regions_compared", "-p", "regions=region:440300,region:440100", "--format", "csv",
                  "--store", "neo4j", env=neo4j_env)  # fmt: skip
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows == [
        [
            "region",
            "firms",
            "bases",
            "policies",
            "funds",
            "largest_policy_ceiling_cny",
            "largest_support_cny",
        ],
        ["广州市", "4", "1", "1", "1", "3000000.0", "2500000.0"],
        ["深圳市", "4", "1", "2", "1", "5000000.0", "5000000.0"],
    ]


@pytest.mark.neo4j
def test_a_missing_param_names_itself(neo4j_env: dict[str, str]) -> None:
    result = mdkg("query", "firms_in_region", "--store", "neo4j", env=neo4j_env)
    assert result.exit_code != 0
    assert "region (string, e.g. region:440300)" in str(result.exception)


@pytest.mark.neo4j
def test_cypher_reads_with_json_params_and_says_when_it_cuts(neo4j_env: dict[str, str]) -> None:
    result = mdkg("cypher", "UNWIND range(1, $n) AS i RETURN i", "-p", "n=5", "--format", "csv",
                  "--store", "neo4j", env={**neo4j_env, "MDKG_CYPHER_MAX_ROWS": "3"})  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["i", "1", "2", "3"]
    assert "only the first 3 rows" in result.stderr


@pytest.mark.neo4j
def test_cypher_from_standard_input(neo4j_env: dict[str, str]) -> None:
    result = CliRunner().invoke(
        cli, ["cypher", "-", "--store", "neo4j", "--format", "json"], env=neo4j_env,
        input="MATCH (f:Firm) RETURN count(f) AS firms",
    )  # fmt: skip
    assert json.loads(result.output)["rows"] == [{"firms": 6}]


@pytest.mark.neo4j
def test_cypher_writes_are_refused(neo4j_env: dict[str, str]) -> None:
    result = mdkg("cypher", "MATCH (n) DETACH DELETE n", "--store", "neo4j", env=neo4j_env)
    assert isinstance(result.exception, WriteRefused)
    again = mdkg("cypher", "MATCH (n:Entity) RETURN count(n) AS n", "--format", "json", "--store", "neo4j",
                 env=neo4j_env)  # fmt: skip
    assert json.loads(again.output)["rows"] == [{"n": len(BATCH.entities)}]


def test_a_bad_param_pair_is_a_usage_error(tmp_path: Path) -> None:
    result = mdkg("query", "firms_in_region", "-p", "region", env=embedded(tmp_path))
    assert result.exit_code == 2 and "is not KEY=VALUE" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("query", "firms_in_region", "-p", "region=region:440300"),
        ("cypher", "MATCH (n) RETURN n"),
    ],
)
def test_the_embedded_store_says_it_needs_neo4j(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = mdkg(*args, env=embedded(tmp_path))
    assert isinstance(result.exception, NeedsNeo4j)
    assert "MDKG_STORE=neo4j" in result.exception.message
    assert "docker compose up -d neo4j" in result.exception.message
