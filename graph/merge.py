"""How records combine, shared by both stores so they agree on every upsert and traversal."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from mdkg.graph.ontology import (
    Entity,
    Evidence,
    Label,
    PropertyValue,
    Relationship,
    Reprint,
    list_properties,
    name_key,
)


def union_reprints(old: Iterable[Reprint], new: Iterable[Reprint]) -> list[Reprint]:
    """Every copy of a story once, in the order first seen."""
    seen: dict[str, Reprint] = {}
    for reprint in [*old, *new]:
        seen.setdefault(reprint.key, reprint)
    return list(seen.values())


def takes_name(old: Entity, new: Entity) -> bool:
    """A firm first known by a short name takes its legal name as its name when that arrives."""
    return "legal_name" in new.properties and "legal_name" not in old.properties and new.name != old.name


def merged_names(old: Entity, new: Entity) -> tuple[str, list[str]]:
    """The name and aliases after `new` is merged into `old`; every form seen stays as an alias."""
    name = new.name if takes_name(old, new) else old.name
    forms = [old.name, *old.aliases, new.name, *new.aliases]
    return name, [a for a in dict.fromkeys(forms) if a != name]


def merged_properties(
    label: Label, old: Mapping[str, PropertyValue], new: Mapping[str, PropertyValue]
) -> dict[str, PropertyValue]:
    """`new` over `old`, except that list properties (`list_properties`) unite, old values first."""
    merged = {**old, **new}
    for key in list_properties(label):
        if isinstance(old.get(key), list) and isinstance(new.get(key), list):
            merged[key] = list(dict.fromkeys([*old[key], *new[key]]))  # type: ignore[misc]
    return merged


def merge_entities(group: list[Entity]) -> Entity:
    """One entity from several records of it: names per `merged_names`, everything else unites."""
    first = group[0]
    if len(group) == 1:
        return first
    merged = first
    for e in group[1:]:
        name, aliases = merged_names(merged, e)
        merged = merged.model_copy(
            update={
                "name": name,
                "aliases": aliases,
                "properties": merged_properties(e.label, merged.properties, e.properties),
            }
        )
    return merged.model_copy(
        update={
            "first_seen": min((e.first_seen for e in group if e.first_seen), default=None),
            "last_seen": max((e.last_seen for e in group if e.last_seen), default=None),
            "sources": sorted({s for e in group for s in e.sources}),
        }
    )


def merge_relationships(group: list[Relationship]) -> Relationship:
    """One relationship from several records of it: evidence merged by (article, span), never
    duplicated; the highest confidence; the earliest and latest dates."""
    first = group[0]
    if len(group) == 1:
        return first
    evidence: dict[str, Evidence] = {}
    properties: dict[str, PropertyValue] = {}
    for rel in group:
        properties.update(rel.properties)
        for e in rel.evidence:
            evidence.setdefault(e.key, e)
    merged = sorted(evidence.values(), key=lambda e: (e.article_id, e.start))
    return first.model_copy(
        update={
            "properties": properties,
            "evidence": merged,
            "confidence": max(r.confidence for r in group),
            "first_seen": min((r.first_seen for r in group if r.first_seen), default=None),
            "last_seen": max((r.last_seen for r in group if r.last_seen), default=None),
            "sources": sorted({e.article_id for e in merged} | {s for r in group for s in r.sources}),
        }
    )


def combine_relationships(rels: Iterable[Relationship]) -> list[Relationship]:
    """One relationship per id within a batch."""
    groups: dict[str, list[Relationship]] = {}
    for rel in rels:
        groups.setdefault(rel.id, []).append(rel)
    return [merge_relationships(group) for group in groups.values()]


def combine_entities(entities: Iterable[Entity]) -> list[Entity]:
    """One entity per id within a batch."""
    groups: dict[str, list[Entity]] = {}
    for entity in entities:
        groups.setdefault(entity.id, []).append(entity)
    return [merge_entities(group) for group in groups.values()]


def search_keys(entity: Entity) -> list[str]:
    """The name keys an entity is found by: its name and every alias."""
    return sorted({k for k in (name_key(n) for n in [entity.name, *entity.aliases]) if k})


Expand = Callable[[list[str]], Mapping[str, Iterable[tuple[str, str]]]]


def breadth_first(start: str, depth: int, limit: int, expand: Expand) -> tuple[list[str], list[str]]:
    """Nodes within `depth` hops (at most `limit` besides `start`) and the edges met between them.

    `expand(frontier)` gives, for the nodes of one level at once (one store round trip a level),
    each node's `(edge_id, neighbour)` pairs in a stable order, so both stores give the same answer
    for the same graph.
    """
    seen, edges, frontier = {start: 0}, dict[str, None](), [start]
    for level in range(1, depth + 1):
        if not frontier:
            break
        found = expand(frontier)
        nxt: list[str] = []
        for node in frontier:
            for edge_id, other in found.get(node, ()):
                if other not in seen:
                    if len(seen) > limit:
                        continue
                    seen[other] = level
                    nxt.append(other)
                edges.setdefault(edge_id)
        frontier = nxt
    return list(seen), list(edges)
