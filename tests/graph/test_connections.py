"""graph.connections on both stores: grouping, direction, filters, date ranges and pages."""

from __future__ import annotations

import pytest

from mdkg.graph.connections import ConnectionFilter, ConnectionPage, connections
from mdkg.graph.errors import InvalidRequest, NotFound
from mdkg.graph.ontology import RelType
from mdkg.graph.store import GraphStore
from tests.connections_graph import BATCHES, CHILD, HUB, ORDER, PARENT, PARTNER
from tests.sample_graph import ASSOC, FIRM_B, ISOLATED, PINGSHAN


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    for batch in BATCHES:
        store.write(batch)
    return store


def _page(store: GraphStore, offset: int = 0, limit: int = 50, **filters: object) -> ConnectionPage:
    return connections(store, HUB.id, ConnectionFilter.model_validate(filters), offset=offset, limit=limit)


def _flat(page: ConnectionPage) -> list[tuple[RelType, str, str]]:
    return [(g.type, c.direction, c.other.id) for g in page.groups for c in g.connections]


def test_grouped_by_type_and_direction_in_a_stable_order(loaded: GraphStore) -> None:
    page = _page(loaded)
    assert page.total == len(ORDER) and _flat(page) == ORDER
    groups = [(g.type, g.direction, g.count) for g in page.groups]
    assert groups == [
        (RelType.LOCATED_IN, "out", 1),
        (RelType.MEMBER_OF, "out", 1),
        (RelType.PARTNERS_WITH, "both", 2),
        (RelType.SUBSIDIARY_OF, "in", 1),
        (RelType.SUBSIDIARY_OF, "out", 1),
    ]


def test_each_connection_carries_its_properties_dates_and_evidence(loaded: GraphStore) -> None:
    page = _page(loaded)
    by_other = {c.other.id: c for g in page.groups for c in g.connections}
    member = by_other[ASSOC.id].relationship
    assert member.properties == {"role": "会长单位"} and member.evidence[0].sentence
    located = by_other[PINGSHAN.id].relationship
    assert (located.first_seen, located.last_seen) == ("2024-01-10", "2025-06-01")
    assert [e.article_id for e in located.evidence] == ["a2", "a3"]
    assert {"a1", "a2", "a3"} == set(page.articles)


@pytest.mark.parametrize("filters", [{}, {"min_outlets": 2}, {"since": "2024-01-01"}])
def test_each_connection_carries_the_outlets_that_state_it(
    loaded: GraphStore, filters: dict[str, object]
) -> None:
    by_other = {c.other.id: c.support for g in _page(loaded, **filters).groups for c in g.connections}
    assert by_other[PINGSHAN.id].outlets == ["testdaily", "测试晚报"]  # not 转载报, which reprinted a3
    assert by_other[PINGSHAN.id].confidence == 0.75
    assert all(s.outlets and s.confidence == 0.8 for o, s in by_other.items() if o in {ASSOC.id, FIRM_B.id})


def test_a_date_range_counts_only_the_outlets_dated_in_it(loaded: GraphStore) -> None:
    [located] = [
        c for g in _page(loaded, since="2025-05-01", types=[RelType.LOCATED_IN]).groups for c in g.connections
    ]
    assert (located.support.outlets, located.support.confidence) == (["testdaily"], 0.5)


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"types": [RelType.PARTNERS_WITH]}, {PARTNER.id, FIRM_B.id}),
        ({"min_confidence": 0.9}, {PARENT.id}),
        ({"min_confidence": 0.76}, {ASSOC.id, PARTNER.id, FIRM_B.id, CHILD.id, PARENT.id}),
        ({"min_confidence": 0.7}, {PINGSHAN.id, ASSOC.id, PARTNER.id, FIRM_B.id, CHILD.id, PARENT.id}),
        ({"min_outlets": 2}, {PINGSHAN.id}),
        ({"min_outlets": 2, "since": "2025-05-01"}, set()),  # in the range only Test Daily states it
        ({"since": "2025-05-01"}, {PINGSHAN.id, FIRM_B.id}),
        ({"until": "2024-12-31"}, {PINGSHAN.id, PARENT.id}),
        ({"since": "2025-03-01", "until": "2025-03-01"}, {PINGSHAN.id, ASSOC.id, PARTNER.id, CHILD.id}),
        ({"since": "2026-01-01"}, set()),
    ],
)
def test_filters(loaded: GraphStore, filters: dict[str, object], expected: set[str]) -> None:
    page = _page(loaded, **filters)
    assert {other for _, _, other in _flat(page)} == expected and page.total == len(expected)


@pytest.mark.parametrize(
    "filters, articles",
    [
        ({"since": "2025-05-01"}, ["a2"]),
        ({"until": "2024-12-31"}, ["a3"]),
        ({"since": "2025-03-01", "until": "2025-03-01"}, []),  # seen before and after, stated in neither
    ],
)
def test_a_date_range_shows_only_evidence_dated_in_it(
    loaded: GraphStore, filters: dict[str, object], articles: list[str]
) -> None:
    located = next(
        c for g in _page(loaded, **filters).groups for c in g.connections if c.other.id == PINGSHAN.id
    )
    assert [e.article_id for e in located.relationship.evidence] == articles


def test_pages_cover_every_connection_once_and_groups_count_all_pages(loaded: GraphStore) -> None:
    pages = [_page(loaded, offset=offset, limit=2) for offset in (0, 2, 4)]
    assert [row for page in pages for row in _flat(page)] == ORDER
    assert all(page.total == len(ORDER) for page in pages)
    second = pages[1].groups
    assert [(g.type, g.count, len(g.connections)) for g in second] == [(RelType.PARTNERS_WITH, 2, 2)]
    assert _page(loaded, offset=10).groups == []


def test_an_unconnected_entity_has_no_groups(loaded: GraphStore) -> None:
    page = connections(loaded, ISOLATED.id)
    assert (page.total, page.groups, page.entity.id) == (0, [], ISOLATED.id)


def test_bad_paging_and_unknown_entities_are_refused(loaded: GraphStore) -> None:
    with pytest.raises(InvalidRequest):
        _page(loaded, offset=-1)
    with pytest.raises(NotFound):
        connections(loaded, "firm:nobody")


@pytest.mark.parametrize(
    "filters, articles",
    [({}, {"a2", "a3"}), ({"since": "2025-05-01"}, {"a2"}), ({"until": "2024-12-31"}, {"a3"})],
)
def test_a_page_carries_the_articles_of_its_own_evidence(
    loaded: GraphStore, filters: dict[str, object], articles: set[str]
) -> None:
    page = _page(loaded, limit=1, **filters)
    assert _flat(page)[0][2] == PINGSHAN.id and set(page.articles) == articles


@pytest.mark.parametrize(
    "since, until, field",
    [
        ("2025-03-01T09:00", None, "since"),
        (None, "2025/03/01", "until"),
        ("2025-03-02", "2025-03-01", "after"),
    ],
)
def test_a_bad_date_window_is_refused(since: str | None, until: str | None, field: str) -> None:
    with pytest.raises(InvalidRequest, match=field):
        ConnectionFilter(since=since, until=until)


def test_a_date_window_compares_days() -> None:
    window = ConnectionFilter(since="2025-03-01", until="2025-03-01")
    assert window.overlaps("2024-01-10", "2025-03-01T09:00") and window.in_range("2025-03-01T23:59")
    assert not window.overlaps("2025-03-02T00:00", "2025-04-01") and not window.in_range(None)
