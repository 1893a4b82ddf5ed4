"""Fixtures of the graph tests."""

from __future__ import annotations

import pytest

from mdkg.graph.store import GraphStore
from tests.sample_graph import BATCH


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    """Each store with the shared sample graph written (a module may define its own `loaded`)."""
    store.write(BATCH)
    return store
