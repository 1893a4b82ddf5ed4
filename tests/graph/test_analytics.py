"""Centrality, communities, region actors and region comparison on small hand-built graphs."""

from __future__ import annotations

import pytest

from mdkg.graph.analytics import (
    MEASURES,
    centrality,
    communities,
    community_of,
    compare_regions,
    region_actors,
    to_networkx,
)
from mdkg.graph.errors import InvalidRequest, NotFound
from mdkg.graph.ontology import Entity, Label, Relationship, RelType, Subgraph, entity_id
from tests.graph import analytics_graph as g


def firm(name: str) -> Entity:
    return Entity(id=entity_id(Label.FIRM, name), label=Label.FIRM, name=name)


def partners(a: Entity, b: Entity) -> Relationship:
    return Relationship(type=RelType.PARTNERS_WITH, source=a.id, target=b.id, first_seen="2025-01-01")


HUB, LEAF_1, LEAF_2, LEAF_3, TAIL = (firm(n) for n in ("hub", "leaf1", "leaf2", "leaf3", "tail"))
# hub joins three leaves; leaf3 goes on to tail: hub is the most central on every measure
STAR = Subgraph(
    nodes=[HUB, LEAF_1, LEAF_2, LEAF_3, TAIL],
    edges=[partners(HUB, LEAF_1), partners(HUB, LEAF_2), partners(HUB, LEAF_3), partners(LEAF_3, TAIL)],
)
# a second relationship between hub and leaf1
PARALLEL = Relationship(type=RelType.SUBSIDIARY_OF, source=LEAF_1.id, target=HUB.id)


def test_to_networkx_keys_edges_by_relationship_id() -> None:
    nx_graph = to_networkx(g.GRAPH)
    assert nx_graph.number_of_nodes() == len(g.ENTITIES)
    assert nx_graph.number_of_edges() == len(g.RELS)
    edge = g.RELS[0]
    data = nx_graph.edges[edge.source, edge.target, edge.id]
    assert data["type"] is RelType.PART_OF and data["first_seen"] == "2024-03-05"
    assert nx_graph.nodes[g.FIRM_A.id] == {"label": Label.FIRM, "name": g.FIRM_A.name}


@pytest.mark.parametrize("measure", MEASURES)
def test_the_hub_ranks_first_on_every_measure(measure: str) -> None:
    ranked = centrality(STAR, measure)  # type: ignore[arg-type]
    assert ranked[0].id == HUB.id and ranked[0].rank == 1
    assert [r.rank for r in ranked] == [1, 2, 3, 4, 5]
    assert all(a.score >= b.score for a, b in zip(ranked, ranked[1:], strict=False))


@pytest.mark.parametrize(
    "measure, expected",
    [
        ("degree", {HUB.id: 0.75, LEAF_3.id: 0.5, TAIL.id: 0.25}),
        ("betweenness", {HUB.id: 5 / 6, LEAF_3.id: 0.5, LEAF_1.id: 0.0}),
    ],
)
def test_scores_by_hand(measure: str, expected: dict[str, float]) -> None:
    scores = {r.id: r.score for r in centrality(STAR, measure)}  # type: ignore[arg-type]
    for ident, score in expected.items():
        assert scores[ident] == pytest.approx(score)


def test_pagerank_sums_to_one_and_ties_break_by_id() -> None:
    ranked = centrality(STAR, "pagerank")
    assert sum(r.score for r in ranked) == pytest.approx(1.0)
    leaves = [r.id for r in ranked if r.id in (LEAF_1.id, LEAF_2.id)]
    assert leaves == sorted(leaves)


def test_parallel_relationships_count_once() -> None:
    doubled = Subgraph(nodes=STAR.nodes, edges=[*STAR.edges, PARALLEL])
    assert centrality(doubled, "degree") == centrality(STAR, "degree")


def test_labels_filter_after_computing_on_the_whole_graph() -> None:
    everyone = {r.id: r.score for r in centrality(g.GRAPH, "betweenness")}
    firms = centrality(g.GRAPH, "betweenness", labels=[Label.FIRM], top=2)
    assert [r.id for r in firms] == [g.FIRM_A.id, g.FIRM_D.id]
    assert firms[0].score == everyone[g.FIRM_A.id] and firms[1].rank == 2


def test_bad_top_and_measure() -> None:
    with pytest.raises(InvalidRequest):
        centrality(STAR, top=0)
    with pytest.raises(InvalidRequest):
        centrality(STAR, "eigen")  # type: ignore[arg-type]


def test_empty_graph() -> None:
    assert centrality(Subgraph()) == [] and community_of(Subgraph()) == {}


def test_communities_split_the_two_cities() -> None:
    number = community_of(g.GRAPH)
    assert set(number) == {e.id for e in g.ENTITIES}
    assert number[g.FIRM_D.id] == number[g.FIRM_E.id] == number[g.FUND_HZ.id]
    assert number[g.FIRM_A.id] != number[g.FIRM_D.id]
    assert community_of(g.GRAPH) == number  # seeded: the same every time


def test_communities_are_numbered_by_size_with_top_members() -> None:
    found = communities(g.GRAPH, min_size=2, top_members=2)
    assert [c.number for c in found] == sorted(c.number for c in found)
    assert [c.size for c in found] == sorted((c.size for c in found), reverse=True)
    assert all(c.size >= 2 and len(c.members) <= 2 for c in found)
    assert all(sum(c.labels.values()) == c.size for c in found)
    singles = communities(g.GRAPH, min_size=1)
    assert {m.id for c in singles for m in c.members if c.size == 1} == {g.UNDATED.id}


def names(ids: set[str]) -> set[str]:
    by_id = {e.id: e.name for e in g.ENTITIES}
    return {by_id[i] for i in ids}


def test_region_actors_go_down_never_up() -> None:
    actors = region_actors(g.GRAPH, g.SHENZHEN.id)
    expected = [g.SHENZHEN, g.PINGSHAN, g.NANSHAN, g.CITY, g.PARK, g.FIRM_A, g.FIRM_B, g.FIRM_C]
    expected += [g.BUREAU, g.ASSOC, g.POLICY_PS, g.POLICY_NS, g.EVENT]
    assert names(actors) == {e.name for e in expected}
    assert g.GUANGDONG.id not in actors and g.FIRM_G.id not in actors and g.FIRM_D.id not in actors


def test_region_actors_of_a_district_reach_a_park_inside_its_base() -> None:
    actors = region_actors(g.GRAPH, g.PINGSHAN.id)
    assert {g.PARK.id, g.FIRM_B.id, g.POLICY_PS.id} <= actors
    assert g.SHENZHEN.id not in actors and g.ASSOC.id not in actors


def test_compare_regions_counts_and_largest_support() -> None:
    shenzhen, hangzhou = compare_regions(g.GRAPH, [g.SHENZHEN.id, g.HANGZHOU.id])
    assert (shenzhen.policies, shenzhen.funds, shenzhen.firms, shenzhen.bases) == (2, 0, 3, 2)
    assert (shenzhen.associations, shenzhen.events, shenzhen.sub_regions) == (1, 1, 2)
    # the SUPPORTS edge's 8m beats the policy's own 5m ceiling
    assert shenzhen.largest_support_cny == 8_000_000
    assert shenzhen.largest_support_by and shenzhen.largest_support_by.id == g.POLICY_PS.id
    assert [f.id for f in shenzhen.top_firms] == [g.FIRM_A.id, g.FIRM_C.id, g.FIRM_B.id]
    assert (shenzhen.earliest_first_seen, shenzhen.latest_first_seen) == ("2024-03-05", "2025-06-20")
    assert hangzhou.largest_support_cny == 50_000_000 and hangzhou.funds == 1 and hangzhou.policies == 1
    assert hangzhou.largest_support_by and hangzhou.largest_support_by.id == g.FUND_HZ.id


@pytest.mark.parametrize(
    "ids, error",
    [
        ([g.FIRM_A.id], InvalidRequest),
        (["region:nowhere"], NotFound),
        ([], InvalidRequest),
    ],
)
def test_compare_regions_rejects(ids: list[str], error: type[Exception]) -> None:
    with pytest.raises(error):
        compare_regions(g.GRAPH, ids)
