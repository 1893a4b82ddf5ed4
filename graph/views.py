"""The subgraphs the pages draw: an entity's neighbourhood, the industry chain, a region.

Store-agnostic: each view reads through the GraphStore protocol and shapes Subgraphs in memory, so
both stores draw the same pages. A date cuts the graph with `mdkg.graph.timeline` before it is shaped.
Pages stall near a thousand nodes, so `cap` keeps the most central ones of a larger view.
The region page's figures (`region_page_view`) come from the same read of the graph as its drawing.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from pydantic import BaseModel, Field

from mdkg.graph.analytics import Ranked, RegionSummary, compare_regions, region_actors
from mdkg.graph.confidence import support
from mdkg.graph.errors import InvalidRequest, no_entity
from mdkg.graph.ontology import Entity, Label, RelType, Segment, Subgraph
from mdkg.graph.store import GraphStore, check_depth
from mdkg.graph.timeline import as_of_exact, check_date, load

MAX_NODES = 1000
# More columns than this no longer fit beside one another in the region page's summary box.
MAX_COMPARED = 8


class SegmentFirms(BaseModel):
    """A segment of the industry chain and the firms in it (a firm may sit in several)."""

    segment: Segment
    firms: list[str] = Field(description="ids of the firms in the segment, sorted")


class SegmentLink(BaseModel):
    """The relationships between firms of two segments (the same segment twice for links within one)."""

    source: Segment
    target: Segment
    relationships: list[str] = Field(description="ids of the firm-to-firm relationships, sorted")


class ChainRegion(BaseModel):
    """A region the chain can be narrowed to, with how many firms with a segment sit in it."""

    id: str
    name: str
    firms: int = Field(description="firms with a segment located in the region or its sub-regions")


class ChainView(BaseModel):
    """The industry chain: firms by segment, how segments are linked, and the firm-level graph.

    Narrowed to a region, it holds the firms located in the region or its sub-regions (directly or
    through a base there) and the links among them; `regions` are the regions it can be narrowed to.
    """

    segments: list[SegmentFirms] = Field(default_factory=list, description="segments with firms, chain order")
    links: list[SegmentLink] = Field(default_factory=list, description="most relationships first")
    firms: Subgraph = Field(default_factory=Subgraph, description="firms with a segment and their links")
    unsegmented: int = Field(0, description="firms with no segment, left out of the chain")
    region: ChainRegion | None = Field(None, description="the region the chain is narrowed to")
    regions: list[ChainRegion] = Field(
        default_factory=list, description="regions with firms with a segment, the most firms first"
    )


class Capped(NamedTuple):
    sub: Subgraph
    total: int


def induced(sub: Subgraph, ids: Iterable[str]) -> Subgraph:
    """The nodes of `sub` whose id is in `ids`, with the edges among them."""
    keep = set(ids)
    nodes = [n for n in sub.nodes if n.id in keep]
    kept = {n.id for n in nodes}
    return Subgraph(nodes=nodes, edges=[e for e in sub.edges if e.source in kept and e.target in kept])


def within(sub: Subgraph, start: str, depth: int) -> Subgraph:
    """What of `sub` is still within `depth` hops of `start` (either direction)."""
    links: dict[str, set[str]] = {}
    for e in sub.edges:
        links.setdefault(e.source, set()).add(e.target)
        links.setdefault(e.target, set()).add(e.source)
    hops = {start: 0} if any(n.id == start for n in sub.nodes) else {}
    queue = deque(hops)
    while queue:
        here = queue.popleft()
        for there in links.get(here, set()) - hops.keys():
            if hops[here] < depth:
                hops[there] = hops[here] + 1
                queue.append(there)
    return induced(sub, hops)


def entity_view(
    store: GraphStore,
    entity_id: str,
    depth: int = 1,
    limit: int = 300,
    as_of: str | None = None,
    min_confidence: float = 0.0,
) -> Subgraph:
    """The entity's neighbourhood; as of a date, only what was connected to it by then, and only what
    had been reported of it by then; with `min_confidence`, only the relationships that confident (by
    how many independent outlets state them, `mdkg.graph.confidence`) and what they still reach."""
    check_depth(depth)
    sub = store.neighbours(entity_id, depth=depth, limit=limit)
    if check_date(as_of, "as_of"):
        sub = within(as_of_exact(store, sub, as_of), entity_id, depth)
    if min_confidence > 0:
        sub = within(confident(store, sub, min_confidence), entity_id, depth)
    return sub


def confident(store: GraphStore, sub: Subgraph, min_confidence: float) -> Subgraph:
    """`sub` with only the edges whose independent confidence, from the evidence they carry, reaches
    `min_confidence`."""
    cited = {e.article_id for rel in sub.edges for e in rel.evidence}
    articles = store.get_articles(cited) if cited else {}
    edges = [rel for rel in sub.edges if support(rel, articles).confidence >= min_confidence]
    return Subgraph(nodes=sub.nodes, edges=edges)


def region_view(store: GraphStore, region_id: str, as_of: str | None = None) -> Subgraph:
    """Every actor in the region and its sub-regions (`mdkg.graph.analytics.region_actors`), with their links.

    Empty when the region itself was not yet in the graph on `as_of`.
    """
    return region_of(load(store, as_of), region_id)


def region_of(sub: Subgraph, region_id: str) -> Subgraph:
    if not any(n.id == region_id for n in sub.nodes):
        return Subgraph()
    return induced(sub, region_actors(sub, region_id))


class RegionView(NamedTuple):
    """A region page: the actors it draws, and the `compare_regions` figures of it and of the compared.

    `summary` is None when the region was not yet in the graph on the page's date.
    """

    actors: Subgraph
    summary: RegionSummary | None
    compared: list[RegionSummary]


def region_page_view(
    store: GraphStore, region_id: str, as_of: str | None = None, compare: Sequence[str] = ()
) -> RegionView:
    """The region's actors and the figures of it and of the `compare` regions, from one read of the graph.

    Every compared id must be a Region in the graph on `as_of` (NotFound / InvalidRequest otherwise).
    """
    others = [i for i in dict.fromkeys(compare) if i != region_id]
    if len(others) > MAX_COMPARED:
        raise InvalidRequest(f"compare at most {MAX_COMPARED} regions at once, got {len(others)}")
    sub = load(store, as_of)
    present = any(n.id == region_id for n in sub.nodes)
    asked = [region_id, *others] if present else others
    summaries = compare_regions(sub, asked) if asked else []
    if not present:
        return RegionView(Subgraph(), None, summaries)
    return RegionView(region_of(sub, region_id), summaries[0], summaries[1:])


def industry_chain(store: GraphStore, as_of: str | None = None, region: str | None = None) -> ChainView:
    """The industry chain of the whole graph (as of a date), or of the firms located in `region`.

    `region` must be a Region (NotFound / InvalidRequest otherwise); one not yet in the graph on
    `as_of` has no firms then.
    """
    entity = None if region is None else store.get_entity(region)
    if region is not None and entity is None:
        raise no_entity(region)
    if entity is not None and entity.label is not Label.REGION:
        raise InvalidRequest(f"{region!r} is a {entity.label.value}, not a Region")
    return chain_of(load(store, as_of), entity)


def segments_of(entity: Entity) -> list[Segment]:
    """A firm's segments in chain order; nothing for other labels."""
    listed = entity.properties.get("segments") if entity.label is Label.FIRM else None
    named = set(listed) if isinstance(listed, list) else set()
    return [s for s in Segment if s.value in named]


def chain_of(sub: Subgraph, region: Entity | None = None) -> ChainView:
    """Firms grouped by segment, and firm-to-firm relationships counted between segment pairs.

    With `region`, only the firms located in it or its sub-regions (`firm_regions`).
    """
    firms = [n for n in sub.nodes if n.label is Label.FIRM]
    located = firm_regions(sub, [f.id for f in firms])
    segmented = {f.id: segments_of(f) for f in firms if segments_of(f)}
    regions = _chain_regions(sub, {f: located[f] for f in segmented})
    if region is not None:
        firms = [f for f in firms if region.id in located[f.id]]
        segmented = {f: s for f, s in segmented.items() if region.id in located[f]}
    graph = induced(sub, segmented)
    members: dict[Segment, list[str]] = {}
    for firm_id, segments in sorted(segmented.items()):
        for segment in segments:
            members.setdefault(segment, []).append(firm_id)
    return ChainView(
        segments=[SegmentFirms(segment=s, firms=members[s]) for s in Segment if s in members],
        links=_segment_links(graph, segmented),
        firms=graph,
        unsegmented=len(firms) - len(segmented),
        region=ChainRegion(id=region.id, name=region.name, firms=len(segmented)) if region else None,
        regions=regions,
    )


def firm_regions(sub: Subgraph, firm_ids: Iterable[str]) -> dict[str, set[str]]:
    """The regions each firm sits in: where it is LOCATED_IN, and every place above that.

    A place is a Region or a Base; above it is what it is LOCATED_IN or PART_OF, as for the actors of
    a region page (`mdkg.graph.analytics.region_actors`), which also counts what those actors set up.
    """
    label_of = {n.id: n.label for n in sub.nodes}
    places = (Label.REGION, Label.BASE)
    up: dict[str, set[str]] = {}
    for e in sub.edges:
        if e.type in (RelType.LOCATED_IN, RelType.PART_OF) and label_of.get(e.target) in places:
            if e.type is RelType.LOCATED_IN or label_of.get(e.source) in places:
                up.setdefault(e.source, set()).add(e.target)
    found: dict[str, set[str]] = {}
    for firm in firm_ids:
        reached: set[str] = set()
        todo = list(up.get(firm, ()))
        while todo:
            place = todo.pop()
            if place not in reached:
                reached.add(place)
                todo.extend(up.get(place, ()))
        found[firm] = {p for p in reached if label_of.get(p) is Label.REGION}
    return found


def _chain_regions(sub: Subgraph, located: dict[str, set[str]]) -> list[ChainRegion]:
    names = {n.id: n.name for n in sub.nodes}
    counts: dict[str, int] = {}
    for regions in located.values():
        for region in regions:
            counts[region] = counts.get(region, 0) + 1
    ranked = sorted(counts.items(), key=lambda c: (-c[1], names[c[0]], c[0]))
    return [ChainRegion(id=i, name=names[i], firms=n) for i, n in ranked]


def _segment_links(graph: Subgraph, segmented: dict[str, list[Segment]]) -> list[SegmentLink]:
    order = list(Segment)
    found: dict[tuple[Segment, Segment], set[str]] = {}
    for edge in graph.edges:
        for a in segmented[edge.source]:
            for b in segmented[edge.target]:
                pair = (a, b) if order.index(a) <= order.index(b) else (b, a)
                found.setdefault(pair, set()).add(edge.id)
    links = [SegmentLink(source=a, target=b, relationships=sorted(ids)) for (a, b), ids in found.items()]
    return sorted(links, key=lambda k: (-len(k.relationships), order.index(k.source), order.index(k.target)))


def cap(sub: Subgraph, ranked: Sequence[Ranked], keep: str | None = None, limit: int = MAX_NODES) -> Capped:
    """At most `limit` nodes: the highest ranked, always with `keep` (the page's centre) among them."""
    total = len(sub.nodes)
    if total <= limit:
        return Capped(sub, total)
    present = {n.id for n in sub.nodes}
    ids = [r.id for r in ranked if r.id in present]
    chosen = ids[:limit]
    if keep in present and keep not in chosen:
        chosen = [*ids[: limit - 1], keep]
    return Capped(induced(sub, chosen), total)
