"""The vis-network data of a page, built with pyvis: nodes sized by centrality, coloured by label.

Tooltips are plain text: vis-network shows a string title with `innerText`, never as HTML.
A page draws the same picture on every load: nodes and edges go to vis-network in the order of their
ids, and its layout starts from a fixed seed, so the physics settles the same way each time (or, on
the chain page, nodes come with fixed places and no physics runs).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Set
from typing import Any

from pyvis.network import Network

from mdkg.api.pages.assets import FONT_STACK
from mdkg.api.pages.colours import CENTER_BORDER, CONFIRMED_COLOUR, EDGE_COLOUR, LABEL_COLOURS
from mdkg.graph.ontology import RELATIONS, Entity, Label, Relationship, Subgraph

MAX_EVIDENCE_IN_TOOLTIP = 5
WIDEST_AT = 5  # outlets: an edge stated by more is drawn no wider
# vis-network's improved layout (Kamada-Kawai per cluster) and long stabilisation stall big pages.
IMPROVED_LAYOUT_UP_TO = 100
LONG_STABILISATION_UP_TO = 200
# vis-network's layout draws its initial positions from a generator seeded with this.
LAYOUT_SEED = 20250901

_STYLE_OPTIONS: dict[str, Any] = {
    "nodes": {
        "shape": "dot",
        "scaling": {"min": 10, "max": 40},
        "font": {"face": FONT_STACK, "size": 14, "color": "#111827"},
    },
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        "color": {"color": EDGE_COLOUR, "highlight": "#4b5563", "hover": "#4b5563", "inherit": False},
        # horizontal labels: their boxes are upright rectangles the page can keep from overlapping
        "font": {"face": FONT_STACK, "size": 11, "color": "#4b5563", "strokeWidth": 3, "align": "horizontal"},
        "smooth": {"enabled": True, "type": "continuous"},
    },
    "interaction": {"hover": True, "tooltipDelay": 120},
}


def new_network() -> Network:
    network = Network(height="78vh", width="100%", directed=True)
    network.barnes_hut(gravity=-6000, spring_length=170, spring_strength=0.04, overlap=0.6)
    return network


def build_network(
    subgraph: Subgraph,
    center_id: str | None,
    scores: Mapping[str, float] | None = None,
    outlets: Mapping[str, int] | None = None,
    confirmed: Set[str] = frozenset(),
) -> Network:
    """A pyvis network of the subgraph, in the order of ids; edges with an end not in `nodes` are left out.

    `outlets`: how many independent outlets state each edge (by id), which sets its width; `confirmed`:
    the edges a researcher confirmed, drawn in their own colour with a ✓.
    """
    network = new_network()
    for entity in sorted(subgraph.nodes, key=lambda n: n.id):
        options = node_options(entity, is_center=entity.id == center_id)
        if scores is not None:
            options["value"] = round(scores.get(entity.id, 0.0), 6)
        network.add_node(entity.id, **options)
    drawn = set(network.get_nodes())
    for rel in sorted(subgraph.edges, key=lambda e: e.id):
        if rel.source in drawn and rel.target in drawn:
            options = edge_options(rel, (outlets or {}).get(rel.id, 1), rel.id in confirmed)
            network.add_edge(rel.source, rel.target, **options)
    return network


def node_options(entity: Entity, is_center: bool) -> dict[str, Any]:
    options: dict[str, Any] = {
        "label": entity.name,
        "title": node_tooltip(entity),
        "color": LABEL_COLOURS[entity.label],
    }
    if is_center:
        options |= {"borderWidth": 5, "font": {"size": 18, "color": CENTER_BORDER, "bold": True}}
    return options


def edge_options(rel: Relationship, outlets: int = 1, confirmed: bool = False) -> dict[str, Any]:
    arrows = "" if RELATIONS[rel.type].symmetric else "to"
    options: dict[str, Any] = {
        "id": rel.id,
        "label": rel.type.value,
        "title": edge_tooltip(rel),
        "arrows": arrows,
        "width": edge_width(outlets),
    }
    if confirmed:
        options |= {
            "label": f"✓ {rel.type.value}",
            "title": f"confirmed by a researcher\n{options['title']}",
            "color": {"color": CONFIRMED_COLOUR, "highlight": CONFIRMED_COLOUR},
        }
    return options


def edge_width(outlets: int) -> float:
    """1 for an edge one outlet states (or none), 1.5 wider for each further outlet, up to `WIDEST_AT`."""
    return 1.0 + 1.5 * (min(max(outlets, 1), WIDEST_AT) - 1)


def node_tooltip(entity: Entity) -> str:
    lines = [f"{entity.label.value}: {entity.name}"]
    if entity.aliases:
        lines.append("aliases: " + ", ".join(entity.aliases))
    return "\n".join(lines)


def edge_tooltip(rel: Relationship) -> str:
    lines = [rel.type.value]
    shown = rel.evidence[:MAX_EVIDENCE_IN_TOOLTIP]
    lines += [f"[{ev.article_id}] {ev.sentence}" for ev in shown]
    if len(rel.evidence) > len(shown):
        lines.append(f"… and {len(rel.evidence) - len(shown)} more")
    return "\n".join(lines)


def legend(subgraph: Subgraph) -> list[tuple[str, str]]:
    """(label, colour) for each label present, in the order of `Label`."""
    present = {entity.label for entity in subgraph.nodes}
    return [(label.value, LABEL_COLOURS[label]) for label in Label if label in present]


def vis_options(
    network: Network, nodes: int, fixed: bool = False, extra: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """pyvis's options with our style, `extra` over them, and a seeded layout quick for large pages.

    `fixed`: the nodes come with their places (`x`, `y`), and no physics moves them.
    """
    _n, _e, _heading, _height, _width, options = network.get_network_data()
    base = options if isinstance(options, dict) else _json(options)
    merged = _merge(_merge(base, _STYLE_OPTIONS), dict(extra or {}))
    iterations = 400 if nodes <= LONG_STABILISATION_UP_TO else 120
    merged["physics"]["stabilization"] |= {"iterations": iterations, "updateInterval": 25}
    merged["physics"]["enabled"] = not fixed
    merged["layout"] = {"improvedLayout": nodes <= IMPROVED_LAYOUT_UP_TO, "randomSeed": LAYOUT_SEED}
    if nodes > LONG_STABILISATION_UP_TO:
        merged["interaction"] |= {"hideEdgesOnDrag": True}
    return merged


def _json(text: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged
