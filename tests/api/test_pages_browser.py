"""The three pages served by the real app on 127.0.0.1, driven in headless Chromium with the network off.

Clicks are real mouse clicks at the point where vis-network drew the edge or node.
Screenshots go to /tmp/mdkg-page-<name>.png.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import uvicorn

from api.app import create_app
from graph.embedded import EmbeddedStore
from graph.ontology import Label
from tests.api.page_graph import (
    CROWDED,
    CROWDED_FIRMS,
    PAGE_BATCH,
    PLATFORM,
    PRODUCER,
    SIGNED,
    crowded_batch,
)
from tests.browser import CANVAS_INK, OfflinePage, click_edge, click_node, open_stable, wait_until
from tests.sample_graph import BASE, PINGSHAN, SHENZHEN

pytestmark = pytest.mark.browser

PANEL = "() => document.getElementById('mdkg-panel-body').innerText"


def _screenshot(page: Any, name: str) -> None:
    page.screenshot(path=f"/tmp/mdkg-page-{name}.png")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real FastAPI app on an embedded store holding the page graph, served by uvicorn on a free port."""
    store = EmbeddedStore(Path(tmp_path_factory.mktemp("pages")) / "store.sqlite")
    store.write(PAGE_BATCH)
    store.write(crowded_batch())
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(store=store), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture
def offline(chromium: Any) -> Iterator[OfflinePage]:
    page = OfflinePage(chromium)
    yield page
    assert page.external == [], "a request left 127.0.0.1"
    assert page.errors == []
    page.page.close()


def _url(base: str, path: str, entity_id: str = "", **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{base}/pages/{path}{quote(entity_id, safe=':')}" + (f"?{query}" if query else "")


def _edge_between(page: Any, a: str, b: str) -> str:
    edges = page.evaluate("() => window.mdkgNetwork.body.data.edges.get()")
    return next(e["id"] for e in edges if {e["from"], e["to"]} == {a, b})


def test_entity_page_click_on_an_edge_shows_its_evidence(app_url: str, offline: OfflinePage) -> None:
    page = open_stable(offline, _url(app_url, "entity/", PRODUCER.id))
    assert int(page.evaluate("document.body.dataset.nodes")) == 4
    assert page.evaluate(CANVAS_INK) > 500
    click_edge(page, _edge_between(page, PRODUCER.id, PLATFORM.id))
    wait_until(page, "() => document.body.dataset.shown")
    panel = page.evaluate(PANEL)
    assert SIGNED in panel and "PARTNERS_WITH" in panel and "测试晚报" in panel and "2025-09-01" in panel
    link = page.locator("#mdkg-panel a")
    assert link.get_attribute("href") == "https://example.com/news/3"
    assert "noopener" in (link.get_attribute("rel") or "")
    _screenshot(page, "entity")


def test_clicking_a_node_shows_centrality_and_community(app_url: str, offline: OfflinePage) -> None:
    page = open_stable(offline, _url(app_url, "entity/", PRODUCER.id))
    click_node(page, PLATFORM.id)
    wait_until(page, "() => document.body.dataset.shown")
    panel = page.evaluate(PANEL)
    assert PLATFORM.name in panel and "红果短剧" in panel
    assert "rank " in panel and "of 4 (degree" in panel and "community" in panel


def test_region_page_draws_every_actor_and_shows_evidence(app_url: str, offline: OfflinePage) -> None:
    page = open_stable(offline, _url(app_url, "region/", SHENZHEN.id))
    assert int(page.evaluate("document.body.dataset.nodes")) == 5
    click_edge(page, _edge_between(page, BASE.id, PINGSHAN.id))
    wait_until(page, "() => document.body.dataset.shown")
    assert "坪山影视文化城位于坪山区。" in page.evaluate(PANEL)
    _screenshot(page, "region")


def test_region_page_as_of_a_date(app_url: str, offline: OfflinePage) -> None:
    page = open_stable(offline, _url(app_url, "region/", SHENZHEN.id, as_of="2025-06-01"))
    assert int(page.evaluate("document.body.dataset.nodes")) == 4
    assert "as of 2025-06-01" in page.locator("h1").inner_text()


def test_chain_page_segments_and_firms(app_url: str, offline: OfflinePage) -> None:
    page = open_stable(offline, _url(app_url, "chain"))
    assert page.evaluate(CANVAS_INK) > 500
    assert page.evaluate("document.body.dataset.visibleNodes") == "5", "one diamond a segment"
    click_edge(page, "link:production:platform")
    wait_until(page, "() => document.body.dataset.shown")
    panel = page.evaluate(PANEL)
    assert SIGNED in panel and "北京红果科技有限公司 —PARTNERS_WITH— 杭州星河影业有限公司" in panel
    _screenshot(page, "chain")
    page.select_option("#mdkg-view", "firms")
    assert page.evaluate("document.body.dataset.visibleNodes") == "9", "5 diamonds and 4 firms"
    page.wait_for_timeout(200)
    _screenshot(page, "chain-firms")


def test_search_focuses_a_node_by_alias(app_url: str, offline: OfflinePage) -> None:
    page = open_stable(offline, _url(app_url, "entity/", PRODUCER.id))
    page.fill("#mdkg-search-input", "红果短剧")
    page.press("#mdkg-search-input", "Enter")
    assert wait_until(page, "() => document.body.dataset.selected") == PLATFORM.id
    assert page.evaluate("() => window.mdkgNetwork.getSelectedNodes()") == [PLATFORM.id]
    assert page.evaluate("() => window.mdkgNetwork.getScale()") == pytest.approx(1.4)
    assert PLATFORM.name in page.evaluate(PANEL)
    page.fill("#mdkg-search-input", "不存在的公司")
    page.click("#mdkg-search button")
    assert page.locator("#mdkg-search-status").inner_text() == "not found: 不存在的公司"


def test_search_on_the_chain_page_reveals_a_hidden_firm(app_url: str, offline: OfflinePage) -> None:
    page = open_stable(offline, _url(app_url, "chain"))
    page.fill("#mdkg-search-input", "星河")
    page.press("#mdkg-search-input", "Enter")
    assert wait_until(page, "() => document.body.dataset.selected") == PRODUCER.id
    assert page.locator("#mdkg-view").input_value() == "firms"


def test_label_filter_hides_nodes_and_their_edges(app_url: str, offline: OfflinePage) -> None:
    page = open_stable(offline, _url(app_url, "region/", SHENZHEN.id))
    page.uncheck(f".mdkg-filter[value={Label.FIRM.value}]")
    assert page.evaluate("document.body.dataset.visibleNodes") == "3"
    hidden = page.evaluate(
        "() => window.mdkgNetwork.body.data.nodes.get({filter: n => n.hidden}).map(n => n.id).sort()"
    )
    assert hidden == sorted(
        n.id for n in PAGE_BATCH.entities if n.name in ("深圳丙丁文化传媒有限公司", PRODUCER.name)
    )
    hidden_edges = page.evaluate(
        "() => window.mdkgNetwork.body.data.edges.get({filter: e => e.hidden}).length"
    )
    assert hidden_edges == 2
    page.check(f".mdkg-filter[value={Label.FIRM.value}]")
    assert page.evaluate("document.body.dataset.visibleNodes") == "5"


def test_colour_by_community(app_url: str, offline: OfflinePage) -> None:
    page = open_stable(offline, _url(app_url, "region/", SHENZHEN.id))
    before = page.evaluate(f"() => window.mdkgNetwork.body.data.nodes.get('{SHENZHEN.id}').color")
    page.select_option("#mdkg-colour", "communityColour")
    after = page.evaluate(f"() => window.mdkgNetwork.body.data.nodes.get('{SHENZHEN.id}').color")
    assert before == "#4e79a7" and after != before


def test_a_crowded_region_is_capped_with_a_message(app_url: str, offline: OfflinePage) -> None:
    started = time.monotonic()
    page = open_stable(offline, _url(app_url, "region/", CROWDED.id), timeout=40)
    assert int(page.evaluate("document.body.dataset.nodes")) == 1000
    notice = page.locator("#mdkg-notice")
    assert notice.is_visible()
    assert notice.inner_text().startswith(
        f"showing 1,000 of {CROWDED_FIRMS + 1:,} entities, the most connected"
    )
    assert page.evaluate(f"() => window.mdkgNetwork.body.data.nodes.get('{CROWDED.id}') !== null")
    assert time.monotonic() - started < 40
    _screenshot(page, "capped")
