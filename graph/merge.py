"""How records combine, shared by both stores so they agree on every upsert and traversal."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from graph.ontology import Entity, Relationship, name_key


def _union(old: Iterable[str], new: Iterable[str]) -> list[str]:
    return list(dict.fromkeys([*old, *new]))


def _earliest(a: str | None, b: str | None) -> str | None:
    return min((d for d in (a, b) if d), default=None)


def _latest(a: str | None, b: str | None) -> str | None:
    return max((d for d in (a, b) if d), default=None)


def merge_entities(old: Entity, new: Entity) -> Entity:
    """The stored entity after `new` is upserted: the first name stays, everything else unites."""
    return old.model_copy(
        update={
            "aliases": _union(old.aliases, [a for a in [new.name, *new.aliases] if a != old.name]),
            "properties": {**old.properties, **new.properties},
            "first_seen": _earliest(old.first_seen, new.first_seen),
            "last_seen": _latest(old.last_seen, new.last_seen),
            "sources": sorted(set(old.sources) | set(new.sources)),
        }
    )


def merge_relationships(old: Relationship, new: Relationship) -> Relationship:
    """Evidence is merged by (article, span), never duplicated; confidence is the highest seen."""
    evidence = {e.key: e for e in old.evidence}
    for e in new.evidence:
        evidence.setdefault(e.key, e)
    merged = sorted(evidence.values(), key=lambda e: (e.article_id, e.start))
    return old.model_copy(
        update={
            "properties": {**old.properties, **new.properties},
            "evidence": merged,
            "confidence": max(old.confidence, new.confidence),
            "first_seen": _earliest(old.first_seen, new.first_seen),
            "last_seen": _latest(old.last_seen, new.last_seen),
            "sources": sorted({e.article_id for e in merged} | set(old.sources) | set(new.sources)),
        }
    )


def combine_relationships(rels: Iterable[Relationship]) -> list[Relationship]:
    """One relationship per id within a batch."""
    by_id: dict[str, Relationship] = {}
    for rel in rels:
        by_id[rel.id] = merge_relationships(by_id[rel.id], rel) if rel.id in by_id else rel
    return list(by_id.values())


def combine_entities(entities: Iterable[Entity]) -> list[Entity]:
    """One entity per id within a batch."""
    by_id: dict[str, Entity] = {}
    for entity in entities:
        by_id[entity.id] = merge_entities(by_id[entity.id], entity) if entity.id in by_id else entity
    return list(by_id.values())


def search_keys(entity: Entity) -> list[str]:
    """The name keys an entity is found by: its name and every alias."""
    return sorted({k for k in (name_key(n) for n in [entity.name, *entity.aliases]) if k})


Expand = Callable[[str], Iterator[tuple[str, str]]]


def breadth_first(start: str, depth: int, limit: int, expand: Expand) -> tuple[list[str], list[str]]:
    """Nodes within `depth` hops (at most `limit` besides `start`) and the edges met between them.

    `expand(node)` yields `(edge_id, neighbour)` in a stable order, so both stores
    give the same answer for the same graph.
    """
    seen, edges, frontier = {start: 0}, dict[str, None](), [start]
    for level in range(1, depth + 1):
        nxt: list[str] = []
        for node in frontier:
            for edge_id, other in expand(node):
                if other not in seen:
                    if len(seen) > limit:
                        continue
                    seen[other] = level
                    nxt.append(other)
                edges.setdefault(edge_id)
        frontier = nxt
    return list(seen), list(edges)
