"""Loading: write one file's batch through the store contract, atomically."""

from __future__ import annotations

from pydantic import BaseModel

from graph.ontology import GraphBatch
from graph.store import GraphStore


class LoadResult(BaseModel):
    articles: int
    entities: int
    relationships: int


def load(batch: GraphBatch, store: GraphStore) -> LoadResult:
    """All of the batch is written or none of it (the store writes a batch in one transaction)."""
    store.write(batch)
    return LoadResult(
        articles=len(batch.articles),
        entities=len({e.id for e in batch.entities}),
        relationships=len({r.id for r in batch.relationships}),
    )
