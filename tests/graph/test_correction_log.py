"""The corrections log exported from one store and applied to another after the same corpus: the same
graph, compared as sorted CSV exports (the issue's target), embedded → Neo4j and back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mdkg.graph import correction_log
from mdkg.graph.corrections import Kind
from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.errors import InvalidRequest
from mdkg.graph.store import GraphStore
from tests.corrections_session import correct_100, ingest, tables
from tests.stores import open_test_store


@pytest.fixture
def neo4j(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    yield from open_test_store("neo4j", request, tmp_path)


def _undo_some(store: GraphStore) -> int:
    """Undos among the entries (of every kind but the merges later split), so the replay has to put
    them in their place; how many."""
    log = store.corrections()
    split = {c.target for c in log if c.kind is Kind.SPLIT}
    chosen = [c for c in log[::4] if not (c.kind is Kind.MERGE and c.target in split)]
    assert {c.kind for c in chosen} == set(Kind)
    for entry in reversed(chosen):  # latest first: an earlier one may be what a later one built on
        store.undo_correction(entry.id, "reviewer", f"undo of {entry.kind.value}")
    return len(chosen)


def _moved(source: GraphStore, target: GraphStore, path: Path) -> None:
    ingest(source)
    correct_100(source)
    undone = _undo_some(source)
    assert correction_log.write_log(source.corrections(), path) == 100
    ingest(target)
    report = correction_log.apply_log(target, correction_log.read_log(path))
    assert (report.applied, report.undone, report.failed) == (100, undone, [])
    assert tables(target) == tables(source)
    assert [c.model_dump() for c in target.corrections()] != []
    again = correction_log.apply_log(target, correction_log.read_log(path))  # a rerun adds nothing
    assert (again.applied, again.undone, again.present) == (0, 0, 100 + undone)
    assert tables(target) == tables(source)


@pytest.mark.neo4j
def test_the_log_from_the_embedded_store_gives_neo4j_the_same_graph(
    neo4j: GraphStore, tmp_path: Path
) -> None:
    _moved(EmbeddedStore(tmp_path / "from.sqlite"), neo4j, tmp_path / "log.jsonl")


@pytest.mark.neo4j
def test_the_log_from_neo4j_gives_the_embedded_store_the_same_graph(
    neo4j: GraphStore, tmp_path: Path
) -> None:
    _moved(neo4j, EmbeddedStore(tmp_path / "to.sqlite"), tmp_path / "log.jsonl")


def test_a_log_applied_to_a_store_without_its_targets_reports_each_and_goes_on(tmp_path: Path) -> None:
    source, target = EmbeddedStore(tmp_path / "a.sqlite"), EmbeddedStore(tmp_path / "b.sqlite")
    ingest(source)
    entries = correct_100(source)
    report = correction_log.apply_log(target, entries)  # nothing ingested: no target is there
    assert report.applied == 0 and len(report.failed) == 100
    assert all(reason for _, reason in report.failed) and target.corrections() == []


def test_a_bad_line_names_the_file_and_line_and_applies_nothing(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_text('{"kind": "reject", "target": "x", "who": "a"}\n{"kind": "merge", "who": "a"}\n')
    with pytest.raises(InvalidRequest, match=r"log.jsonl:2: not a correction"):
        correction_log.read_log(path)
