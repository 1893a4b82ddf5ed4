"""What users see: `hey` against `mdkg serve` on both stores, p50/p99 and requests per second.

`python -m benchmarks.bench_serve [--articles N] [--clients 1,8,32] [--seconds S] [--keep DIR]
[--neo4j-from ingest|import]`

1. Generates N articles (`benchmarks.generate_corpus`) and ingests them with `mdkg ingest` into a
   fresh embedded store and into a fresh Neo4j (the project's launcher with a server's memory and
   JIT, `tests.neo4j_server.start_neo4j(bench=True)`), timing each and reading its peak memory.
   With `--neo4j-from import` the Neo4j database is instead the embedded store's graph exported with
   `mdkg export --format neo4j-admin`, loaded by the real `neo4j-admin database import full` and
   finished with its after-import.cypher: the same graph, for a corpus too big to ingest twice.
2. Serves each store with `mdkg serve` and runs `hey` (Debian package `hey`; `make bench` installs
   it) for every call and number of clients, one store after the other, alternating per call so
   both see the same machine.
3. Prints one Markdown table: p50 and p99 in milliseconds, requests per second, and the
   Neo4j / embedded ratio of p50.

With `--keep DIR` the corpus and both stores stay in DIR, and a second run with the same DIR and
N skips steps 1's generation and ingest (its ingest figures are then not printed).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode
from urllib.request import urlopen

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
MDKG = Path(sys.executable).with_name("mdkg")
STORES = ("embedded", "neo4j")


@dataclass(frozen=True)
class Figures:
    p50: float
    p99: float
    rps: float
    errors: int


@dataclass(frozen=True)
class Ingested:
    seconds: float
    peak_mb: float


def run_measured(command: list[str], env: dict[str, str]) -> Ingested:
    """Run a command to its end; wall time and the peak resident memory of the process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"{' '.join(command)} failed:\n{process.stderr.read().decode() if process.stderr else ''}"
        )
    return Ingested(seconds, usage.ru_maxrss / 1024)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


START_SECONDS = 900  # a store from 100,000 articles on a busy 2-core machine: minutes


@contextmanager
def served(env: dict[str, str], workers: int) -> Iterator[str]:
    """`mdkg serve` on a free port until the block ends; its base URL once /health answers."""
    port = free_port()
    command = [str(MDKG), "serve", "--port", str(port), *(["--workers", str(workers)] if workers else [])]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        start = time.monotonic()
        while True:
            try:
                with urlopen(f"{base}/health", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if server.poll() is None and time.monotonic() - start < START_SECONDS:
                    time.sleep(0.3)
                    continue
                server.kill()  # its stderr ends only when it does
                reason = server.stderr.read().decode() if server.stderr else ""
                raise SystemExit(f"mdkg serve did not start: {reason}") from None
        print(f"mdkg serve ({env['MDKG_STORE']}) answered /health after {time.monotonic() - start:.1f} s",
              file=sys.stderr)  # fmt: skip
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)


def hey(url: str, clients: int, seconds: float) -> Figures:
    """`hey -z` for `seconds` with `clients` concurrent clients (after a short warm-up)."""
    subprocess.run(["hey", "-n", str(4 * clients), "-c", str(clients), url], capture_output=True, check=True)
    out = subprocess.run(
        ["hey", "-z", f"{seconds}s", "-c", str(clients), "-t", "60", "-o", "csv", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(out)))
    if not rows:
        return Figures(float("nan"), float("nan"), 0.0, 0)
    times = sorted(float(r["response-time"]) * 1000 for r in rows)
    ok = sum(r["status-code"] == "200" for r in rows)
    span = max(float(r["offset"]) + float(r["response-time"]) for r in rows)
    return Figures(
        p50=statistics.median(times),
        p99=times[min(len(times) - 1, int(len(times) * 0.99))],
        rps=len(rows) / span,
        errors=len(rows) - ok,
    )


def calls(sqlite: Path) -> dict[str, str]:
    """The paths to load, chosen on the graph: a firm of middling degree, a firm three hops away."""
    from mdkg.graph.embedded import EmbeddedStore
    from mdkg.graph.ontology import Label

    store = EmbeddedStore(sqlite)
    try:
        g = store.graph()
        firms = sorted(
            (g.degree(n), n) for n, data in g.nodes(data=True) if data.get("label") == Label.FIRM.value
        )
        connected = [(d, n) for d, n in firms if 3 <= d <= 40] or firms
        firm = connected[len(connected) // 2][1]
        hops = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), firm, cutoff=3)
        far = sorted(n for n, d in hops.items() if d == 3 and g.nodes[n].get("label") == Label.FIRM.value)
        other = far[0] if far else max(hops, key=lambda n: (hops[n], n))
        name = g.nodes[firm]["name"]
    finally:
        store.close()
    at = quote(firm, safe=":")
    return {
        "/health": "/health",
        "search (two characters)": "/entities/search?" + urlencode({"q": name[:2]}),
        "entity": f"/entities/{at}",
        "connections": f"/entities/{at}/connections",
        "neighbourhood, depth 2": f"/entities/{at}/neighbourhood?depth=2",
        "path (3 hops)": "/paths?" + urlencode({"from": firm, "to": other}),
        "a firm's page": f"/pages/entity/{at}",
    }


def built(workdir: Path, articles: int, seed: int, neo4j_from: str) -> bool:
    """Whether a run with the same corpus left its stores in `workdir`; if not, empty it."""
    done = workdir / "built.json"
    wanted = {"articles": articles, "seed": seed, "neo4j_from": neo4j_from}
    if done.exists() and json.loads(done.read_text()) == wanted:
        print(f"reusing the corpus and stores in {workdir}", file=sys.stderr)
        return True
    stale_files = ("corpus", "neo4j", "admin", "built.json")
    for stale in (*stale_files, "bench.sqlite", "bench.sqlite-wal", "bench.sqlite-shm"):
        target = workdir / stale
        shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
    return False


def build(
    workdir: Path, articles: int, seed: int, envs: dict[str, dict[str, str]], neo4j_from: str
) -> dict[str, Ingested]:
    """Generate the corpus and ingest it into the (empty) stores of `envs`, timed."""
    corpus = workdir / "corpus"
    subprocess.run(
        [sys.executable, "-m", "benchmarks.generate_corpus", "--articles", str(articles), "--seed", str(seed),
         "-o", str(corpus)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    ingested = {}
    for store in envs:
        print(f"ingesting {articles:,} articles into the {store} store ...", file=sys.stderr)
        ingested[store] = run_measured([str(MDKG), "ingest", "--quiet", str(corpus)], envs[store])
    marks = {"articles": articles, "seed": seed, "neo4j_from": neo4j_from}
    (workdir / "built.json").write_text(json.dumps(marks))
    return ingested


def imported(workdir: Path, env: dict[str, str]) -> dict[str, Ingested]:
    """The embedded store's graph into a new Neo4j database in `workdir/neo4j` through neo4j-admin."""
    from tests.graph.neo4j_import import run_import_script

    folder = workdir / "admin"
    shutil.rmtree(folder, ignore_errors=True)
    print("exporting the embedded store for neo4j-admin ...", file=sys.stderr)
    export = [str(MDKG), "export", "--format", "neo4j-admin", "-o", str(folder), "--limit", "10000000"]
    exported = run_measured(export, env)
    print("neo4j-admin database import full ...", file=sys.stderr)
    start = time.perf_counter()
    done = run_import_script(folder, workdir / "neo4j", timeout=3600)
    if done.returncode != 0 or "IMPORT DONE" not in done.stdout + done.stderr:
        raise SystemExit(f"neo4j-admin import failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    loaded = Ingested(time.perf_counter() - start, 0)
    return {"export for neo4j-admin": exported, "neo4j-admin import": loaded}


def after_import(uri: str, folder: Path) -> float:
    """Run the export's after-import.cypher on the started database; its seconds."""
    from neo4j import GraphDatabase

    start = time.perf_counter()
    statements = [s for s in (folder / "after-import.cypher").read_text(encoding="utf-8").split(";\n") if s]
    with GraphDatabase.driver(uri, auth=None) as driver, driver.session() as session:
        for statement in statements:  # auto-commit: some run in transactions of their own
            session.run(statement).consume()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000, help="generated articles (default 100,000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--clients", default="1,8,32", help="comma-separated concurrency levels")
    parser.add_argument("--seconds", type=float, default=5.0, help="load time per call and level")
    parser.add_argument("--workers", type=int, default=0, help="mdkg serve --workers (0: its default)")
    parser.add_argument("--keep", type=Path, help="keep the corpus and stores here, and reuse them")
    parser.add_argument(
        "--neo4j-from", choices=("ingest", "import"), default="ingest",
        help="fill Neo4j by `mdkg ingest` (default) or by neo4j-admin import of the embedded store's export",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if shutil.which("hey") is None:
        raise SystemExit("hey is not installed: run `bash tools/setup-system.sh hey` (or `make bench`)")
    sys.path.insert(0, str(ROOT))
    from tests.neo4j_server import start_neo4j

    with ExitStack() as stack:
        workdir = args.keep or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="mdkg-bench-")))
        workdir.mkdir(parents=True, exist_ok=True)
        reuse = built(workdir, args.articles, args.seed, args.neo4j_from)
        base_env = {k: v for k, v in os.environ.items() if not k.startswith(("MDKG_", "NEO4J_"))}
        envs = {
            "embedded": {
                **base_env,
                "MDKG_STORE": "embedded",
                "MDKG_SQLITE_PATH": str(workdir / "bench.sqlite"),
            },
        }
        ingested: dict[str, Ingested] = {}
        if args.neo4j_from == "import":
            if not reuse:
                ingested = build(workdir, args.articles, args.seed, envs, args.neo4j_from)
                ingested |= imported(workdir, envs["embedded"])
            neo4j = start_neo4j(home=workdir / "neo4j", bench=True)
            stack.callback(neo4j.stop)
            if not reuse:
                ingested["after-import.cypher"] = Ingested(after_import(neo4j.uri, workdir / "admin"), 0)
        else:
            (workdir / "neo4j").mkdir(exist_ok=True)
            neo4j = start_neo4j(home=workdir / "neo4j", bench=True)
            stack.callback(neo4j.stop)
        envs["neo4j"] = {**base_env, "MDKG_STORE": "neo4j", "NEO4J_URI": neo4j.uri}
        if not reuse and args.neo4j_from == "ingest":
            ingested = build(workdir, args.articles, args.seed, envs, args.neo4j_from)
        paths = calls(workdir / "bench.sqlite")
        levels = [int(c) for c in args.clients.split(",")]
        figures: dict[tuple[str, str, int], Figures] = {}
        with (
            served(envs["embedded"], args.workers) as embedded,
            served(envs["neo4j"], args.workers) as graph_db,
        ):
            bases = {"embedded": embedded, "neo4j": graph_db}
            for name, path in paths.items():
                for clients in levels:
                    for store in STORES:
                        figures[(name, store, clients)] = hey(bases[store] + path, clients, args.seconds)
                        print(f"{name}, {store}, {clients} clients: {figures[(name, store, clients)]}",
                              file=sys.stderr)  # fmt: skip
        report(args, ingested, paths, levels, figures)


def report(
    args: argparse.Namespace,
    ingested: dict[str, Ingested],
    paths: dict[str, str],
    levels: list[int],
    figures: dict[tuple[str, str, int], Figures],
) -> None:
    print(f"\n{args.articles:,} generated articles (seed {args.seed}); hey -z {args.seconds:g}s per cell\n")
    for step, done in ingested.items():
        memory = f", peak memory {done.peak_mb:.0f} MB" if done.peak_mb else ""
        print(f"- {'ingest into ' + step if step in STORES else step}: {done.seconds:.0f} s{memory}")
    print(
        "\n| call | clients | embedded p50 / p99 ms, req/s | Neo4j p50 / p99 ms, req/s "
        "| Neo4j / embedded (p50) |"
    )
    print("|---|---|---|---|---|")
    for name in paths:
        for clients in levels:
            e, n = figures[(name, "embedded", clients)], figures[(name, "neo4j", clients)]
            cells = [f"{f.p50:.1f} / {f.p99:.1f}, {f.rps:.0f}" + (f" ({f.errors} errors)" if f.errors else "")
                     for f in (e, n)]  # fmt: skip
            print(f"| {name} | {clients} | {cells[0]} | {cells[1]} | {n.p50 / e.p50:.2g}× |")


if __name__ == "__main__":
    main()
