from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse

from mdkg.api.deps import StoreDep
from mdkg.api.models import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Is the API up, which store, how big is the graph")
def get_health(store: StoreDep) -> Health:
    return Health(status="ok", store=store.name, counts=store.counts())


@router.get("/", include_in_schema=False)
def root() -> RedirectResponse:
    """The address `mdkg serve` prints first leads to the API's docs."""
    return RedirectResponse("/docs")
