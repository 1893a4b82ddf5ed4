"""How long a graph page takes to settle in a browser: `python -m benchmarks.bench_pages`.

Renders entity pages of 100, 500, 1,000 (the most a page draws) and 2,000 nodes (the cap raised for
this benchmark only) from the synthetic graph of `benchmarks.synthetic_graph`, serves them from
127.0.0.1 and opens each in headless Chromium (Debian's, as the page tests do) at 1400×900, timing
from navigation until the page marks itself stable (`data-stable`: physics settled from its seed,
labels measured, kept from overlapping and fitted inside the canvas). The median of `--repeat`
loads, in seconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from benchmarks.synthetic_graph import synthetic_graph
from mdkg.api.pages.render import PageContext, render_graph_page
from mdkg.graph.analytics import centrality
from mdkg.graph.ontology import Subgraph
from mdkg.graph.views import cap

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 500, 1000, 2000)


def page_of(whole: Subgraph, nodes: int) -> str:
    """A page of the `nodes` best-connected entities and the edges among them."""
    shown = cap(whole, centrality(whole, "degree"), limit=nodes).sub
    return render_graph_page(shown, PageContext(f"{nodes} nodes", max_nodes=nodes))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        return None


def settle_time(browser: Any, url: str, timeout: float = 120.0) -> tuple[float, int]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        start = time.perf_counter()
        page.goto(url)
        while page.evaluate("() => document.body.dataset.stable") != "true":
            if time.perf_counter() - start > timeout:
                raise SystemExit(f"{url} did not settle within {timeout:g} s")
            page.wait_for_timeout(20)
        took = time.perf_counter() - start
        return took, int(page.evaluate("() => document.body.dataset.nodes"))
    finally:
        page.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} not found: run `bash tools/setup-system.sh` (or `make bench`)")
    from playwright.sync_api import sync_playwright

    batch = synthetic_graph(5000)
    whole = Subgraph(nodes=batch.entities, edges=batch.relationships)
    with tempfile.TemporaryDirectory(prefix="mdkg-pages-") as folder:
        for n in SIZES:
            (Path(folder) / f"{n}.html").write_text(page_of(whole, n), encoding="utf-8")
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=folder))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        rows = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for n in SIZES:
                runs = [settle_time(browser, f"{base}/{n}.html") for _ in range(args.repeat)]
                rows.append((n, runs[0][1], statistics.median(t for t, _ in runs), max(t for t, _ in runs)))
            browser.close()
        server.shutdown()
    print("\n| nodes asked | nodes drawn | stable after, median (slowest) |\n|---|---|---|")
    for n, drawn, median, slowest in rows:
        print(f"| {n:,} | {drawn:,} | {median:.2f} s ({slowest:.2f} s) |")


if __name__ == "__main__":
    main()
