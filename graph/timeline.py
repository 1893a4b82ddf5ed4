"""Time: the graph as it stood on a date, and the dated story of a region or a firm.

Dates are the article dates the stores keep as `first_seen` (ISO `YYYY-MM-DD…`), compared by their
first ten characters, so a date-time and a date compare as the day they fall on. Analytics run in
memory on the whole graph: `load` reads it once from the store and cuts it to a date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date as Date
from enum import StrEnum

from pydantic import BaseModel, Field

from graph.analytics import EntityRef, ref, region_actors
from graph.errors import InvalidRequest, NotFound
from graph.ontology import Article, Entity, Evidence, Label, Relationship, Subgraph, label_of
from graph.store import GraphStore

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# At depth one no entity has more neighbours than this in a news graph; it only bounds the read.
NEIGHBOUR_LIMIT = 100_000


class ItemKind(StrEnum):
    POLICY = "policy"
    FUND = "fund"
    EVENT = "event"
    RELATIONSHIP = "relationship"


_KIND_OF_LABEL = {Label.POLICY: ItemKind.POLICY, Label.FUND: ItemKind.FUND, Label.EVENT: ItemKind.EVENT}


class ArticleRef(BaseModel):
    id: str
    title: str
    source: str = ""
    date: str | None = None
    url: str | None = None


class TimelineItem(BaseModel):
    """One dated fact: a policy, fund or event of the region, or a relationship, with what dates it."""

    date: str | None = Field(description="first_seen: the date of the earliest article that states it")
    kind: ItemKind
    entity: EntityRef | None = Field(None, description="the policy, fund or event (not for relationships)")
    relationship: Relationship | None = None
    source: EntityRef | None = None
    target: EntityRef | None = None
    other: EntityRef | None = Field(None, description="the end of the relationship that is not the subject")
    sentence: str | None = Field(None, description="the sentence that dates it")
    article: ArticleRef | None = None


class Timeline(BaseModel):
    """A firm's relationships, or a region's policies, funds, events and relationships, oldest first."""

    entity: Entity
    since: str | None = None
    until: str | None = None
    items: list[TimelineItem] = Field(default_factory=list)


def check_date(text: str | None, name: str = "date") -> str | None:
    """`YYYY-MM-DD` or None; anything else is an InvalidRequest naming the parameter."""
    if text is None:
        return None
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        Date.fromisoformat(text)
    except ValueError:
        raise InvalidRequest(f"{name} must be a date as YYYY-MM-DD, got {text!r}") from None
    return text


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def as_of(sub: Subgraph, date: str | None) -> Subgraph:
    """The graph as of `date`: nodes first seen by then (undated nodes stay), edges first seen by then.

    Undated edges are dropped (nothing says they existed yet), and so are edges whose ends were dropped.
    No date: the graph unchanged.
    """
    return _cut(sub, date) if date else sub


def _cut(sub: Subgraph, date: str) -> Subgraph:
    day = date[:10]
    nodes = [n for n in sub.nodes if n.first_seen is None or n.first_seen[:10] <= day]
    kept = {n.id for n in nodes}
    edges = [
        e
        for e in sub.edges
        if e.first_seen is not None and e.first_seen[:10] <= day and e.source in kept and e.target in kept
    ]
    return Subgraph(nodes=nodes, edges=edges)


def load(store: GraphStore, as_of: str | None = None, limit: int = 100_000) -> Subgraph:
    """The whole graph (up to `limit` entities) read once for in-memory analytics, as of a date if given.

    Analytics run in memory with networkx on this whole graph, whichever store holds it.
    """
    check_date(as_of, "as_of")
    sub = store.subgraph(limit=limit)
    return _cut(sub, as_of) if as_of else sub


def timeline(
    store: GraphStore, entity_id: str, since: str | None = None, until: str | None = None
) -> Timeline:
    """The dated facts of an entity, oldest first, each with the sentence and article that date it.

    For a Region: the policies, funds and events of its actors (see `region_actors`) and every
    relationship of those actors. For any other entity: its own relationships.
    """
    check_date(since, "since")
    check_date(until, "until")
    entity = store.get_entity(entity_id)
    if entity is None:
        raise NotFound(f"no entity with id {entity_id!r}; find ids with /entities/search?q=")
    if entity.label is Label.REGION:
        sub = load(store)
        actors = region_actors(sub, entity_id)
    else:
        sub = store.neighbours(entity_id, depth=1, limit=NEIGHBOUR_LIMIT)
        actors = {entity_id}
    items = _items(store, sub, entity_id, actors)
    kept = [i for i in items if _within(i.date, since, until)]
    return Timeline(entity=entity, since=since, until=until, items=kept)


def _within(day: str | None, since: str | None, until: str | None) -> bool:
    if day is None:
        return since is None and until is None
    return (since is None or day[:10] >= since) and (until is None or day[:10] <= until)


def _items(store: GraphStore, sub: Subgraph, subject: str, actors: set[str]) -> list[TimelineItem]:
    nodes = {n.id: n for n in sub.nodes}
    edges = [e for e in sub.edges if e.source in actors or e.target in actors]
    articles = store.get_articles({ev.article_id for e in edges for ev in e.evidence})
    dating = {e.id: _dating(e.evidence, articles) for e in edges}
    items = [_relationship_item(e, dating[e.id], nodes, subject, articles) for e in edges]
    for i in sorted(actors & set(nodes)):
        if nodes[i].label in _KIND_OF_LABEL:
            touching = [e for e in edges if i in (e.source, e.target)]
            items.append(_entity_item(nodes[i], touching, dating, articles))
    return sorted(items, key=_order)


def _order(item: TimelineItem) -> tuple[bool, str, int, str]:
    ident = item.relationship.id if item.relationship else item.entity.id if item.entity else ""
    kinds = list(ItemKind)
    return (item.date is None, _day(item.date) or "", kinds.index(item.kind), ident)


def _dating(evidence: list[Evidence], articles: dict[str, Article]) -> Evidence | None:
    """The evidence from the earliest dated article (undated articles last, then by position)."""

    def key(e: Evidence) -> tuple[bool, str, str, int]:
        day = articles[e.article_id].date if e.article_id in articles else None
        return (day is None, day or "", e.article_id, e.start)

    return min(evidence, key=key) if evidence else None


def _article_ref(evidence: Evidence | None, articles: dict[str, Article]) -> ArticleRef | None:
    article = articles.get(evidence.article_id) if evidence else None
    if article is None:
        return None
    return ArticleRef(
        id=article.id, title=article.title, source=article.source, date=article.date, url=article.url
    )


def _end(entity_id: str, nodes: dict[str, Entity]) -> EntityRef:
    if entity_id in nodes:
        return ref(nodes[entity_id])
    return EntityRef(id=entity_id, name=entity_id, label=label_of(entity_id))


def _relationship_item(
    edge: Relationship,
    evidence: Evidence | None,
    nodes: dict[str, Entity],
    subject: str,
    articles: dict[str, Article],
) -> TimelineItem:
    other = edge.target if edge.source == subject else edge.source if edge.target == subject else None
    return TimelineItem(
        date=_day(edge.first_seen),
        kind=ItemKind.RELATIONSHIP,
        relationship=edge,
        source=_end(edge.source, nodes),
        target=_end(edge.target, nodes),
        other=_end(other, nodes) if other else None,
        sentence=evidence.sentence if evidence else None,
        article=_article_ref(evidence, articles),
    )


def _entity_item(
    entity: Entity,
    edges: Iterable[Relationship],
    dating: dict[str, Evidence | None],
    articles: dict[str, Article],
) -> TimelineItem:
    """A policy, fund or event, dated by its first_seen and by the earliest relationship that names it."""
    dated = sorted((e for e in edges if e.first_seen), key=lambda e: (e.first_seen or "", e.id))
    first = dated[0] if dated else None
    evidence = dating.get(first.id) if first else None
    return TimelineItem(
        date=_day(entity.first_seen) or _day(first.first_seen if first else None),
        kind=_KIND_OF_LABEL[entity.label],
        entity=ref(entity),
        sentence=evidence.sentence if evidence else None,
        article=_article_ref(evidence, articles),
    )
