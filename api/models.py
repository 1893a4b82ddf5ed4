"""API response models, built on the ontology's models rather than a second copy of them."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.ontology import Counts, Entity, Evidence, Relationship


class EvidenceOut(Evidence):
    """Evidence with the article it came from."""

    article_title: str | None = None
    article_source: str | None = None
    article_date: str | None = None
    article_url: str | None = None
    also_reported_by: list[str] = Field(default_factory=list, description="outlets that reprinted the story")


class EdgeOut(Relationship):
    evidence: list[EvidenceOut] = Field(default_factory=list)  # type: ignore[assignment]


class Connections(BaseModel):
    """An entity and what it is connected to, every edge with its evidence."""

    entity: Entity
    nodes: list[Entity]
    edges: list[EdgeOut]


class PathOut(BaseModel):
    """`edges[i]` joins `nodes[i]` and `nodes[i + 1]`."""

    nodes: list[Entity]
    edges: list[EdgeOut]


class SearchResult(BaseModel):
    query: str
    results: list[Entity]


class Health(BaseModel):
    status: str
    store: str
    counts: Counts


class ErrorDetail(BaseModel):
    code: str
    message: str
    detail: object | None = None


class ErrorBody(BaseModel):
    """The one shape of every error answer."""

    error: ErrorDetail
