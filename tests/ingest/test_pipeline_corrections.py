"""Corrections survive ingest: 100 of every kind, then the corpus they correct ingested three times more,
on both stores (the issue's target)."""

from __future__ import annotations

from mdkg.graph.corrections import CorrectionQuery
from mdkg.graph.store import GraphStore
from tests.corrections_session import correct_100, ingest, tables


def test_100_corrections_survive_three_reingests(store: GraphStore) -> None:
    ingest(store)
    raw = tables(store)
    entries = correct_100(store)
    corrected = tables(store)
    assert corrected != raw
    for _ in range(3):
        ingest(store, again=True)
        assert tables(store) == corrected
    assert [c.id for c in store.corrections(CorrectionQuery(active=True))] == [c.id for c in entries]


def test_new_articles_repeating_a_rejected_statement_do_not_bring_it_back(store: GraphStore) -> None:
    ingest(store)
    correct_100(store)
    rejected = {c.target for c in store.corrections() if c.kind.value == "reject"}
    store.clear_cache() if hasattr(store, "clear_cache") else None
    ingest(store, again=True)
    assert not rejected & {e.id for e in store.subgraph().edges}
