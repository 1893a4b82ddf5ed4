"""The subgraphs the pages draw, on both stores."""

from __future__ import annotations

import pytest

from mdkg.graph.analytics import centrality
from mdkg.graph.errors import InvalidRequest, NotFound
from mdkg.graph.ontology import Segment, Subgraph
from mdkg.graph.store import GraphStore
from mdkg.graph.views import cap, chain_of, entity_view, firm_regions, industry_chain, region_view, within
from tests.api.page_graph import CROWDED, MARKETER, PAGE_BATCH, PLATFORM, PRODUCER, crowded_batch
from tests.connections_graph import ART_3, BATCHES, HUB, LOCATED
from tests.sample_graph import BASE, FIRM_A, FIRM_B, PINGSHAN, SHENZHEN


def _names(sub: Subgraph) -> set[str]:
    return {n.name for n in sub.nodes}


def test_industry_chain_groups_firms_and_counts_links(store: GraphStore) -> None:
    store.write(PAGE_BATCH)
    view = industry_chain(store)
    assert [(s.segment, s.firms) for s in view.segments] == [
        (Segment.PRODUCTION, [PRODUCER.id]),
        (Segment.PLATFORM, [PLATFORM.id]),
        (Segment.MARKETING, [MARKETER.id]),
        (Segment.OVERSEAS, [MARKETER.id]),
        (Segment.DATA_SERVICES, [FIRM_A.id]),
    ]
    pairs = [(link.source, link.target, len(link.relationships)) for link in view.links]
    assert pairs == [
        (Segment.PRODUCTION, Segment.PLATFORM, 1),
        (Segment.PRODUCTION, Segment.DATA_SERVICES, 1),
        (Segment.PLATFORM, Segment.MARKETING, 1),
        (Segment.PLATFORM, Segment.OVERSEAS, 1),
    ]
    assert _names(view.firms) == {PRODUCER.name, PLATFORM.name, MARKETER.name, FIRM_A.name}
    assert len(view.firms.edges) == 3
    assert view.unsegmented == 1


def test_industry_chain_as_of_a_date(store: GraphStore) -> None:
    store.write(PAGE_BATCH)
    view = industry_chain(store, as_of="2025-06-01")
    assert [(link.source, link.target) for link in view.links] == [
        (Segment.PRODUCTION, Segment.DATA_SERVICES),
        (Segment.PLATFORM, Segment.MARKETING),
        (Segment.PLATFORM, Segment.OVERSEAS),
    ]


def test_links_within_one_segment_count_once() -> None:
    twin = PLATFORM.model_copy(update={"id": "firm:twin", "name": "twin"})
    sub = Subgraph(nodes=[PLATFORM, twin], edges=[PAGE_BATCH.relationships[0].model_copy(
        update={"source": PLATFORM.id, "target": twin.id})])  # fmt: skip
    assert [(k.source, k.target, len(k.relationships)) for k in chain_of(sub).links] == [
        (Segment.PLATFORM, Segment.PLATFORM, 1)
    ]


def test_the_chain_of_a_region_holds_the_firms_located_in_it(store: GraphStore) -> None:
    store.write(PAGE_BATCH)
    whole = industry_chain(store)
    assert [(r.id, r.firms) for r in whole.regions] == [(PINGSHAN.id, 1), (SHENZHEN.id, 1)]
    view = industry_chain(store, region=SHENZHEN.id)
    assert _names(view.firms) == {PRODUCER.name} and view.links == []
    assert view.unsegmented == 1, "丙丁文化 sits in a base in Pingshan and has no segment"
    assert view.region is not None and (view.region.name, view.region.firms) == (SHENZHEN.name, 1)
    assert view.regions == whole.regions, "the regions it can be narrowed to stay the same"
    early = industry_chain(store, as_of="2025-06-01", region=SHENZHEN.id)
    assert early.firms.nodes == [] and early.region is not None, "星河影业 settled in Pingshan later"


def test_the_chain_of_what_is_not_a_region(store: GraphStore) -> None:
    store.write(PAGE_BATCH)
    with pytest.raises(NotFound):
        industry_chain(store, region="region:nowhere")
    with pytest.raises(InvalidRequest, match="not a Region"):
        industry_chain(store, region=PRODUCER.id)


def test_firms_sit_in_every_region_above_their_place() -> None:
    sub = Subgraph(nodes=PAGE_BATCH.entities, edges=PAGE_BATCH.relationships)
    assert firm_regions(sub, [PRODUCER.id, FIRM_B.id, PLATFORM.id]) == {
        PRODUCER.id: {PINGSHAN.id, SHENZHEN.id},
        FIRM_B.id: {PINGSHAN.id, SHENZHEN.id},
        PLATFORM.id: set(),
    }


def test_region_view_holds_every_actor_of_its_sub_regions(store: GraphStore) -> None:
    store.write(PAGE_BATCH)
    sub = region_view(store, SHENZHEN.id)
    assert _names(sub) == {SHENZHEN.name, PINGSHAN.name, BASE.name, FIRM_B.name, PRODUCER.name}
    assert len(sub.edges) == 4
    assert _names(region_view(store, PINGSHAN.id)) == _names(sub) - {SHENZHEN.name}
    dated = region_view(store, SHENZHEN.id, as_of="2025-06-01")
    assert _names(dated) == {SHENZHEN.name, PINGSHAN.name, BASE.name, FIRM_B.name}


def test_entity_view_as_of_keeps_what_was_connected_then(store: GraphStore) -> None:
    store.write(PAGE_BATCH)
    assert _names(entity_view(store, PLATFORM.id)) == {PLATFORM.name, MARKETER.name, PRODUCER.name}
    assert _names(entity_view(store, PLATFORM.id, as_of="2025-06-01")) == {PLATFORM.name, MARKETER.name}
    two_hops = entity_view(store, PLATFORM.id, depth=2, as_of="2025-06-01")
    assert _names(two_hops) == {PLATFORM.name, MARKETER.name}


def test_within_cuts_by_hops() -> None:
    sub = Subgraph(nodes=PAGE_BATCH.entities, edges=PAGE_BATCH.relationships)
    assert _names(within(sub, PRODUCER.id, 1)) == {PRODUCER.name, PLATFORM.name, FIRM_A.name, PINGSHAN.name}
    assert within(sub, "firm:absent", 2).nodes == []


def test_cap_keeps_the_most_central_and_the_centre() -> None:
    batch = crowded_batch(1500)
    sub = Subgraph(nodes=batch.entities, edges=batch.relationships)
    shown, total = cap(sub, centrality(sub), keep=CROWDED.id)
    assert total == 1501 and len(shown.nodes) == 1000 and CROWDED.id in {n.id for n in shown.nodes}
    lonely = batch.entities[-1].id
    kept = cap(sub, centrality(sub), keep=lonely, limit=10).sub
    assert len(kept.nodes) == 10 and lonely in {n.id for n in kept.nodes}
    assert cap(sub, centrality(sub), limit=5000).sub is sub


def test_entity_view_as_of_shows_only_the_evidence_reported_by_then(store: GraphStore) -> None:
    for batch in BATCHES:
        store.write(batch)
    [located] = [e for e in entity_view(store, HUB.id, as_of="2024-12-31").edges if e.id == LOCATED[0].id]
    assert [e.article_id for e in located.evidence] == [ART_3.id]
    assert located.last_seen == "2024-01-10"
