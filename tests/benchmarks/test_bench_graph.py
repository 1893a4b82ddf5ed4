"""The read-side benchmark's synthetic graph, and one small run of it."""

from __future__ import annotations

import sys

import pytest

from benchmarks import bench_graph
from benchmarks.synthetic_graph import synthetic_graph
from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.ontology import Label


def test_the_synthetic_graph_is_deterministic_and_writable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    first, again = synthetic_graph(300), synthetic_graph(300)
    assert first == again
    assert sum(e.label is Label.FIRM for e in first.entities) == 300
    store = EmbeddedStore(tmp_path / "s.sqlite")
    bench_graph.write(store, first)
    counts = store.counts()
    store.close()
    assert counts.entities == len(first.entities)
    assert counts.relationships == len({r.id for r in first.relationships})


def test_run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["bench_graph", "--firms", "200"])
    bench_graph.main()
    out = capsys.readouterr().out
    assert "embedded store:" in out and "page: the industry chain" in out
    assert len([line for line in out.splitlines() if line.endswith(tuple("0123456789"))]) >= 15
