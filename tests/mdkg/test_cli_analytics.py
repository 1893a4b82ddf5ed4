"""`mdkg analytics …` and `mdkg timeline` on an embedded store file holding the two-city graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mdkg.cli import cli
from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.errors import InvalidRequest, NotFound
from tests.graph import analytics_graph as g


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "graph.sqlite"
    store = EmbeddedStore(path)
    store.write(g.BATCH)
    store.close()
    return path


def run(db: Path, *args: str) -> Result:
    env = {"MDKG_SQLITE_PATH": str(db), "MDKG_STORE": "embedded"}
    return CliRunner().invoke(cli, list(args), env=env)


def test_help_names_every_command(db: Path) -> None:
    assert "timeline" in run(db, "--help").output and "analytics" in run(db, "--help").output
    out = run(db, "analytics", "--help").output
    for command in ("centrality", "communities", "compare-regions"):
        assert command in out


def test_centrality_table_and_json(db: Path) -> None:
    table = run(db, "analytics", "centrality", "--measure", "betweenness", "--label", "Firm", "--top", "2")
    assert table.exit_code == 0, table.output
    first, second = table.output.splitlines()
    assert first.split()[0] == "1" and g.FIRM_A.name in first and g.FIRM_D.name in second
    rows = json.loads(run(db, "analytics", "centrality", "--top", "3", "--json").output)
    assert [r["rank"] for r in rows] == [1, 2, 3] and rows[0]["id"] == g.FIRM_A.id


def test_centrality_as_of(db: Path) -> None:
    out = run(db, "analytics", "centrality", "--label", "Firm", "--as-of", "2024-06-30", "--json").output
    assert {r["id"] for r in json.loads(out)} == {g.FIRM_A.id, g.FIRM_B.id, g.FIRM_G.id}


def test_communities(db: Path) -> None:
    table = run(db, "analytics", "communities", "--min-size", "3", "--members", "2")
    assert table.exit_code == 0 and table.output.startswith("community 0: ")
    found = json.loads(run(db, "analytics", "communities", "--json").output)
    assert found[0]["number"] == 0 and all(c["size"] >= 2 for c in found)


def test_compare_regions(db: Path) -> None:
    table = run(db, "analytics", "compare-regions", g.SHENZHEN.id, g.HANGZHOU.id)
    assert table.exit_code == 0, table.output
    assert "8,000,000 CNY" in table.output and "50,000,000 CNY" in table.output
    summaries = json.loads(run(db, "analytics", "compare-regions", g.PINGSHAN.id, "--json").output)
    assert summaries[0]["firms"] == 2 and summaries[0]["bases"] == 2


def test_timeline_table_and_json(db: Path) -> None:
    table = run(db, "timeline", g.FIRM_A.id, "--since", "2025-01-01")
    assert table.exit_code == 0, table.output
    assert "2025-06-20  relationship" in table.output and g.T4.title in table.output
    assert "2024-" not in table.output
    line = json.loads(run(db, "timeline", g.HANGZHOU.id, "--json").output)
    assert {i["kind"] for i in line["items"]} == {"policy", "fund", "relationship"}


@pytest.mark.parametrize(
    "args, error",
    [
        (["timeline", "firm:nobody"], NotFound),
        (["analytics", "compare-regions", g.FIRM_A.id], InvalidRequest),
    ],
)
def test_errors_reach_main_as_mdkg_errors(db: Path, args: list[str], error: type[Exception]) -> None:
    result = run(db, *args)
    assert isinstance(result.exception, error)


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", g.FIRM_A.id, "--until", "June"],
        ["timeline", g.FIRM_A.id, "--since", "2024-02-30"],
        ["analytics", "centrality", "--as-of", "2024/01/01"],
        ["analytics", "communities", "--as-of", "20240101"],
    ],
)
def test_a_bad_date_is_a_usage_error(db: Path, args: list[str]) -> None:
    result = run(db, *args)
    assert result.exit_code == 2 and "is not a date as YYYY-MM-DD" in result.output, result.output
