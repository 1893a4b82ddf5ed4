"""The industry-chain page: segments as hubs, firms around them, links between segments counted.

Two views of one drawing. "segments" (the default) shows one diamond a segment, sized by its firms,
and one edge a pair of linked segments, labelled with how many firm relationships join them; a
click lists those relationships with their evidence. "firms by segment" shows every segmented firm
coloured by its first segment, tied to each of its segments' diamonds by a dashed line, with the
firm-to-firm relationships themselves. Firms with no segment are counted in a note, not drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mdkg.api.pages.colours import SEGMENT_COLOURS, SEGMENT_NAMES
from mdkg.api.pages.details import Detail, evidence_item
from mdkg.api.pages.render import PageContext, PageData, graph_page_data, render_page
from mdkg.graph.ontology import RELATIONS, Article, Evidence, Relationship, Segment
from mdkg.graph.views import ChainView, SegmentFirms, SegmentLink, segments_of

CHAIN_VIEWS = [
    {"name": "segments", "label": "segments", "layers": ["hub", "segment"]},
    {"name": "firms", "label": "firms by segment", "layers": ["hub", "firm"]},
]
MAX_LINK_EVIDENCE = 60


def hub_id(segment: Segment) -> str:
    return f"segment:{segment.value}"


def render_chain_page(view: ChainView, context: PageContext) -> str:
    """The chain page: the firm-level graph of `view.firms` plus a hub a segment and their links."""
    data = graph_page_data(view.firms, context, also_cited=_link_articles(view))
    shown = {n for n in data.details["nodes"]}
    firms = {n.id: n for n in view.firms.nodes if n.id in shown}
    for detail_id, detail in data.details["nodes"].items():
        segments = segments_of(firms[detail_id])
        detail |= {"layer": "firm", "kind": segments[0].value, "colour": SEGMENT_COLOURS[segments[0]]}
        data.network.node_map[detail_id]["color"] = SEGMENT_COLOURS[segments[0]]
    for edge_detail in data.details["edges"].values():
        edge_detail["layer"] = "firm"
    _add_hubs(data, view.segments, firms)
    _add_links(data, view, data.articles)
    data.filters = [(s.segment.value, SEGMENT_COLOURS[s.segment]) for s in view.segments]
    data.views = chain_views(view, firms=len(firms), relationships=data.edges)
    return render_page(data, context)


def chain_views(view: ChainView, firms: int, relationships: int) -> list[dict[str, Any]]:
    """The two views, each counting what it draws: diamonds and their links, or firms and theirs.

    `firms` and `relationships` are those the firms view draws (fewer than the chain's on a capped page).
    """
    segments = f"segments: {len(view.segments)}"
    counts = {
        "segments": f"{segments} · links: {len(view.links)} · firms: {len(view.firms.nodes)}",
        "firms": f"firms: {firms} · relationships: {relationships} · {segments}",
    }
    return [v | {"counts": counts[str(v["name"])]} for v in CHAIN_VIEWS]


def _add_hubs(data: PageData, segments: list[SegmentFirms], firms: Mapping[str, object]) -> None:
    for entry in segments:
        segment, hub, count = entry.segment, hub_id(entry.segment), len(entry.firms)
        label = f"{SEGMENT_NAMES[segment]} · {count}"
        data.network.add_node(
            hub, label=label, shape="diamond", size=18 + min(count, 30), color=SEGMENT_COLOURS[segment],
            title=f"segment {segment.value}: {count} firms", font={"size": 16, "bold": True},
        )  # fmt: skip
        data.details["nodes"][hub] = _hub_detail(entry, data)
        for firm in entry.firms:
            if firm in firms:
                edge = f"member:{firm}:{segment.value}"
                data.network.add_edge(firm, hub, id=edge, dashes=True, arrows="", color="#d1d5db")
                data.details["edges"][edge] = _member_detail(data, firm, segment)


def _hub_detail(entry: SegmentFirms, data: PageData) -> Detail:
    names = [data.details["nodes"][f]["title"] for f in entry.firms if f in data.details["nodes"]]
    rows = [["segment", entry.segment.value], ["firms", str(len(entry.firms))]]
    rows += [["firm", name] for name in names]
    colour = SEGMENT_COLOURS[entry.segment]
    return {
        "heading": "Segment",
        "title": SEGMENT_NAMES[entry.segment],
        "rows": rows,
        "search": [SEGMENT_NAMES[entry.segment].casefold(), entry.segment.value],
        "kind": entry.segment.value,
        "layer": "hub",
        "colour": colour,
        "communityColour": colour,
    }


def _member_detail(data: PageData, firm: str, segment: Segment) -> Detail:
    name = data.details["nodes"][firm]["title"]
    return {
        "heading": "In segment",
        "title": f"{name} → {SEGMENT_NAMES[segment]}",
        "rows": [["firm", name], ["segment", segment.value], ["from", "the firm's segments property"]],
        "layer": "firm",
    }


def _add_links(data: PageData, view: ChainView, articles: Mapping[str, Article]) -> None:
    rels = {e.id: e for e in view.firms.edges}
    names = {n.id: n.name for n in view.firms.nodes}
    for link in view.links:
        edge = f"link:{link.source.value}:{link.target.value}"
        count = len(link.relationships)
        data.network.add_edge(
            hub_id(link.source), hub_id(link.target), id=edge, label=str(count), arrows="",
            width=1 + min(count, 12), title=f"{count} relationships between firms of the two segments",
        )  # fmt: skip
        data.details["edges"][edge] = _link_detail(
            link, [rels[r] for r in link.relationships], names, articles
        )


def _link_evidence(rels: list[Relationship]) -> list[tuple[Relationship, Evidence]]:
    """The evidence of a segment link, relationship by relationship, in the order the panel lists it."""
    return [(rel, ev) for rel in rels for ev in rel.evidence]


def _link_articles(view: ChainView) -> set[str]:
    """The articles cited by the evidence the link panels show (the first MAX_LINK_EVIDENCE a link)."""
    rels = {e.id: e for e in view.firms.edges}
    cited: set[str] = set()
    for link in view.links:
        shown = _link_evidence([rels[r] for r in link.relationships])[:MAX_LINK_EVIDENCE]
        cited |= {ev.article_id for _, ev in shown}
    return cited


def _link_detail(
    link: SegmentLink, rels: list[Relationship], names: Mapping[str, str], articles: Mapping[str, Article]
) -> Detail:
    evidence = _link_evidence(rels)
    rows = [["segments", f"{link.source.value} – {link.target.value}"], ["relationships", str(len(rels))]]
    if len(evidence) > MAX_LINK_EVIDENCE:
        rows.append(["evidence shown", f"{MAX_LINK_EVIDENCE} of {len(evidence)}"])
    return {
        "heading": "Segment link",
        "title": f"{SEGMENT_NAMES[link.source]} – {SEGMENT_NAMES[link.target]}",
        "rows": rows,
        "evidence": [
            evidence_item(ev, articles, _about(rel, names)) for rel, ev in evidence[:MAX_LINK_EVIDENCE]
        ],
        "layer": "segment",
    }


def _about(rel: Relationship, names: Mapping[str, str]) -> str:
    arrow = "—" if RELATIONS[rel.type].symmetric else "→"
    return f"{names[rel.source]} —{rel.type.value}{arrow} {names[rel.target]}"


def chain_note(view: ChainView) -> str | None:
    firms = len(view.firms.nodes)
    if not view.unsegmented:
        return f"{firms} firms with a segment"
    return f"{firms} firms with a segment; {view.unsegmented} firms with no segment are not drawn"
