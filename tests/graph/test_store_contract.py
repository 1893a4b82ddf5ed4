"""The store contract: the same tests on the embedded store and on a real Neo4j."""

from __future__ import annotations

import random
from collections import Counter

import networkx as nx
import pytest

from mdkg.graph.errors import InvalidRequest
from mdkg.graph.ontology import Direction, GraphBatch, Label, Mention, RelType, Reprint
from mdkg.graph.store import (
    GraphStore,
    StoredStory,
    upsert_articles,
    upsert_entities,
    upsert_mentions,
    upsert_relationships,
)
from tests.sample_graph import (
    ART_1,
    ART_2,
    ASSOC,
    BASE,
    BATCH,
    FIRM_A,
    FIRM_B,
    ISOLATED,
    PINGSHAN,
    SHENZHEN,
    make_entity,
    make_rel,
)


def test_write_then_counts(loaded: GraphStore) -> None:
    counts = loaded.counts()
    assert (counts.articles, counts.entities, counts.relationships) == (2, 7, 5)
    assert counts.evidence == 5 and counts.mentions == 6
    assert counts.by_label["Region"] == 2 and counts.by_type["LOCATED_IN"] == 2


def test_best_connected_ranks_by_relationships_then_shorter_name(loaded: GraphStore) -> None:
    degree: Counter[str] = Counter()
    for rel in BATCH.relationships:
        degree[rel.source] += 1
        degree[rel.target] += 1
    named = {e.id: e for e in BATCH.entities}
    ranked = sorted(named, key=lambda i: (-degree[i], len(named[i].name), named[i].name, i))
    assert [e.id for e in loaded.best_connected(limit=3)] == ranked[:3]
    firms = [i for i in ranked if named[i].label is Label.FIRM]
    assert [e.id for e in loaded.best_connected([Label.FIRM, Label.FUND], limit=10)] == firms
    assert loaded.best_connected([Label.REPORT]) == []
    rel = make_rel(RelType.LOCATED_IN, FIRM_B, SHENZHEN, ART_2, "Bingding is in Shenzhen.", 40)
    loaded.write(GraphBatch(relationships=[rel]))  # one more relationship: the degree follows
    degree[FIRM_B.id] += 1
    reranked = sorted(firms, key=lambda i: (-degree[i], len(named[i].name), named[i].name, i))
    assert [e.id for e in loaded.best_connected([Label.FIRM])] == reranked != firms


def test_what_another_article_says_of_a_firms_segments_adds_to_them(loaded: GraphStore) -> None:
    again = FIRM_A.model_copy(update={"properties": {**FIRM_A.properties, "segments": ["platform"]}})
    loaded.write(GraphBatch(entities=[again]))
    assert loaded.get_entity(FIRM_A.id).properties["segments"] == ["data_services", "platform"]  # type: ignore[union-attr]
    loaded.write(GraphBatch(entities=[FIRM_A]))  # said again: nothing new
    assert loaded.get_entity(FIRM_A.id).properties["segments"] == ["data_services", "platform"]  # type: ignore[union-attr]
    two = [FIRM_B.model_copy(update={"properties": {"segments": [s]}}) for s in ("production", "marketing")]
    loaded.write(GraphBatch(entities=two))  # two articles of one batch
    assert loaded.get_entity(FIRM_B.id).properties["segments"] == ["production", "marketing"]  # type: ignore[union-attr]


def test_writing_twice_changes_nothing(loaded: GraphStore) -> None:
    before = loaded.counts()
    loaded.write(BATCH)
    assert loaded.counts() == before
    rel = loaded.neighbours(FIRM_A.id, types=[RelType.MEMBER_OF]).edges[0]
    assert len(rel.evidence) == 1


def test_new_evidence_merges_into_the_same_edge(loaded: GraphStore) -> None:
    again = make_rel(
        RelType.MEMBER_OF, FIRM_A, ASSOC, ART_2, "Jiayi is the president unit.", 5, role="会长单位"
    )
    loaded.write(GraphBatch(relationships=[again]))
    edges = loaded.neighbours(FIRM_A.id, types=[RelType.MEMBER_OF]).edges
    assert len(edges) == 1
    assert [e.article_id for e in edges[0].evidence] == ["a1", "a2"]
    assert edges[0].sources == ["a1", "a2"]
    assert (edges[0].first_seen, edges[0].last_seen) == ("2025-03-01", "2025-06-01")
    assert edges[0].properties == {"role": "会长单位"}


def test_reversed_symmetric_edge_is_the_same_edge(loaded: GraphStore) -> None:
    reverse = make_rel(RelType.PARTNERS_WITH, FIRM_A, FIRM_B, ART_1, "甲乙与丙丁携手。", 70)
    loaded.write(GraphBatch(relationships=[reverse]))
    assert loaded.counts().by_type["PARTNERS_WITH"] == 1


def test_get_entity_round_trips(loaded: GraphStore) -> None:
    got = loaded.get_entity(PINGSHAN.id)
    assert got is not None
    assert (got.label, got.name, got.properties) == (
        Label.REGION,
        "坪山区",
        {"level": "District", "adcode": "440310"},
    )
    assert set(got.aliases) == {"坪山", "Pingshan District"}
    assert loaded.get_entity("firm:nothing") is None


def test_entity_upsert_unites_aliases_and_sources(loaded: GraphStore) -> None:
    more = FIRM_A.model_copy(update={"aliases": ["DataJ"], "sources": ["a2"], "first_seen": "2024-01-01"})
    loaded.write(GraphBatch(entities=[more]))
    got = loaded.get_entity(FIRM_A.id)
    assert got is not None
    assert set(got.aliases) == {"甲乙科技", "Jiayi Tech", "DataJ"}
    assert got.sources == ["a2"] and got.first_seen == "2024-01-01"
    assert loaded.counts().entities == 7


@pytest.mark.parametrize(
    "query, first",
    [
        ("甲乙科技", FIRM_A.id),
        ("jiayi tech", FIRM_A.id),
        ("坪山", PINGSHAN.id),
        ("Pingshan District", PINGSHAN.id),
    ],
)
def test_search_by_name_and_alias(loaded: GraphStore, query: str, first: str) -> None:
    assert loaded.search(query)[0].id == first


def test_search_ranks_exact_before_substring_and_filters_labels(loaded: GraphStore) -> None:
    ids = [e.id for e in loaded.search("坪山")]
    assert ids[0] == PINGSHAN.id and BASE.id in ids
    assert [e.id for e in loaded.search("坪山", labels=[Label.BASE])] == [BASE.id]
    assert loaded.search("没有这个") == []


def test_find_by_keys(loaded: GraphStore) -> None:
    found = loaded.find_by_keys(Label.FIRM, ["甲乙科技", "jiayitech", "nothing"])
    assert [e.id for e in found] == [FIRM_A.id]
    assert {e.id for e in loaded.find_by_keys(Label.REGION, ["坪山", "深圳"])} == {PINGSHAN.id, SHENZHEN.id}
    assert loaded.find_by_keys(Label.BASE, ["甲乙科技"]) == []


def test_neighbours_depth_one(loaded: GraphStore) -> None:
    sub = loaded.neighbours(BASE.id)
    assert {n.id for n in sub.nodes} == {BASE.id, FIRM_B.id, PINGSHAN.id}
    assert sub.nodes[0].id == BASE.id  # the entity itself first
    assert {e.type for e in sub.edges} == {RelType.LOCATED_IN}
    assert all(e.evidence for e in sub.edges)


def test_neighbours_depth_two_types_and_direction(loaded: GraphStore) -> None:
    sub = loaded.neighbours(BASE.id, depth=2)
    assert {n.id for n in sub.nodes} == {BASE.id, FIRM_B.id, PINGSHAN.id, SHENZHEN.id, FIRM_A.id}
    only = loaded.neighbours(BASE.id, depth=2, types=[RelType.LOCATED_IN])
    assert {n.id for n in only.nodes} == {BASE.id, FIRM_B.id, PINGSHAN.id}
    assert [n.id for n in loaded.neighbours(ISOLATED.id, types=[RelType.PART_OF]).nodes] == [ISOLATED.id]
    out = loaded.neighbours(BASE.id, depth=3, direction=Direction.OUT)
    assert {n.id for n in out.nodes} == {BASE.id, PINGSHAN.id, SHENZHEN.id}
    inward = loaded.neighbours(BASE.id, direction=Direction.IN)
    assert {n.id for n in inward.nodes} == {BASE.id, FIRM_B.id}


def test_neighbours_limit_and_unknown(loaded: GraphStore) -> None:
    sub = loaded.neighbours(BASE.id, depth=3, limit=2)
    assert len(sub.nodes) == 3
    assert {e.source for e in sub.edges} | {e.target for e in sub.edges} <= {n.id for n in sub.nodes}
    assert loaded.neighbours("firm:nothing").nodes == []


def test_neighbours_depth_one_limit_keeps_the_first_neighbours_by_id(loaded: GraphStore) -> None:
    full = loaded.neighbours(BASE.id)
    first = sorted(n.id for n in full.nodes[1:])[0]
    one = loaded.neighbours(BASE.id, limit=1)
    assert [n.id for n in one.nodes] == [BASE.id, first]
    assert one.edges == [e for e in full.edges if first in (e.source, e.target)]
    assert [n.id for n in loaded.neighbours(BASE.id, limit=0).nodes] == [BASE.id]
    assert loaded.neighbours(BASE.id, limit=0).edges == []


def test_shortest_path(loaded: GraphStore) -> None:
    path = loaded.shortest_path(FIRM_A.id, SHENZHEN.id)
    assert path is not None
    assert [n.id for n in path.nodes] == [FIRM_A.id, FIRM_B.id, BASE.id, PINGSHAN.id, SHENZHEN.id]
    assert [e.type for e in path.edges] == [
        RelType.PARTNERS_WITH,
        RelType.LOCATED_IN,
        RelType.LOCATED_IN,
        RelType.PART_OF,
    ]
    assert loaded.shortest_path(FIRM_A.id, ISOLATED.id) is None
    assert loaded.shortest_path(FIRM_A.id, SHENZHEN.id, max_depth=2) is None


def test_shortest_paths_are_as_short_as_networkx_finds(store: GraphStore) -> None:
    rng = random.Random(3)
    firms = [make_entity(Label.FIRM, f"路径{i}科技有限公司") for i in range(120)]
    rels = [
        make_rel(RelType.PARTNERS_WITH, a, b, ART_1, f"{a.name}与{b.name}合作。", i)
        for i, (a, b) in enumerate(rng.sample(firms, 2) for _ in range(140))
    ]
    store.write(GraphBatch(articles=[ART_1], entities=firms, relationships=rels))
    g = nx.Graph([(r.source, r.target) for r in rels])
    g.add_nodes_from(f.id for f in firms)
    for a, b in (rng.sample(firms, 2) for _ in range(25)):
        path = store.shortest_path(a.id, b.id, max_depth=5)
        hops = nx.shortest_path_length(g, a.id, b.id) if nx.has_path(g, a.id, b.id) else None
        if hops is None or hops > 5:
            assert path is None
            continue
        assert path is not None and len(path.edges) == hops
        ids = [n.id for n in path.nodes]
        assert ids[0] == a.id and ids[-1] == b.id
        assert all({e.source, e.target} == {x, y} for e, x, y in zip(path.edges, ids, ids[1:], strict=False))


def test_neighbourhoods_are_the_same_before_and_after_a_path_search(store: GraphStore) -> None:
    """The embedded store reads a neighbourhood by index until a path search has loaded the whole
    graph into memory, then from memory: the two must agree, on every direction and type filter."""
    rng = random.Random(5)
    firms = [make_entity(Label.FIRM, f"邻域{i}文化传媒有限公司") for i in range(60)]
    kinds = [RelType.PARTNERS_WITH, RelType.SUBSIDIARY_OF, RelType.MEMBER_OF]
    rels = [
        make_rel(kinds[i % 3], a, b, ART_1, f"{a.name}与{b.name}。", i)
        for i, (a, b) in enumerate([*(rng.sample(firms, 2) for _ in range(150)), (firms[0], firms[0])])
    ]
    store.write(GraphBatch(articles=[ART_1], entities=firms, relationships=rels))
    asks = [
        (f.id, depth, types, direction, limit)
        for f in rng.sample(firms, 6)
        for depth in (1, 2, 3)
        for types, direction in (
            (None, Direction.BOTH),
            ([RelType.PARTNERS_WITH], Direction.OUT),
            (kinds[1:], Direction.IN),
        )
        for limit in (5, 100)
    ]
    asks.append((firms[0].id, 1, None, Direction.BOTH, 100))
    before = [store.neighbours(*a) for a in asks]
    store.shortest_path(firms[0].id, firms[1].id)  # the embedded store loads the whole graph
    after = [store.neighbours(*a) for a in asks]
    assert before == after and any(len(s.nodes) > 6 for s in before)
    assert sum(e.source == e.target for e in before[-1].edges) == 1  # the self-loop, once


def test_subgraph_and_articles(loaded: GraphStore) -> None:
    sub = loaded.subgraph([FIRM_A.id, FIRM_B.id, ASSOC.id])
    assert {e.type for e in sub.edges} == {RelType.MEMBER_OF, RelType.PARTNERS_WITH}
    assert len(loaded.subgraph().nodes) == 7
    arts = loaded.get_articles(["a1", "zz"])
    assert list(arts) == ["a1"] and arts["a1"].title == ART_1.title


def test_clear(loaded: GraphStore) -> None:
    loaded.clear()
    assert loaded.counts().entities == 0


def test_a_batch_with_a_dangling_edge_writes_nothing(store: GraphStore) -> None:
    dangling = make_rel(RelType.MEMBER_OF, FIRM_A, ASSOC, ART_1, "甲乙科技担任会长单位。")
    batch = GraphBatch(articles=[ART_1], entities=[FIRM_A], relationships=[dangling])
    with pytest.raises(InvalidRequest):
        store.write(batch)
    assert store.counts().entities == 0 and store.counts().articles == 0


def test_upsert_helpers_write_through_the_contract(store: GraphStore) -> None:
    upsert_articles(store, [ART_1])
    upsert_entities(store, [FIRM_A, ASSOC])
    upsert_relationships(store, [make_rel(RelType.MEMBER_OF, FIRM_A, ASSOC, ART_1, "甲乙科技担任会长单位。")])
    upsert_mentions(store, [Mention(article_id=ART_1.id, entity_id=FIRM_A.id, count=3)])
    counts = store.counts()
    assert (counts.articles, counts.entities, counts.relationships, counts.mentions) == (1, 2, 1, 1)


def test_depth_outside_one_to_three_is_refused(loaded: GraphStore) -> None:
    with pytest.raises(InvalidRequest):
        loaded.neighbours(BASE.id, depth=4)


def test_a_firm_known_by_its_short_name_takes_its_legal_name(store: GraphStore) -> None:
    short = make_entity(Label.FIRM, "甲乙科技")
    store.write(GraphBatch(entities=[short]))
    legal = short.model_copy(
        update={"name": "深圳市甲乙科技有限公司", "aliases": ["Jiayi"],
                "properties": {"legal_name": "深圳市甲乙科技有限公司"}}
    )  # fmt: skip
    store.write(GraphBatch(entities=[legal]))
    got = store.get_entity(short.id)
    assert got is not None and got.name == "深圳市甲乙科技有限公司"
    assert set(got.aliases) == {"甲乙科技", "Jiayi"}
    assert [e.id for e in store.search("甲乙科技")] == [short.id]
    store.write(GraphBatch(entities=[short]))
    assert store.get_entity(short.id) == got


def test_reprints_are_kept_once_and_fingerprints_listed(store: GraphStore) -> None:
    copy = Reprint(
        title="坪山发布扶持措施(转载)", source="转载日报", published_at="2025-03-02", url="http://x.test/1"
    )
    first = ART_1.model_copy(update={"fingerprint": "00ff", "reprints": [copy]})
    store.write(GraphBatch(articles=[first, ART_2]))
    second = ART_1.model_copy(update={"reprints": [copy, Reprint(title="另一份", source="晚报")]})
    store.write(GraphBatch(articles=[second]))
    got = store.get_articles([ART_1.id])[ART_1.id]
    assert [r.source for r in got.reprints] == ["转载日报", "晚报"]
    assert got.reprints[0] == copy and got.fingerprint == "00ff"
    stories = store.stories_since(0)
    assert stories.stories == {ART_1.id: StoredStory(fingerprint="00ff", published_at=ART_1.published_at)}
    assert store.counts().articles == 2
