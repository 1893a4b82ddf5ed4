"""The industry-chain page: the chain left to right, firms in their segment's column, their links.

Two views of one drawing, both at fixed places (`chain_layout`). "firms along the chain" (the
default) shows a heading a segment, the chain's order as arrows between headings, every firm with a
segment under the heading of its first one (a dashed line to each of its other segments), and the
relationships between firms, each with its evidence on a click. "segments and their links" shows
the headings only, with one edge a pair of linked segments labelled with how many firm
relationships join them; a click lists those relationships with their evidence. Firms with no
segment are counted in a note, not drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mdkg.api.pages.chain_layout import CHAIN, LABEL_WIDTH, ChainLayout, Column, Firm, home, lay_out
from mdkg.api.pages.colours import SEGMENT_COLOURS, SEGMENT_NAMES, tint
from mdkg.api.pages.details import Detail, evidence_item
from mdkg.api.pages.render import (
    ArticleReader,
    CorrectionReader,
    PageContext,
    PageData,
    graph_page_data,
    render_page,
)
from mdkg.graph.analytics import Measure
from mdkg.graph.ontology import RELATIONS, Article, Entity, Evidence, Relationship, Segment
from mdkg.graph.views import ChainView, SegmentLink, segments_of

CHAIN_VIEWS = [
    {"name": "chain", "label": "firms along the chain", "layers": ["hub", "flow", "firm"]},
    {"name": "segments", "label": "segments and their links", "layers": ["hub", "flow", "segment"]},
]
MAX_LINK_EVIDENCE = 60
MAX_REGION_CHOICES = 300  # the regions with the most firms; the `region` parameter takes any
TITLE = "微短剧产业链 · industry chain"
# Fixed places need no physics; edges bend a little so that links within a column pass beside it.
FIXED_OPTIONS: dict[str, Any] = {
    "nodes": {"scaling": {"min": 8, "max": 16}},
    "edges": {"smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.2}},
}


def hub_id(segment: Segment) -> str:
    return f"segment:{segment.value}"


def chain_context(
    view: ChainView,
    as_of: str | None,
    measure: Measure,
    articles: Mapping[str, Article] | ArticleReader,
    corrections: CorrectionReader | None = None,
) -> PageContext:
    """What the chain page says about itself: its title (with its region), its note and its filters."""
    title = f"{TITLE} · {view.region.name}" if view.region else TITLE
    regions = view.regions[:MAX_REGION_CHOICES]
    if view.region and view.region.id not in {r.id for r in regions}:
        regions = [view.region, *regions]
    choices = [(r.id, f"{r.name} ({r.firms})") for r in regions]
    return PageContext(
        title, None, "chain", as_of, measure, articles, narrow="a region or an earlier as_of date",
        note=chain_note(view), regions=choices, region=view.region.id if view.region else None,
        corrections=corrections,
    )  # fmt: skip


def render_chain_page(view: ChainView, context: PageContext) -> str:
    """The chain page: the firm-level graph of `view.firms` at fixed places, under a heading a segment."""
    data = graph_page_data(view.firms, context, also_cited=_link_articles(view))
    firms = {n.id: n for n in view.firms.nodes if n.id in data.details["nodes"]}
    ranks = {i: float(data.network.node_map[i].get("value", 0.0)) for i in firms}
    layout = lay_out([Firm(f.id, f.name, segments_of(f)) for f in firms.values()], ranks)
    _place_firms(data, firms, layout)
    for edge_detail in data.details["edges"].values():
        edge_detail["layer"] = "firm"
    _add_headings(data, view, layout)
    _add_memberships(data, firms)
    _add_links(data, view, data.articles)
    data.filters = [(s.segment.value, SEGMENT_COLOURS[s.segment]) for s in view.segments]
    data.views = chain_views(view, firms=len(firms), relationships=data.edges)
    data.fixed, data.options = True, FIXED_OPTIONS
    return render_page(data, context)


def chain_views(view: ChainView, firms: int, relationships: int) -> list[dict[str, Any]]:
    """The two views, each counting what it draws: firms and theirs, or segments and their links.

    `firms` and `relationships` are those the firms view draws (fewer than the chain's on a capped page).
    """
    segments = f"segments: {len(view.segments)}"
    counts = {
        "chain": f"firms: {firms} · relationships: {relationships} · {segments}",
        "segments": f"{segments} · links: {len(view.links)} · firms: {len(view.firms.nodes)}",
    }
    return [v | {"counts": counts[str(v["name"])]} for v in CHAIN_VIEWS]


def _place_firms(data: PageData, firms: Mapping[str, Entity], layout: ChainLayout) -> None:
    """Each firm at its place in its first segment's column, in that segment's colour."""
    for firm_id, entity in firms.items():
        segment = home(segments_of(entity))
        x, y = layout.positions[firm_id]
        data.network.node_map[firm_id] |= {
            "x": x, "y": y, "color": SEGMENT_COLOURS[segment], "widthConstraint": {"maximum": LABEL_WIDTH},
        }  # fmt: skip
        detail = data.details["nodes"][firm_id]
        detail |= {"layer": "firm", "kind": segment.value, "colour": SEGMENT_COLOURS[segment]}
        detail["rows"].insert(2, ["column", SEGMENT_NAMES[segment]])


def _add_headings(data: PageData, view: ChainView, layout: ChainLayout) -> None:
    """A heading a segment, with how many firms it has, and arrows along the chain between headings."""
    counts = {s.segment: len(s.firms) for s in view.segments}
    for segment, column in layout.columns.items():
        data.network.add_node(hub_id(segment), **_heading(column, counts.get(segment, 0)))
        data.details["nodes"][hub_id(segment)] = _heading_detail(column, counts.get(segment, 0), data)
    for before, after in zip(CHAIN, CHAIN[1:], strict=False):
        edge = f"flow:{before.value}:{after.value}"
        data.network.add_edge(
            hub_id(before), hub_id(after), id=edge, arrows="to", width=2, color="#6b7280",
            smooth={"enabled": False}, title=f"{SEGMENT_NAMES[before]} → {SEGMENT_NAMES[after]}",
        )  # fmt: skip
        data.details["edges"][edge] = {
            "heading": "Chain order",
            "title": f"{SEGMENT_NAMES[before]} → {SEGMENT_NAMES[after]}",
            "rows": [["from", before.value], ["to", after.value]],
            "layer": "flow",
        }


def _heading(column: Column, count: int) -> dict[str, Any]:
    chinese, english = SEGMENT_NAMES[column.segment].split(" ", 1)
    width = column.width - 24
    return {
        "label": f"{chinese} · {count}\n{english}",
        "shape": "box",
        "x": column.x,
        "y": column.y,
        "color": _heading_colour(column.segment),
        "borderWidth": 2,
        "margin": 8,
        "font": {"size": 15, "color": "#111827" if count else "#6b7280"},
        "widthConstraint": {"minimum": width, "maximum": width},
        "title": f"segment {column.segment.value}: {count} firms",
        "shapeProperties": {"borderDashes": False if count else [4, 4]},
    }


def _heading_colour(segment: Segment) -> dict[str, Any]:
    colour = SEGMENT_COLOURS[segment]
    return {
        "background": tint(colour),
        "border": colour,
        "highlight": {"background": "#ffffff", "border": colour},
    }


def _heading_detail(column: Column, count: int, data: PageData) -> Detail:
    names = [data.details["nodes"][f]["title"] for f in column.firms if f in data.details["nodes"]]
    rows = [["segment", column.segment.value], ["firms", str(count)]]
    if len(names) < count:
        rows.append(["drawn in this column", f"{len(names)}; the others sit in an earlier segment's column"])
    rows += [["firm", name] for name in names]
    colour = _heading_colour(column.segment)
    return {
        "heading": "Segment",
        "title": SEGMENT_NAMES[column.segment],
        "rows": rows,
        "search": [SEGMENT_NAMES[column.segment].casefold(), column.segment.value],
        "kind": column.segment.value,
        "layer": "hub",
        "colour": colour,
        "communityColour": colour,
    }


def _add_memberships(data: PageData, firms: Mapping[str, Entity]) -> None:
    """A dashed line from a firm to the heading of each of its segments but the one it sits under."""
    for firm_id, entity in firms.items():
        segments = segments_of(entity)
        for segment in segments:
            if segment is home(segments):
                continue
            edge = f"member:{firm_id}:{segment.value}"
            data.network.add_edge(
                firm_id, hub_id(segment), id=edge, dashes=True, arrows="", color="#d1d5db",
                smooth={"enabled": False},
            )  # fmt: skip
            data.details["edges"][edge] = _member_detail(data, firm_id, segment)


def _member_detail(data: PageData, firm: str, segment: Segment) -> Detail:
    name = data.details["nodes"][firm]["title"]
    return {
        "heading": "Also in segment",
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
            smooth={"enabled": True, "type": "curvedCCW", "roundness": 0.35},
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


def chain_note(view: ChainView) -> str:
    """How many firms the page draws, of how many, and where (its region)."""
    drawn = len(view.firms.nodes)
    total = drawn + view.unsegmented
    where = f" located in {view.region.name} or its sub-regions" if view.region else ""
    have = "has" if drawn == 1 else "have"
    note = f"{drawn} of {total} firms{where} {have} a segment and sit in its column"
    if view.unsegmented == 1:
        note += "; 1 firm with no segment is not drawn"
    elif view.unsegmented:
        note += f"; {view.unsegmented} firms with no segment are not drawn"
    return note
