"""The corrections log over HTTP: listed by anyone, written only with the API key.

Writes are off unless the server sets MDKG_API_KEY (403 `writes_off`); with it, POSTs need the
`X-API-Key` header (401 without). Every correction is kept in the store's log and applied again on
every ingest (graph/corrections.py has the kinds and rules).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from mdkg.api.deps import IsoDate, RequireWriteKey, StoreDep
from mdkg.api.errors import documented
from mdkg.graph.corrections import CitedSource, Correction, CorrectionQuery, Kind, NewRelationship
from mdkg.graph.ontology import Label

router = APIRouter(prefix="/corrections", tags=["corrections"])

CorrectionId = Annotated[str, Path(description="a correction's id, `c-…`", examples=["c-3f2a9b1c0d4e"])]


class CorrectionIn(BaseModel):
    """A correction to apply: the fields its kind needs (see each field), who makes it and why."""

    kind: Kind
    target: str = Field("", description="reject, confirm: a relationship id; merge (the entity merged "
                        "away), split, rename, relabel: an entity id; add: leave empty")  # fmt: skip
    into: str | None = Field(None, description="merge: the entity kept")
    name: str | None = Field(None, description="rename: the new name")
    label: Label | None = Field(None, description="relabel: the new label")
    relationship: NewRelationship | None = Field(None, description="add: the relationship to add")
    source: CitedSource | None = Field(None, description="add: where it is stated")
    who: str = Field(min_length=1, description="who makes the correction")
    why: str = Field(min_length=1, description="why, in a sentence")


class UndoIn(BaseModel):
    who: str = Field(min_length=1)
    why: str = Field(min_length=1)


class CorrectionsPage(BaseModel):
    total: int = Field(description="entries that match")
    corrections: list[Correction] = Field(description="oldest first")


@router.get("", response_model=CorrectionsPage, summary="The corrections log, filtered")
def list_corrections(
    store: StoreDep,
    kind: Annotated[list[Kind] | None, Query(description="only these kinds (repeatable)")] = None,
    ref: Annotated[str | None, Query(description="only entries naming this entity or relationship")] = None,
    who: Annotated[str | None, Query(description="only this curator's")] = None,
    active: Annotated[bool | None, Query(description="true: in force; false: undone")] = None,
    since: Annotated[IsoDate | None, Query(description="made on or after (YYYY-MM-DD)")] = None,
    until: Annotated[IsoDate | None, Query(description="made on or before (YYYY-MM-DD)")] = None,
) -> CorrectionsPage:
    query = CorrectionQuery(kinds=kind, ref=ref, who=who, active=active, since=since, until=until)
    found = store.corrections(query)
    return CorrectionsPage(total=len(found), corrections=found)


@router.post(
    "",
    response_model=Correction,
    status_code=201,
    dependencies=[RequireWriteKey],
    responses=documented(401, 403),
    summary="Apply a correction and keep it in the log",
)
def create_correction(store: StoreDep, body: CorrectionIn) -> Correction:
    return store.correct(Correction(**body.model_dump()))


@router.post(
    "/{correction_id}/undo",
    response_model=Correction,
    dependencies=[RequireWriteKey],
    responses=documented(401, 403),
    summary="Undo a correction by its id (it stays in the log, marked undone)",
)
def undo_correction(store: StoreDep, correction_id: CorrectionId, body: UndoIn) -> Correction:
    return store.undo_correction(correction_id, body.who, body.why)
