"""What `make demo` does, end to end: ingest the samples, serve on 127.0.0.1, ask, open a page offline."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from tests.browser import CANVAS_INK, OfflinePage

ROOT = Path(__file__).resolve().parent.parent
MDKG = Path(sys.executable).with_name("mdkg")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def demo_lines(demo_server: str) -> list[str]:
    """What `mdkg serve` printed on starting: where to look."""
    return DEMO_LINES


DEMO_LINES: list[str] = []


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    env = {
        **os.environ,
        "MDKG_STORE": "embedded",
        "MDKG_SQLITE_PATH": str(tmp_path_factory.mktemp("demo") / "demo.sqlite"),
    }
    subprocess.run(
        [str(MDKG), "ingest", "--quiet", str(ROOT / "samples" / "corpus")],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
    )
    port = _free_port()
    server = subprocess.Popen(
        [str(MDKG), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise AssertionError(
                f"mdkg serve did not answer: {server.stderr.read() if server.stderr else ''}"
            )
        assert server.stderr is not None
        DEMO_LINES[:] = []
        while not DEMO_LINES or not DEMO_LINES[-1].startswith("Press Ctrl+C"):
            DEMO_LINES.append(server.stderr.readline().rstrip("\n"))
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_search_then_connections_with_evidence(demo_server: str) -> None:
    found = httpx.get(f"{demo_server}/entities/search", params={"q": "协会"}).json()["results"]
    assert found, "the sample corpus names associations"
    association = found[0]
    body = httpx.get(f"{demo_server}/entities/{quote(association['id'], safe=':')}/connections").json()
    assert body["total"] and body["groups"], body
    for group in body["groups"]:
        for connection in group["connections"]:
            evidence = connection["evidence"][0]
            assert evidence["sentence"] and evidence["article_title"] and evidence["article_source"]


@pytest.mark.browser
def test_entity_page_draws_offline(demo_server: str, chromium: object) -> None:
    found = httpx.get(f"{demo_server}/entities/search", params={"q": "协会"}).json()["results"]
    entity_id = quote(found[0]["id"], safe=":")
    expected = len(httpx.get(f"{demo_server}/entities/{entity_id}/neighbourhood").json()["nodes"])
    offline = OfflinePage(chromium)
    page = offline.open_graph(f"{demo_server}/pages/entity/{entity_id}")
    assert int(page.evaluate("document.body.dataset.nodes")) == expected > 1
    assert page.evaluate(CANVAS_INK) > 500
    assert offline.external == [] and offline.errors == []
    page.close()


def test_every_link_printed_on_start_answers_as_pasted(demo_server: str, demo_lines: list[str]) -> None:
    links = [word for line in demo_lines for word in line.split() if word.startswith("http://")]
    assert len(links) >= 10, demo_lines  # docs, health, chain, search, connections, ... path, region
    for link in links:
        assert link.isascii(), link  # percent-encoded: curl sends it as it is, and is answered
        assert httpx.get(link, timeout=60, follow_redirects=True).status_code == 200, link
    paths = [link for link in links if "/paths?" in link]
    assert paths and httpx.get(paths[0]).json()["hops"], "the path printed has hops"
