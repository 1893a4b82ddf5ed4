"""Ingest at scale: how time and memory go as a store fills, on each store, one after the other.

`python -m benchmarks.bench_memory [--articles N] [--stores embedded,neo4j] [--every S] [--corpus DIR]`

Generates N articles (`benchmarks.generate_corpus`, seed 5; or reads `--corpus`), then for each store
ingests them with `mdkg ingest --quiet` into a fresh store (Neo4j: the project's launcher with a
server's memory and JIT, `tests.neo4j_server.start_neo4j(bench=True)`) and samples every S seconds
the parts written (the store's version), the resident memory of the writer and of its extraction
processes, and the CPU the Neo4j server used. Prints one Markdown table a store: a row at every
tenth of the parts, and a summary (wall time, articles a second, peak memory). "Flat" memory means
the writer's column stops growing once its bounded caches are full.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

from benchmarks.bench_serve import MDKG, ROOT
from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.neo4j_store import Neo4jStore
from mdkg.graph.store import GraphStore
from mdkg.ingest.load import CHUNK

MB = 2**20


@dataclass(frozen=True)
class Sample:
    seconds: float
    parts: int
    writer_mb: float
    workers_mb: float
    server_cpu: float


def sample(writer: psutil.Process, version: Callable[[], int], server: psutil.Process | None) -> Sample:
    """The writer's memory, its descendants' (the extraction processes), the parts written so far."""
    workers = 0.0
    for child in writer.children(recursive=True):
        try:
            workers += child.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    cpu = server.cpu_times() if server else None
    return Sample(
        seconds=0.0,
        parts=version(),
        writer_mb=writer.memory_info().rss / MB,
        workers_mb=workers / MB,
        server_cpu=(cpu.user + cpu.system) if cpu else 0.0,
    )


def ingest(corpus: Path, env: dict[str, str], every: float, server: psutil.Process | None) -> list[Sample]:
    """Run `mdkg ingest` to its end, sampling every `every` seconds (and once at the end)."""
    store = _open(env)
    start, base = time.perf_counter(), sample_server(server)
    process = subprocess.Popen([str(MDKG), "ingest", "--quiet", str(corpus)], env=env)
    writer, samples = psutil.Process(process.pid), []
    try:
        while process.poll() is None:
            try:
                taken = sample(writer, store.version, server)
            except psutil.NoSuchProcess:
                break
            samples.append(_at(taken, time.perf_counter() - start, base))
            time.sleep(every)
        if process.wait() != 0:
            raise SystemExit(f"mdkg ingest {corpus} failed (exit {process.returncode})")
        end = Sample(time.perf_counter() - start, store.version(), 0.0, 0.0, sample_server(server) - base)
        return [*samples, end]
    finally:
        store.close()


def sample_server(server: psutil.Process | None) -> float:
    if server is None:
        return 0.0
    cpu = server.cpu_times()
    return float(cpu.user + cpu.system)


def _at(taken: Sample, seconds: float, base: float) -> Sample:
    return Sample(seconds, taken.parts, taken.writer_mb, taken.workers_mb, max(0.0, taken.server_cpu - base))


def _open(env: dict[str, str]) -> GraphStore:
    """The store `mdkg` is told to write (read here for its version only)."""
    if env["MDKG_STORE"] == "embedded":
        return EmbeddedStore(env["MDKG_SQLITE_PATH"])
    return Neo4jStore(env["NEO4J_URI"])


@contextmanager
def fresh_store(kind: str, workdir: Path) -> Iterator[tuple[dict[str, str], psutil.Process | None]]:
    """The environment of `mdkg` for a fresh store of `kind`, and the Neo4j server's process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MDKG_", "NEO4J_"))}
    if kind == "embedded":
        yield {**env, "MDKG_STORE": "embedded", "MDKG_SQLITE_PATH": str(workdir / "bench.sqlite")}, None
        return
    sys.path.insert(0, str(ROOT))
    from tests.neo4j_server import start_neo4j

    neo4j = start_neo4j(home=workdir / "neo4j", bench=True)
    try:
        port = f"--port {neo4j.uri.rsplit(':', 1)[1]}"
        java = next(p for p in psutil.process_iter(["cmdline"]) if port in " ".join(p.info["cmdline"] or []))
        yield {**env, "MDKG_STORE": "neo4j", "NEO4J_URI": neo4j.uri}, java
    finally:
        neo4j.stop()


def report(kind: str, articles: int, samples: list[Sample]) -> str:
    """Rows at every tenth of the parts written, then the summary."""
    end = samples[-1]
    total = max(end.parts, 1)
    rows, shown = [], -1
    for s in samples[:-1]:
        tenth = 10 * s.parts // total
        if tenth > shown:
            shown = tenth
            done = min(s.parts * CHUNK, articles)
            rows.append(
                f"| {s.seconds:.0f} s | {s.parts:,} | ~{done:,} | {s.writer_mb:.0f} MB"
                f" | {s.workers_mb:.0f} MB | {s.server_cpu:.0f} s |"
            )
    peak_writer = max((s.writer_mb for s in samples[:-1]), default=0.0)
    peak_workers = max((s.workers_mb for s in samples[:-1]), default=0.0)
    return "\n".join(
        [
            f"**{kind}**: {articles:,} articles in {end.seconds:.0f} s "
            f"({articles / end.seconds:.1f} articles/s), {end.parts:,} parts; "
            f"peak writer {peak_writer:.0f} MB, extraction processes {peak_workers:.0f} MB"
            + (f"; Neo4j server CPU {end.server_cpu:.0f} s" if kind == "neo4j" else ""),
            "",
            "| after | parts | articles | writer | extraction processes | server CPU |",
            "|---|---|---|---|---|---|",
            *rows,
        ]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--stores", default="embedded,neo4j", help="comma-separated, in this order")
    parser.add_argument("--every", type=float, default=10.0, help="seconds between samples")
    parser.add_argument("--corpus", type=Path, help="a folder of generated articles to use instead")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mdkg-bench-memory-") as tmp:
        workdir = Path(tmp)
        corpus = args.corpus or workdir / "corpus"
        if args.corpus is None:
            subprocess.run(
                [sys.executable, "-m", "benchmarks.generate_corpus", "--articles", str(args.articles),
                 "--seed", str(args.seed), "-o", str(corpus)],
                check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
            )  # fmt: skip
        for kind in args.stores.split(","):
            print(f"ingesting {args.articles:,} articles into a fresh {kind} store ...", file=sys.stderr)
            with fresh_store(kind, workdir) as (env, server):
                print(report(kind, args.articles, ingest(corpus, env, args.every, server)), "\n", flush=True)


if __name__ == "__main__":
    main()
