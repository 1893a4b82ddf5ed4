"""Latency of the read side on a synthetic graph: `python -m benchmarks.bench_graph [--firms N]`.

Writes `benchmarks.synthetic_graph` into a fresh embedded store (or, with `--neo4j URI`, into an
emptied Neo4j: it deletes everything there first), then times what users call: search, a
company's connections, a neighbourhood, a path, loading the whole graph, and the analytics and
pages built on it. Each call is repeated; the median and the slowest are printed, in milliseconds.
The embedded store keeps the whole graph between calls until the data changes; "cold" opens a
fresh store object first, as a new process would.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from benchmarks.synthetic_graph import synthetic_graph
from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.ontology import GraphBatch, Label
from mdkg.graph.store import GraphStore


def timed(name: str, call: Callable[[], object], repeat: int) -> tuple[str, float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return name, statistics.median(times), max(times)


def write(store: GraphStore, batch: GraphBatch, chunk: int = 2000) -> None:
    """Entities first, then relationships in chunks, as ingest writes many small batches."""
    store.write(GraphBatch(articles=batch.articles, entities=batch.entities))
    for i in range(0, len(batch.relationships), chunk):
        store.write(GraphBatch(relationships=batch.relationships[i : i + chunk]))


def measures(
    store: GraphStore, batch: GraphBatch, reopen: Callable[[], GraphStore]
) -> list[tuple[str, Callable[[], object], int]]:
    from mdkg.api.pages import PageContext, render_chain_page, render_graph_page
    from mdkg.graph.analytics import centrality, community_of, compare_regions
    from mdkg.graph.connections import connections
    from mdkg.graph.export import Format, as_bytes, load_snapshot
    from mdkg.graph.views import entity_view, industry_chain, region_view

    firms = [e for e in batch.entities if e.label is Label.FIRM]
    hub = max(batch.entities, key=lambda e: sum(r.target == e.id for r in batch.relationships))
    firm, other = firms[len(firms) // 2], firms[-1]
    cities = [e for e in batch.entities if e.properties.get("level") == "City"]
    city = cities[0]
    whole = store.subgraph(limit=1_000_000)

    def page(kind: str, center: str | None) -> str:
        context = PageContext("bench", center, kind, None, "degree", {})
        if kind == "chain":
            return render_chain_page(industry_chain(store), context)
        view = (
            region_view(store, city.id)
            if kind == "region"
            else entity_view(store, firm.id, depth=2, limit=300)
        )
        return render_graph_page(view, context)

    return [
        ("search, a firm's trade name", lambda: store.search(firm.aliases[0], limit=20), 20),
        ("search, two characters", lambda: store.search(firm.name[:2], limit=20), 20),
        ("connections of a firm (grouped, with articles)", lambda: connections(store, firm.id), 20),
        (f"connections of the hub ({hub.name})", lambda: connections(store, hub.id, limit=50), 5),
        ("neighbourhood of a firm, depth 2", lambda: store.neighbours(firm.id, depth=2, limit=300), 10),
        ("shortest path between two firms", lambda: store.shortest_path(firm.id, other.id), 10),
        ("load the whole graph, cold (a fresh store object)", lambda: _cold(reopen), 3),
        ("load the whole graph, again", lambda: store.subgraph(limit=1_000_000), 3),
        ("degree centrality, whole graph", lambda: centrality(whole, top=20), 3),
        ("communities, whole graph", lambda: community_of(whole), 1),
        ("compare all cities (with sub-regions)", lambda: compare_regions(whole, [c.id for c in cities]), 3),
        ("page: a firm's neighbourhood, depth 2", lambda: page("entity", firm.id), 5),
        (f"page: a city and its sub-regions ({city.name})", lambda: page("region", city.id), 3),
        ("page: the industry chain", lambda: page("chain", None), 3),
        ("export GraphML, whole graph", lambda: as_bytes(load_snapshot(store), Format.GRAPHML), 1),
    ]  # fmt: skip


def _cold(reopen: Callable[[], GraphStore]) -> None:
    store = reopen()
    try:
        store.subgraph(limit=1_000_000)
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--firms", type=int, default=5000)
    parser.add_argument("--neo4j", metavar="URI", help="measure on this Neo4j (emptied first!) instead")
    parser.add_argument("--user", default="neo4j")
    parser.add_argument("--password", default="")
    args = parser.parse_args()
    batch = synthetic_graph(args.firms)
    with tempfile.TemporaryDirectory() as tmp:
        reopen: Callable[[], GraphStore]
        store: GraphStore
        if args.neo4j:
            from mdkg.graph.neo4j_store import Neo4jStore

            reopen = partial(Neo4jStore, args.neo4j, args.user, args.password)
            store = reopen()
            store.clear()
        else:
            reopen = partial(EmbeddedStore, Path(tmp) / "bench.sqlite")
            store = reopen()
        start = time.perf_counter()
        write(store, batch)
        write_s = time.perf_counter() - start
        print(f"{store.name} store: {len(batch.entities)} entities, {len(batch.relationships)} relationships "
              f"written in {write_s:.1f} s")  # fmt: skip
        print(f"{'call':<58} {'median ms':>10} {'max ms':>9}")
        for name, call, repeat in measures(store, batch, reopen):
            name, median, slowest = timed(name, call, repeat)
            print(f"{name:<58} {median:>10.1f} {slowest:>9.1f}")
        store.close()


if __name__ == "__main__":
    main()
