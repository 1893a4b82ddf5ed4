"""The three pages served by the real app on 127.0.0.1, driven in headless Chromium with the network off.

Clicks are real mouse clicks at the point where vis-network drew the edge or node.
Screenshots go to /tmp/mdkg-page-<name>.png.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from mdkg.graph.ontology import Label
from tests.api.page_graph import (
    CROWDED,
    CROWDED_FIRMS,
    PAGE_BATCH,
    PLATFORM,
    PRODUCER,
    SIGNED,
    crowded_batch,
)
from tests.api.page_layout import clipped, drawn, serve
from tests.browser import CANVAS_INK, OfflinePage, click_edge, click_node, open_stable, wait_until
from tests.graph import analytics_graph
from tests.sample_graph import BASE, PINGSHAN, SHENZHEN

pytestmark = pytest.mark.browser

PANEL = "() => document.getElementById('mdkg-panel-body').innerText"


def _screenshot(page: Any, name: str) -> None:
    page.screenshot(path=f"/tmp/mdkg-page-{name}.png")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The page graph with a crowded district."""
    yield from serve(tmp_path_factory.mktemp("pages"), [PAGE_BATCH, crowded_batch()])


@pytest.fixture(scope="module")
def regions_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The two-city analytics graph, whose regions have policies, funds and ranked firms."""
    yield from serve(tmp_path_factory.mktemp("regions"), [analytics_graph.BATCH])


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
    page.locator("#mdkg-network").scroll_into_view_if_needed()  # below the summary box
    click_edge(page, _edge_between(page, BASE.id, PINGSHAN.id))
    wait_until(page, "() => document.body.dataset.shown")
    assert "坪山影视文化城位于坪山区。" in page.evaluate(PANEL)
    _screenshot(page, "region")


def test_region_page_as_of_a_date(app_url: str, offline: OfflinePage) -> None:
    page = open_stable(offline, _url(app_url, "region/", SHENZHEN.id, as_of="2025-06-01"))
    assert int(page.evaluate("document.body.dataset.nodes")) == 4
    assert "as of 2025-06-01" in page.locator("h1").inner_text()


def test_chain_page_firms_and_segments(app_url: str, offline: OfflinePage) -> None:
    page = open_stable(offline, _url(app_url, "chain"))
    assert page.evaluate(CANVAS_INK) > 500
    assert page.evaluate("document.body.dataset.visibleNodes") == "15", "a heading a segment and 4 firms"
    click_edge(page, _edge_between(page, PRODUCER.id, PLATFORM.id))
    wait_until(page, "() => document.body.dataset.shown")
    assert SIGNED in page.evaluate(PANEL)
    _screenshot(page, "chain")
    page.select_option("#mdkg-view", "segments")
    assert page.evaluate("document.body.dataset.visibleNodes") == "11", "the headings"
    wait_until(page, "() => document.body.dataset.stable")
    click_edge(page, "link:production:platform")
    wait_until(page, "() => document.body.dataset.shown === 'edges:link:production:platform'")
    panel = page.evaluate(PANEL)
    assert SIGNED in panel and "北京红果科技有限公司 —PARTNERS_WITH— 杭州星河影业有限公司" in panel
    _screenshot(page, "chain-segments")


def test_search_on_the_chain_page_reveals_a_hidden_firm(app_url: str, offline: OfflinePage) -> None:
    page = open_stable(offline, _url(app_url, "chain"))
    page.select_option("#mdkg-view", "segments")
    page.fill("#mdkg-search-input", "星河")
    page.press("#mdkg-search-input", "Enter")
    assert wait_until(page, "() => document.body.dataset.selected") == PRODUCER.id
    assert page.locator("#mdkg-view").input_value() == "chain"


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


def _outside(page: Any) -> list[str]:
    return clipped(drawn(page))


def test_region_page_shows_its_figures_beside_a_compared_region(
    regions_url: str, offline: OfflinePage
) -> None:
    g = analytics_graph
    offline.page.set_viewport_size({"width": 1400, "height": 900})
    page = open_stable(offline, _url(regions_url, "region/", g.SHENZHEN.id, compare=quote(g.HANGZHOU.id)))
    box = page.locator("#mdkg-summary")
    assert box.is_visible()
    text = box.inner_text()
    assert "¥8,000,000 (800万元)" in text and f"by {g.POLICY_PS.name} (Policy)" in text
    assert "¥50,000,000 (5,000万元)" in text and f"1. {g.FIRM_A.name}" in text
    assert [h.inner_text().split("\n")[0] for h in box.locator("thead th").all()] == ["深圳市", "杭州市"]
    assert _outside(page) == []
    page.screenshot(path="/tmp/mdkg-page-region-summary.png", full_page=True)
    box.locator("thead a").click()
    page.wait_for_url(f"**/pages/region/{quote(g.HANGZHOU.id, safe='')}")
    assert page.locator("h1").inner_text().startswith("杭州市")


def test_chain_page_fits_every_node_and_counts_what_it_draws(app_url: str, offline: OfflinePage) -> None:
    offline.page.set_viewport_size({"width": 1400, "height": 900})
    page = open_stable(offline, _url(app_url, "chain"))
    assert _outside(page) == []
    assert page.locator("#mdkg-counts").inner_text() == "firms: 4 · relationships: 3 · segments: 5"
    page.select_option("#mdkg-view", "segments")
    assert page.locator("#mdkg-counts").inner_text() == "segments: 5 · links: 4 · firms: 4"
    wait_until(page, "() => document.body.dataset.stable")
    assert _outside(page) == []
