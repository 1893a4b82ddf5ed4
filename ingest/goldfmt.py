"""An extraction in the gold format of ONTOLOGY.md, for scoring with `eval/score.py`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from mdkg.graph.corrections import Correction, Kind
from mdkg.graph.ontology import RELATIONS, Article, PropertyValue, Subgraph
from mdkg.ingest.types import Extraction


def to_gold_line(extraction: Extraction) -> dict:
    """`{"title", "entities": [{type, name, aliases}], "relations": [{type, head, tail, props}]}`.

    Heads and tails are entity names; a relationship stated by several sentences is listed once
    (symmetric ones once whichever way round).
    """
    entities = [
        {"type": e.label.value, "name": e.name, "aliases": list(e.aliases)} for e in extraction.entities
    ]
    relations, seen = [], set()
    for r in extraction.relations:
        ends = (r.head[1], r.tail[1])
        key = (r.type, *(sorted(ends) if RELATIONS[r.type].symmetric else ends))
        if key in seen:
            continue
        seen.add(key)
        relations.append(
            {"type": r.type.value, "head": ends[0], "tail": ends[1], "props": _plain(r.properties)}
        )
    title = extraction.document.original_title or extraction.document.article.title
    return {"title": title, "entities": entities, "relations": relations}


def _plain(props: dict[str, PropertyValue]) -> dict[str, PropertyValue]:
    """Whole amounts as integers, as annotators write them (10000000, not 10000000.0)."""
    return {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in props.items()}


def corrected_articles(log: Iterable[Correction], graph: Subgraph, kept: Mapping[str, str]) -> list[str]:
    """The articles a correction of the log touches: those stating a relationship it rejected, confirmed
    or added, and those naming an entity it merged, split, renamed or relabelled (`kept`: the store's
    redirects, so a merged id counts as the entity it now is)."""
    edges = {e.id: e for e in graph.edges}
    nodes = {n.id: n for n in graph.nodes}
    found: set[str] = set()
    for c in log:
        if c.kind is Kind.REJECT and c.before is not None:
            found.update(c.before.sources)
        elif c.kind is Kind.ADD and c.source is not None:
            found.add(c.source.article_id)
        elif c.target in edges:
            found.update(edges[c.target].sources)
        for entity in {c.target, *([c.into] if c.into else [])}:
            if (node := nodes.get(kept.get(entity, entity))) is not None:
                found.update(node.sources)
    return sorted(found)


def gold_from_store(graph: Subgraph, articles: Mapping[str, Article]) -> list[dict]:
    """The store's graph, corrections applied, as gold lines of these articles (ONTOLOGY.md's gold file
    format): each article's entities (those it names, and the ends of what it states) with every name
    the store has for them, and the relationships it states. Articles without a title are left out
    (score.py pairs articles by title)."""
    names = {n.id: n for n in graph.nodes}
    lines = []
    for article_id, article in sorted(articles.items(), key=lambda a: (a[1].published_at or "", a[0])):
        stated = [
            e for e in graph.edges if article_id in e.sources and e.source in names and e.target in names
        ]
        ids = {n.id for n in graph.nodes if article_id in n.sources} | {
            i for e in stated for i in (e.source, e.target)
        }
        entities = [
            {"type": names[i].label.value, "name": names[i].name, "aliases": list(names[i].aliases)}
            for i in sorted(ids)
        ]
        relations = [
            {"type": e.type.value, "head": names[e.source].name, "tail": names[e.target].name,
             "props": _plain(e.properties)}
            for e in sorted(stated, key=lambda e: e.id)
        ]  # fmt: skip
        if article.title:
            lines.append({"title": article.title, "entities": entities, "relations": relations})
    return lines
