"""The graph as of a date, and timelines of firms and regions, on both stores."""

from __future__ import annotations

import pytest

from mdkg.graph.errors import InvalidRequest, NotFound
from mdkg.graph.ontology import Article, Evidence, Relationship, RelType, Subgraph
from mdkg.graph.store import GraphStore
from mdkg.graph.timeline import ItemKind, as_of, check_date, in_window, load, overlaps, timeline
from tests.connections_graph import ART_3, BATCHES, LOCATED
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


# --- as of a date, later facts are forgotten too ------------------------------------------------

EARLY = Article(id="e1", title="早报", source="早报", published_at="2024-01-10")
LATE = Article(id="l1", title="晚报", source="晚报", published_at="2025-06-01T08:00")
UNDATED_ARTICLE = Article(id="u1", title="无日期", source="某网")
ARTICLES = {a.id: a for a in (EARLY, LATE, UNDATED_ARTICLE)}


def _evidence(article: Article, sentence: str) -> Evidence:
    return Evidence(
        article_id=article.id, sentence=sentence, start=0, end=len(sentence), extractor="test", confidence=0.7
    )


SEEN_TWICE = Relationship(
    type=RelType.PARTNERS_WITH,
    source=g.FIRM_A.id,
    target=g.FIRM_B.id,
    evidence=[
        _evidence(EARLY, "甲乙两家签约。"),
        _evidence(LATE, "甲乙两家续约。"),
        _evidence(UNDATED_ARTICLE, "甲乙合作。"),
    ],
    first_seen="2024-01-10",
    last_seen="2025-06-01",
)
FIRM_SEEN_TWICE = g.FIRM_A.model_copy(
    update={"first_seen": "2024-01-10", "last_seen": "2025-06-01", "sources": ["e1", "l1"]}
)
TWICE = Subgraph(
    nodes=[FIRM_SEEN_TWICE, g.FIRM_B.model_copy(update={"first_seen": None})], edges=[SEEN_TWICE]
)


def test_as_of_with_articles_drops_later_evidence_sources_and_last_seen() -> None:
    cut = as_of(TWICE, "2024-12-31", ARTICLES)
    [edge] = cut.edges
    assert [e.sentence for e in edge.evidence] == ["甲乙两家签约。", "甲乙合作。"]  # undated stays
    assert (edge.sources, edge.last_seen, edge.first_seen) == (["e1", "u1"], "2024-01-10", "2024-01-10")
    firm = next(n for n in cut.nodes if n.id == g.FIRM_A.id)
    assert (firm.sources, firm.last_seen) == (["e1"], "2024-01-10")
    assert as_of(TWICE, "2025-06-01", ARTICLES) == TWICE  # nothing later: the same facts


def test_as_of_without_articles_only_clamps_last_seen() -> None:
    [edge] = as_of(TWICE, "2024-12-31").edges
    assert len(edge.evidence) == 3 and edge.last_seen == "2024-12-31"


@pytest.mark.parametrize(
    "day, since, until, inside",
    [
        ("2025-03-01T09:00", "2025-03-01", None, True),
        ("2025-03-01T09:00", None, "2025-03-01", True),
        ("2025-02-28", "2025-03-01", None, False),
        ("2025-03-02", None, "2025-03-01", False),
        (None, None, None, True),
        (None, "2025-03-01", None, False),
    ],
)
def test_in_window_compares_days(day: str | None, since: str | None, until: str | None, inside: bool) -> None:
    assert in_window(day, since, until) is inside


@pytest.mark.parametrize(
    "first, last, inside",
    [
        ("2024-01-10", "2025-03-01T09:00", True),  # last seen on the first day of the window
        ("2025-03-31T23:59", "2025-06-01", True),  # first seen on its last day
        ("2024-01-10", "2025-02-28", False),
        ("2025-04-01", "2025-06-01", False),
        (None, "2025-03-10", False),
    ],
)
def test_overlaps_compares_days(first: str | None, last: str | None, inside: bool) -> None:
    assert overlaps(first, last, "2025-03-01", "2025-03-31") is inside
    assert overlaps(first, last, None, None)


def test_load_as_of_shows_only_the_evidence_reported_by_then(store: GraphStore) -> None:
    for batch in BATCHES:
        store.write(batch)
    [located] = [e for e in load(store, as_of="2024-12-31").edges if e.id == LOCATED[0].id]
    assert [e.article_id for e in located.evidence] == [ART_3.id]
    assert (located.first_seen, located.last_seen, located.sources) == (
        "2024-01-10",
        "2024-01-10",
        [ART_3.id],
    )
    [whole] = [e for e in load(store).edges if e.id == LOCATED[0].id]
    assert len(whole.evidence) == 2 and whole.last_seen == "2025-06-01"
