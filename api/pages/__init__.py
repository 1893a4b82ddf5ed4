"""The pages: an entity's neighbourhood, the industry chain and a region, drawn with vis-network offline.

pyvis builds the node and edge data and the base options; our own template
(`api/templates/graph_page.html`) inlines the vis-network script and stylesheet that ship inside the
pyvis package, so a page loads nothing from any host.
A region page also shows its `compare_regions` figures, and those of regions compared, in a box
(`api/pages/summary.py`).
"""

from mdkg.api.pages.assets import FONT_STACK, PageAssetsError, vis_assets
from mdkg.api.pages.chain import chain_context, chain_note, render_chain_page
from mdkg.api.pages.colours import LABEL_COLOURS, SEGMENT_COLOURS
from mdkg.api.pages.network import build_network, edge_tooltip, legend, node_tooltip
from mdkg.api.pages.render import PageContext, render_entity_page, render_graph_page
from mdkg.api.pages.summary import SummaryBox, summary_box, yuan

__all__ = [
    "FONT_STACK",
    "LABEL_COLOURS",
    "SEGMENT_COLOURS",
    "PageAssetsError",
    "PageContext",
    "SummaryBox",
    "build_network",
    "chain_context",
    "chain_note",
    "edge_tooltip",
    "legend",
    "node_tooltip",
    "render_chain_page",
    "render_entity_page",
    "render_graph_page",
    "summary_box",
    "vis_assets",
    "yuan",
]
