"""The corrections log on the embedded store: the `corrections.Editor` its transactions offer, and the
log's table (graph/embedded_schema.sql). The rules are graph/corrections.py's."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from mdkg.graph import corrections, embedded_merge, embedded_rows, embedded_search, entity_merge
from mdkg.graph.corrections import Correction, Kind
from mdkg.graph.entity_merge import MergeRecord
from mdkg.graph.ontology import Article, Entity, Relationship

if TYPE_CHECKING:
    from mdkg.graph.embedded import EmbeddedStore


def logged(db: sqlite3.Connection, refs: Iterable[str] | None = None) -> list[Correction]:
    """The entries naming any of `refs` (all when None), in the order they were applied."""
    if refs is None:
        rows = db.execute("SELECT record FROM corrections ORDER BY seq, id").fetchall()
        return [Correction.model_validate_json(r[0]) for r in rows]
    found: dict[str, Correction] = {}
    for chunk in embedded_rows.chunks(sorted(set(refs)), 400):
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT id, record FROM corrections WHERE target IN ({marks}) OR into_id IN ({marks})"
        for row in db.execute(sql, [*chunk, *chunk]):
            found.setdefault(row[0], Correction.model_validate_json(row[1]))
    return sorted(found.values(), key=lambda c: (c.seq, c.id))


def in_force(db: sqlite3.Connection, refs: Sequence[str], kinds: Sequence[Kind]) -> list[Correction]:
    """The entries in force of `kinds` whose target is one of `refs`: what a write applies."""
    found: list[Correction] = []
    wanted = [k.value for k in kinds]
    for chunk in embedded_rows.chunks(sorted(set(refs)), 400):
        marks = ",".join("?" * len(chunk))
        sql = (
            f"SELECT record FROM corrections WHERE target IN ({marks}) AND active = 1"
            f" AND kind IN ({','.join('?' * len(wanted))})"
        )
        found += [Correction.model_validate_json(r[0]) for r in db.execute(sql, [*chunk, *wanted])]
    return found


def any_logged(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM corrections LIMIT 1").fetchone() is not None


class EmbeddedEditor:
    """`corrections.Editor` inside one transaction of the embedded store."""

    def __init__(self, store: EmbeddedStore, db: sqlite3.Connection, version: int) -> None:
        self.store, self.db, self.version = store, db, version

    def entities(self, ids: Sequence[str]) -> dict[str, Entity]:
        return self.store._entities(ids)

    def kept(self, entity_id: str) -> str:
        return embedded_merge.kept(self.db, entity_id)

    def merge_record(self, other_id: str) -> MergeRecord | None:
        row = self.db.execute("SELECT record FROM entity_merges WHERE id = ?", (other_id,)).fetchone()
        record = entity_merge.record_of(row[0]) if row else None
        return record if isinstance(record, MergeRecord) else None

    def relationship(self, rel_id: str) -> Relationship | None:
        found = self.store._relationships([rel_id])
        return found[0] if found else None

    def put_relationship(self, rel: Relationship) -> None:
        embedded_merge._delete_relationships(self.db, [rel.id])
        self.store._put_relationship(self.db, rel)

    def delete_relationship(self, rel: Relationship) -> None:
        embedded_merge._delete_relationships(self.db, [rel.id])

    def create_entity(self, entity: Entity) -> None:
        self.store._put_entity(self.db, entity)

    def replace_entity(self, entity: Entity) -> None:
        embedded_merge._replace_entity(self.db, entity)

    def delete_if_bare(self, entity_id: str) -> None:
        used = self.db.execute(
            "SELECT 1 FROM relationships WHERE source = ?1 OR target = ?1"
            " UNION ALL SELECT 1 FROM mentions WHERE entity_id = ?1 LIMIT 1",
            (entity_id,),
        ).fetchone()
        if used is None:
            embedded_search.unindex_entity(self.db, entity_id)
            self.db.execute("DELETE FROM entities WHERE id = ?", (entity_id,))

    def put_article(self, article: Article) -> None:
        self.store._put_article(self.db, article, self.version)

    def drop_if_unused(self, article_id: str) -> None:
        self.db.execute(
            "DELETE FROM articles WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM evidence WHERE article_id = ?1)"
            " AND NOT EXISTS (SELECT 1 FROM mentions WHERE article_id = ?1)"
            " AND NOT EXISTS (SELECT 1 FROM entity_sources WHERE article_id = ?1)",
            (article_id,),
        )

    def merge(self, keep_id: str, other_id: str, relabel: bool = False) -> MergeRecord:
        return embedded_merge.merge_into(self.store, self.db, keep_id, other_id, self.version, relabel)

    def split(self, other_id: str) -> Entity:
        return embedded_merge.split_out(self.store, self.db, other_id)

    def logged(self, correction_id: str) -> Correction | None:
        row = self.db.execute("SELECT record FROM corrections WHERE id = ?", (correction_id,)).fetchone()
        return Correction.model_validate_json(row[0]) if row else None

    def log(self, c: Correction) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO corrections(id, seq, kind, target, into_id, active, record)"
            " VALUES (?,?,?,?,?,?,?)",
            (c.id, c.seq, c.kind.value, c.target, c.into, int(c.active), c.model_dump_json()),
        )

    def in_force(self, c: Correction) -> list[Correction]:
        return [e for e in logged(self.db, c.refs) if e.active]


def correct(store: EmbeddedStore, db: sqlite3.Connection, c: Correction, version: int) -> Correction:
    ed = EmbeddedEditor(store, db, version)
    return corrections.apply(ed, c, ed.in_force(c))


def undo(
    store: EmbeddedStore, db: sqlite3.Connection, version: int, correction_id: str, who: str, why: str,
    at: str | None,
) -> Correction:  # fmt: skip
    return corrections.undo(EmbeddedEditor(store, db, version), correction_id, who, why, at)
