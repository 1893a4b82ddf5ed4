"""The entity page: an entity's neighbourhood drawn with vis-network, readable offline.

pyvis builds the node and edge data and the base options; our own template
(`api/templates/entity_page.html`) inlines the vis-network script and stylesheet
that ship inside the pyvis package, so the page loads nothing from any host.
pyvis's own `local` and `in_line` modes still reach CDNs (vis CSS, Bootstrap).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from graph.errors import MdkgError
from graph.ontology import RELATIONS, Entity, Label, Relationship, Subgraph

LABEL_COLOURS: dict[Label, str] = {
    Label.REGION: "#4e79a7",
    Label.FIRM: "#f28e2b",
    Label.ASSOCIATION: "#e15759",
    Label.GOVERNMENT: "#76b7b2",
    Label.INSTITUTION: "#59a14f",
    Label.BASE: "#edc948",
    Label.POLICY: "#b07aa1",
    Label.FUND: "#ff9da7",
    Label.EVENT: "#9c755f",
    Label.WORK: "#17becf",
    Label.REPORT: "#7f7f7f",
}

FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
)
CENTER_BORDER = "#111827"
EDGE_COLOUR = "#9ca3af"
MAX_EVIDENCE_IN_TOOLTIP = 5

VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
TEMPLATES_DIR = Path(__file__).parent / "templates"

_STYLE_OPTIONS: dict[str, Any] = {
    "nodes": {"shape": "dot", "size": 16, "font": {"face": FONT_STACK, "size": 14, "color": "#111827"}},
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        "color": {"color": EDGE_COLOUR, "highlight": "#4b5563", "hover": "#4b5563", "inherit": False},
        "font": {"face": FONT_STACK, "size": 11, "color": "#4b5563", "strokeWidth": 3, "align": "middle"},
        "smooth": {"enabled": True, "type": "continuous"},
    },
    "interaction": {"hover": True, "tooltipDelay": 120},
}


class PageAssetsError(MdkgError):
    """The vis-network files the entity page inlines are missing or cannot be inlined."""

    code = "page_assets"


class VisAssets(NamedTuple):
    script: Markup
    stylesheet: Markup


@cache
def vis_assets() -> VisAssets:
    """The vis-network script and stylesheet from the pyvis package, read once per process."""
    script = _read_asset("vis-network.min.js", closing="</script")
    stylesheet = _read_asset("vis-network.css", closing="</style")
    return VisAssets(Markup(script), Markup(stylesheet))


def _read_asset(name: str, closing: str) -> str:
    path = VIS_DIR / name
    if not path.is_file():
        raise PageAssetsError(
            f"{path} is missing: the entity page needs the vis-network files of pyvis 0.3.2"
        )
    text = path.read_text(encoding="utf-8")
    if closing in text.lower():
        raise PageAssetsError(f"{path} contains {closing!r} and cannot be inlined in a page")
    return text


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # `tojson` still escapes < > & ' for use inside <script>; Chinese stays readable.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def render_entity_page(subgraph: Subgraph, center_id: str | None, title: str) -> str:
    """A complete, self-contained HTML page drawing `subgraph` around `center_id`."""
    network = build_network(subgraph, center_id)
    nodes, edges, _heading, height, _width, options = network.get_network_data()
    assets = vis_assets()
    return (
        _environment()
        .get_template("entity_page.html")
        .render(
            title=title,
            nodes=nodes,
            edges=edges,
            options=_merge(json.loads(options), _STYLE_OPTIONS),
            height=height,
            legend=legend(subgraph),
            font_stack=Markup(FONT_STACK),  # our constant; raw text inside <style>
            vis_script=assets.script,
            vis_stylesheet=assets.stylesheet,
        )
    )


def build_network(subgraph: Subgraph, center_id: str | None) -> Network:
    """A pyvis network of the subgraph; edges with an end not in `nodes` are left out."""
    network = Network(height="78vh", width="100%", directed=True)
    network.barnes_hut(gravity=-6000, spring_length=170, spring_strength=0.04, overlap=0.6)
    for entity in subgraph.nodes:
        network.add_node(entity.id, **node_options(entity, is_center=entity.id == center_id))
    drawn = set(network.get_nodes())
    for rel in subgraph.edges:
        if rel.source in drawn and rel.target in drawn:
            network.add_edge(rel.source, rel.target, **edge_options(rel))
    return network


def node_options(entity: Entity, is_center: bool) -> dict[str, Any]:
    colour = LABEL_COLOURS[entity.label]
    options: dict[str, Any] = {"label": entity.name, "title": node_tooltip(entity), "color": colour}
    if is_center:
        options |= {
            "color": {"background": colour, "border": CENTER_BORDER},
            "size": 30,
            "borderWidth": 4,
            "font": {"size": 18, "color": CENTER_BORDER},
        }
    return options


def edge_options(rel: Relationship) -> dict[str, Any]:
    arrows = "" if RELATIONS[rel.type].symmetric else "to"
    return {"id": rel.id, "label": rel.type.value, "title": edge_tooltip(rel), "arrows": arrows}


def node_tooltip(entity: Entity) -> str:
    """Plain text: vis-network shows a string title with `innerText`, never as HTML."""
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


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged
