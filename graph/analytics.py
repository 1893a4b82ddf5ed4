"""Network analytics on a Subgraph: who is central, which firms cluster, how regions compare.

Analytics run in memory with networkx on the Subgraph they are given (usually the whole graph, see
`mdkg.graph.timeline.load`), so both stores give the same answers: nothing here talks to a store.
Every result is deterministic: nodes and edges enter networkx sorted by id, ties break by id and
community detection is seeded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Literal

import networkx as nx
from pydantic import BaseModel, Field

from mdkg.graph.errors import InvalidParameter, InvalidRequest, no_entity
from mdkg.graph.ontology import Entity, Label, Relationship, RelType, Subgraph

Measure = Literal["degree", "betweenness", "pagerank"]
MEASURES: tuple[Measure, ...] = ("degree", "betweenness", "pagerank")
SEED = 42
# How many communities are listed, and how many members of each, unless asked otherwise (CLI and API).
COMMUNITY_LIMIT = 20
COMMUNITY_MEMBERS = 5

# Edges that carry a region's own activity out from its actors (never climbing to parent regions).
_ACTIVITY = frozenset({RelType.ISSUED, RelType.ESTABLISHED, RelType.HOSTED, RelType.OPERATES})


class Ranked(BaseModel):
    """An entity with its score on a measure and its rank (1 = highest)."""

    id: str
    name: str
    label: Label
    score: float
    rank: int


class Community(BaseModel):
    """A cluster of densely linked entities; `members` are its best-connected ones."""

    number: int = Field(description="0 = the largest community")
    size: int
    members: list[Ranked] = Field(description="members ranked by degree within the whole graph")
    labels: dict[str, int] = Field(description="how many members carry each label")


class EntityRef(BaseModel):
    id: str
    name: str
    label: Label


class RegionSummary(BaseModel):
    """What one region (with its sub-regions) holds: counts, its largest support, its central firms."""

    region: EntityRef
    sub_regions: int
    actors: int
    policies: int
    funds: int
    firms: int
    bases: int
    associations: int
    events: int
    largest_support_cny: float | None = None
    largest_support_by: EntityRef | None = Field(None, description="the policy or fund offering it")
    top_firms: list[Ranked] = Field(default_factory=list, description="the region's firms by degree")
    earliest_first_seen: str | None = None
    latest_first_seen: str | None = None


def ref(entity: Entity) -> EntityRef:
    return EntityRef(id=entity.id, name=entity.name, label=entity.label)


def to_networkx(sub: Subgraph) -> nx.MultiDiGraph:
    """The Subgraph as a MultiDiGraph; node attrs label, name; edge key = relationship id."""
    g = nx.MultiDiGraph()
    for node in sorted(sub.nodes, key=lambda n: n.id):
        g.add_node(node.id, label=node.label, name=node.name)
    for edge in sorted(sub.edges, key=lambda e: e.id):
        if edge.source in g and edge.target in g:
            g.add_edge(
                edge.source,
                edge.target,
                key=edge.id,
                type=edge.type,
                confidence=edge.confidence,
                first_seen=edge.first_seen,
            )
    return g


def _undirected(sub: Subgraph) -> nx.Graph:
    """One undirected edge per linked pair: parallel relationships do not inflate a score."""
    simple = nx.Graph()
    g = to_networkx(sub)
    simple.add_nodes_from(g.nodes(data=True))
    simple.add_edges_from(sorted((u, v) for u, v in g.edges() if u != v))
    return simple


def pagerank(g: nx.Graph, alpha: float = 0.85, tol: float = 1.0e-10, max_iter: int = 200) -> dict[str, float]:
    """Power-iteration PageRank in pure Python (networkx's own needs scipy, which we do not ship)."""
    n = g.number_of_nodes()
    if n == 0:
        return {}
    rank = dict.fromkeys(g, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[v] for v in g if g.degree(v) == 0) / n
        new = dict.fromkeys(g, (1.0 - alpha) / n + dangling)
        for v in g:
            share = alpha * rank[v] / g.degree(v) if g.degree(v) else 0.0
            for w in g[v]:
                new[w] += share
        if sum(abs(new[v] - rank[v]) for v in g) < n * tol:
            return new
        rank = new
    return rank


def scores(sub: Subgraph, measure: Measure = "degree") -> dict[str, float]:
    """The measure for every node of `sub`, on its undirected view."""
    g = _undirected(sub)
    if measure == "degree":
        return dict(nx.degree_centrality(g)) if len(g) > 1 else dict.fromkeys(g, 0.0)
    if measure == "betweenness":
        return dict(nx.betweenness_centrality(g))
    if measure == "pagerank":
        return pagerank(g)
    raise InvalidParameter(f"unknown centrality measure {measure!r}; known: {list(MEASURES)}")


def rank(entities: Iterable[Entity], score: dict[str, float], top: int | None = None) -> list[Ranked]:
    """Entities by score high→low, ties by id; ranks 1, 2, … in that order."""
    ordered = sorted(entities, key=lambda e: (-round(score.get(e.id, 0.0), 12), e.id))[:top]
    return [
        Ranked(id=e.id, name=e.name, label=e.label, score=score.get(e.id, 0.0), rank=i)
        for i, e in enumerate(ordered, start=1)
    ]


def centrality(
    sub: Subgraph,
    measure: Measure = "degree",
    labels: Sequence[Label] | None = None,
    top: int | None = None,
) -> list[Ranked]:
    """Rank entities by `measure`, computed on the whole `sub`, then kept to `labels`."""
    if top is not None and top < 1:
        raise InvalidRequest(f"top must be at least 1, got {top}")
    score = scores(sub, measure)
    wanted = set(labels) if labels else None
    return rank([n for n in sub.nodes if wanted is None or n.label in wanted], score, top)


def community_of(sub: Subgraph) -> dict[str, int]:
    """Entity id → community number (0 = largest; equal sizes by smallest member id), seeded Louvain."""
    g = _undirected(sub)
    found = nx.community.louvain_communities(g, seed=SEED) if len(g) else []
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    return {node: number for number, members in enumerate(ordered) for node in members}


def communities(sub: Subgraph, min_size: int = 2, top_members: int = COMMUNITY_MEMBERS) -> list[Community]:
    """Communities of at least `min_size` members, largest first, each with its best-connected members."""
    if min_size < 1 or top_members < 1:
        raise InvalidRequest("min_size and top_members must be at least 1")
    number = community_of(sub)
    degree = scores(sub, "degree")
    groups: dict[int, list[Entity]] = {}
    for node in sub.nodes:
        groups.setdefault(number[node.id], []).append(node)
    out = []
    for n in sorted(groups):
        members = groups[n]
        if len(members) >= min_size:
            labels = Counter(m.label.value for m in members)
            out.append(
                Community(
                    number=n,
                    size=len(members),
                    members=rank(members, degree, top_members),
                    labels=dict(sorted(labels.items())),
                )
            )
    return out


def _sources_of(sub: Subgraph, types: set[RelType], targets: set[str]) -> set[str]:
    return {e.source for e in sub.edges if e.type in types and e.target in targets}


def _contained(sub: Subgraph, types: set[RelType], start: set[str], labels: set[Label]) -> set[str]:
    """`start` and everything of `labels` pointing into it by `types`, transitively."""
    label_of = {n.id: n.label for n in sub.nodes}
    found = set(start)
    while True:
        more = {s for s in _sources_of(sub, types, found) if label_of.get(s) in labels} - found
        if not more:
            return found
        found |= more


def region_actors(sub: Subgraph, region_id: str) -> set[str]:
    """The region, its sub-regions, what is located in them (or in their bases), and what those run.

    Sub-regions are Regions with a PART_OF path to the region; bases count when LOCATED_IN or
    PART_OF (transitively) the region or one of its bases. Actors are the entities LOCATED_IN any of
    these. From the actors one hop out along ISSUED/ESTABLISHED/HOSTED/OPERATES adds their policies,
    funds, events and bases, and policies or funds that SUPPORT one of the regions are added too.
    Parent regions are never included.
    """
    regions = _contained(sub, {RelType.PART_OF}, {region_id}, {Label.REGION})
    places = _contained(sub, {RelType.PART_OF, RelType.LOCATED_IN}, regions, {Label.BASE, Label.REGION})
    actors = places | _sources_of(sub, {RelType.LOCATED_IN}, places)
    label_of = {n.id: n.label for n in sub.nodes}
    reached = {e.target for e in sub.edges if e.type in _ACTIVITY and e.source in actors}
    supporting = _sources_of(sub, {RelType.SUPPORTS}, regions)
    added = {i for i in reached | supporting if label_of.get(i) not in (Label.REGION, None)}
    return (actors | added) & set(label_of)


def _largest_support(
    nodes: dict[str, Entity], edges: list[Relationship], actors: set[str]
) -> tuple[float, str] | None:
    """The largest CNY amount a policy or fund of the region offers, and which one offers it."""
    offers: list[tuple[float, str]] = []
    for i in actors:
        amount = nodes[i].properties.get("max_support_cny", nodes[i].properties.get("amount_cny"))
        if nodes[i].label in (Label.POLICY, Label.FUND) and isinstance(amount, int | float):
            offers.append((float(amount), i))
    for e in edges:
        amount = e.properties.get("amount_cny")
        if e.type is RelType.SUPPORTS and e.source in actors and isinstance(amount, int | float):
            offers.append((float(amount), e.source))
    return min(offers, key=lambda o: (-o[0], o[1])) if offers else None


def check_region(sub: Subgraph, region_id: str) -> Entity:
    """The Region entity of `region_id` in `sub`, or NotFound / InvalidRequest."""
    entity = next((n for n in sub.nodes if n.id == region_id), None)
    if entity is None:
        raise no_entity(region_id)
    if entity.label is not Label.REGION:
        raise InvalidRequest(f"{region_id!r} is a {entity.label.value}, not a Region")
    return entity


def compare_regions(sub: Subgraph, region_ids: Sequence[str]) -> list[RegionSummary]:
    """One summary a region, in the order asked, each counting the region with its sub-regions."""
    if not region_ids:
        raise InvalidParameter("name at least one region id, e.g. region:440310")
    regions = [check_region(sub, i) for i in dict.fromkeys(region_ids)]
    nodes = {n.id: n for n in sub.nodes}
    degree = scores(sub, "degree")
    return [_summary(sub, nodes, region, degree) for region in regions]


def _summary(
    sub: Subgraph, nodes: dict[str, Entity], region: Entity, degree: dict[str, float]
) -> RegionSummary:
    actors = region_actors(sub, region.id)
    by_label = Counter(nodes[i].label for i in actors)
    support = _largest_support(nodes, sub.edges, actors)
    edges = [e for e in sub.edges if e.source in actors and e.target in actors]
    dates = [nodes[i].first_seen for i in actors] + [e.first_seen for e in edges]
    seen = [d[:10] for d in dates if d]
    firms = [nodes[i] for i in actors if nodes[i].label is Label.FIRM]
    return RegionSummary(
        region=ref(region),
        sub_regions=by_label[Label.REGION] - 1,
        actors=len(actors),
        policies=by_label[Label.POLICY],
        funds=by_label[Label.FUND],
        firms=by_label[Label.FIRM],
        bases=by_label[Label.BASE],
        associations=by_label[Label.ASSOCIATION],
        events=by_label[Label.EVENT],
        largest_support_cny=support[0] if support else None,
        largest_support_by=ref(nodes[support[1]]) if support else None,
        top_firms=rank(firms, degree, 3),
        earliest_first_seen=min(seen) if seen else None,
        latest_first_seen=max(seen) if seen else None,
    )
