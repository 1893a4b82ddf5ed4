"""`mdkg export` run as a user runs it, on an embedded store file."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from mdkg.graph.embedded import EmbeddedStore
from tests.graph.export_graph import export_batch

MDKG = Path(sys.executable).with_name("mdkg")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "g.sqlite"
    store = EmbeddedStore(path)
    store.write(export_batch())
    store.close()
    return path


def mdkg(*args: str, db: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MDKG_SQLITE_PATH": str(db), "MDKG_STORE": "embedded"}
    return subprocess.run(
        [str(MDKG), *args], env=env, capture_output=True, text=True, check=check, timeout=120
    )


def test_export_graphml(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.graphml"
    done = mdkg("export", "--format", "graphml", "-o", str(out), db=db)
    assert "reading the graph from the embedded store" in done.stderr
    assert done.stdout.strip() == f"wrote 9 nodes, 7 edges, 3 articles to {out}"
    assert nx.read_graphml(out, force_multigraph=True).number_of_edges() == 7


def test_export_csv_with_labels_and_date(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    args = ["--label", "Region", "--label", "Base", "--as-of", "2025-03-31"]
    done = mdkg("export", "--format", "csv", "-o", str(out), *args, db=db)
    assert "wrote 3 nodes, 2 edges" in done.stdout
    with (out / "relationships.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert {row["type"] for row in csv.DictReader(handle)} == {"PART_OF", "LOCATED_IN"}


def test_export_neo4j_admin_warns_when_limited(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "admin"
    done = mdkg("export", "--format", "neo4j-admin", "-o", str(out), "--limit", "4", db=db)
    assert "warning: the store holds 9 entities; only the first 4" in done.stderr
    assert "neo4j-admin database import full" in (out / "import.sh").read_text(encoding="utf-8")


def test_a_bad_date_is_a_usage_error(db: Path, tmp_path: Path) -> None:
    done = mdkg(
        "export", "--format", "csv", "-o", str(tmp_path / "x"), "--as-of", "2025/03", db=db, check=False
    )
    assert done.returncode == 2
    assert "Invalid value for '--as-of': '2025/03' is not a date as YYYY-MM-DD" in done.stderr
    assert not (tmp_path / "x").exists()


def test_a_failure_exits_1(tmp_path: Path) -> None:
    not_sqlite = tmp_path / "notes.sqlite"
    not_sqlite.write_text("not a database", encoding="utf-8")
    done = mdkg("export", "--format", "csv", "-o", str(tmp_path / "x"), db=not_sqlite, check=False)
    assert done.returncode == 1 and done.stderr.startswith("error [store_unavailable]")
