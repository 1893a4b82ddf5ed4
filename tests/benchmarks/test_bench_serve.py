"""The load benchmark asks real questions: every call it loads answers 200 on a generated corpus."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from benchmarks.bench_serve import calls
from benchmarks.generate_corpus import write_corpus
from mdkg.api.app import create_app
from mdkg.graph.embedded import EmbeddedStore
from mdkg.ingest.pipeline import ingest_files


def test_every_call_answers_on_a_generated_corpus(tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "corpus", 120, seed=2, per_file=120)
    store = EmbeddedStore(tmp_path / "bench.sqlite")
    assert [r.error for r in ingest_files(files, store)] == [None]
    paths = calls(tmp_path / "bench.sqlite")
    assert set(paths) >= {"/health", "entity", "connections", "path (3 hops)", "a firm's page"}
    with TestClient(create_app(store=store)) as client:
        for name, path in paths.items():
            answer = client.get(path)
            assert answer.status_code == 200, (name, path, answer.text[:300])
    store.close()
