"""The entity page: self-contained HTML, escaped text, and a real offline render in Chromium."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from mdkg.api.pages import LABEL_COLOURS, edge_tooltip, node_tooltip, render_entity_page, vis_assets
from mdkg.graph.ontology import Entity, Evidence, Label, Relationship, RelType, Subgraph, entity_id
from tests.api.html_tags import start_tags
from tests.browser import CANVAS_INK, OfflinePage, click_edge, click_node, open_stable, wait_until

SCREENSHOT = Path("/tmp/entity_page.png")

ARTICLE = "a1b2c3d4e5f60718"
EVIL_NAME = "<script>alert('x')</script>影视有限公司"
EVIL_SENTENCE = "据报道</script><img src=x onerror=alert(1)>双方签约"


def _entity(label: Label, name: str, aliases: list[str] | None = None) -> Entity:
    return Entity(id=entity_id(label, name), label=label, name=name, aliases=aliases or [])


def _evidence(sentence: str) -> Evidence:
    return Evidence(
        article_id=ARTICLE, sentence=sentence, start=0, end=len(sentence), extractor="test", confidence=0.9
    )


ASSOCIATION = _entity(Label.ASSOCIATION, "广东省微短剧产业协会", ["广东微短剧协会"])
FIRM = _entity(Label.FIRM, "深圳市慧动创想科技有限公司")
BASE = _entity(Label.BASE, "横店微短剧基地")
REGION = _entity(Label.REGION, "深圳市")
EVIL_FIRM = _entity(Label.FIRM, EVIL_NAME, ["<b>别名</b>"])


NEIGHBOURHOOD = Subgraph(
    nodes=[ASSOCIATION, FIRM, BASE, REGION],
    edges=[
        Relationship(
            type=RelType.MEMBER_OF,
            source=FIRM.id,
            target=ASSOCIATION.id,
            evidence=[_evidence("慧动创想成为广东省微短剧产业协会副会长单位。")],
        ),
        Relationship(
            type=RelType.LOCATED_IN,
            source=FIRM.id,
            target=REGION.id,
            evidence=[_evidence("公司位于深圳市。")],
        ),
        Relationship(type=RelType.MEMBER_OF, source=BASE.id, target=ASSOCIATION.id),
    ],
)
HOSTILE = Subgraph(
    nodes=[ASSOCIATION, EVIL_FIRM],
    edges=[
        Relationship(
            type=RelType.PARTNERS_WITH,
            source=EVIL_FIRM.id,
            target=ASSOCIATION.id,
            evidence=[_evidence(EVIL_SENTENCE)],
        )
    ],
)


PAGES = {
    "neighbourhood": (NEIGHBOURHOOD, FIRM.id, f"{FIRM.name} · 关系网络"),
    "hostile": (HOSTILE, EVIL_FIRM.id, "<i>页面</i>"),
}


@functools.cache
def _page(which: str) -> str:
    return render_entity_page(*PAGES[which])


# --- the HTML -------------------------------------------------------------------


def test_every_label_has_a_distinct_colour() -> None:
    assert set(LABEL_COLOURS) == set(Label)
    assert len(set(LABEL_COLOURS.values())) == len(Label)


@pytest.mark.parametrize("which", ["neighbourhood", "hostile"])
def test_page_references_no_external_resource(which: str) -> None:
    html = _page(which)
    for tag, attrs in start_tags(html):
        for name in ("src", "href"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), f"<{tag} {name}={value!r}>"
        assert tag != "link", "stylesheets must be inlined"
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.IGNORECASE)


def test_hostile_text_is_escaped() -> None:
    html = _page("hostile")
    scripts = [attrs for tag, attrs in start_tags(html) if tag == "script"]
    assert len(scripts) == 2, "only the inlined vis script and the page's own script"
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>别名</b>" not in html
    assert "<i>页面</i>" not in html
    assert "&lt;i&gt;页面&lt;/i&gt;" in html


def test_hostile_text_survives_as_data() -> None:
    html = _page("hostile")
    assert r"\u003cscript\u003ealert" in html
    assert "双方签约" in html
    assert ARTICLE in html


def test_legend_lists_the_labels_present() -> None:
    html = _page("neighbourhood")
    legend = [attrs["data-label"] for tag, attrs in start_tags(html) if tag == "li" and "data-label" in attrs]
    assert legend == [Label.REGION.value, Label.FIRM.value, Label.ASSOCIATION.value, Label.BASE.value]
    for label in (Label.REGION, Label.FIRM, Label.ASSOCIATION, Label.BASE):
        assert LABEL_COLOURS[label] in html


def test_tooltips_carry_aliases_and_evidence() -> None:
    assert node_tooltip(ASSOCIATION) == "Association: 广东省微短剧产业协会\naliases: 广东微短剧协会"
    assert edge_tooltip(HOSTILE.edges[0]) == f"PARTNERS_WITH\n[{ARTICLE}] {EVIL_SENTENCE}"


def test_vis_assets_are_read_once() -> None:
    assert vis_assets() is vis_assets()
    assert "vis-network" in vis_assets().stylesheet


def test_empty_subgraph_renders() -> None:
    html = render_entity_page(Subgraph(), None, "空")
    assert "No entities to draw." in html


# --- a real browser, no network -------------------------------------------------


@pytest.fixture
def served_page(tmp_path: Path) -> Iterator[str]:
    """The neighbourhood page served from 127.0.0.1 on a free port."""
    (tmp_path / "index.html").write_text(_page("neighbourhood"), encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.mark.browser
def test_page_draws_offline_in_chromium(chromium, served_page: str) -> None:
    offline = OfflinePage(chromium)
    page = offline.open_graph(served_page)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    assert int(page.evaluate("document.body.dataset.nodes")) == len(NEIGHBOURHOOD.nodes)
    assert int(page.evaluate("document.body.dataset.edges")) == len(NEIGHBOURHOOD.edges)
    assert page.evaluate("window.mdkgNetwork.body.data.nodes.length") == len(NEIGHBOURHOOD.nodes)
    assert offline.external == []
    assert offline.errors == []
    assert page.evaluate(CANVAS_INK) > 500, "the canvas is blank"
    assert page.locator(".legend li").count() == 4
    page.close()


# --- the three pages through the app, and their data ------------------------------


@pytest.fixture
def client(store):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from mdkg.api.app import create_app
    from tests.api.page_graph import PAGE_BATCH

    store.write(PAGE_BATCH)
    with TestClient(create_app(store=store)) as c:
        yield c


def test_each_page_answers_with_its_heading(client) -> None:  # type: ignore[no-untyped-def]
    from tests.api.page_graph import PRODUCER
    from tests.sample_graph import SHENZHEN

    entity = client.get(f"/pages/entity/{PRODUCER.id}", params={"as_of": "2025-09-01", "depth": 2}).text
    assert "as of 2025-09-01" in entity and PRODUCER.name in entity
    chain = client.get("/pages/chain").text
    assert "industry chain" in chain and "4 of 5 firms have a segment" in chain
    assert "1 firm with no segment is not drawn" in chain
    chain_legend = [a["data-label"] for t, a in start_tags(chain) if t == "li" and "data-label" in a]
    assert chain_legend == ["production", "platform", "marketing", "overseas", "data_services"]
    region = client.get(f"/pages/region/{SHENZHEN.id}", params={"measure": "pagerank"}).text
    assert "深圳市 (Region and its sub-regions)" in region and "pagerank centrality" in region


def test_page_errors_use_the_error_shape(client) -> None:  # type: ignore[no-untyped-def]
    from tests.api.page_graph import PRODUCER
    from tests.sample_graph import SHENZHEN

    not_region = client.get(f"/pages/region/{PRODUCER.id}")
    assert not_region.status_code == 400 and "not a Region" in not_region.json()["error"]["message"]
    assert client.get("/pages/region/region:nowhere").status_code == 404
    bad_date = client.get(f"/pages/region/{SHENZHEN.id}", params={"as_of": "2025-13-01"})
    assert bad_date.status_code == 422 and "as_of" in bad_date.json()["error"]["message"]


def test_openapi_documents_the_pages(client) -> None:  # type: ignore[no-untyped-def]
    paths = client.get("/openapi.json").json()["paths"]
    for route in ("/pages/entity/{entity_id}", "/pages/chain", "/pages/region/{entity_id}"):
        assert paths[route]["get"]["summary"]


def test_a_page_past_the_cap_says_so() -> None:
    from mdkg.api.pages import PageContext, render_graph_page
    from tests.api.page_graph import CROWDED, crowded_batch

    batch = crowded_batch(1200)
    html = render_graph_page(
        Subgraph(nodes=batch.entities, edges=batch.relationships), PageContext("拥挤", CROWDED.id)
    )
    assert "showing 1,000 of 1,201 entities, the most connected; narrow with" in html
    assert "entities: 1000 ·" in html


def test_only_web_links_reach_the_panel() -> None:
    from mdkg.api.pages.details import evidence_item
    from mdkg.graph.ontology import Article

    ev = _evidence("一句话。")
    for url, expected in [("https://a.example/1", "https://a.example/1"), ("javascript:alert(1)", None)]:
        article = Article(id=ARTICLE, title="t", source="s", published_at="2025-01-02", url=url)
        item = evidence_item(ev, {ARTICLE: article})
        assert item["url"] == expected and item["outlet"] == "s" and item["date"] == "2025-01-02"
    assert evidence_item(ev, {})["article"] == ARTICLE


@pytest.fixture
def hostile_page(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "index.html").write_text(_page("hostile"), encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_hostile_evidence_is_shown_as_text_in_the_panel(chromium, hostile_page: str) -> None:
    offline = OfflinePage(chromium)
    page = open_stable(offline, hostile_page)
    click_edge(page, HOSTILE.edges[0].id)
    wait_until(page, "() => document.body.dataset.shown")
    assert EVIL_SENTENCE in page.locator("#mdkg-panel-body").inner_text()
    assert page.locator("#mdkg-panel-body img, #mdkg-panel-body script").count() == 0
    click_node(page, EVIL_FIRM.id)
    wait_until(page, f"() => document.body.dataset.shown === 'nodes:{EVIL_FIRM.id}'")
    assert EVIL_NAME in page.locator("#mdkg-panel-body h2").inner_text()
    assert offline.external == [] and offline.errors == []
    page.close()


@pytest.fixture
def dated_client(store):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from mdkg.api.app import create_app
    from tests.connections_graph import BATCHES

    for batch in BATCHES:
        store.write(batch)
    with TestClient(create_app(store=store)) as c:
        yield c


def test_a_page_as_of_a_date_shows_no_later_sentence(dated_client) -> None:  # type: ignore[no-untyped-def]
    from tests.connections_graph import HUB
    from tests.sample_graph import ART_2

    then = dated_client.get(f"/pages/entity/{HUB.id}", params={"as_of": "2024-12-31"}).text
    assert "甲乙科技落户坪山区。" in then
    assert "Jiayi is based in Pingshan." not in then and ART_2.title not in then
    now = dated_client.get(f"/pages/entity/{HUB.id}").text
    assert "Jiayi is based in Pingshan." in now and ART_2.title in now


def test_a_capped_page_reads_only_the_articles_it_shows() -> None:
    from mdkg.api.pages import PageContext, render_graph_page
    from mdkg.graph.ontology import Article
    from tests.api.page_graph import CROWDED

    firms = [_entity(Label.FIRM, f"拥挤{i:04d}影视有限公司") for i in range(1100)]
    edges = [
        Relationship(
            type=RelType.LOCATED_IN,
            source=f.id,
            target=CROWDED.id,
            evidence=[
                Evidence(
                    article_id=f"art{i}", sentence="入驻。", start=0, end=3, extractor="t", confidence=0.9
                )
            ],
        )
        for i, f in enumerate(firms)
    ]
    asked: list[set[str]] = []

    def reader(ids: set[str]) -> dict[str, Article]:
        asked.append(set(ids))
        return {i: Article(id=i, title=f"标题{i}", source="报") for i in ids}

    html = render_graph_page(
        Subgraph(nodes=[CROWDED, *firms], edges=edges), PageContext("拥挤", CROWDED.id, articles=reader)
    )
    assert "showing 1,000 of 1,101 entities" in html
    [ids] = asked
    assert len(ids) == 999 and "标题" + next(iter(ids)) in html
