"""What corrections cost, in one run: `python -m benchmarks.bench_corrections [--firms N] [--log K]`.

On both stores, with the synthetic graph of `benchmarks.synthetic_graph` (N firms; 5,000 by default):

- the write path: the graph written again (as a re-ingest writes it, in parts) with an empty log, then
  with K corrections in the log (1,000 by default: rejections and renames spread over the graph, the
  kinds a write must apply, and merges, which redirect); rows a second and the ratio;
- applying one correction (a confirmation, a rejection, a merge) and undoing it: median milliseconds;
- `apply_log` of the K entries into a second store holding the same graph (export → import).

Neo4j is the project's launcher with a server's memory and JIT (`start_neo4j(bench=True)`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.bench_write import batched
from benchmarks.synthetic_graph import synthetic_graph
from mdkg.graph import correction_log
from mdkg.graph.corrections import Correction, Kind
from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.ontology import GraphBatch, Label
from mdkg.graph.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = 30  # single corrections timed, each applied and undone


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def make_log(batch: GraphBatch, size: int) -> list[Correction]:
    """`size` corrections spread over the graph: 40 % rejections, 40 % renames, 20 % merges of firms."""
    rels = sorted(r.id for r in batch.relationships)
    firms = sorted(e.id for e in batch.entities if e.label is Label.FIRM)
    others = sorted(e.id for e in batch.entities if e.label is not Label.FIRM)
    log: list[Correction] = []
    step = max(1, len(rels) // max(1, size))
    for n, rel in enumerate(rels[::step][: size * 2 // 5]):
        log.append(Correction(kind=Kind.REJECT, target=rel, who="bench", why=f"r{n}"))
    for n, entity in enumerate(others[: size * 2 // 5]):
        log.append(Correction(kind=Kind.RENAME, target=entity, name=f"更正名{n}", who="bench", why="n"))
    pairs = list(zip(firms[0::2], firms[1::2], strict=False))[: size - len(log)]
    log += [Correction(kind=Kind.MERGE, target=b, into=a, who="bench", why="m") for a, b in pairs]
    return log


def apply_all(store: GraphStore, log: list[Correction]) -> list[Correction]:
    done = []
    for c in log:
        try:
            done.append(store.correct(c))
        except Exception:  # noqa: BLE001 - a target an earlier correction took away: skip it
            continue
    return done


def single_ms(store: GraphStore, batch: GraphBatch, kind: Kind) -> float:
    """Median milliseconds to apply one correction of `kind` and to undo it."""
    rels = sorted(r.id for r in batch.relationships)[-SAMPLES * 3 :]
    firms = sorted(e.id for e in batch.entities if e.label is Label.FIRM)[-SAMPLES * 2 :]
    took = []
    for n in range(SAMPLES):
        if kind is Kind.MERGE:
            c = Correction(kind=kind, target=firms[2 * n + 1], into=firms[2 * n], who="bench", why="m")
        else:
            c = Correction(kind=kind, target=rels[n], who="bench", why="x")
        start = time.perf_counter()
        entry = store.correct(c)
        store.undo_correction(entry.id, "bench", "back")
        took.append((time.perf_counter() - start) * 1000)
    return statistics.median(took)


def measure(name: str, fresh: Callable[[], GraphStore], batch: GraphBatch, size: int) -> list[str]:
    rows = len(batch.entities) + len(batch.relationships)
    store = fresh()
    for _ in range(3):  # the first writes plan every statement and warm the JIT, as a long ingest has
        batched(store, batch)
    empty = timed(lambda: batched(store, batch))  # a re-ingest: everything written again
    singles = {kind: single_ms(store, batch, kind) for kind in (Kind.CONFIRM, Kind.REJECT, Kind.MERGE)}
    log = make_log(batch, size)
    applied = apply_all(store, log)
    full = timed(lambda: batched(store, batch))
    other = fresh()
    batched(other, batch)
    report: list[correction_log.ImportReport] = []
    imported = timed(lambda: report.append(correction_log.apply_log(other, applied)))
    lines = [
        f"| {name} | write, empty log | {rows:,} | {empty:.1f} | {rows / empty:,.0f} | 1.00 |",
        f"| {name} | write, {len(applied):,} corrections in the log | {rows:,} | {full:.1f} "
        f"| {rows / full:,.0f} | {full / empty:.2f} |",
        f"| {name} | import {report[0].applied:,} entries (apply_log) | {report[0].applied:,} "
        f"| {imported:.1f} | {report[0].applied / imported:,.0f} | |",
    ]
    lines += [f"| {name} | one {k.value} applied and undone (median ms) | {SAMPLES} | | {ms:.1f} ms | |"
              for k, ms in singles.items()]  # fmt: skip
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--firms", type=int, default=5_000)
    parser.add_argument("--log", type=int, default=1_000, help="corrections in the log")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from mdkg.graph.neo4j_store import Neo4jStore
    from tests.neo4j_server import start_neo4j

    batch = synthetic_graph(args.firms)
    print(f"{len(batch.entities):,} entities, {len(batch.relationships):,} relationships")
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="mdkg-corrections-") as tmp:
        made = iter(range(100))
        lines += measure(
            "embedded", lambda: EmbeddedStore(Path(tmp) / f"{next(made)}.sqlite"), batch, args.log
        )
        server = start_neo4j(bench=True)
        try:
            opened: list[Neo4jStore] = []

            def fresh() -> GraphStore:
                if opened:  # one server: the second store is the first, emptied
                    opened[0].clear()
                    return opened[0]
                opened.append(Neo4jStore(server.uri, server.user, server.password))
                opened[0].clear()
                return opened[0]

            lines += measure("Neo4j", fresh, batch, args.log)
        finally:
            server.stop()
    print("\n| store | what | rows | seconds | rows/s | ratio to empty log |\n|---|---|---|---|---|---|")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
