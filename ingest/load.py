"""Loading: write one part of a file through the store contract, atomically, with its progress."""

from __future__ import annotations

from pydantic import BaseModel

from mdkg.graph.ontology import GraphBatch
from mdkg.graph.store import FileMark, GraphStore

CHUNK = 200
"""Articles written per transaction: an interrupted ingest resumes after the last part written."""


class LoadResult(BaseModel):
    articles: int
    entities: int
    relationships: int
    version: int = 0  # the store's version after the write


def load(
    batch: GraphBatch, store: GraphStore, mark: FileMark | None = None, expect_version: int | None = None
) -> LoadResult:
    """All of the batch (and `mark`) is written or none of it; `StaleWrite` if the store is no longer
    at `expect_version` (see `graph.store.GraphStore.write`)."""
    version = store.write(batch, mark, expect_version)
    return LoadResult(
        articles=len(batch.articles),
        entities=len({e.id for e in batch.entities}),
        relationships=len({r.id for r in batch.relationships}),
        version=version,
    )
