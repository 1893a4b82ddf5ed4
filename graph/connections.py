"""What an entity is connected to, grouped by relationship type and direction, and how we know.

The answer to the API's main question for programs, in the manner of company-relationship
services: every connection with the other party, the relationship's properties, its
confidence, when it was first and last reported, and the sentences (with their articles)
that state it. Built on `GraphStore.neighbours(depth=1)` and `get_articles`, so it is the
same on every store.

Each connection carries its `Support` (`mdkg.graph.confidence`): the independent outlets that state
it and the confidence they give it together. With a date range, both count only the evidence dated in
it (the evidence the connection comes with), and so does the `min_confidence` filter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from mdkg.graph.confidence import Support, support
from mdkg.graph.errors import InvalidRequest, no_entity
from mdkg.graph.ontology import RELATIONS, Article, Entity, Evidence, Relationship, RelType
from mdkg.graph.store import GraphStore
from mdkg.graph.timeline import check_date, in_window, overlaps

ConnectionDirection = Literal["out", "in", "both"]
_ALL = 1_000_000  # neighbours() caps the other nodes it returns; a connection list wants every one


class ConnectionFilter(BaseModel):
    """Which connections to keep. Dates are `YYYY-MM-DD` (`2025-03-01`); either end may be open."""

    types: list[RelType] | None = None
    since: str | None = None
    until: str | None = None
    min_confidence: float = Field(
        0.0, ge=0.0, le=1.0, description="keep connections whose independent confidence is at least this"
    )
    min_outlets: int = Field(
        1, ge=1, description="keep connections stated by at least this many independent outlets (1: all)"
    )

    @field_validator("since", "until")
    @classmethod
    def _day(cls, value: str | None, info: ValidationInfo) -> str | None:
        return check_date(value, info.field_name or "date")

    @model_validator(mode="after")
    def _ordered(self) -> ConnectionFilter:
        if self.since and self.until and self.since > self.until:
            raise InvalidRequest(f"since ({self.since}) is after until ({self.until})")
        return self

    @property
    def dated(self) -> bool:
        return self.since is not None or self.until is not None

    @property
    def by_support(self) -> bool:
        """Whether the filter asks how well supported a connection is (so its articles must be read)."""
        return self.min_confidence > 0 or self.min_outlets > 1

    def supported(self, s: Support) -> bool:
        """Whether `s` is confident enough and, when more than one is asked for, has enough outlets."""
        return s.confidence >= self.min_confidence and (
            self.min_outlets <= 1 or len(s.outlets) >= self.min_outlets
        )

    def in_range(self, day: str | None) -> bool:
        """Whether a date lies in [since, until]; an unknown date does not when a range is set."""
        return in_window(day, self.since, self.until)

    def overlaps(self, first: str | None, last: str | None) -> bool:
        """Whether the interval [first, last] meets [since, until]."""
        return overlaps(first, last, self.since, self.until)


class Connection(BaseModel):
    """One relationship seen from the entity: the other party and the direction the edge points."""

    other: Entity
    direction: ConnectionDirection
    relationship: Relationship
    support: Support = Field(
        default_factory=Support, description="the independent outlets that state it, and their confidence"
    )


class ConnectionGroup(BaseModel):
    """The connections of one type and direction on this page; `count` counts them on every page."""

    type: RelType
    direction: ConnectionDirection
    count: int
    connections: list[Connection]


class ConnectionPage(BaseModel):
    """A page of an entity's connections, with the articles their evidence cites."""

    entity: Entity
    total: int
    offset: int
    limit: int
    groups: list[ConnectionGroup]
    articles: dict[str, Article] = Field(default_factory=dict)


def direction_of(rel: Relationship, entity_id: str) -> ConnectionDirection:
    """`out` when the edge leaves the entity, `in` when it arrives, `both` for symmetric types."""
    if RELATIONS[rel.type].symmetric:
        return "both"
    return "out" if rel.source == entity_id else "in"


def connections(
    store: GraphStore,
    entity_id: str,
    filters: ConnectionFilter | None = None,
    offset: int = 0,
    limit: int = 50,
) -> ConnectionPage:
    """The entity's connections kept by `filters` (all when None), in a stable order (type,
    direction, other's name, id), `limit` of them from `offset`, grouped by type and direction.

    Only a date range (to date them) or a support filter (to name their outlets) needs the articles
    of every connection; without one only the page's articles are read.
    """
    if offset < 0 or limit < 1:
        raise InvalidRequest(f"offset must be >= 0 and limit >= 1, got offset={offset}, limit={limit}")
    filters = filters or ConnectionFilter()
    sub = store.neighbours(entity_id, depth=1, types=filters.types, limit=_ALL)
    if not sub.nodes:
        raise no_entity(entity_id)
    entity = sub.nodes[0]  # the entity itself comes first
    others = {n.id: n for n in sub.nodes}
    known = _articles(store, sub.edges) if filters.dated or filters.by_support else None
    kept = sorted(_kept(entity, sub.edges, others, known or {}, filters), key=_order)
    if known is not None and filters.by_support:
        kept = [c for c in kept if filters.supported(support(c.relationship, known))]
    page = kept[offset : offset + limit]
    articles = _articles(store, [c.relationship for c in page], known)
    page = [c.model_copy(update={"support": support(c.relationship, articles)}) for c in page]
    return ConnectionPage(
        entity=entity,
        total=len(kept),
        offset=offset,
        limit=limit,
        groups=_groups(page, Counter((c.relationship.type, c.direction) for c in kept)),
        articles=articles,
    )


def _articles(
    store: GraphStore, rels: Iterable[Relationship], known: dict[str, Article] | None = None
) -> dict[str, Article]:
    """The articles the evidence of `rels` cites: picked from `known` when given, else read from the store."""
    cited = {e.article_id for rel in rels for e in rel.evidence}
    if known is not None:
        return {i: known[i] for i in sorted(cited) if i in known}
    return store.get_articles(cited) if cited else {}


def _kept(
    entity: Entity,
    edges: Iterable[Relationship],
    others: dict[str, Entity],
    articles: dict[str, Article],
    filters: ConnectionFilter,
) -> list[Connection]:
    out = []
    for rel in edges:
        if not filters.overlaps(*_seen(rel, articles)):
            continue
        other_id = rel.target if rel.source == entity.id else rel.source
        other = others.get(other_id, entity if other_id == entity.id else None)
        if other is None:
            continue
        evidence = [e for e in rel.evidence if _dated_in(e, articles, filters)]
        out.append(
            Connection(
                other=other,
                direction=direction_of(rel, entity.id),
                relationship=rel.model_copy(update={"evidence": evidence}),
            )
        )
    return out


def _seen(rel: Relationship, articles: dict[str, Article]) -> tuple[str | None, str | None]:
    """The edge's first and last dates, or those of the articles citing it when it has none."""
    if rel.first_seen and rel.last_seen:
        return rel.first_seen, rel.last_seen
    days = sorted(d for e in rel.evidence if (a := articles.get(e.article_id)) and (d := a.date))
    return rel.first_seen or (days[0] if days else None), rel.last_seen or (days[-1] if days else None)


def _dated_in(e: Evidence, articles: dict[str, Article], filters: ConnectionFilter) -> bool:
    if not filters.dated:
        return True
    article = articles.get(e.article_id)
    return article is not None and filters.in_range(article.date)


def _order(c: Connection) -> tuple[str, str, str, str]:
    return (c.relationship.type.value, c.direction, c.other.name, c.relationship.id)


def _groups(
    page: list[Connection], counts: Counter[tuple[RelType, ConnectionDirection]]
) -> list[ConnectionGroup]:
    groups: dict[tuple[RelType, ConnectionDirection], list[Connection]] = {}
    for c in page:
        groups.setdefault((c.relationship.type, c.direction), []).append(c)
    return [
        ConnectionGroup(type=t, direction=d, count=counts[(t, d)], connections=cs)
        for (t, d), cs in groups.items()
    ]
