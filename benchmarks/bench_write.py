"""The write path, in one run: `python -m benchmarks.bench_write [--firms N] [--per-row K]`.

Writes the synthetic graph of `benchmarks.synthetic_graph` (N firms; 20,000 by default: about 20,600
entities and 40,600 relationships, one evidence sentence each) four ways and prints rows a second:

- into a fresh embedded store through `GraphStore.write`, in parts as ingest writes them;
- into Neo4j through `GraphStore.write` (batched `UNWIND … MERGE`, one transaction a part);
- into Neo4j one transaction a row (the first K entities, then K relationships; the rate only);
- with `neo4j-admin database import full` from `mdkg export --format neo4j-admin` (the export of
  the embedded store; the import tool from the test launcher's classpath), into a new database.

Neo4j is the project's launcher with a server's memory and JIT (`start_neo4j(bench=True)`), warmed up
by writing a small graph first (each statement is planned once; a long ingest pays that once).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.synthetic_graph import synthetic_graph
from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.ontology import GraphBatch
from mdkg.graph.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
PART = 2000  # rows a write, as ingest's parts of 200 articles give about


def batched(store: GraphStore, batch: GraphBatch) -> None:
    for i in range(0, len(batch.entities), PART):
        store.write(GraphBatch(entities=batch.entities[i : i + PART]))
    store.write(GraphBatch(articles=batch.articles))
    for i in range(0, len(batch.relationships), PART):
        store.write(GraphBatch(relationships=batch.relationships[i : i + PART]))


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--firms", type=int, default=20_000)
    parser.add_argument(
        "--per-row", type=int, default=500, help="rows of each kind written one a transaction"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from mdkg.graph.export import Format, load_snapshot, write_export
    from mdkg.graph.neo4j_store import Neo4jStore
    from tests.graph.neo4j_import import run_import_script
    from tests.neo4j_server import start_neo4j

    batch = synthetic_graph(args.firms)
    rows = len(batch.entities) + len(batch.relationships)
    print(f"{len(batch.entities):,} entities, {len(batch.relationships):,} relationships ({rows:,} rows)")
    figures: list[tuple[str, float, int]] = []
    with tempfile.TemporaryDirectory(prefix="mdkg-write-") as tmp:
        work = Path(tmp)
        embedded = EmbeddedStore(work / "w.sqlite")
        figures.append(
            ("embedded store, `GraphStore.write` in parts", timed(lambda: batched(embedded, batch)), rows)
        )
        server = start_neo4j(bench=True)
        try:
            neo4j = Neo4jStore(server.uri, server.user, server.password)
            batched(neo4j, synthetic_graph(200, seed=1))  # plan every statement once, as a long ingest has
            neo4j.clear()
            figures.append(("Neo4j, `GraphStore.write` in parts", timed(lambda: batched(neo4j, batch)), rows))
            neo4j.clear()
            k = args.per_row
            single = batch.entities[:k]
            took = timed(lambda: [neo4j.write(GraphBatch(entities=[e])) for e in single])
            neo4j.clear()
            neo4j.write(GraphBatch(entities=batch.entities))
            rels = batch.relationships[:k]
            took += timed(lambda: [neo4j.write(GraphBatch(relationships=[r])) for r in rels])
            figures.append(("Neo4j, one transaction a row", took, len(single) + len(rels)))
            neo4j.close()
        finally:
            server.stop()
        folder = work / "admin"
        write_export(load_snapshot(embedded), Format.NEO4J_ADMIN, folder)
        embedded.close()
        result: list[object] = []
        took = timed(lambda: result.append(run_import_script(folder, work / "home")))
        done = result[0]
        if getattr(done, "returncode", 1) != 0:
            raise SystemExit(f"neo4j-admin import failed: {getattr(done, 'stderr', '')}")
        figures.append(
            ("`neo4j-admin database import full` (a new database; JVM start included)", took, rows)
        )
    print("\n| how | rows | seconds | rows/s |\n|---|---|---|---|")
    for name, seconds, n in figures:
        print(f"| {name} | {n:,} | {seconds:.1f} | {n / seconds:,.0f} |")


if __name__ == "__main__":
    main()
