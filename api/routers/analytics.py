"""Network analytics and time: centrality, communities, region comparison, an entity's timeline.

Each request reads the whole graph once and runs networkx on it in memory (`mdkg.graph.timeline.load`);
`as_of` cuts the graph to what had been reported by that date first.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from mdkg.api.deps import IsoDate, StoreDep
from mdkg.graph.analytics import (
    COMMUNITY_LIMIT,
    COMMUNITY_MEMBERS,
    Community,
    Measure,
    Ranked,
    RegionSummary,
    centrality,
    communities,
    compare_regions,
)
from mdkg.graph.ontology import Label
from mdkg.graph.timeline import Timeline, load, timeline

# No prefix: the router serves /analytics/… and /entities/{entity_id}/timeline. Tags are set a route,
# so that the timeline is listed once in the docs, with the entities.
router = APIRouter()

AsOf = Annotated[
    IsoDate | None,
    Query(description="only what was first reported by this date (YYYY-MM-DD)", examples=["2025-01-01"]),
]


class CentralityOut(BaseModel):
    measure: Measure
    as_of: str | None
    results: list[Ranked]


class CommunitiesOut(BaseModel):
    as_of: str | None
    communities: list[Community]


class RegionComparison(BaseModel):
    as_of: str | None
    regions: list[RegionSummary]


@router.get(
    "/analytics/centrality",
    response_model=CentralityOut,
    tags=["analytics"],
    summary="Rank entities by degree, betweenness or PageRank",
)
def get_centrality(
    store: StoreDep,
    as_of: AsOf = None,
    measure: Measure = "degree",
    label: Annotated[list[Label] | None, Query(description="only these labels (repeat for more)")] = None,
    top: Annotated[int, Query(ge=1, le=1000)] = 20,
) -> CentralityOut:
    ranked = centrality(load(store, as_of), measure, labels=label, top=top)
    return CentralityOut(measure=measure, as_of=as_of, results=ranked)


@router.get(
    "/analytics/communities",
    response_model=CommunitiesOut,
    tags=["analytics"],
    summary="Clusters of densely linked entities, largest first, with their best-connected members",
)
def get_communities(
    store: StoreDep,
    as_of: AsOf = None,
    min_size: Annotated[int, Query(ge=1, description="smallest community returned")] = 2,
    members: Annotated[
        int, Query(ge=1, le=200, description="members listed a community")
    ] = COMMUNITY_MEMBERS,
    limit: Annotated[int, Query(ge=1, le=1000, description="most communities returned")] = COMMUNITY_LIMIT,
) -> CommunitiesOut:
    found = communities(load(store, as_of), min_size=min_size, top_members=members)
    return CommunitiesOut(as_of=as_of, communities=found[:limit])


@router.get(
    "/analytics/regions/compare",
    response_model=RegionComparison,
    tags=["analytics"],
    summary="Compare regions (with their sub-regions): policies, funds, firms, largest support",
)
def get_region_comparison(
    store: StoreDep,
    ids: Annotated[
        str, Query(min_length=1, description="comma-separated Region ids", examples=["region:440310"])
    ],
    as_of: AsOf = None,
) -> RegionComparison:
    region_ids = [i.strip() for i in ids.split(",") if i.strip()]
    return RegionComparison(as_of=as_of, regions=compare_regions(load(store, as_of), region_ids))


@router.get(
    "/entities/{entity_id}/timeline",
    response_model=Timeline,
    tags=["entities"],
    summary="A firm's relationships, or a region's policies, funds, events and relationships, by date",
)
def get_timeline(
    store: StoreDep,
    entity_id: Annotated[str, Path(description="entity id, e.g. `region:440310` (坪山区)")],
    since: Annotated[IsoDate | None, Query(description="from this date (YYYY-MM-DD)")] = None,
    until: Annotated[IsoDate | None, Query(description="up to this date (YYYY-MM-DD)")] = None,
) -> Timeline:
    return timeline(store, entity_id, since=since, until=until)
