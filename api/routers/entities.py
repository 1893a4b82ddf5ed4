from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import StoreDep
from api.evidence import with_articles
from api.models import Connections, SearchResult
from graph.errors import InvalidRequest, NotFound
from graph.ontology import Direction, Entity, Label, RelType
from graph.store import MAX_DEPTH, GraphStore

router = APIRouter(prefix="/entities", tags=["entities"])

EntityId = Annotated[str, Path(description="entity id, e.g. `firm:深圳市慧动创想科技有限公司`")]


def parse_types(types: str | None) -> list[RelType] | None:
    """`MEMBER_OF,PARTNERS_WITH` → the relationship types, or a clear error."""
    if not types:
        return None
    names = [t.strip().upper() for t in types.split(",") if t.strip()]
    unknown = [n for n in names if n not in RelType.__members__]
    if unknown:
        raise InvalidRequest(f"unknown relationship type(s) {unknown}; known: {[t.value for t in RelType]}")
    return [RelType(n) for n in names]


def entity_or_404(store: GraphStore, entity_id: str) -> Entity:
    entity = store.get_entity(entity_id)
    if entity is None:
        raise NotFound(f"no entity with id {entity_id!r}; find ids with /entities/search?q=")
    return entity


@router.get("/search", response_model=SearchResult, summary="Find entities by name or alias")
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, description="name, alias or part of one (中文 or English)")],
    label: Annotated[Label | None, Query(description="only entities of this label")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> SearchResult:
    return SearchResult(query=q, results=store.search(q, limit=limit, labels=[label] if label else None))


@router.get("/{entity_id}", response_model=Entity, summary="One entity with its aliases and properties")
def get_entity(store: StoreDep, entity_id: EntityId) -> Entity:
    return entity_or_404(store, entity_id)


@router.get(
    "/{entity_id}/connections",
    response_model=Connections,
    summary="What an entity is connected to, and the sentence that says so",
)
def connections(
    store: StoreDep,
    entity_id: EntityId,
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH)] = 1,
    types: Annotated[str | None, Query(description="comma-separated relationship types")] = None,
    direction: Direction = Direction.BOTH,
    limit: Annotated[int, Query(ge=1, le=1000, description="most neighbours returned")] = 100,
) -> Connections:
    entity = entity_or_404(store, entity_id)
    sub = store.neighbours(entity_id, depth=depth, types=parse_types(types), direction=direction, limit=limit)
    return Connections(entity=entity, nodes=sub.nodes, edges=with_articles(store, sub.edges))
