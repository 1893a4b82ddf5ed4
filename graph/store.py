"""The store contract: one protocol, two implementations (embedded default and Neo4j).

Nothing above `graph/` knows which store it has. Every implementation is run by
the same contract tests in tests/graph/test_store_contract.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, Field

from mdkg.graph.corrections import Correction, CorrectionQuery
from mdkg.graph.entity_merge import MergeRecord
from mdkg.graph.errors import InvalidRequest
from mdkg.graph.fingerprints import COMMON_KEY
from mdkg.graph.ontology import (
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


class FileMark(BaseModel):
    """How far the ingest of one file got: kept in the store, written in the same transaction as the
    articles it counts, so an interrupted ingest resumes where it stopped."""

    key: str = Field(description="SHA-256 of the file's bytes: a changed file is a new file")
    path: str = Field(description="where the file was when it was ingested")
    done: int = Field(ge=0, description="articles of the file written, in file order")
    total: int = Field(ge=0, description="articles in the file")
    at: str = Field(description="when the last part was written (UTC, ISO 8601)")

    @property
    def complete(self) -> bool:
        return self.done >= self.total


class StoredStory(BaseModel):
    fingerprint: str
    published_at: str | None = None


class StoriesSince(BaseModel):
    """What changed among the stored stories after a store version (`GraphStore.stories_since`)."""

    version: int = Field(description="the store's version now: pass it to the next write and call")
    stories: dict[str, StoredStory] = Field(
        default_factory=dict, description="stories written since, with a fingerprint, by article id"
    )
    retired: dict[str, str] = Field(
        default_factory=dict, description="stories that became another's reprint since: old id → new id"
    )


class StoryMatches(BaseModel):
    """Stored stories found by fingerprint keys (`GraphStore.stories_by_keys`)."""

    holders: dict[str, list[str]] = Field(
        default_factory=dict, description="each key asked for → the ids of the stories holding it, sorted"
    )
    stories: dict[str, StoredStory] = Field(default_factory=dict, description="those stories, by id")


@runtime_checkable
class GraphStore(Protocol):
    """What every store does. Writes are idempotent: writing the same batch twice changes nothing."""

    name: str

    def write(
        self, batch: GraphBatch, mark: FileMark | None = None, expect_version: int | None = None
    ) -> int:
        """Upsert a batch atomically: all of it is written or none of it, with `mark` if given.

        Writes are serialised and each one raises the store's version by one; the new version is
        returned. With `expect_version`, the batch is written only if the store is still at that
        version, else `StaleWrite` is raised and nothing is written: a writer that decided what
        is new by what it read at a version cannot miss what another writer added meanwhile.
        `batch.replaces` withdraws what was extracted from stories that became reprints: their
        evidence, mentions and sources go, and relationships and entities left without any.
        """

    def version(self) -> int:
        """The store's version: the number of writes so far (0 for an empty store)."""

    def file_mark(self, key: str) -> FileMark | None:
        """How far the ingest of the file with this SHA-256 got, if it was ever started."""

    def stories_since(self, version: int) -> StoriesSince:
        """Stories (articles with a fingerprint) written after `version`, and stories retired since;
        `stories_since(0)` gives them all."""

    def stories_by_keys(self, keys: Iterable[str], limit: int = COMMON_KEY) -> StoryMatches:
        """The stored stories indexed under any of `keys` (`mdkg.graph.fingerprints.index_keys` of their
        fingerprints), by index; a key more than `limit` stories hold is left out (boilerplate)."""

    def get_entity(self, entity_id: str) -> Entity | None: ...

    def get_articles(self, article_ids: Iterable[str]) -> dict[str, Article]: ...

    def search(self, query: str, limit: int = 20, labels: Sequence[Label] | None = None) -> list[Entity]:
        """Entities whose name or alias matches: exact first, then prefix, then substring."""

    def best_connected(self, labels: Sequence[Label] | None = None, limit: int = 10) -> list[Entity]:
        """The `limit` entities (of `labels`) with the most relationships, most first; ties by the
        shorter name, then name and id. Read down the degree index, not the whole graph."""

    def find_by_spelling(self, label: Label, keys: Iterable[str]) -> list[Entity]:
        """Entities of `label` written with one of these spelling keys (`GraphBatch.spellings`), by
        index, sorted by id."""

    def find_by_keys(self, label: Label, keys: Iterable[str]) -> list[Entity]:
        """Entities of `label` having a name or alias whose `mdkg.graph.ontology.name_key` is in `keys`."""

    def respell(self, scheme: str, labels: Sequence[Label], spell: Callable[[Entity], list[str]]) -> int:
        """Once a store: unless its spelling keys were written under `scheme`, replace those of every
        entity of `labels` by `spell(entity)` and note `scheme`, in one transaction; the entities
        re-keyed (0 when the store had the scheme, and for an empty store, which then takes it)."""

    def neighbours(
        self,
        entity_id: str,
        depth: int = 1,
        types: Sequence[RelType] | None = None,
        direction: Direction = Direction.BOTH,
        limit: int = 100,
    ) -> Subgraph:
        """The entity (first in `nodes`) and what lies within `depth` hops (1..3), at most `limit`
        other nodes; empty when there is no such entity."""

    def shortest_path(self, source_id: str, target_id: str, max_depth: int = 6) -> Path | None:
        """A shortest path ignoring direction, or None."""

    def merge_entities(self, keep_id: str, other_id: str) -> MergeRecord:
        """Merge `other_id` into `keep_id` in one write (graph/entity_merge.py has the rules): its
        relationships, evidence, mentions, sources and names move to the kept entity, and its id
        answers with the kept one from then on. The store keeps the returned record until a split.
        NotFound for an unknown id; InvalidRequest for one entity twice or two labels."""

    def split_entity(self, other_id: str) -> Entity:
        """Undo the merge of `other_id` in one write: it comes back as it was, with everything the
        merge moved, and is returned. NotFound when it was not merged; InvalidRequest when what it was
        merged into was itself merged away since (split that first)."""

    def redirects(self, entity_ids: Iterable[str]) -> dict[str, str]:
        """For each of `entity_ids` that was merged away, the id of the entity it now is."""

    def correct(self, correction: Correction) -> Correction:
        """Apply a correction (graph/corrections.py has the kinds and rules) and keep it in the log, in
        one write; every later write applies it again. Returns the entry as logged. NotFound for an
        unknown id; InvalidRequest for one that cannot be applied (said why)."""

    def undo_correction(
        self, correction_id: str, who: str, why: str = "", at: str | None = None
    ) -> Correction:
        """Undo the logged correction `correction_id` in one write; it stays in the log, marked undone."""

    def corrections(self, query: CorrectionQuery | None = None) -> list[Correction]:
        """The log's entries that `query` keeps, in the order they were applied."""

    def counts(self) -> Counts: ...

    def subgraph(self, entity_ids: Iterable[str] | None = None, limit: int = 5000) -> Subgraph:
        """The given entities (or all, up to `limit`) with the edges among them.

        Treat the answer as read-only: a store may hand the same whole-graph answer to every caller
        until the data changes (the embedded store does).
        """

    def clear(self) -> None:
        """Delete everything: the graph and the ingest's books (tests use it to start afresh)."""

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
