"""The graph as of a date, and timelines of firms and regions, on both stores."""

from __future__ import annotations

import pytest

from graph.errors import InvalidRequest, NotFound
from graph.ontology import Subgraph
from graph.store import GraphStore
from graph.timeline import ItemKind, as_of, check_date, load, timeline
from tests.graph import analytics_graph as g


@pytest.mark.parametrize(
    "date, nodes, edges",
    [
        ("2024-03-04", {g.UNDATED.id}, 0),
        ("2024-03-05", None, 10),
        ("2024-12-31", None, 19),
        ("2025-06-20T23:00", None, len(g.RELS)),
    ],
)
def test_as_of_keeps_what_was_seen_by_then(date: str, nodes: set[str] | None, edges: int) -> None:
    cut = as_of(g.GRAPH, date)
    assert len(cut.edges) == edges
    if nodes is not None:
        assert {n.id for n in cut.nodes} == nodes
    day = date[:10]
    assert all(n.first_seen is None or n.first_seen <= day for n in cut.nodes)
    kept = {n.id for n in cut.nodes}
    assert all(e.first_seen and e.first_seen <= day and {e.source, e.target} <= kept for e in cut.edges)


def test_as_of_drops_undated_edges_and_edges_to_dropped_nodes() -> None:
    late = g.RELS[-1].model_copy(update={"first_seen": None})
    cut = as_of(Subgraph(nodes=g.ENTITIES, edges=[late]), "2030-01-01")
    assert cut.edges == []
    hz_edge = next(e for e in g.RELS if e.source == g.FIRM_D.id)
    early = hz_edge.model_copy(update={"first_seen": "2024-01-01"})
    assert as_of(Subgraph(nodes=g.ENTITIES, edges=[early]), "2024-06-01").edges == []


def test_as_of_without_a_date_is_the_whole_graph() -> None:
    assert as_of(g.GRAPH, None) is g.GRAPH


@pytest.mark.parametrize("text", ["2024-3-5", "2024-02-30", "yesterday", "20240305", "2024-03-05T10:00"])
def test_check_date_rejects(text: str) -> None:
    with pytest.raises(InvalidRequest, match="YYYY-MM-DD"):
        check_date(text, "since")


def test_check_date_accepts() -> None:
    assert check_date("2024-02-29") == "2024-02-29" and check_date(None) is None


def test_load_reads_the_whole_graph_and_cuts_it(store: GraphStore) -> None:
    store.write(g.BATCH)
    whole = load(store)
    assert {n.id for n in whole.nodes} == {e.id for e in g.ENTITIES}
    assert {e.id for e in whole.edges} == {e.id for e in g.RELS}
    cut = load(store, as_of="2024-12-31")
    assert {e.id for e in cut.edges} == {e.id for e in as_of(g.GRAPH, "2024-12-31").edges}
    with pytest.raises(InvalidRequest):
        load(store, as_of="31/12/2024")


def test_firm_timeline_lists_its_relationships_in_date_order(store: GraphStore) -> None:
    store.write(g.BATCH)
    line = timeline(store, g.FIRM_A.id)
    assert line.entity.id == g.FIRM_A.id
    touching = [e for e in g.RELS if g.FIRM_A.id in (e.source, e.target)]
    assert len(line.items) == len(touching)
    assert all(i.kind is ItemKind.RELATIONSHIP for i in line.items)
    dates = [i.date or "" for i in line.items]
    assert dates == sorted(dates) and dates[0] == "2024-03-05" and dates[-1] == "2025-06-20"
    last = line.items[-1]
    assert last.other is not None and last.other.id in (g.FIRM_D.id, g.CITY.id)
    assert last.sentence and last.article and last.article.title == g.T4.title
    assert last.article.source == "证券时报" and last.article.date == "2025-06-20"


def test_firm_timeline_between_dates(store: GraphStore) -> None:
    store.write(g.BATCH)
    line = timeline(store, g.FIRM_A.id, since="2024-06-01", until="2024-12-31")
    assert {i.date for i in line.items} == {"2024-09-10"}
    assert {i.relationship.type.value for i in line.items if i.relationship} == {"MEMBER_OF", "PARTNERS_WITH"}
    assert (line.since, line.until) == ("2024-06-01", "2024-12-31")


def test_region_timeline_has_policies_funds_events_of_its_actors(store: GraphStore) -> None:
    store.write(g.BATCH)
    line = timeline(store, g.SHENZHEN.id)
    entities = {(i.kind, i.entity.id) for i in line.items if i.entity}
    assert entities == {
        (ItemKind.POLICY, g.POLICY_PS.id),
        (ItemKind.POLICY, g.POLICY_NS.id),
        (ItemKind.EVENT, g.EVENT.id),
    }
    policy = next(i for i in line.items if i.entity and i.entity.id == g.POLICY_PS.id)
    assert policy.date == "2024-03-05" and policy.article and policy.article.title == g.T1.title
    assert policy.sentence and g.POLICY_PS.name in policy.sentence
    rels = {i.relationship.id for i in line.items if i.relationship}
    assert next(e.id for e in g.RELS if e.source == g.FIRM_G.id) not in rels  # Guangdong's own firm
    dates = [i.date or "" for i in line.items]
    assert dates == sorted(dates)


def test_hangzhou_timeline_has_its_fund(store: GraphStore) -> None:
    store.write(g.BATCH)
    kinds = {i.kind for i in timeline(store, g.HANGZHOU.id, since="2025-01-01").items}
    assert kinds == {ItemKind.POLICY, ItemKind.FUND, ItemKind.RELATIONSHIP}


def test_timeline_errors(store: GraphStore) -> None:
    store.write(g.BATCH)
    with pytest.raises(NotFound):
        timeline(store, "firm:nobody")
    with pytest.raises(InvalidRequest, match="until"):
        timeline(store, g.FIRM_A.id, until="2025-13-01")
