"""Neo4j killed in the middle of an ingest: the run ends with one line, and once Neo4j is back the
same command resumes and gives the graph one uninterrupted ingest gives (item 2 of issue 9)."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from mdkg.graph.neo4j_store import Neo4jStore
from mdkg.ingest.pipeline import ingest_files
from mdkg.ingest.read import iter_files
from tests.ingest.shared_stories import ingest_command, make_shared_stories, snapshot
from tests.neo4j_server import start_neo4j


@pytest.mark.neo4j
def test_an_ingest_outlives_neo4j_going_down(tmp_path: Path) -> None:
    shared = make_shared_stories(tmp_path / "corpus", per_file=2, limit=10)
    home = Path(tempfile.mkdtemp(dir=tmp_path))
    server = start_neo4j(home=home)
    store = Neo4jStore(server.uri, server.user, server.password)
    try:
        for folder in (shared.a, shared.b):
            list(ingest_files(iter_files([folder]), store))
        expected = snapshot(store)
        store.clear()
        env = {**os.environ, "MDKG_STORE": "neo4j", "NEO4J_URI": server.uri, "NEO4J_USER": server.user,
               "NEO4J_PASSWORD": server.password, "MDKG_NEO4J_RETRY_SECONDS": "3"}  # fmt: skip
        command = ingest_command(shared)
        run = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        while store.counts().articles < 3 and run.poll() is None:
            time.sleep(0.05)
        assert run.poll() is None, "the ingest ended before Neo4j could be stopped"
        server.stop()
        stopped = time.monotonic()
        _, err = run.communicate(timeout=120)
        assert time.monotonic() - stopped < 30
        assert run.returncode == 1 and "Traceback" not in err, err  # a failure: 2 is for usage errors
        assert "error [store_unavailable]" in err and "cannot be reached" in err, err

        server = start_neo4j(home=home, port=urlparse(server.uri).port)
        again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
        assert again.returncode == 0, again.stderr
        assert snapshot(store) == expected
    finally:
        server.stop()
        store.close()
