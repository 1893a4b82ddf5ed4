from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep
from api.models import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Is the API up, which store, how big is the graph")
def health(store: StoreDep) -> Health:
    return Health(status="ok", store=store.name, counts=store.counts())
