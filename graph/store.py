"""The store contract: one protocol, two implementations (embedded default and Neo4j).

Nothing above `graph/` knows which store it has. Every implementation is run by
the same contract tests in tests/graph/test_store_contract.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, Field

from graph.errors import InvalidRequest
from graph.ontology import (
    Article,
    Counts,
    Direction,
    Entity,
    GraphBatch,
    Label,
    Mention,
    Relationship,
    RelType,
    Subgraph,
)

MAX_DEPTH = 3


class Path(BaseModel):
    """An ordered path: `edges[i]` joins `nodes[i]` and `nodes[i + 1]` (either direction)."""

    nodes: list[Entity] = Field(default_factory=list)
    edges: list[Relationship] = Field(default_factory=list)


@runtime_checkable
class GraphStore(Protocol):
    """What every store does. Writes are idempotent: writing the same batch twice changes nothing."""

    name: str

    def write(self, batch: GraphBatch) -> None:
        """Upsert a batch atomically: all of it is written or none of it."""

    def get_entity(self, entity_id: str) -> Entity | None: ...

    def get_articles(self, article_ids: Iterable[str]) -> dict[str, Article]: ...

    def article_fingerprints(self) -> dict[str, str]:
        """The near-duplicate fingerprint of every stored article that has one, by article id."""

    def search(self, query: str, limit: int = 20, labels: Sequence[Label] | None = None) -> list[Entity]:
        """Entities whose name or alias matches: exact first, then prefix, then substring."""

    def find_by_keys(self, label: Label, keys: Iterable[str]) -> list[Entity]:
        """Entities of `label` having a name or alias whose `graph.ontology.name_key` is in `keys`."""

    def neighbours(
        self,
        entity_id: str,
        depth: int = 1,
        types: Sequence[RelType] | None = None,
        direction: Direction = Direction.BOTH,
        limit: int = 100,
    ) -> Subgraph:
        """The entity and what lies within `depth` hops (1..3), at most `limit` other nodes."""

    def shortest_path(self, source_id: str, target_id: str, max_depth: int = 6) -> Path | None:
        """A shortest path ignoring direction, or None."""

    def counts(self) -> Counts: ...

    def subgraph(self, entity_ids: Iterable[str] | None = None, limit: int = 5000) -> Subgraph:
        """The given entities (or all, up to `limit`) with the edges among them.

        Treat the answer as read-only: a store may hand the same whole-graph answer to every caller
        until the data changes (the embedded store does).
        """

    def clear(self) -> None:
        """Delete everything (tests and `mdkg reset`)."""

    def close(self) -> None: ...


def upsert_articles(store: GraphStore, articles: list[Article]) -> None:
    store.write(GraphBatch(articles=articles))


def upsert_entities(store: GraphStore, entities: list[Entity]) -> None:
    store.write(GraphBatch(entities=entities))


def upsert_relationships(store: GraphStore, relationships: list[Relationship]) -> None:
    store.write(GraphBatch(relationships=relationships))


def upsert_mentions(store: GraphStore, mentions: list[Mention]) -> None:
    store.write(GraphBatch(mentions=mentions))


def check_depth(depth: int) -> int:
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidRequest(f"depth must be between 1 and {MAX_DEPTH}, got {depth}")
    return depth
