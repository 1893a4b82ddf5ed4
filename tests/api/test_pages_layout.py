"""Pages that read well at 1400×900: the chain in chain order, fixed or seeded layouts, labels inside.

The browser tests open the three pages in headless Chromium (network off) at 1400×900 and measure
what vis-network drew: every node and edge label inside the canvas, no ink on the canvas's outer
band, no edge label over another or over a node, the graph on the first screen, and the same
positions on a second load. The pages of the sample corpus (`make demo`'s graph) are screenshot
into a temporary folder; `MDKG_SCREENSHOTS=DIR` keeps them in DIR.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from mdkg.api.pages import PageContext, render_chain_page, render_entity_page
from mdkg.api.pages.chain_layout import CHAIN, ORDER, SERVICES, Firm, home, label_lines, lay_out
from mdkg.api.pages.network import LAYOUT_SEED
from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.ontology import Label, Segment, Subgraph
from mdkg.graph.views import chain_of
from mdkg.ingest.pipeline import find_files, ingest_files
from tests.api.html_tags import page_data
from tests.api.page_graph import (
    CHAIN_BATCH,
    CHAIN_RELS,
    PAGE_BATCH,
    PLATFORM,
    PRODUCER,
    REELSHORT,
    SIGNED,
    WRITER,
)
from tests.api.page_layout import (
    EDGE_INK,
    WINDOW,
    Drawn,
    clipped,
    crowded_nodes,
    drawn,
    piled_labels,
    rounded,
    serve,
    serve_store,
    visible_on_first_screen,
)
from tests.browser import OfflinePage, click_edge, open_stable, wait_until
from tests.graph import analytics_graph

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "corpus"
BAND = 3  # pixels of the canvas's edge no label may reach
PANEL = "() => document.getElementById('mdkg-panel-body').innerText"


def _firm(name: str, *segments: Segment) -> Firm:
    return Firm(f"firm:{name}", name, segments)


# --- where the chain puts things --------------------------------------------------


def test_every_segment_has_one_place_in_chain_order() -> None:
    assert sorted(ORDER) == sorted(Segment) and len(ORDER) == len(set(ORDER))
    assert [s.value for s in CHAIN] == [
        "ip_script", "production", "post_production", "platform", "marketing", "overseas",
    ]  # fmt: skip
    assert set(SERVICES) == set(Segment) - set(CHAIN)


def test_the_chain_runs_left_to_right_with_its_services_beneath() -> None:
    layout = lay_out([], {})
    chain_x = [layout.columns[s].x for s in CHAIN]
    services_x = [layout.columns[s].x for s in SERVICES]
    assert chain_x == sorted(chain_x) and services_x == sorted(services_x)
    assert {layout.columns[s].y for s in CHAIN} == {0.0}
    assert min(layout.columns[s].y for s in SERVICES) > 0


@pytest.mark.parametrize(
    "segments, column",
    [
        ([Segment.PLATFORM, Segment.OVERSEAS], Segment.PLATFORM),
        ([Segment.TECHNOLOGY, Segment.PRODUCTION], Segment.PRODUCTION),
        ([Segment.COPYRIGHT, Segment.BASES_SERVICES], Segment.BASES_SERVICES),
    ],
)
def test_a_firm_sits_under_its_first_segment_along_the_chain(
    segments: list[Segment], column: Segment
) -> None:
    firm = _firm("某某科技有限公司", *segments)
    layout = lay_out([firm], {})
    x, y = layout.positions[firm.id]
    heading = layout.columns[column]
    assert home(segments) is column and heading.firms == [firm.id]
    assert heading.x - heading.width / 2 < x < heading.x + heading.width / 2 and y > heading.y


def test_a_long_column_stacks_side_by_side_and_the_best_ranked_come_first() -> None:
    firms = [_firm(f"制作公司{i:02d}", Segment.PRODUCTION) for i in range(60)]
    layout = lay_out(firms, {firms[59].id: 1.0})
    column = layout.columns[Segment.PRODUCTION]
    assert column.firms[0] == firms[59].id
    stacks = Counter(layout.positions[f.id][0] for f in firms)
    assert 1 < len(stacks) < 60, "several stacks, each of several firms"
    assert max(stacks.values()) - min(stacks.values()) <= 1, "as even as they can be"
    assert len(set(layout.positions.values())) == 60
    assert lay_out(list(reversed(firms)), {firms[59].id: 1.0}) == layout, "the order given does not matter"


@pytest.mark.parametrize(
    "name, lines",
    [("红果短剧", 1), ("深圳市中汇影视文化传播股份有限公司", 2), ("Hubei Cultural Investment Group", 2)],
)
def test_a_name_wraps_into_lines(name: str, lines: int) -> None:
    assert label_lines(name) == lines


def test_the_chain_page_places_every_node_and_runs_no_physics() -> None:
    sub = Subgraph(nodes=[*PAGE_BATCH.entities, *CHAIN_BATCH.entities], edges=PAGE_BATCH.relationships)
    data = page_data(render_chain_page(chain_of(sub), PageContext("链", page="chain")))
    assert data["fixed"] is True and data["options"]["physics"]["enabled"] is False
    assert all(
        isinstance(n.get("x"), float | int) and isinstance(n.get("y"), float | int) for n in data["nodes"]
    )
    headings = [n["id"] for n in data["nodes"] if n["id"].startswith("segment:")]
    assert sorted(headings) == sorted(f"segment:{s.value}" for s in Segment), "every column, empty or not"


def test_the_other_pages_start_their_physics_from_a_seed() -> None:
    sub = Subgraph(nodes=list(reversed(PAGE_BATCH.entities)), edges=PAGE_BATCH.relationships)
    data = page_data(render_entity_page(sub, PRODUCER.id, "页"))
    assert data["options"]["layout"]["randomSeed"] == LAYOUT_SEED
    assert data["options"]["physics"]["enabled"] is True
    ids = [n["id"] for n in data["nodes"]]
    assert ids == sorted(ids), "vis-network is given the nodes in one order, whatever the store's"


# --- the pages in Chromium at 1400×900 ------------------------------------------------


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> Path:
    kept = os.environ.get("MDKG_SCREENSHOTS")
    folder = Path(kept) if kept else tmp_path_factory.mktemp("screens")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """The sample corpus ingested as `make demo` does, served; with the pages `mdkg serve` suggests."""
    store = EmbeddedStore(tmp_path_factory.mktemp("demo") / "store.sqlite")
    reports = list(ingest_files(find_files([SAMPLES]), store))
    assert all(r.ok for r in reports), [r.error for r in reports]
    firm = store.best_connected([Label.FIRM], 1)[0]
    region = store.best_connected([Label.REGION], 1)[0]
    paths = {
        "entity": f"/pages/entity/{quote(firm.id, safe=':')}",
        "region": f"/pages/region/{quote(region.id, safe=':')}",
        "chain": "/pages/chain",
    }
    for url in serve_store(store):
        yield url, paths
    store.close()


@pytest.fixture(scope="module")
def chain_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve(tmp_path_factory.mktemp("chain"), [PAGE_BATCH, CHAIN_BATCH])


@pytest.fixture(scope="module")
def regions_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve(tmp_path_factory.mktemp("regions"), [analytics_graph.BATCH])


@pytest.fixture
def offline(chromium: Any) -> Iterator[OfflinePage]:
    page = OfflinePage(chromium)
    page.page.set_viewport_size(WINDOW)
    yield page
    assert page.external == [], "a request left 127.0.0.1"
    assert page.errors == []
    page.page.close()


def _reads_well(page: Any) -> Drawn:
    """The checks every page passes once stable: all inside the canvas, nothing piled, on screen."""
    d = drawn(page)
    assert d.nodes, "nothing drawn"
    assert clipped(d) == [], "clipped at the canvas edge"
    assert page.evaluate(EDGE_INK, BAND) == 0, "ink on the canvas's outer band"
    assert piled_labels(d) == [], "edge labels over one another or over nodes"
    assert crowded_nodes(d) == [], "nodes (with their labels) over one another"
    return d


@pytest.mark.browser
@pytest.mark.parametrize("name", ["entity", "region", "chain"])
def test_the_demo_pages_read_well_at_1400_by_900(
    demo: tuple[str, dict[str, str]], offline: OfflinePage, screens: Path, name: str
) -> None:
    url, paths = demo
    page = open_stable(offline, url + paths[name])
    d = _reads_well(page)
    assert d.canvas["top"] < WINDOW["height"] / 3, "the graph starts in the first third of the screen"
    assert visible_on_first_screen(d) == d.canvas["height"], "the whole canvas is on the first screen"
    page.screenshot(path=str(screens / f"{name}.png"))


@pytest.mark.browser
@pytest.mark.parametrize("name", ["entity", "region", "chain"])
def test_two_loads_draw_the_same_picture(demo: tuple[str, dict[str, str]], chromium: Any, name: str) -> None:
    url, paths = demo
    pictures = []
    for _ in range(2):
        offline = OfflinePage(chromium)
        offline.page.set_viewport_size(WINDOW)
        d = drawn(open_stable(offline, url + paths[name]))
        pictures.append((rounded(d.positions), round(d.scale, 6)))
        offline.page.close()
    assert pictures[0] == pictures[1]


@pytest.mark.browser
def test_the_chain_reads_left_to_right_with_its_links_and_evidence(
    chain_url: str, offline: OfflinePage, screens: Path
) -> None:
    page = open_stable(offline, f"{chain_url}/pages/chain")
    d = _reads_well(page)
    x = {i: p["x"] for i, p in d.positions.items()}
    assert [x[f"segment:{s.value}"] for s in CHAIN] == sorted(x[f"segment:{s.value}"] for s in CHAIN)
    assert x[WRITER.id] == min(x.values()), "the IP column is the first"
    assert x[REELSHORT.id] == max(x.values()), "the overseas column is the last"
    assert x[PRODUCER.id] == x["segment:production"] and x[PLATFORM.id] == x["segment:platform"]
    assert page.locator("#mdkg-counts").inner_text() == "firms: 9 · relationships: 8 · segments: 9"
    click_edge(page, CHAIN_RELS[0].id)
    wait_until(page, f"() => document.body.dataset.shown === 'edges:{CHAIN_RELS[0].id}'")
    assert SIGNED in page.evaluate(PANEL)
    page.screenshot(path=str(screens / "chain-links.png"))
    page.select_option("#mdkg-view", "segments")
    wait_until(page, "() => document.body.dataset.stable")
    _reads_well(page)
    click_edge(page, "link:production:platform")
    wait_until(page, "() => document.body.dataset.shown === 'edges:link:production:platform'")
    assert "北京红果科技有限公司 —PARTNERS_WITH— 杭州星河影业有限公司" in page.evaluate(PANEL)


@pytest.mark.browser
def test_the_region_figures_fold_and_the_graph_stays_on_the_first_screen(
    regions_url: str, offline: OfflinePage, screens: Path
) -> None:
    g = analytics_graph
    page = open_stable(offline, f"{regions_url}/pages/region/{quote(g.SHENZHEN.id, safe=':')}")
    box = page.locator("#mdkg-summary")
    assert box.get_attribute("open") is None, "folded"
    assert "深圳市 · 3 firms · 2 bases" in box.inner_text()
    d = _reads_well(page)
    assert visible_on_first_screen(d) == d.canvas["height"]
    page.locator("#mdkg-summary > summary").click()
    wait_until(page, "() => document.body.dataset.stable")
    assert "top firms" in box.inner_text()
    d = _reads_well(page)
    assert visible_on_first_screen(d) == d.canvas["height"], "unfolded, the graph is still on screen"
    page.screenshot(path=str(screens / "region-unfolded.png"))


@pytest.mark.browser
def test_the_chain_narrows_to_a_region_and_a_date(chain_url: str, offline: OfflinePage) -> None:
    from tests.sample_graph import SHENZHEN

    page = open_stable(offline, f"{chain_url}/pages/chain")
    page.select_option("#mdkg-region", SHENZHEN.id)
    page.click("#mdkg-narrow button")
    page.wait_for_url(f"**/pages/chain?region={quote(SHENZHEN.id, safe='')}&measure=degree")
    wait_until(page, "() => document.body.dataset.stable")
    assert page.locator("h1").inner_text().endswith("· 深圳市")
    drawn_ids = page.evaluate("() => window.mdkgNetwork.body.data.nodes.getIds()")
    assert PRODUCER.id in drawn_ids and PLATFORM.id not in drawn_ids, (
        "星河影业 sits in Pingshan, 红果 nowhere"
    )
    page.fill("#mdkg-as-of", "2025-06-01")
    page.click("#mdkg-narrow button")
    page.wait_for_url("**as_of=2025-06-01**")
    wait_until(page, "() => document.body.dataset.stable")
    assert "as of 2025-06-01" in page.locator("h1").inner_text()
