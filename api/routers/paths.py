"""How two entities are linked: the shortest path, read hop by hop, each hop with its evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from mdkg.api.deps import StoreDep
from mdkg.api.evidence import path_out
from mdkg.api.models import PathOut
from mdkg.api.routers.entities import entity_or_404
from mdkg.graph.errors import NotFound

router = APIRouter(tags=["paths"])


@router.get(
    "/paths",
    response_model=PathOut,
    summary="The shortest path between two entities, every hop with its evidence",
)
def shortest_path(
    store: StoreDep,
    source: Annotated[str, Query(alias="from", description="entity id where the path starts")],
    target: Annotated[str, Query(alias="to", description="entity id where the path ends")],
    max_depth: Annotated[int, Query(ge=1, le=10)] = 6,
) -> PathOut:
    entity_or_404(store, source)
    entity_or_404(store, target)
    path = store.shortest_path(source, target, max_depth=max_depth)
    if path is None:
        raise NotFound(f"no path of at most {max_depth} hops between {source!r} and {target!r}")
    return path_out(store, path)
