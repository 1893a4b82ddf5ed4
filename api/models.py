"""API response models, built on the ontology's models rather than a second copy of them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from mdkg.graph.ontology import Counts, Entity, Evidence, PropertyValue, Relationship, RelType


class EvidenceOut(Evidence):
    """Evidence with the article it came from."""

    article_title: str | None = None
    article_source: str | None = None
    article_date: str | None = None
    article_url: str | None = None
    also_reported_by: list[str] = Field(default_factory=list, description="outlets that reprinted the story")


OUTLETS = (
    "how many independent outlets state the relationship: an article's outlet is its `source` (else its "
    "URL's host, else the article alone); several stories of one outlet count once and reprints "
    "(`also_reported_by`) not at all"
)
INDEPENDENT_CONFIDENCE = (
    "how sure we are, given how many outlets state it: 1 - Π(1 - c) over the outlets, where c is the "
    "highest confidence of a sentence from that outlet (two outlets at 0.8 give 0.96); a relationship "
    "without evidence keeps its `confidence`. The connections' `min_confidence` filters on this"
)
# The support of a relationship (`mdkg.graph.confidence`), on every answer that gives its evidence.
Outlets = Annotated[int, Field(ge=0, description=OUTLETS)]
IndependentConfidence = Annotated[float, Field(ge=0.0, le=1.0, description=INDEPENDENT_CONFIDENCE)]
Confidence = Annotated[
    float, Field(ge=0.0, le=1.0, description="the highest confidence of one sentence that states it")
]


class ConfirmationOut(BaseModel):
    """A researcher vouched for the relationship (a `confirm` correction in force)."""

    correction_id: str
    who: str
    at: str
    why: str = ""


Confirmed = Annotated[
    ConfirmationOut | None, Field(description="the confirmation in force, if a researcher confirmed it")
]


class EdgeOut(Relationship):
    """A relationship with its evidence (each sentence with its article) and its independent support."""

    confidence: Confidence = 0.0
    confirmed: Confirmed = None
    evidence: list[EvidenceOut] = Field(default_factory=list)  # type: ignore[assignment]
    outlets: Outlets = 0
    independent_confidence: IndependentConfidence = 0.0


class Connections(BaseModel):
    """An entity's neighbourhood as a graph (nodes and edges), every edge with its evidence."""

    entity: Entity
    nodes: list[Entity]
    edges: list[EdgeOut]


Neighbourhood = Connections


class ConnectionOut(BaseModel):
    """One connection: the other party, the relationship, the sentences that state it and how many
    independent outlets do (with a date range, those dated in it)."""

    other: Entity
    id: str = Field(description="the relationship's id")
    properties: dict[str, PropertyValue] = Field(default_factory=dict, description="role, amount_cny, date …")
    confidence: Confidence
    outlets: Outlets
    independent_confidence: IndependentConfidence
    confirmed: Confirmed = None
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
    back, `both` for symmetric types), with the evidence for it and how many outlets state it."""

    model_config = ConfigDict(populate_by_name=True)

    source: Entity = Field(alias="from")
    type: RelType
    direction: Literal["out", "in", "both"]
    target: Entity = Field(alias="to")
    relationship_id: str
    text: str = Field(description="the hop as a line, e.g. `A —MEMBER_OF→ B`")
    evidence: list[EvidenceOut] = Field(default_factory=list)
    outlets: Outlets = 0
    independent_confidence: IndependentConfidence = 0.0


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
