"""Time: the graph as it stood on a date, and the dated story of a region or a firm.

Dates are the article dates the stores keep as `first_seen` (ISO `YYYY-MM-DD…`), compared by their
first ten characters, so a date-time and a date compare as the day they fall on. Analytics run in
memory on the whole graph: `load` reads it once from the store and cuts it to a date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date as Date
from enum import StrEnum

from pydantic import BaseModel, Field

from mdkg.graph.analytics import EntityRef, ref, region_actors
from mdkg.graph.errors import InvalidParameter, no_entity
from mdkg.graph.ontology import Article, Entity, Evidence, Label, Relationship, Subgraph, label_of
from mdkg.graph.store import GraphStore

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
    """`YYYY-MM-DD` or None; anything else is an InvalidParameter naming the parameter."""
    if text is None:
        return None
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        Date.fromisoformat(text)
    except ValueError:
        raise InvalidParameter(f"{name} must be a date as YYYY-MM-DD, got {text!r}") from None
    return text


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def in_window(day: str | None, since: str | None, until: str | None) -> bool:
    """Whether a date falls in [since, until], by day; either end may be open.

    An unknown date falls only in the open window (neither since nor until).
    """
    if day is None:
        return since is None and until is None
    day = day[:10]
    return (since is None or day >= since[:10]) and (until is None or day <= until[:10])


def overlaps(first: str | None, last: str | None, since: str | None, until: str | None) -> bool:
    """Whether the interval [first, last] meets [since, until]; an undated one meets only the open window."""
    if since is None and until is None:
        return True
    if first is None or last is None:
        return False
    return in_window(last, since, None) and in_window(first, None, until)


def as_of(sub: Subgraph, date: str | None, articles: Mapping[str, Article] | None = None) -> Subgraph:
    """The graph as of `date`: nodes first seen by then (undated nodes stay), edges first seen by then.

    Undated edges are dropped (nothing says they existed yet), and so are edges whose ends were dropped.
    What is kept forgets what was reported later: evidence from articles dated after `date` goes, so
    do their ids in `sources`, and `last_seen` becomes the latest kept article's date. Only the
    `articles` given (by id) have a known date; without them `last_seen` is merely clamped to the date.
    A caller with a store wants `as_of_exact`, which reads the articles. No date: the graph unchanged.
    """
    if not date:
        return sub
    day = date[:10]
    return _forget_later(_cut(sub, day), day, articles or {})


def as_of_exact(store: GraphStore, sub: Subgraph, date: str | None) -> Subgraph:
    """`as_of` with the articles the cut graph cites read from `store` (once), so no later fact stays."""
    if not date:
        return sub
    day = date[:10]
    cut = _cut(sub, day)
    return _forget_later(cut, day, store.get_articles(cited_articles(cut)))


def cited_articles(sub: Subgraph) -> set[str]:
    """The ids of every article the graph's nodes and edges cite, in `sources` or in evidence."""
    cited = {a for n in sub.nodes for a in n.sources}
    return cited | {a for e in sub.edges for a in [*e.sources, *(ev.article_id for ev in e.evidence)]}


def _cut(sub: Subgraph, day: str) -> Subgraph:
    nodes = [n for n in sub.nodes if n.first_seen is None or n.first_seen[:10] <= day]
    kept = {n.id for n in nodes}
    edges = [
        e
        for e in sub.edges
        if e.first_seen is not None and e.first_seen[:10] <= day and e.source in kept and e.target in kept
    ]
    return Subgraph(nodes=nodes, edges=edges)


def _forget_later(sub: Subgraph, day: str, articles: Mapping[str, Article]) -> Subgraph:
    later = {i for i in cited_articles(sub) if (a := articles.get(i)) and a.date and a.date > day}
    return Subgraph(
        nodes=[_node_by(n, day, later, articles) for n in sub.nodes],
        edges=[_edge_by(e, day, later, articles) for e in sub.edges],
    )


def _node_by(node: Entity, day: str, later: set[str], articles: Mapping[str, Article]) -> Entity:
    sources = [s for s in node.sources if s not in later]
    last = _last_seen(node.last_seen, sources, day, articles)
    if len(sources) == len(node.sources) and last == node.last_seen:
        return node
    return node.model_copy(update={"sources": sources, "last_seen": last})


def _edge_by(edge: Relationship, day: str, later: set[str], articles: Mapping[str, Article]) -> Relationship:
    evidence = [ev for ev in edge.evidence if ev.article_id not in later]
    sources = [s for s in edge.sources if s not in later]
    last = _last_seen(edge.last_seen, [*sources, *(ev.article_id for ev in evidence)], day, articles)
    if (len(evidence), len(sources), last) == (len(edge.evidence), len(edge.sources), edge.last_seen):
        return edge
    return edge.model_copy(update={"evidence": evidence, "sources": sources, "last_seen": last})


def _last_seen(
    last: str | None, kept: Iterable[str], day: str, articles: Mapping[str, Article]
) -> str | None:
    """A `last_seen` after `day` becomes the latest date of the articles kept, or `day` if none is dated."""
    if last is None or last[:10] <= day:
        return last
    return max((d for i in kept if (a := articles.get(i)) and (d := a.date)), default=day)


def load(store: GraphStore, as_of: str | None = None, limit: int = 100_000) -> Subgraph:
    """The whole graph (up to `limit` entities) read once for in-memory analytics, as of a date if given.

    Analytics run in memory with networkx on this whole graph, whichever store holds it.
    """
    check_date(as_of, "as_of")
    return as_of_exact(store, store.subgraph(limit=limit), as_of)


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
        raise no_entity(entity_id)
    if entity.label is Label.REGION:
        sub = load(store)
        actors = region_actors(sub, entity_id)
    else:
        sub = store.neighbours(entity_id, depth=1, limit=NEIGHBOUR_LIMIT)
        actors = {entity_id}
    items = _items(store, sub, entity_id, actors)
    kept = [i for i in items if in_window(i.date, since, until)]
    return Timeline(entity=entity, since=since, until=until, items=kept)


def _items(store: GraphStore, sub: Subgraph, subject: str, actors: set[str]) -> list[TimelineItem]:
    nodes = {n.id: n for n in sub.nodes}
    edges = [e for e in sub.edges if e.source in actors or e.target in actors]
    articles = store.get_articles({ev.article_id for e in edges for ev in e.evidence})
    dating = {e.id: first_evidence(e.evidence, articles) for e in edges}
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


def first_evidence(evidence: Iterable[Evidence], articles: Mapping[str, Article]) -> Evidence | None:
    """The evidence that dates a relationship: from the earliest article (undated articles last), then by
    article id and position, so every store and export picks the same sentence."""

    def key(e: Evidence) -> tuple[bool, str, str, int]:
        article = articles.get(e.article_id)
        day = article.date if article else None
        return (day is None, day or "", e.article_id, e.start)

    return min(evidence, key=key, default=None)


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
