"""Headless Chromium for page tests: Debian's chromium through playwright, with the network off."""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # every host name fails to resolve except the loopback address the page is served from
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
NOT_LOOPBACK = re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*")

CANVAS_INK = """() => {
  const canvas = document.querySelector('#mdkg-network canvas');
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3] > 0 && (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240)) ink++;
  }
  return ink;
}"""


def launch_chromium() -> Iterator[Any]:
    """Skipped locally, failed under CI=true, when Chromium is absent."""
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} not found: run `make test` or `tools/setup-system.sh` to install it"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class OfflinePage:
    """A page whose every request off 127.0.0.1 is aborted and recorded, and whose errors are kept."""

    def __init__(self, browser: Any) -> None:
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
        self.external: list[str] = []
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        # The page's CSP blocks a fetch before it reaches the router; Chromium then logs a console error.
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.route(NOT_LOOPBACK, self._abort)

    def _abort(self, route: Any) -> None:
        self.external.append(route.request.url)
        route.abort()

    def open_graph(self, url: str, timeout: float = 20.0) -> Any:
        """Open a graph page and wait until it has drawn (it sets `document.body.dataset.nodes`).

        Polled from here: `wait_for_function` evaluates its predicate with `eval` in the page,
        which the page's Content-Security-Policy (no 'unsafe-eval') rightly refuses.
        """
        self.page.goto(url)
        deadline = time.monotonic() + timeout
        while self.page.evaluate("() => document.body.dataset.nodes") is None:
            if time.monotonic() > deadline:
                raise AssertionError(f"{url} drew nothing within {timeout} s; page errors: {self.errors}")
            self.page.wait_for_timeout(50)
        return self.page


# Where an edge's middle or a node's centre is drawn, in page coordinates, for a real mouse click.
EDGE_POINT = """(id) => {
  const network = window.mdkgNetwork;
  const point = network.body.edges[id].edgeType.getPoint(0.5);
  const dom = network.canvasToDOM(point);
  const box = document.getElementById('mdkg-network').getBoundingClientRect();
  return {x: box.left + dom.x, y: box.top + dom.y};
}"""
NODE_POINT = """(id) => {
  const network = window.mdkgNetwork;
  const dom = network.canvasToDOM(network.getPositions([id])[id]);
  const box = document.getElementById('mdkg-network').getBoundingClientRect();
  return {x: box.left + dom.x, y: box.top + dom.y};
}"""


def wait_until(page: Any, expression: str, timeout: float = 20.0) -> Any:
    """Poll `expression` until it is truthy (see `OfflinePage.open_graph` for why not wait_for_function)."""
    deadline = time.monotonic() + timeout
    while not (value := page.evaluate(expression)):
        if time.monotonic() > deadline:
            raise AssertionError(f"{expression} stayed falsy for {timeout} s")
        page.wait_for_timeout(50)
    return value


def open_stable(offline: OfflinePage, url: str, timeout: float = 30.0) -> Any:
    """Open a graph page and wait until its layout has settled (physics off), so clicks land."""
    page = offline.open_graph(url, timeout)
    wait_until(page, "() => document.body.dataset.stable", timeout)
    return page


def click_edge(page: Any, edge_id: str) -> None:
    point = page.evaluate(EDGE_POINT, edge_id)
    page.mouse.click(point["x"], point["y"])


def click_node(page: Any, node_id: str) -> None:
    point = page.evaluate(NODE_POINT, node_id)
    page.mouse.click(point["x"], point["y"])


def serve_app(app: Any) -> Iterator[str]:
    """`app` served by uvicorn on a free port of 127.0.0.1, in a thread, until the generator ends."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
