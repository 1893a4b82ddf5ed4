"""Entities: search, one entity, its grouped connections (with evidence) and its neighbourhood graph."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from mdkg.api.deps import IsoDate, StoreDep
from mdkg.api.evidence import confirmations, connections_out, with_articles
from mdkg.api.models import ConnectionsPage, Neighbourhood, SearchResult
from mdkg.graph.connections import ConnectionFilter, connections
from mdkg.graph.errors import InvalidParameter, InvalidRequest, no_entity
from mdkg.graph.ontology import Direction, Entity, Label, RelType
from mdkg.graph.store import MAX_DEPTH, GraphStore

router = APIRouter(prefix="/entities", tags=["entities"])

EntityId = Annotated[str, Path(description="entity id, e.g. `firm:深圳市慧动创想科技有限公司`")]
MinConfidence = Annotated[
    float,
    Query(
        ge=0.0,
        le=1.0,
        description="keep the relationships whose `independent_confidence` (from how many independent "
        "outlets state them, not one sentence's `confidence`) is at least this",
    ),
]
MinOutlets = Annotated[
    int,
    Query(
        ge=1,
        description="keep the relationships stated by at least this many independent outlets (reprints "
        "do not count); 1 keeps them all",
    ),
]


def parse_types(types: str | None) -> list[RelType] | None:
    """`MEMBER_OF,PARTNERS_WITH` → the relationship types, or a clear error."""
    if not types:
        return None
    names = [t.strip().upper() for t in types.split(",") if t.strip()]
    unknown = [n for n in names if n not in RelType.__members__]
    if unknown:
        raise InvalidParameter(f"unknown relationship type(s) {unknown}; known: {[t.value for t in RelType]}")
    return [RelType(n) for n in names]


def entity_or_404(store: GraphStore, entity_id: str) -> Entity:
    entity = store.get_entity(entity_id)
    if entity is None:
        raise no_entity(entity_id)
    return entity


@router.get("/search", response_model=SearchResult, summary="Find entities by name, alias or pinyin")
def search_entities(
    store: StoreDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="Chinese or English name, alias, pinyin (pingshan, ping shan) or initials (psq), "
            "or part of one. Ranked: exact, prefix, contains, then all words in the name (full-text); "
            "within each, the more connected entity first",
        ),
    ],
    label: Annotated[Label | None, Query(description="only entities of this label")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> SearchResult:
    return SearchResult(query=q, results=store.search(q, limit=limit, labels=[label] if label else None))


@router.get("/{entity_id}", response_model=Entity, summary="One entity with its aliases and properties")
def get_entity(store: StoreDep, entity_id: EntityId) -> Entity:
    return entity_or_404(store, entity_id)


@router.get(
    "/{entity_id}/connections",
    response_model=ConnectionsPage,
    summary="What an entity is connected to, grouped by type and direction, with the evidence",
)
def get_connections(
    store: StoreDep,
    entity_id: EntityId,
    types: Annotated[str | None, Query(description="comma-separated relationship types")] = None,
    since: Annotated[IsoDate | None, Query(description="connections seen on or after this date")] = None,
    until: Annotated[IsoDate | None, Query(description="connections seen on or before this date")] = None,
    min_confidence: MinConfidence = 0.0,
    min_outlets: MinOutlets = 1,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=500, description="connections on this page")] = 50,
) -> ConnectionsPage:
    """A date range keeps a connection whose first..last seen overlaps it and shows only the
    evidence from articles dated in it; `outlets` and `independent_confidence` (and the filters on them)
    then count only that evidence. Order: type, direction, other's name, id."""
    if since and until and since > until:
        raise InvalidRequest(f"since ({since}) is after until ({until})")
    filters = ConnectionFilter(
        types=parse_types(types),
        since=since,
        until=until,
        min_confidence=min_confidence,
        min_outlets=min_outlets,
    )
    page = connections(store, entity_id, filters, offset=offset, limit=limit)
    shown = [c.relationship.id for g in page.groups for c in g.connections]
    return connections_out(page, confirmations(store, shown))


@router.get(
    "/{entity_id}/neighbourhood",
    response_model=Neighbourhood,
    summary="An entity's neighbourhood as a graph (nodes and edges, 1-3 hops), with evidence",
)
def get_neighbourhood(
    store: StoreDep,
    entity_id: EntityId,
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH)] = 1,
    types: Annotated[str | None, Query(description="comma-separated relationship types")] = None,
    direction: Direction = Direction.BOTH,
    limit: Annotated[int, Query(ge=1, le=1000, description="most neighbours returned")] = 100,
) -> Neighbourhood:
    sub = store.neighbours(entity_id, depth=depth, types=parse_types(types), direction=direction, limit=limit)
    if not sub.nodes:
        raise no_entity(entity_id)
    return Neighbourhood(entity=sub.nodes[0], nodes=sub.nodes, edges=with_articles(store, sub.edges))
