"""The pages: an entity's neighbourhood, the industry chain, a region; each optionally as of a date."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from mdkg.api.deps import IsoDate, StoreDep
from mdkg.api.errors import documented_for_html
from mdkg.api.pages import PageContext, chain_context, render_chain_page, render_graph_page, summary_box
from mdkg.api.routers.entities import EntityId, MinConfidence, entity_or_404
from mdkg.graph.analytics import Measure
from mdkg.graph.errors import InvalidRequest
from mdkg.graph.ontology import Label
from mdkg.graph.store import MAX_DEPTH
from mdkg.graph.views import entity_view, industry_chain, region_page_view

router = APIRouter(prefix="/pages", tags=["pages"], responses=documented_for_html(400, 404, 422, 503))

AsOf = Annotated[
    IsoDate | None,
    Query(description="draw the graph as it stood on this date (YYYY-MM-DD)", examples=["2025-03-01"]),
]
MeasureQuery = Annotated[Measure, Query(description="the centrality that sizes the nodes")]
Compare = Annotated[
    str | None,
    Query(
        description="comma-separated Region ids whose figures join the summary box as extra columns",
        examples=["region:440310,region:330100"],
    ),
]
RegionFilter = Annotated[
    str | None,
    Query(description="only the firms located in this Region or its sub-regions", examples=["region:440300"]),
]


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
    as_of: AsOf = None,
    measure: MeasureQuery = "degree",
    min_confidence: MinConfidence = 0.0,
) -> HTMLResponse:
    """Edges are wider the more independent outlets state them; `min_confidence` draws only the
    relationships that confident, and what they still connect to the entity."""
    entity = entity_or_404(store, entity_id)
    sub = entity_view(store, entity_id, depth=depth, limit=limit, as_of=as_of, min_confidence=min_confidence)
    title = f"{entity.name} ({entity.label.value})"
    note = f"relationships of independent confidence {min_confidence:g} or more" if min_confidence else None
    context = PageContext(
        title,
        entity_id,
        "entity",
        as_of,
        measure,
        store.get_articles,
        note=note,
        corrections=store.corrections,
    )
    return HTMLResponse(render_graph_page(sub, context))


@router.get("/chain", response_class=HTMLResponse, summary="Interactive page of the industry chain")
def chain_page(
    store: StoreDep, as_of: AsOf = None, measure: MeasureQuery = "degree", region: RegionFilter = None
) -> HTMLResponse:
    view = industry_chain(store, as_of=as_of, region=region)
    context = chain_context(view, as_of, measure, store.get_articles, store.corrections)
    return HTMLResponse(render_chain_page(view, context))


@router.get(
    "/region/{entity_id}",
    response_class=HTMLResponse,
    summary="Interactive page of every actor in a region and its sub-regions",
)
def region_page(
    store: StoreDep,
    entity_id: EntityId,
    as_of: AsOf = None,
    measure: MeasureQuery = "degree",
    compare: Compare = None,
) -> HTMLResponse:
    region = entity_or_404(store, entity_id)
    if region.label is not Label.REGION:
        raise InvalidRequest(f"{entity_id!r} is a {region.label.value}, not a Region")
    compared = [i.strip() for i in (compare or "").split(",") if i.strip()]
    view = region_page_view(store, entity_id, as_of=as_of, compare=compared)
    context = PageContext(
        f"{region.name} (Region and its sub-regions)", entity_id, "region", as_of, measure,
        store.get_articles, narrow="one of its sub-regions or an earlier as_of date",
        summary=summary_box(view.summary, view.compared, region_id=entity_id, as_of=as_of),
        corrections=store.corrections,
    )  # fmt: skip
    return HTMLResponse(render_graph_page(view.actors, context))
