"""A graph page: an entity's neighbourhood or a region, drawn with vis-network, readable offline.

Nodes are sized by centrality and coloured by label (or, on request, by community); the side panel
shows what a click selects, edges with every evidence sentence; an edge is wider the more independent
outlets state it. Views above `MAX_NODES` keep their most central nodes and say so on the page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from pyvis.network import Network

from mdkg.api.pages.assets import FONT_STACK, environment, vis_assets
from mdkg.api.pages.colours import LABEL_COLOURS, community_colour
from mdkg.api.pages.details import Detail, edge_detail, node_detail
from mdkg.api.pages.network import build_network, legend, vis_options
from mdkg.api.pages.summary import SummaryBox
from mdkg.graph import corrections
from mdkg.graph.analytics import Measure, centrality, community_of
from mdkg.graph.confidence import Support, support
from mdkg.graph.corrections import Correction, CorrectionQuery, Kind
from mdkg.graph.ontology import Article, Subgraph
from mdkg.graph.views import MAX_NODES, cap

GRAPH_VIEWS = [{"name": "graph", "label": "graph", "layers": ["graph"]}]
# Reads the articles of the given ids (e.g. `GraphStore.get_articles`), called once the view is capped.
ArticleReader = Callable[[set[str]], Mapping[str, Article]]
CorrectionReader = Callable[[CorrectionQuery], list[Correction]]  # `GraphStore.corrections`


@dataclass(frozen=True)
class PageContext:
    """What a page says about itself besides its graph.

    `articles` are the articles the evidence cites, or a reader of them: a reader is asked only for
    the articles of what the page shows, after a large view is capped.
    """

    title: str
    center_id: str | None = None
    page: str = "entity"
    as_of: str | None = None
    measure: Measure = "degree"
    articles: Mapping[str, Article] | ArticleReader = field(default_factory=dict)
    narrow: str = "a smaller depth, an earlier as_of date or a min_confidence"
    note: str | None = None
    summary: SummaryBox | None = None
    max_nodes: int = MAX_NODES  # the most nodes drawn (the best ranked); benchmarks draw more
    regions: Sequence[tuple[str, str]] | None = None  # (id, label) a page can be narrowed to
    region: str | None = None  # the region it is narrowed to
    corrections: CorrectionReader | None = None  # the store's log: confirmed edges, merges into a node


@dataclass
class PageData:
    """Everything the template draws: vis data, panel details, filters, views, and the cap notice.

    A view may say what it draws in `counts`; one that does not counts `nodes` and `edges`.
    With `fixed`, every node has its place (`x`, `y`) and no physics runs; `options` go over the
    vis-network options of every page.
    """

    network: Network
    nodes: int
    edges: int
    details: dict[str, dict[str, Detail]]
    filters: list[tuple[str, str]]
    views: list[dict[str, Any]] = field(default_factory=lambda: GRAPH_VIEWS)
    notice: str | None = None
    articles: Mapping[str, Article] = field(default_factory=dict)
    fixed: bool = False
    options: dict[str, Any] = field(default_factory=dict)


def render_entity_page(
    subgraph: Subgraph,
    center_id: str | None,
    title: str,
    *,
    articles: Mapping[str, Article] | None = None,
    as_of: str | None = None,
    measure: Measure = "degree",
) -> str:
    """A complete, self-contained HTML page drawing `subgraph` around `center_id`."""
    context = PageContext(title, center_id, "entity", as_of, measure, articles or {})
    return render_graph_page(subgraph, context)


def render_graph_page(subgraph: Subgraph, context: PageContext) -> str:
    return render_page(graph_page_data(subgraph, context), context)


def graph_page_data(subgraph: Subgraph, context: PageContext, also_cited: Iterable[str] = ()) -> PageData:
    """The page's data; the articles read are those cited by the edges shown and `also_cited`."""
    ranked = centrality(subgraph, context.measure)
    shown, total = cap(subgraph, ranked, context.center_id, context.max_nodes)
    scores = {r.id: r.score for r in ranked}
    cited = {ev.article_id for e in shown.edges for ev in e.evidence} | set(also_cited)
    articles = read_articles(context.articles, cited)
    supports = {e.id: support(e, articles) for e in shown.edges}
    log = read_log(context.corrections, shown)
    confirmed = corrections.confirmed(log)
    network = build_network(
        shown, context.center_id, scores, {i: len(s.outlets) for i, s in supports.items()}, set(confirmed)
    )
    details = {
        "nodes": node_details(shown, ranked, len(subgraph.nodes), context.measure, log),
        "edges": edge_details(shown, articles, supports, confirmed),
    }
    return PageData(
        network=network,
        nodes=len(shown.nodes),
        edges=len(network.edges),
        details=details,
        filters=legend(shown),
        notice=cap_notice(len(shown.nodes), total, context.narrow),
        articles=articles,
    )


def read_log(reader: CorrectionReader | None, shown: Subgraph) -> list[Correction]:
    """The corrections in force that name what a page shows (none without a reader)."""
    if reader is None or not shown.nodes:
        return []
    refs = sorted({n.id for n in shown.nodes} | {e.id for e in shown.edges})
    return reader(CorrectionQuery(refs=refs, active=True))


def read_articles(articles: Mapping[str, Article] | ArticleReader, cited: set[str]) -> Mapping[str, Article]:
    """The articles a page cites: the mapping it was given, or what the reader returns for `cited`."""
    if isinstance(articles, Mapping):
        return articles
    return articles(cited) if cited else {}


def cap_notice(shown: int, total: int, narrow: str) -> str | None:
    if shown >= total:
        return None
    return f"showing {shown:,} of {total:,} entities, the most connected; narrow with {narrow}"


def node_details(
    shown: Subgraph, ranked: list[Any], total: int, measure: str, log: Sequence[Correction] = ()
) -> dict[str, Detail]:
    """Panel data of every node, with its colour by label and by community, its filter key, and what
    was merged into it (`log`)."""
    by_id = {r.id: r for r in ranked}
    merged: dict[str, list[Correction]] = {}
    for c in log:
        if c.kind in (Kind.MERGE, Kind.RELABEL) and c.into:
            merged.setdefault(c.into, []).append(c)
    number = community_of(shown)
    sizes = Counter(number.values())
    details = {}
    for entity in shown.nodes:
        n = number.get(entity.id)
        community = (n, sizes[n]) if n is not None else None
        detail = node_detail(
            entity, by_id.get(entity.id), total, measure, community, merged.get(entity.id, [])
        )
        detail |= {
            "kind": entity.label.value,
            "layer": "graph",
            "colour": LABEL_COLOURS[entity.label],
            "communityColour": community_colour(n),
        }
        details[entity.id] = detail
    return details


def edge_details(
    shown: Subgraph,
    articles: Mapping[str, Article],
    supports: Mapping[str, Support],
    confirmed: Mapping[str, Correction] | None = None,
) -> dict[str, Detail]:
    names = {n.id: n.name for n in shown.nodes}
    return {
        e.id: edge_detail(e, names, articles, supports.get(e.id), (confirmed or {}).get(e.id))
        | {"layer": "graph"}
        for e in shown.edges
    }


def render_page(data: PageData, context: PageContext) -> str:
    """The HTML of a page from its data; vis-network and the page's script are inlined."""
    nodes, edges, _heading, height, _width, _options = data.network.get_network_data()
    assets = vis_assets()
    counts = f"entities: {data.nodes} · relationships: {data.edges}"
    views = [{"counts": counts} | view for view in data.views]
    page = {
        "nodes": nodes,
        "edges": edges,
        "options": vis_options(data.network, data.nodes, data.fixed, data.options),
        "fixed": data.fixed,
        "details": data.details,
        "views": views,
        "center": context.center_id,
    }
    return (
        environment()
        .get_template("graph_page.html")
        .render(
            title=context.title,
            page_kind=context.page,
            as_of=context.as_of,
            measure=context.measure,
            note=context.note,
            summary=context.summary,
            regions=context.regions,
            region=context.region,
            notice=data.notice,
            counts=(data.nodes, data.edges),
            legend=data.filters,
            views=views,
            page=page,
            height=height,
            font_stack=Markup(FONT_STACK),  # our constant; raw text inside <style>
            vis_script=assets.script,
            vis_stylesheet=assets.stylesheet,
        )
    )
