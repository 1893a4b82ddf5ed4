"""Order, resumption and concurrent writers, on both stores (item 4 of issue 9).

The corpora share stories (tests/ingest/shared_stories.py): half the copies outrank the
original, so the story changes hands when the later corpus arrives in one order and not in
the other.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.ontology import GraphBatch
from mdkg.graph.store import FileMark, GraphStore
from mdkg.ingest.pipeline import Ingestor, ingest_files
from mdkg.ingest.read import iter_files
from tests.ingest.shared_stories import SharedStories, make_shared_stories, snapshot

LIMIT = 20  # articles of corpus A: enough for stories to change hands, few enough for Neo4j's round trips


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> SharedStories:
    return make_shared_stories(tmp_path_factory.mktemp("shared"), limit=LIMIT)


def _ingest(store: GraphStore, *folders: Path) -> None:
    for folder in folders:
        reports = list(ingest_files(iter_files([folder]), store))
        assert all(r.ok for r in reports), [r.error for r in reports if r.error]


def test_the_graph_does_not_depend_on_the_order_of_ingestion(
    store: GraphStore, shared: SharedStories
) -> None:
    _ingest(store, shared.a, shared.b)
    a_then_b = snapshot(store)
    store.clear()
    _ingest(store, shared.b, shared.a)
    assert snapshot(store) == a_then_b
    # the test means something: stories changed hands and reprints were merged
    stories = store.get_articles(store.stories_since(0).stories)
    assert sum(a.source == "转载网" for a in stories.values()) >= 4
    assert sum(len(a.reprints) for a in stories.values()) >= 8


def test_an_interrupted_file_resumes_where_it_stopped(
    store: GraphStore, shared: SharedStories, tmp_path: Path
) -> None:
    """The state a run killed after the first part of a file leaves: that part's articles and the
    file's mark, written in one transaction. The rerun writes only the rest."""
    lines = [line for f in iter_files([shared.a]) for line in f.read_text("utf-8").splitlines()][:12]
    whole = tmp_path / "whole.jsonl"
    whole.write_text("\n".join(lines) + "\n", "utf-8")
    (tmp_path / "head").mkdir()
    head = tmp_path / "head" / "first-five.jsonl"
    head.write_text("\n".join(lines[:5]) + "\n", "utf-8")

    (report,) = ingest_files([whole], store, chunk=5)
    assert report.articles == 12 and report.resumed_at == 0
    expected = snapshot(store)
    store.clear()
    (first,) = ingest_files([head], store)
    key = Ingestor(store).file_key(whole)
    store.write(GraphBatch(), mark=FileMark(key=key, path=str(whole), done=5, total=12, at="2026-01-01"))
    (resumed,) = ingest_files([whole], store, chunk=5)
    assert (resumed.resumed_at, resumed.articles) == (5, 7)
    assert snapshot(store) == expected
    (again,) = ingest_files([whole], store, chunk=5)
    assert again.unchanged and snapshot(store) == expected


def store_env(store: GraphStore, request: pytest.FixtureRequest) -> dict[str, str]:
    """The environment that points `mdkg` in a subprocess at the test's store."""
    if isinstance(store, EmbeddedStore):
        return {**os.environ, "MDKG_STORE": "embedded", "MDKG_SQLITE_PATH": str(store.path)}
    server = request.getfixturevalue("neo4j_server")
    return {**os.environ, "MDKG_STORE": "neo4j", "NEO4J_URI": server.uri, "NEO4J_USER": server.user,
            "NEO4J_PASSWORD": server.password}  # fmt: skip


def test_two_ingests_at_once_store_each_story_once(
    store: GraphStore, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """Two `mdkg ingest` processes on one store, one article a file so that their writes interleave,
    give the graph one process gives."""
    shared = make_shared_stories(tmp_path, per_file=1, limit=LIMIT)
    _ingest(store, shared.a, shared.b)
    expected = snapshot(store)
    store.clear()
    command = [sys.executable, "-m", "mdkg", "ingest", "--quiet"]
    env = store_env(store, request)
    runs = [
        subprocess.Popen([*command, str(folder)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for folder in (shared.a, shared.b)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (_, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err.decode()
        assert b"Traceback" not in err
    assert snapshot(store) == expected
