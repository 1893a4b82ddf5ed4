"""`kill -9` at random points of an ingest, at least 20 times on each store (item 5 of issue 9).

Half the kills come at a random time, the other half just after a run's first write (found by
polling the file marks), so that enough land mid-ingest however loaded the machine is.

Each killed run leaves what it committed; the next run resumes from the file marks. Whenever a
run gets to the end before its kill, the graph must be exactly what one uninterrupted ingest
gives (and SQLite's integrity check must pass); then the store is emptied and another round
starts. After the 20th kill a last run completes the ingest and is checked the same way.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.store import GraphStore
from mdkg.ingest.pipeline import Ingestor
from mdkg.ingest.read import iter_files
from tests.ingest.shared_stories import ingest_command, make_shared_stories, snapshot
from tests.ingest.test_ingest_order import store_env

KILLS = 20


def _done(store: GraphStore, files: list[Path]) -> int:
    """Articles the file marks count as written (one JSON line an article)."""
    marks = (store.file_mark(Ingestor.file_key(f)) for f in files)
    return sum(mark.done for mark in marks if mark is not None)


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.monotonic()
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=600)
    return time.monotonic() - started


def _await_progress(run: subprocess.Popen[bytes], store: GraphStore, files: list[Path], before: int) -> None:
    """Until `run` has written something (by the file marks) or ended."""
    while run.poll() is None and _done(store, files) <= before:
        time.sleep(0.02)


def _check(store: GraphStore, expected: dict[str, list[tuple[object, ...]]]) -> None:
    assert snapshot(store) == expected
    if isinstance(store, EmbeddedStore):
        with sqlite3.connect(store.path) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_kill_9_at_random_points_loses_and_doubles_nothing(
    store: GraphStore, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    small = store.name == "neo4j"  # Neo4j's round trips make each write slower here
    shared = make_shared_stories(tmp_path, per_file=3, limit=6 if small else 16)
    command = ingest_command(shared)
    env = store_env(store, request)

    _timed(command, env)  # the first run on a fresh Neo4j also plans every statement
    store.clear()
    whole = _timed(command, env)  # startup and the whole ingest
    idle = _timed(command, env)  # startup and finding every file done: kills are aimed between
    expected = snapshot(store)
    store.clear()

    rng = random.Random(9)
    kills = rounds = 0
    files = iter_files([shared.a, shared.b])
    midway = []  # articles written, by the file marks, after each kill that left the ingest half done
    while kills < KILLS:
        before = _done(store, files)
        run = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            if kills % 2:  # at a random time, which on a busy machine may well be during start-up
                _, err = run.communicate(timeout=idle + rng.uniform(0.0, 0.8) * max(whole - idle, 0.5))
            else:  # just after this run's first write, wherever the machine's load puts it
                _await_progress(run, store, files, before)
                _, err = run.communicate(timeout=rng.uniform(0.0, 0.3))
        except subprocess.TimeoutExpired:
            run.kill()  # SIGKILL: no handler, no cleanup
            run.communicate()
            kills += 1
            if 0 < (done := _done(store, files)) < sum(1 for f in files for _ in f.open("rb")):
                midway.append(done)
            continue
        assert run.returncode == 0 and b"Traceback" not in err, err.decode()
        _check(store, expected)
        store.clear()
        rounds += 1
    last = subprocess.run(command, env=env, capture_output=True, timeout=600)
    assert last.returncode == 0 and b"Traceback" not in last.stderr, last.stderr.decode()
    _check(store, expected)
    assert len(midway) >= KILLS // 4, f"too few kills landed mid-ingest: {midway}"
