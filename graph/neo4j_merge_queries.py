"""Named Cypher of merges and splits on the Neo4j store (graph/neo4j_merge.py). A merge's record is
kept on an `EntityRedirect` node under the merged id, which is also the redirect to the kept entity."""

from __future__ import annotations

from mdkg.graph.ontology import RegionLevel, RelType

_REL_ROW = "r, type(r) AS type, startNode(r).id AS source, endNode(r).id AS target"


def redirects() -> str:
    """Where each of `$ids` was merged into (one step), for those merged."""
    return "MATCH (d:EntityRedirect) WHERE d.id IN $ids RETURN d.id AS id, d.keep AS keep"


def merge_record() -> str:
    return "MATCH (d:EntityRedirect {id: $id}) RETURN d.record AS record"


def put_redirect() -> str:
    return "CREATE (:EntityRedirect {id: $id, keep: $keep, seq: $version, record: $record})"


def drop_redirect() -> str:
    return "MATCH (d:EntityRedirect {id: $id}) DELETE d"


def relationships_of() -> str:
    """Every relationship of the entity `$id` with another entity (a self-loop once), not mentions."""
    return f"MATCH (n:Entity {{id: $id}})-[r]-(:Entity) WITH DISTINCT r RETURN {_REL_ROW}"


def relationships_on() -> str:
    """The relationships of `$ids` the entity `$id` has."""
    return f"MATCH (n:Entity {{id: $id}})-[r]-(:Entity) WHERE r.id IN $ids WITH DISTINCT r RETURN {_REL_ROW}"


def delete_relationships_on() -> str:
    return "MATCH (n:Entity {id: $id})-[r]-(:Entity) WHERE r.id IN $ids WITH DISTINCT r DELETE r"


def create_relationships(rel_type: RelType) -> str:
    """Relationships written whole (`row.props`: id, dates, confidence, sources, evidence lists and the
    type's properties), where a write would merge them into what is there."""
    return (
        "UNWIND $rows AS row MATCH (a:Entity {id: row.source}) MATCH (b:Entity {id: row.target}) "
        f"CREATE (a)-[r:{RelType(rel_type).value}]->(b) SET r = row.props"
    )


def mentions_of() -> str:
    return "MATCH (a:Article)-[m:MENTIONS]->(:Entity {id: $id}) RETURN a.id AS article, m.count AS count"


def delete_mentions() -> str:
    return (
        "UNWIND $articles AS article "
        "MATCH (:Article {id: article})-[m:MENTIONS]->(:Entity {id: $id}) DELETE m"
    )


def spellings() -> str:
    return "MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, coalesce(n.spelling_keys, []) AS keys"


def delete_entity() -> str:
    return "MATCH (n:Entity {id: $id}) DETACH DELETE n"


def replace_entity(level: RegionLevel | None) -> str:
    """An entity written whole: names, properties (`row.cleared` nulls those it no longer has), dates,
    sources and every search and spelling key, as `neo4j_store.entity_rows` makes them."""
    levels = ":".join(lv.value for lv in RegionLevel)
    relabel = f"REMOVE n:{levels} " + (f"SET n:{level.value} " if level else "")
    fields = ("name", "aliases", "sources", "first_seen", "last_seen", "search_keys", "spelling_keys",
              "pinyin_keys", "initials_keys", "search_words", "form_text")  # fmt: skip
    return (
        f"UNWIND $rows AS row MATCH (n:Entity {{id: row.id}}) {relabel}"
        "SET n += row.cleared SET n += row.properties "
        f"SET {', '.join(f'n.{f} = row.{f}' for f in fields)}"
    )
