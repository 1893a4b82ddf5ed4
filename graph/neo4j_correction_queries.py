"""Named Cypher of the corrections log on the Neo4j store (graph/neo4j_corrections.py). An entry is a
`Correction` node: its id, seq, kind, target, into, active, who, at and why as properties for Cypher users,
and the whole entry as JSON in `record`."""

from __future__ import annotations

from mdkg.graph.ontology import RelType

_REL_ROW = "r, type(r) AS type, startNode(r).id AS source, endNode(r).id AS target"


def rel_type(rel_id: str) -> RelType:
    """A relationship id starts with its type (`partners_with:…`): read by the type's id index."""
    return RelType(rel_id.split(":", 1)[0].upper())


def relationship(rel_id: str) -> str:
    return f"MATCH (:Entity)-[r:{rel_type(rel_id).value} {{id: $id}}]->(:Entity) RETURN {_REL_ROW}"


def delete_relationship(rel_id: str) -> str:
    return f"MATCH (:Entity)-[r:{rel_type(rel_id).value} {{id: $id}}]->(:Entity) DELETE r"


def delete_if_bare() -> str:
    """The entity, if no relationship and no mention is left on it."""
    return "MATCH (n:Entity {id: $id}) WHERE NOT (n)--() DELETE n"


def drop_if_unused() -> str:
    """The article, if nothing cites it: no mention, no evidence, no entity's sources (scans; for undo)."""
    return (
        "MATCH (a:Article {id: $id}) WHERE NOT (a)--() "
        "AND NOT EXISTS { MATCH (:Entity)-[r]->(:Entity) WHERE $id IN r.evidence_articles } "
        "AND NOT EXISTS { MATCH (n:Entity) WHERE $id IN n.sources } DELETE a"
    )


def entry() -> str:
    return "MATCH (c:Correction {id: $id}) RETURN c.record AS record"


def put_entry() -> str:
    return (
        "MERGE (c:Correction {id: $id}) SET c.seq = $seq, c.kind = $kind, c.target = $target, "
        "c.into = $into, c.active = $active, c.who = $who, c.at = $at, c.why = $why, c.record = $record"
    )


def entries() -> str:
    return "MATCH (c:Correction) RETURN c.record AS record ORDER BY c.seq, c.id"


def entries_naming() -> str:
    return (
        "MATCH (c:Correction) WHERE c.target IN $refs OR c.into IN $refs "
        "RETURN c.record AS record ORDER BY c.seq, c.id"
    )


def in_force() -> str:
    """The entries in force of `$kinds` on `$refs`: what a write applies."""
    return (
        "MATCH (c:Correction) WHERE c.target IN $refs AND c.active AND c.kind IN $kinds "
        "RETURN c.record AS record"
    )
