"""Downloads of the whole graph: GraphML for Gephi, and zips of the CSV or neo4j-admin files.

They hand out the whole graph at once, so when the server sets MDKG_API_KEY they need `X-API-Key`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from mdkg.api.deps import IsoDate, RequireKey, StoreDep
from mdkg.api.errors import documented
from mdkg.graph.export import DEFAULT_LIMIT, MAX_LIMIT, Format, as_bytes, load_snapshot
from mdkg.graph.ontology import Label

router = APIRouter(prefix="/export", tags=["export"], dependencies=[RequireKey], responses=documented(401))

AsOf = Annotated[IsoDate | None, Query(description="Only what was first seen by this date (YYYY-MM-DD).")]
Labels = Annotated[list[Label] | None, Query(alias="label", description="Only nodes of these labels.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Read at most this many entities.")]

MEDIA = {Format.GRAPHML: "application/graphml+xml", Format.CSV: "application/zip",
         Format.NEO4J_ADMIN: "application/zip"}  # fmt: skip
FILE_NAME = {Format.GRAPHML: "mdkg.graphml", Format.CSV: "mdkg-csv.zip",
             Format.NEO4J_ADMIN: "mdkg-neo4j-admin.zip"}  # fmt: skip


HEADERS = {
    "Content-Disposition": {
        "description": "`attachment` with the file's name",
        "required": True,
        "schema": {"type": "string"},
    },
    "X-Mdkg-Truncated": {
        "description": "`true` when `limit` cut entities off",
        "required": True,
        "schema": {"type": "string", "enum": ["true", "false"]},
    },
}


def _file(fmt: Format) -> dict[int | str, dict[str, Any]]:
    """The 200 response as OpenAPI documents it: a file of the format's media type, with our headers."""
    content = {MEDIA[fmt]: {"schema": {"type": "string", "format": "binary"}}}
    return {200: {"description": f"the file {FILE_NAME[fmt]}", "content": content, "headers": HEADERS}}


def _download(
    store: StoreDep, fmt: Format, as_of: str | None, labels: list[Label] | None, limit: int
) -> Response:
    snapshot = load_snapshot(store, as_of=as_of, labels=labels, limit=limit)
    headers = {
        "Content-Disposition": f'attachment; filename="{FILE_NAME[fmt]}"',
        "X-Mdkg-Truncated": "true" if snapshot.truncated else "false",
    }
    return Response(as_bytes(snapshot, fmt), media_type=MEDIA[fmt], headers=headers)


@router.get(
    "/graphml",
    response_class=Response,
    responses=_file(Format.GRAPHML),
    summary="The graph as GraphML (for Gephi)",
)
def export_graphml(
    store: StoreDep, as_of: AsOf = None, label: Labels = None, limit: Limit = DEFAULT_LIMIT
) -> Response:
    """One .graphml file: nodes with label (name), type, aliases, dates and properties; edges with type,
    confidence, dates, evidence count, the first evidence sentence and the article ids."""
    return _download(store, Format.GRAPHML, as_of, label, limit)


@router.get(
    "/csv", response_class=Response, responses=_file(Format.CSV), summary="The graph as CSV tables (zip)"
)
def export_csv(
    store: StoreDep, as_of: AsOf = None, label: Labels = None, limit: Limit = DEFAULT_LIMIT
) -> Response:
    """A zip of nodes.csv, relationships.csv, evidence.csv and articles.csv (UTF-8 with BOM)."""
    return _download(store, Format.CSV, as_of, label, limit)


@router.get(
    "/neo4j-admin",
    response_class=Response,
    responses=_file(Format.NEO4J_ADMIN),
    summary="neo4j-admin import files (zip)",
)
def export_neo4j_admin(
    store: StoreDep, as_of: AsOf = None, label: Labels = None, limit: Limit = DEFAULT_LIMIT
) -> Response:
    """A zip of the CSV files `neo4j-admin database import full` reads, import.sh and after-import.cypher."""
    return _download(store, Format.NEO4J_ADMIN, as_of, label, limit)
