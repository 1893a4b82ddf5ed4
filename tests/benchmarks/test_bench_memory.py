"""The scale benchmark samples a real ingest: parts written, the writer's and workers' memory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks.bench_memory import fresh_store, ingest, report
from benchmarks.generate_corpus import write_corpus

# Neo4j too: a server of the benchmark's size starts in about a minute, so it runs only on request
KINDS = [
    "embedded",
    pytest.param(
        "neo4j",
        marks=pytest.mark.skipif(
            "MDKG_BENCH_TESTS" not in os.environ, reason="starts a bench-sized Neo4j (set MDKG_BENCH_TESTS=1)"
        ),
    ),
]


@pytest.mark.parametrize("kind", KINDS)
def test_an_ingest_is_sampled_to_its_end(tmp_path: Path, kind: str) -> None:
    write_corpus(tmp_path / "corpus", 80, seed=3, per_file=80)
    with fresh_store(kind, tmp_path) as (env, server):
        samples = ingest(tmp_path / "corpus", env, 0.2, server)
    assert (server is None) == (kind == "embedded")
    assert samples[-1].parts == 1  # 80 articles: one part of CHUNK
    assert max(s.writer_mb for s in samples) > 50  # a Python process with the project loaded
    assert kind == "embedded" or samples[-1].server_cpu > 0
    table = report(kind, 80, samples)
    assert table.startswith(f"**{kind}**: 80 articles in ") and "| after | parts |" in table
