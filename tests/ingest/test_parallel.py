"""Extraction in worker processes (`Ingestor(jobs=N)`) writes the graph one process writes."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate_corpus import write_corpus
from graph.embedded import EmbeddedStore
from ingest.pipeline import PARALLEL_FROM, ingest_files
from tests.ingest.shared_stories import snapshot

ARTICLES = 3 * PARALLEL_FROM  # parts of two sizes: one spread over the workers, one too small for it
CHUNK = 2 * PARALLEL_FROM


def test_workers_extract_what_one_process_does(tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "corpus", ARTICLES, seed=3, per_file=ARTICLES)
    graphs = []
    for jobs in (1, 2):
        store = EmbeddedStore(tmp_path / f"jobs{jobs}.sqlite")
        reports = list(ingest_files(files, store, chunk=CHUNK, jobs=jobs))
        assert [r.error for r in reports] == [None]
        assert reports[0].articles > PARALLEL_FROM
        graphs.append(snapshot(store))
        store.close()
    assert graphs[0] == graphs[1]
