"""Merge and split on the Neo4j store, each in one managed transaction; the rules are
graph/entity_merge.py's and graph/entity_split.py's, the Cypher graph/neo4j_merge_queries.py's."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from neo4j import ManagedTransaction

from mdkg.graph import entity_merge, entity_split, neo4j_store
from mdkg.graph import neo4j_merge_queries as mq
from mdkg.graph import neo4j_queries as q
from mdkg.graph.entity_merge import MergeRecord
from mdkg.graph.errors import InvalidRequest
from mdkg.graph.ontology import Entity, Relationship, RelType


def merge_into(
    tx: ManagedTransaction, keep_id: str, other_id: str, version: int | None = None, relabel: bool = False
) -> MergeRecord:
    """A merge as one write; within a correction's write (`version` given), a part of that write."""
    version = next_version(tx) if version is None else version
    if (into := _redirect(tx, other_id)) is not None:
        raise InvalidRequest(f"{other_id!r} was already merged into {kept(tx, into)!r}")
    keep_id = kept(tx, keep_id)
    found = entities(tx, [keep_id, other_id])
    keep, other = entity_merge.check_pair(found.get(keep_id), found.get(other_id), keep_id, other_id, relabel)
    rels = _relationships(tx, mq.relationships_of(), id=other.id)
    ids = entity_merge.moved_ids(rels, other.id, keep.id)
    existing = _relationships(tx, mq.relationships_on(), id=keep.id, ids=ids)
    mentions = _mentions(tx, other.id)
    spelled = spellings(tx, [keep.id, other.id])
    record = entity_merge.plan_merge(
        keep, other, rels, {r.id: r for r in existing}, mentions, _mentions(tx, keep.id, mentions),
        (spelled[keep.id], spelled[other.id]),
    )  # fmt: skip
    record.version = version
    names = entity_merge.name_ids(other, keep)
    taken = set(entities(tx, names)) | set(redirects(tx, names))
    record.names = [i for i in names if i not in taken]
    mark = entity_merge.NameOf(name_of=other.id).model_dump_json()
    for name_id in record.names:
        tx.run(mq.put_redirect(), id=name_id, keep=keep.id, version=version, record=mark).consume()
    changed = [c.after for c in record.changed]
    tx.run(mq.delete_relationships_on(), id=keep.id, ids=[r.id for r in changed]).consume()
    create_relationships(tx, changed)
    rows = [
        {"article_id": m.article_id, "entity_id": keep.id, "count": m.keep_after} for m in record.mentions
    ]
    tx.run(q.upsert_mentions(), rows=rows).consume()
    tx.run(mq.delete_entity(), id=other.id).consume()
    replace_entity(tx, record.keep_after, keep, sorted({*spelled[keep.id], *record.spellings_added}))
    tx.run(q.set_degrees(), ids=sorted({keep.id, *(i for r in rels for i in (r.source, r.target))})).consume()
    record_json = record.model_dump_json()
    tx.run(mq.put_redirect(), id=other.id, keep=keep.id, version=version, record=record_json).consume()
    return record


def split_out(tx: ManagedTransaction, other_id: str, version: int | None = None) -> Entity:
    if version is None:
        next_version(tx)
    found = tx.run(mq.merge_record(), id=other_id).single()
    if found is None:
        raise entity_merge.no_merge(other_id)
    record = entity_merge.record_of(found["record"])
    if isinstance(record, entity_merge.NameOf):
        raise entity_merge.a_name(other_id, record)
    keep_id = record.keep_id
    if (into := _redirect(tx, keep_id)) is not None:
        raise InvalidRequest(
            f"{other_id!r} was merged into {keep_id!r}, which was merged into {into!r} since: "
            f"split {keep_id!r} out first"
        )
    if entities(tx, [other_id]):
        raise entity_merge.rewritten(other_id, keep_id)
    keep_now = entities(tx, [keep_id])[keep_id]
    moved_since = redirects(tx, entity_split.split_ends(record))
    ids = [entity_split.rekeyed(c.after, moved_since).id for c in record.changed]
    rels_now = _relationships(tx, mq.relationships_on(), id=keep_id, ids=ids)
    articles = [m.article_id for m in record.mentions]
    plan = entity_split.plan_split(
        record, keep_now, {r.id: r for r in rels_now}, _mentions(tx, keep_id, articles),
        lambda ids: {r["id"]: r["date"] for r in tx.run(q.article_dates(), ids=sorted(set(ids)))},
        moved_since,
    )  # fmt: skip
    entity_split.check_ends(plan, entities(tx, entity_split.plan_ends(plan)))
    for (label, level), rows in neo4j_store.entity_rows(
        [plan.other], {other_id: record.other_spellings}
    ).items():
        tx.run(q.upsert_entities(label, level), rows=rows).consume()
    spelled = spellings(tx, [keep_id])[keep_id]
    removed = set(plan.keep_spellings_removed)
    replace_entity(tx, plan.keep, keep_now, [k for k in spelled if k not in removed])
    tx.run(mq.delete_relationships_on(), id=keep_id, ids=plan.deleted).consume()
    create_relationships(tx, [*plan.replaced, *plan.restored])
    tx.run(mq.delete_mentions(), id=keep_id, articles=plan.unmentioned).consume()
    tx.run(q.upsert_mentions(), rows=[m.model_dump() for m in plan.mentions]).consume()
    ends = {i for r in plan.restored for i in (r.source, r.target)}
    tx.run(q.set_degrees(), ids=sorted({keep_id, other_id, *ends})).consume()
    for dropped in [other_id, *record.names]:
        tx.run(mq.drop_redirect(), id=dropped).consume()
    return plan.other


def redirects(tx: ManagedTransaction, entity_ids: Iterable[str]) -> dict[str, str]:
    def step(ids: set[str]) -> dict[str, str]:
        return {r["id"]: r["keep"] for r in tx.run(mq.redirects(), ids=sorted(ids))}

    return entity_merge.resolve_all(entity_ids, step)


def next_version(tx: ManagedTransaction) -> int:
    """A merge or a split is a write: it queues behind other writers and raises the version by one."""
    tx.run(q.lock_version()).consume()
    version = int(tx.run(q.read_version()).single(strict=True)["version"]) + 1
    tx.run(q.set_version(), version=version).consume()
    return version


def _redirect(tx: ManagedTransaction, entity_id: str) -> str | None:
    found = tx.run(mq.redirects(), ids=[entity_id]).single()
    return str(found["keep"]) if found else None


def kept(tx: ManagedTransaction, entity_id: str) -> str:
    return entity_merge.resolve(entity_id, lambda i: _redirect(tx, i))


def entities(tx: ManagedTransaction, ids: list[str]) -> dict[str, Entity]:
    return {r["n"]["id"]: neo4j_store._entity(r["n"]) for r in tx.run(q.entities_by_id(), ids=ids)}


def _relationships(tx: ManagedTransaction, cypher: str, **params: Any) -> list[Relationship]:
    return sorted((neo4j_store._relationship(dict(r)) for r in tx.run(cypher, params)), key=lambda r: r.id)


def _mentions(
    tx: ManagedTransaction, entity_id: str, articles: Iterable[str] | None = None
) -> dict[str, int]:
    found = {r["article"]: int(r["count"]) for r in tx.run(mq.mentions_of(), id=entity_id)}
    return found if articles is None else {a: found[a] for a in articles if a in found}


def spellings(tx: ManagedTransaction, ids: list[str]) -> dict[str, list[str]]:
    found = {r["id"]: sorted(r["keys"]) for r in tx.run(mq.spellings(), ids=ids)}
    return {i: found.get(i, []) for i in ids}


def create_relationships(tx: ManagedTransaction, rels: list[Relationship]) -> None:
    groups: dict[RelType, list[dict[str, Any]]] = defaultdict(list)
    for rel in rels:
        groups[rel.type].append(
            {"source": rel.source, "target": rel.target, "props": _relationship_props(rel)}
        )
    for rel_type, rows in groups.items():
        tx.run(mq.create_relationships(rel_type), rows=rows).consume()


def _relationship_props(rel: Relationship) -> dict[str, Any]:
    """A relationship's properties as this store keeps them (evidence as parallel lists)."""
    ev = rel.evidence
    return {
        **rel.properties,
        "id": rel.id, "confidence": rel.confidence, "first_seen": rel.first_seen, "last_seen": rel.last_seen,
        "sources": rel.sources, "evidence": [e.sentence for e in ev],
        "evidence_articles": [e.article_id for e in ev], "evidence_starts": [e.start for e in ev],
        "evidence_ends": [e.end for e in ev], "evidence_extractors": [e.extractor for e in ev],
        "evidence_confidences": [e.confidence for e in ev], "evidence_keys": [e.key for e in ev],
    }  # fmt: skip


def replace_entity(tx: ManagedTransaction, entity: Entity, was: Entity, spellings: list[str]) -> None:
    """Write the stored entity `was` as `entity`, with these spelling keys."""
    for (_, level), rows in neo4j_store.entity_rows([entity], {entity.id: spellings}).items():
        for row in rows:
            row["cleared"] = {k: None for k in was.properties if k not in entity.properties}
        tx.run(mq.replace_entity(level), rows=rows).consume()
