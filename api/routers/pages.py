from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from api.deps import StoreDep
from api.pages import render_entity_page
from api.routers.entities import EntityId, entity_or_404
from graph.store import MAX_DEPTH

router = APIRouter(prefix="/pages", tags=["pages"])


@router.get(
    "/entity/{entity_id}",
    response_class=HTMLResponse,
    summary="Interactive page of an entity's neighbourhood",
)
def entity_page(
    store: StoreDep,
    entity_id: EntityId,
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH)] = 1,
    limit: Annotated[int, Query(ge=1, le=1000)] = 300,
) -> HTMLResponse:
    entity = entity_or_404(store, entity_id)
    sub = store.neighbours(entity_id, depth=depth, limit=limit)
    return HTMLResponse(render_entity_page(sub, entity_id, f"{entity.name} ({entity.label.value})"))
