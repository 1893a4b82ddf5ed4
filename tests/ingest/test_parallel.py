"""Extraction in worker processes (`Ingestor(jobs=N)`) writes the graph one process writes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from benchmarks.generate_corpus import write_corpus
from mdkg.graph.embedded import EmbeddedStore
from mdkg.ingest.pipeline import PARALLEL_FROM, ingest_files
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


def _marked(mark: str) -> list[int]:
    """Pids of processes whose environment carries `mark` (the ingest, its forkserver, its workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if mark.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_workers_end_when_the_ingest_is_killed(tmp_path: Path) -> None:
    """kill -9 leaves the extraction processes without their writer: they end within seconds."""
    if not Path("/proc/self/environ").exists():
        pytest.skip("needs /proc to find the worker processes")
    files = write_corpus(tmp_path / "corpus", 20 * PARALLEL_FROM, seed=4, per_file=20 * PARALLEL_FROM)
    mark = f"MDKG_TEST_MARK={uuid.uuid4().hex}"
    env = {**os.environ, "MDKG_STORE": "embedded", "MDKG_SQLITE_PATH": str(tmp_path / "k.sqlite"),
           mark.split("=")[0]: mark.split("=")[1]}  # fmt: skip
    command = [sys.executable, "-m", "mdkg", "ingest", "--quiet", "--jobs", "2", *map(str, files)]
    ingest = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while len(_marked(mark)) < 4:  # the ingest, the forkserver and two workers
            assert ingest.poll() is None, "the ingest ended before its workers started"
            assert time.monotonic() < deadline, "no workers started"
            time.sleep(0.1)
    finally:
        ingest.send_signal(signal.SIGKILL)
        ingest.wait()
    deadline = time.monotonic() + 10
    while (left := _marked(mark)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert left == [], f"processes left after the ingest was killed: {left}"
