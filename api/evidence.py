"""Attach article title, outlet, date and URL to every edge's evidence."""

from __future__ import annotations

from collections.abc import Sequence

from api.models import EdgeOut, EvidenceOut
from graph.ontology import Relationship
from graph.store import GraphStore


def with_articles(store: GraphStore, edges: Sequence[Relationship]) -> list[EdgeOut]:
    articles = store.get_articles({e.article_id for edge in edges for e in edge.evidence})
    out = []
    outlets = {i: list(dict.fromkeys(r.source for r in a.reprints if r.source)) for i, a in articles.items()}
    for edge in edges:
        evidence = []
        for e in edge.evidence:
            a = articles.get(e.article_id)
            evidence.append(
                EvidenceOut(
                    **e.model_dump(),
                    article_title=a.title if a else None,
                    article_source=a.source if a else None,
                    article_date=a.date if a else None,
                    article_url=a.url if a else None,
                    also_reported_by=outlets.get(e.article_id, []),
                )
            )
        out.append(EdgeOut(**edge.model_dump(exclude={"evidence"}), evidence=evidence))
    return out
