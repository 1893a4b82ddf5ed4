"""Attach article title, outlet, date and URL to every piece of evidence the API returns, and to every
relationship the number of independent outlets that state it and the confidence they give it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TypedDict

from mdkg.api.models import (
    ConfirmationOut,
    ConnectionGroupOut,
    ConnectionOut,
    ConnectionsPage,
    EdgeOut,
    EvidenceOut,
    HopOut,
    PathOut,
)
from mdkg.graph.confidence import Support, support
from mdkg.graph.connections import Connection, ConnectionPage, direction_of
from mdkg.graph.corrections import CorrectionQuery, Kind
from mdkg.graph.ontology import Article, Evidence, Relationship
from mdkg.graph.store import GraphStore, Path


def evidence_out(evidence: Iterable[Evidence], articles: Mapping[str, Article]) -> list[EvidenceOut]:
    """Each sentence with its article's title, outlet, date, URL and the outlets that reprinted it."""
    out = []
    for e in evidence:
        a = articles.get(e.article_id)
        out.append(
            EvidenceOut(
                **e.model_dump(),
                article_title=a.title if a else None,
                article_source=a.source if a else None,
                article_date=a.date if a else None,
                article_url=a.url if a else None,
                also_reported_by=a.reprint_outlets if a else [],
            )
        )
    return out


class SupportFields(TypedDict):
    """The API's fields of a relationship's support (`mdkg.graph.confidence.Support`)."""

    outlets: int
    independent_confidence: float


def support_out(s: Support) -> SupportFields:
    return SupportFields(outlets=len(s.outlets), independent_confidence=s.confidence)


def confirmations(store: GraphStore, rel_ids: Iterable[str]) -> dict[str, ConfirmationOut]:
    """The confirmations in force (graph/corrections.py) of these relationships, by id."""
    ids = sorted(set(rel_ids))
    if not ids:
        return {}
    query = CorrectionQuery(refs=ids, kinds=[Kind.CONFIRM], active=True)
    return {
        c.target: ConfirmationOut(correction_id=c.id, who=c.who, at=c.at, why=c.why)
        for c in store.corrections(query)
    }


def with_articles(store: GraphStore, edges: Sequence[Relationship]) -> list[EdgeOut]:
    """The edges with their evidence's articles, their support and their confirmation."""
    articles = store.get_articles({e.article_id for edge in edges for e in edge.evidence})
    confirmed = confirmations(store, [e.id for e in edges])
    return [
        EdgeOut(
            **edge.model_dump(exclude={"evidence"}),
            confirmed=confirmed.get(edge.id),
            evidence=evidence_out(edge.evidence, articles),
            **support_out(support(edge, articles)),
        )
        for edge in edges
    ]


def connections_out(
    page: ConnectionPage, confirmed: Mapping[str, ConfirmationOut] | None = None
) -> ConnectionsPage:
    """The API's shape of a page of `mdkg.graph.connections`, with the confirmations of its relationships."""
    confirmed = confirmed or {}
    return ConnectionsPage(
        entity=page.entity,
        total=page.total,
        offset=page.offset,
        limit=page.limit,
        groups=[
            ConnectionGroupOut(
                type=g.type,
                direction=g.direction,
                count=g.count,
                connections=[_connection(c, page.articles, confirmed) for c in g.connections],
            )
            for g in page.groups
        ],
    )


def _connection(
    c: Connection, articles: Mapping[str, Article], confirmed: Mapping[str, ConfirmationOut]
) -> ConnectionOut:
    rel = c.relationship
    return ConnectionOut(
        other=c.other,
        id=rel.id,
        confirmed=confirmed.get(rel.id),
        properties=rel.properties,
        confidence=rel.confidence,
        **support_out(c.support),
        first_seen=rel.first_seen,
        last_seen=rel.last_seen,
        evidence=evidence_out(rel.evidence, articles),
    )


def path_out(store: GraphStore, path: Path) -> PathOut:
    """The path's nodes and edges, and its hops read in order, each with its evidence."""
    edges = with_articles(store, path.edges)
    hops = []
    for here, there, edge in zip(path.nodes, path.nodes[1:], edges, strict=False):
        direction = direction_of(edge, here.id)
        arrow = {"out": f"—{edge.type.value}→", "in": f"←{edge.type.value}—", "both": f"—{edge.type.value}—"}
        hops.append(
            HopOut(
                source=here,
                type=edge.type,
                direction=direction,
                target=there,
                relationship_id=edge.id,
                text=f"{here.name} {arrow[direction]} {there.name}",
                evidence=edge.evidence,
                outlets=edge.outlets,
                independent_confidence=edge.independent_confidence,
            )
        )
    return PathOut(nodes=path.nodes, edges=edges, hops=hops)
