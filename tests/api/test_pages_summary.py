"""The region page's summary box (`compare_regions` figures, compared regions) and the chain page's counts."""

from __future__ import annotations

import pytest

from mdkg.graph.ontology import Label, Subgraph
from tests.api.html_tags import start_tags


@pytest.fixture
def client(store):  # type: ignore[no-untyped-def]
    """The app on the page graph: firms along the chain, one with no segment."""
    from fastapi.testclient import TestClient

    from mdkg.api.app import create_app
    from tests.api.page_graph import PAGE_BATCH

    store.write(PAGE_BATCH)
    with TestClient(create_app(store=store)) as c:
        yield c


@pytest.fixture
def regions_client(store):  # type: ignore[no-untyped-def]
    """The app on the two-city analytics graph: Shenzhen (Pingshan, Nanshan) and Hangzhou (Qiantang)."""
    from fastapi.testclient import TestClient

    from mdkg.api.app import create_app
    from tests.graph.analytics_graph import BATCH

    store.write(BATCH)
    with TestClient(create_app(store=store)) as c:
        yield c


def _summary_columns(html: str) -> list[str | None]:
    return [a["data-region"] for t, a in start_tags(html) if t == "th" and "data-region" in a]


@pytest.mark.parametrize(
    "amount, text",
    [
        (10_000_000, "¥10,000,000 (1,000万元)"),
        (150_000_000, "¥150,000,000 (1.5亿元)"),
        (12_345_678, "¥12,345,678 (1,234.57万元)"),
        (5_000, "¥5,000"),
    ],
)
def test_amounts_read_in_yuan_and_wan(amount: float, text: str) -> None:
    from mdkg.api.pages import yuan

    assert yuan(amount) == text


def test_region_page_summarises_the_region(regions_client) -> None:  # type: ignore[no-untyped-def]
    from tests.graph.analytics_graph import FIRM_A, FIRM_B, FIRM_C, POLICY_PS, SHENZHEN

    html = regions_client.get(f"/pages/region/{SHENZHEN.id}").text
    box = html[html.index('id="mdkg-summary"') : html.index("</details>")]
    assert _summary_columns(html) == [SHENZHEN.id]
    for row in ("sub-regions", "firms", "bases", "policies", "funds", "associations", "events"):
        assert f'<th scope="row">{row}</th>' in box
    assert "<td>3</td>" in box and "<td>2</td>" in box  # firms, sub-regions
    assert f"¥8,000,000 (800万元)<br>by {POLICY_PS.name} (Policy)" in box
    assert f"1. {FIRM_A.name}<br>2. {FIRM_C.name}<br>3. {FIRM_B.name}" in box
    assert "<td>2024-03-05</td>" in box and "<td>2025-06-20</td>" in box


def test_region_page_compares_other_regions_side_by_side(regions_client) -> None:  # type: ignore[no-untyped-def]
    from tests.graph.analytics_graph import FUND_HZ, HANGZHOU, PINGSHAN, SHENZHEN

    compare = f"{HANGZHOU.id}, {PINGSHAN.id},{SHENZHEN.id}"
    html = regions_client.get(f"/pages/region/{SHENZHEN.id}", params={"compare": compare}).text
    assert _summary_columns(html) == [SHENZHEN.id, HANGZHOU.id, PINGSHAN.id]
    assert f"¥50,000,000 (5,000万元)<br>by {FUND_HZ.name} (Fund)" in html
    links = [
        a["href"] for t, a in start_tags(html) if t == "a" and (a.get("href") or "").startswith("./region")
    ]
    assert links == ["./region%3A%E6%9D%AD%E5%B7%9E%E5%B8%82", "./region%3A%E5%9D%AA%E5%B1%B1%E5%8C%BA"]
    assert f'value="{HANGZHOU.id},{PINGSHAN.id}"' in html, "the form keeps what is compared"
    assert "entities: 13 · relationships: 18" in html, "the drawing is still Shenzhen's alone"


@pytest.mark.parametrize(
    "compare, status, message",
    [
        ("firm:深圳甲科技有限公司", 400, "not a Region"),
        ("region:杭州市,region:nowhere", 404, "no entity with id 'region:nowhere'"),
        (",".join(f"region:{i}" for i in range(9)), 400, "compare at most 8 regions"),
    ],
)
def test_a_bad_compare_id_uses_the_error_shape(
    regions_client, compare: str, status: int, message: str
) -> None:  # type: ignore[no-untyped-def]
    from tests.graph.analytics_graph import SHENZHEN

    answer = regions_client.get(f"/pages/region/{SHENZHEN.id}", params={"compare": compare})
    assert answer.status_code == status and message in answer.json()["error"]["message"]


def test_region_summary_as_of_a_date(regions_client) -> None:  # type: ignore[no-untyped-def]
    from tests.graph.analytics_graph import HANGZHOU, SHENZHEN

    then = regions_client.get(f"/pages/region/{SHENZHEN.id}", params={"as_of": "2024-06-30"}).text
    assert "Region figures as of 2024-06-30" in then
    assert "<td>2024-03-05</td>" in then and "2025-06-20" not in then
    early = {"as_of": "2024-06-30", "compare": SHENZHEN.id}
    before = regions_client.get(f"/pages/region/{HANGZHOU.id}", params=early).text
    assert f"{HANGZHOU.id} was not yet in the graph as of 2024-06-30" in before
    assert _summary_columns(before) == [SHENZHEN.id]
    later = regions_client.get(f"/pages/region/{SHENZHEN.id}", params=early | {"compare": HANGZHOU.id})
    assert later.status_code == 404, "a compared region must be in the graph on the date"


def test_summary_text_is_escaped() -> None:
    from mdkg.api.pages import PageContext, render_graph_page, summary_box
    from mdkg.graph.analytics import EntityRef, RegionSummary

    evil = EntityRef(id="region:evil", name="<script>alert(1)</script>区", label=Label.REGION)
    summary = RegionSummary(
        region=evil, sub_regions=0, actors=1, policies=0, funds=0, firms=0, bases=0, associations=0,
        events=0, largest_support_cny=1e5, largest_support_by=evil.model_copy(update={"name": "<b>x</b>"}),
    )  # fmt: skip
    box = summary_box(summary, [], region_id=evil.id)
    html = render_graph_page(Subgraph(), PageContext("区", evil.id, "region", summary=box))
    assert "<script>alert(1)" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;区" in html and "by &lt;b&gt;x&lt;/b&gt; (Region)" in html


def test_chain_counts_say_what_each_view_draws(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/pages/chain").text
    assert '<span id="mdkg-counts">firms: 4 · relationships: 3 · segments: 5</span>' in html
    assert '"counts": "segments: 5 · links: 4 · firms: 4"' in html
    assert "entities:" not in html


def test_region_figures_open_folded_with_their_headline(regions_client) -> None:  # type: ignore[no-untyped-def]
    from tests.graph.analytics_graph import HANGZHOU, SHENZHEN

    html = regions_client.get(f"/pages/region/{SHENZHEN.id}").text
    [attrs] = [a for t, a in start_tags(html) if t == "details"]
    assert "open" not in attrs, "folded, so the graph is on the first screen"
    assert "深圳市 · 3 firms · 2 bases · 2 policies · 0 funds · support up to ¥8,000,000 (800万元)" in html
    compared = regions_client.get(f"/pages/region/{SHENZHEN.id}", params={"compare": HANGZHOU.id}).text
    [attrs] = [a for t, a in start_tags(compared) if t == "details"]
    assert "open" in attrs, "unfolded when regions are compared, as that was asked for"


def test_chain_narrowed_to_a_region(client) -> None:  # type: ignore[no-untyped-def]
    from tests.api.page_graph import PRODUCER
    from tests.sample_graph import PINGSHAN, SHENZHEN

    html = client.get("/pages/chain", params={"region": SHENZHEN.id}).text
    assert "<title>微短剧产业链 · industry chain · 深圳市</title>" in html
    assert "1 of 2 firms located in 深圳市 or its sub-regions has a segment" in html
    assert '"counts": "segments: 1 · links: 0 · firms: 1"' in html and PRODUCER.name in html
    options = [
        (a.get("value"), "selected" in a) for t, a in start_tags(html) if t == "option" and "value" in a
    ]
    region_options = [o for o in options if (o[0] or "").startswith("region:") or o[0] == ""]
    assert region_options == [("", False), (PINGSHAN.id, False), (SHENZHEN.id, True)]


def test_chain_of_an_unknown_region_or_not_a_region(client) -> None:  # type: ignore[no-untyped-def]
    from tests.api.page_graph import PRODUCER

    unknown = client.get("/pages/chain", params={"region": "region:nowhere"})
    assert unknown.status_code == 404 and "no entity with id 'region:nowhere'" in unknown.text
    firm = client.get("/pages/chain", params={"region": PRODUCER.id})
    assert firm.status_code == 400 and "not a Region" in firm.json()["error"]["message"]
