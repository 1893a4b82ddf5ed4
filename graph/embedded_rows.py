"""Rows of the embedded store's tables as the ontology's records, and back."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from mdkg.graph import merge
from mdkg.graph.ontology import Article, Entity, Evidence, Relationship


def merged_names(row: sqlite3.Row | None, new: Entity) -> tuple[str, list[str]]:
    """The name and aliases of `new` merged into the stored `row` (None when it is new)."""
    if row is None:
        return new.name, [a for a in dict.fromkeys(new.aliases) if a != new.name]
    old = new.model_copy(
        update={
            "name": row["name"],
            "aliases": json.loads(row["aliases"]),
            "properties": json.loads(row["properties"]),
        }
    )
    return merge.merged_names(old, new)


def relationship(row: sqlite3.Row, evidence: list[Evidence]) -> Relationship:
    return Relationship(
        id=row["id"],
        type=row["type"],
        source=row["source"],
        target=row["target"],
        properties=json.loads(row["properties"]),
        evidence=evidence,
        confidence=row["confidence"],
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        sources=sorted({e.article_id for e in evidence}),
    )


def evidence(row: sqlite3.Row) -> Evidence:
    return Evidence(
        article_id=row["article_id"],
        sentence=row["sentence"],
        start=row["start"],
        end=row["end"],
        extractor=row["extractor"],
        confidence=row["confidence"],
    )


def article(row: sqlite3.Row) -> Article:
    data = dict(row)
    data["reprints"] = json.loads(data["reprints"])
    return Article(**data)


def entity(row: sqlite3.Row) -> Entity:
    return Entity(
        id=row["id"],
        label=row["label"],
        name=row["name"],
        aliases=json.loads(row["aliases"]),
        properties=json.loads(row["properties"]),
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        sources=sorted(row["sources"].split(",")) if row["sources"] else [],
    )


def dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
