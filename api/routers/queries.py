"""The stored Cypher library by name, and ad-hoc read-only Cypher; both need the Neo4j store."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path
from pydantic import AfterValidator, BaseModel, Field

from mdkg.api.deps import SettingsDep, StoreDep
from mdkg.api.errors import documented
from mdkg.graph.cypher import run_adhoc, run_stored
from mdkg.graph.stored_queries import StoredQuery, load_all

router = APIRouter(tags=["queries"])


class QueryParamOut(BaseModel):
    name: str
    type: str = Field(description="string, int, float, date (YYYY-MM-DD) or list")
    description: str
    example: str | None = None


class QueryInfo(BaseModel):
    name: str
    description: str
    params: list[QueryParamOut]
    returns: list[str] = Field(description="the columns of every row")
    cypher: str


class QueryList(BaseModel):
    queries: list[QueryInfo]


NEO4J_INTEGERS = range(-(2**63), 2**63)


def neo4j_integers(params: dict[str, Any]) -> dict[str, Any]:
    """Refuse an integer Neo4j cannot hold (it has 64 bits), anywhere in the parameters."""
    pending: list[object] = [params]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, int) and value not in NEO4J_INTEGERS:
            raise ValueError(f"{value} does not fit in a Neo4j integer (64 bits)")
    return params


Params = Annotated[dict[str, Any], AfterValidator(neo4j_integers)]


class RunQuery(BaseModel):
    params: Params = Field(
        default_factory=dict,
        description="the query's parameters by name",
        examples=[{"region": "region:440300"}],
    )


class RunCypher(BaseModel):
    cypher: str = Field(examples=["MATCH (f:Firm) RETURN f.name AS firm LIMIT 10"])
    params: Params = Field(default_factory=dict, description="parameters by name; integers of 64 bits")


class QueryAnswer(BaseModel):
    name: str | None = Field(None, description="the stored query's name; null for ad-hoc Cypher")
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = Field(description="true when the row cap (MDKG_CYPHER_MAX_ROWS) cut rows off")


def _info(query: StoredQuery) -> QueryInfo:
    params = [QueryParamOut(**p.model_dump()) for p in query.params]
    return QueryInfo(
        name=query.name,
        description=query.description,
        params=params,
        returns=query.columns,
        cypher=query.cypher,
    )


@router.get("/queries", response_model=QueryList, summary="The stored Cypher queries, with their parameters")
def list_queries(settings: SettingsDep) -> QueryList:
    return QueryList(queries=[_info(q) for q in load_all(settings.queries_dir).values()])


@router.post(
    "/queries/{name}",
    response_model=QueryAnswer,
    summary="Run a stored query by name (Neo4j store; read-only, with a timeout and a row cap)",
    responses=documented(501),
)
def run_query(
    name: Annotated[str, Path(description="a name from GET /queries, e.g. `firms_in_region`")],
    store: StoreDep,
    settings: SettingsDep,
    body: Annotated[RunQuery | None, Body()] = None,
) -> QueryAnswer:
    result = run_stored(store, name, body.params if body else {}, settings)
    return QueryAnswer(name=name, **result.model_dump())


@router.post(
    "/cypher",
    response_model=QueryAnswer,
    summary=(
        "Run ad-hoc Cypher read-only: Neo4j's plan of it must read only the graph (no LOAD CSV, "
        "administration or procedures beyond the schema ones), then it runs in READ mode with a "
        "timeout and a row cap"
    ),
    responses=documented(501),
)
def run_cypher(body: RunCypher, store: StoreDep, settings: SettingsDep) -> QueryAnswer:
    result = run_adhoc(store, body.cypher, body.params, settings)
    return QueryAnswer(name=None, **result.model_dump())
