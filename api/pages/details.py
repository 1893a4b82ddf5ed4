"""What the side panel of a page shows for a node or an edge, as plain data the page's script lays out.

The script builds the panel with `textContent`, never with HTML, so names and sentences stay text.
Only http(s) URLs become links.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mdkg.graph.analytics import Ranked
from mdkg.graph.confidence import Support, support
from mdkg.graph.corrections import Correction, Kind
from mdkg.graph.ontology import Article, Entity, Evidence, PropertyValue, Relationship

Detail = dict[str, Any]


def node_detail(
    entity: Entity,
    ranked: Ranked | None,
    total: int,
    measure: str,
    community: tuple[int, int] | None,
    merged: Sequence[Correction] = (),
) -> Detail:
    """Label, name, aliases, properties, dates, centrality rank and community of an entity, and the
    entities a researcher merged into it (or relabelled as it)."""
    rows = [["label", entity.label.value], ["name", entity.name]]
    if entity.aliases:
        rows.append(["aliases", "、".join(entity.aliases)])
    rows += [[key, _text(value)] for key, value in sorted(entity.properties.items())]
    rows += _seen(entity.first_seen, entity.last_seen)
    if ranked is not None:
        rows.append(["centrality", f"rank {ranked.rank} of {total} ({measure} {ranked.score:.3f})"])
    if community is not None:
        rows.append(["community", f"#{community[0]} ({community[1]} entities on this page)"])
    rows += [
        ["merged into it" if c.kind is Kind.MERGE else "relabelled from", _by(c, c.target)] for c in merged
    ]
    return {
        "heading": entity.label.value,
        "title": entity.name,
        "rows": rows,
        "search": [name.casefold() for name in [entity.name, *entity.aliases]],
    }


def edge_detail(
    rel: Relationship,
    names: Mapping[str, str],
    articles: Mapping[str, Article],
    supported: Support | None = None,
    confirmed: Correction | None = None,
) -> Detail:
    """Type, ends, confidence, the independent outlets that state it and the confidence they give it
    (`supported`, else worked out from `articles`), dates, properties and every evidence sentence with
    its article."""
    if supported is None:
        supported = support(rel, articles)
    rows = [
        ["type", rel.type.value],
        ["from", names.get(rel.source, rel.source)],
        ["to", names.get(rel.target, rel.target)],
        ["confidence", f"{rel.confidence:.2f}"],
        ["outlets", str(len(supported.outlets))],
        ["independent confidence", f"{supported.confidence:.2f}"],
        *_seen(rel.first_seen, rel.last_seen),
        *[[key, _text(value)] for key, value in sorted(rel.properties.items())],
        *([["confirmed", _by(confirmed, "✓")]] if confirmed else []),
    ]
    return {
        "heading": rel.type.value,
        "title": f"{names.get(rel.source, rel.source)} → {names.get(rel.target, rel.target)}",
        "rows": rows,
        "evidence": [evidence_item(ev, articles) for ev in rel.evidence],
    }


def evidence_item(ev: Evidence, articles: Mapping[str, Article], about: str | None = None) -> Detail:
    """A sentence with its outlet, date and link; `about` names the relationship when several are listed."""
    article = articles.get(ev.article_id)
    url = article.url if article and article.url else None
    item: Detail = {
        "sentence": ev.sentence,
        "outlet": article.source if article else "",
        "date": article.date if article and article.date else "",
        "article": article.title if article else ev.article_id,
        "url": url if url and url.lower().startswith(("http://", "https://")) else None,
        "confidence": f"{ev.confidence:.2f}",
    }
    if article and article.reprint_outlets:
        item["also"] = "、".join(article.reprint_outlets)
    if about:
        item["about"] = about
    return item


def _by(c: Correction, what: str) -> str:
    """`what` with who corrected it, when and why: `firm:x (by lin on 2026-12-07: same firm)`."""
    return f"{what} (by {c.who} on {c.at[:10]}{': ' + c.why if c.why else ''}; {c.id})"


def _seen(first: str | None, last: str | None) -> list[list[str]]:
    return [[key, value] for key, value in (("first seen", first), ("last seen", last)) if value]


def _text(value: PropertyValue) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)
