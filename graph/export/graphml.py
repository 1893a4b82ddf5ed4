"""GraphML for Gephi, written by networkx.

Gephi shows the attribute named `label`: on nodes it is the entity's name, on edges the relationship
type. The ontology's label of a node and the type of an edge are in `type`. GraphML allows only
str/int/float/bool values, so lists are joined with "; " and missing values are left out.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from mdkg.graph.export import Snapshot
from mdkg.graph.ontology import Article, Entity, PropertyValue, Relationship
from mdkg.graph.timeline import first_evidence

Attributes = dict[str, str | int | float | bool]
JOIN = "; "


def to_networkx(snapshot: Snapshot) -> nx.MultiDiGraph:
    """Nodes keyed by entity id, edges keyed by relationship id."""
    articles = {a.id: a for a in snapshot.articles}
    graph = nx.MultiDiGraph()
    for node in snapshot.graph.nodes:
        graph.add_node(node.id, **node_attributes(node))
    for edge in snapshot.graph.edges:
        graph.add_edge(edge.source, edge.target, key=edge.id, **edge_attributes(edge, articles))
    return graph


def write(snapshot: Snapshot, path: Path) -> None:
    nx.write_graphml(to_networkx(snapshot), path, encoding="utf-8", infer_numeric_types=True)


def node_attributes(node: Entity) -> Attributes:
    attributes: dict[str, PropertyValue] = {
        "label": node.name,
        "type": node.label.value,
        "name": node.name,
        "aliases": JOIN.join(node.aliases),
        "first_seen": node.first_seen,
        "last_seen": node.last_seen,
        "sources": JOIN.join(node.sources),
        **node.properties,
    }
    return _legal(attributes)


def edge_attributes(edge: Relationship, articles: dict[str, Article]) -> Attributes:
    first = first_evidence(edge.evidence, articles)
    attributes: dict[str, PropertyValue] = {
        "label": edge.type.value,
        "type": edge.type.value,
        "id": edge.id,
        "confidence": float(edge.confidence),
        "first_seen": edge.first_seen,
        "last_seen": edge.last_seen,
        "evidence_count": len(edge.evidence),
        "evidence": first.sentence if first else None,
        "evidence_article": first.article_id if first else None,
        "articles": JOIN.join(sorted({e.article_id for e in edge.evidence} | set(edge.sources))),
        **edge.properties,
    }
    return _legal(attributes)


def _legal(attributes: dict[str, PropertyValue]) -> Attributes:
    """GraphML values: lists joined, None left out."""
    legal: Attributes = {}
    for key, value in attributes.items():
        if isinstance(value, list):
            legal[key] = JOIN.join(str(v) for v in value)
        elif value is not None:
            legal[key] = value
    return legal
