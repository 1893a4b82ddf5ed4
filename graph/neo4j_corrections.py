"""The corrections log on the Neo4j store: the `corrections.Editor` its write transactions offer, each
correction and each undo one managed transaction. The rules are graph/corrections.py's, the Cypher
graph/neo4j_correction_queries.py's."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from neo4j import ManagedTransaction

from mdkg.graph import corrections, entity_merge, neo4j_merge, neo4j_store
from mdkg.graph import neo4j_correction_queries as cq
from mdkg.graph import neo4j_merge_queries as mq
from mdkg.graph import neo4j_queries as q
from mdkg.graph.corrections import Correction, Kind
from mdkg.graph.entity_merge import MergeRecord
from mdkg.graph.ontology import Article, Entity, Relationship


def logged(tx: ManagedTransaction, refs: Iterable[str] | None = None) -> list[Correction]:
    rows = tx.run(cq.entries()) if refs is None else tx.run(cq.entries_naming(), refs=sorted(set(refs)))
    return [Correction.model_validate_json(r["record"]) for r in rows]


def in_force(tx: ManagedTransaction, refs: Sequence[str], kinds: Sequence[Kind]) -> list[Correction]:
    rows = tx.run(cq.in_force(), refs=list(refs), kinds=[k.value for k in kinds])
    return [Correction.model_validate_json(r["record"]) for r in rows]


class Neo4jEditor:
    """`corrections.Editor` inside one managed transaction of the Neo4j store."""

    def __init__(self, tx: ManagedTransaction) -> None:
        self.tx = tx
        self.version = neo4j_merge.next_version(tx)

    def entities(self, ids: Sequence[str]) -> dict[str, Entity]:
        return neo4j_merge.entities(self.tx, list(ids))

    def kept(self, entity_id: str) -> str:
        return neo4j_merge.kept(self.tx, entity_id)

    def merge_record(self, other_id: str) -> MergeRecord | None:
        found = self.tx.run(mq.merge_record(), id=other_id).single()
        record = entity_merge.record_of(found["record"]) if found else None
        return record if isinstance(record, MergeRecord) else None

    def relationship(self, rel_id: str) -> Relationship | None:
        found = self.tx.run(cq.relationship(rel_id), id=rel_id).single()
        return neo4j_store._relationship(dict(found)) if found else None

    def put_relationship(self, rel: Relationship) -> None:
        self.tx.run(cq.delete_relationship(rel.id), id=rel.id).consume()
        neo4j_merge.create_relationships(self.tx, [rel])
        self._degrees(rel)

    def delete_relationship(self, rel: Relationship) -> None:
        self.tx.run(cq.delete_relationship(rel.id), id=rel.id).consume()
        self._degrees(rel)

    def _degrees(self, rel: Relationship) -> None:
        self.tx.run(q.set_degrees(), ids=sorted({rel.source, rel.target})).consume()

    def create_entity(self, entity: Entity) -> None:
        for (label, level), rows in neo4j_store.entity_rows([entity]).items():
            self.tx.run(q.upsert_entities(label, level), rows=rows).consume()

    def replace_entity(self, entity: Entity) -> None:
        was = self.entities([entity.id])[entity.id]
        keys = neo4j_merge.spellings(self.tx, [entity.id])[entity.id]
        neo4j_merge.replace_entity(self.tx, entity, was, keys)

    def delete_if_bare(self, entity_id: str) -> None:
        self.tx.run(cq.delete_if_bare(), id=entity_id).consume()

    def put_article(self, article: Article) -> None:
        rows = [neo4j_store.article_row(article)]
        self.tx.run(q.upsert_articles(), rows=rows, version=self.version).consume()

    def drop_if_unused(self, article_id: str) -> None:
        self.tx.run(cq.drop_if_unused(), id=article_id).consume()

    def merge(self, keep_id: str, other_id: str, relabel: bool = False) -> MergeRecord:
        return neo4j_merge.merge_into(self.tx, keep_id, other_id, self.version, relabel)

    def split(self, other_id: str) -> Entity:
        return neo4j_merge.split_out(self.tx, other_id, self.version)

    def logged(self, correction_id: str) -> Correction | None:
        found = self.tx.run(cq.entry(), id=correction_id).single()
        return Correction.model_validate_json(found["record"]) if found else None

    def log(self, c: Correction) -> None:
        self.tx.run(
            cq.put_entry(), id=c.id, seq=c.seq, kind=c.kind.value, target=c.target, into=c.into,
            active=c.active, who=c.who, at=c.at, why=c.why, record=c.model_dump_json(),
        ).consume()  # fmt: skip


def correct(tx: ManagedTransaction, c: Correction) -> Correction:
    ed = Neo4jEditor(tx)
    return corrections.apply(ed, c, [e for e in logged(tx, c.refs) if e.active])


def undo(tx: ManagedTransaction, correction_id: str, who: str, why: str, at: str | None) -> Correction:
    return corrections.undo(Neo4jEditor(tx), correction_id, who, why, at)
