"""API response models, built on the ontology's models rather than a second copy of them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from mdkg.graph.ontology import Counts, Entity, Evidence, PropertyValue, Relationship, RelType


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
    """An entity's neighbourhood as a graph (nodes and edges), every edge with its evidence."""

    entity: Entity
    nodes: list[Entity]
    edges: list[EdgeOut]


Neighbourhood = Connections


class ConnectionOut(BaseModel):
    """One connection: the other party, the relationship and the sentences that state it."""

    other: Entity
    id: str = Field(description="the relationship's id")
    properties: dict[str, PropertyValue] = Field(default_factory=dict, description="role, amount_cny, date …")
    confidence: float
    first_seen: str | None = None
    last_seen: str | None = None
    evidence: list[EvidenceOut] = Field(default_factory=list)


class ConnectionGroupOut(BaseModel):
    """Connections of one type and direction (`both` for symmetric types such as PARTNERS_WITH).
    `count` counts the group on every page; `connections` are those on this page."""

    type: RelType
    direction: Literal["out", "in", "both"]
    count: int
    connections: list[ConnectionOut]


class ConnectionsPage(BaseModel):
    """What an entity is connected to and how we know, grouped, filtered and paged.
    `total` counts the connections left after filtering, on every page."""

    entity: Entity
    total: int
    offset: int
    limit: int
    groups: list[ConnectionGroupOut]


class HopOut(BaseModel):
    """One step of a path, read in order: `from` —type→ `to` (`direction` `in` when the edge points
    back, `both` for symmetric types), with the evidence for it."""

    model_config = ConfigDict(populate_by_name=True)

    source: Entity = Field(alias="from")
    type: RelType
    direction: Literal["out", "in", "both"]
    target: Entity = Field(alias="to")
    relationship_id: str
    text: str = Field(description="the hop as a line, e.g. `A —MEMBER_OF→ B`")
    evidence: list[EvidenceOut] = Field(default_factory=list)


class PathOut(BaseModel):
    """`edges[i]` joins `nodes[i]` and `nodes[i + 1]`; `hops[i]` reads that step in order."""

    nodes: list[Entity]
    edges: list[EdgeOut]
    hops: list[HopOut] = Field(default_factory=list)


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
