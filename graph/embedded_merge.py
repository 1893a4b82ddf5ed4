"""Merge and split on the embedded store, inside the caller's transaction; the rules are
graph/entity_merge.py's and graph/entity_split.py's. A merge's record is one row of `entity_merges`
under the merged id, which is also the redirect from that id to the entity it went into.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from mdkg.graph import embedded_rows, embedded_search, entity_merge, entity_split, merge
from mdkg.graph.entity_merge import MergeRecord
from mdkg.graph.errors import InvalidRequest
from mdkg.graph.ontology import Entity

if TYPE_CHECKING:
    from mdkg.graph.embedded import EmbeddedStore


def redirect(db: sqlite3.Connection, entity_id: str) -> str | None:
    """Where `entity_id` was merged into (one step), or None."""
    row = db.execute("SELECT keep FROM entity_merges WHERE id = ?", (entity_id,)).fetchone()
    return str(row[0]) if row else None


def kept(db: sqlite3.Connection, entity_id: str) -> str:
    """The id `entity_id` answers with: itself, or the end of its redirects."""
    return entity_merge.resolve(entity_id, lambda i: redirect(db, i))


def redirects(db: sqlite3.Connection, entity_ids: Iterable[str]) -> dict[str, str]:
    def step(ids: set[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in embedded_rows.chunks(sorted(ids), 500):
            marks = ",".join("?" * len(chunk))
            found.update(
                db.execute(f"SELECT id, keep FROM entity_merges WHERE id IN ({marks})", chunk).fetchall()
            )
        return found

    return entity_merge.resolve_all(entity_ids, step)


def merge_into(
    store: EmbeddedStore, db: sqlite3.Connection, keep_id: str, other_id: str, version: int,
    relabel: bool = False,
) -> MergeRecord:  # fmt: skip
    if (into := redirect(db, other_id)) is not None:
        raise InvalidRequest(f"{other_id!r} was already merged into {kept(db, into)!r}")
    keep_id = kept(db, keep_id)
    found = store._entities([keep_id, other_id])
    keep, other = entity_merge.check_pair(found.get(keep_id), found.get(other_id), keep_id, other_id, relabel)
    rels = store._relationships(_relationship_ids(db, other.id))
    existing = store._relationships(entity_merge.moved_ids(rels, other.id, keep.id))
    mentions = _mentions(db, other.id)
    record = entity_merge.plan_merge(
        keep, other, rels, {r.id: r for r in existing}, mentions, _mentions(db, keep.id, mentions),
        (_spellings(db, keep.id), _spellings(db, other.id)),
    )  # fmt: skip
    record.version = version
    record.names = [i for i in entity_merge.name_ids(other, keep) if not _taken(store, db, i)]
    db.executemany(
        "INSERT INTO entity_merges(id, keep, seq, record) VALUES (?,?,?,?)",
        [
            (i, keep.id, version, entity_merge.NameOf(name_of=other.id).model_dump_json())
            for i in record.names
        ],
    )
    db.execute("DELETE FROM mentions WHERE entity_id = ?", (other.id,))
    _delete_relationships(db, [r.id for r in rels] + [c.after.id for c in record.changed])
    for change in record.changed:
        store._put_relationship(db, change.after)
    _put_mentions(db, [(m.article_id, keep.id, m.keep_after) for m in record.mentions])
    embedded_search.unindex_entity(db, other.id)
    db.execute("DELETE FROM entities WHERE id = ?", (other.id,))  # its sources, keys, spellings cascade
    _replace_entity(db, record.keep_after)
    _add_spellings(db, keep, record.spellings_added)
    db.execute(
        "INSERT INTO entity_merges(id, keep, seq, record) VALUES (?,?,?,?)",
        (other.id, keep.id, version, record.model_dump_json()),
    )
    return record


def split_out(store: EmbeddedStore, db: sqlite3.Connection, other_id: str) -> Entity:
    row = db.execute("SELECT record FROM entity_merges WHERE id = ?", (other_id,)).fetchone()
    if row is None:
        raise entity_merge.no_merge(other_id)
    record = entity_merge.record_of(row[0])
    if isinstance(record, entity_merge.NameOf):
        raise entity_merge.a_name(other_id, record)
    keep_id = record.keep_id
    if (into := redirect(db, keep_id)) is not None:
        raise InvalidRequest(
            f"{other_id!r} was merged into {keep_id!r}, which was merged into {into!r} since: "
            f"split {keep_id!r} out first"
        )
    if store._entities([other_id]):
        raise entity_merge.rewritten(other_id, keep_id)
    keep_now = store._entities([keep_id])[keep_id]
    moved_since = redirects(db, entity_split.split_ends(record))
    rels_now = store._relationships([entity_split.rekeyed(c.after, moved_since).id for c in record.changed])
    articles = [m.article_id for m in record.mentions]
    plan = entity_split.plan_split(
        record, keep_now, {r.id: r for r in rels_now}, _mentions(db, keep_id, articles),
        lambda ids: _dates(db, ids), moved_since,
    )  # fmt: skip
    entity_split.check_ends(plan, store._entities(entity_split.plan_ends(plan)))
    store._put_entity(db, plan.other)
    _add_spellings(db, plan.other, record.other_spellings)
    _replace_entity(db, plan.keep)
    db.executemany(
        "DELETE FROM entity_spellings WHERE entity_id = ? AND key = ?",
        [(keep_id, k) for k in plan.keep_spellings_removed],
    )
    _delete_relationships(db, plan.deleted)
    for rel in [*plan.replaced, *plan.restored]:
        store._put_relationship(db, rel)
    db.executemany(
        "DELETE FROM mentions WHERE entity_id = ? AND article_id = ?",
        [(keep_id, a) for a in plan.unmentioned],
    )
    _put_mentions(db, [(m.article_id, m.entity_id, m.count) for m in plan.mentions])
    db.executemany("DELETE FROM entity_merges WHERE id = ?", [(i,) for i in [other_id, *record.names]])
    return plan.other


def _taken(store: EmbeddedStore, db: sqlite3.Connection, entity_id: str) -> bool:
    """Whether an entity holds the id, or it already answers with another."""
    return bool(store._entities([entity_id])) or redirect(db, entity_id) is not None


def _relationship_ids(db: sqlite3.Connection, entity_id: str) -> list[str]:
    rows = db.execute("SELECT id FROM relationships WHERE source = ?1 OR target = ?1", (entity_id,))
    return sorted(r[0] for r in rows)


def _delete_relationships(db: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Their evidence cascades; the degree triggers follow."""
    db.executemany("DELETE FROM relationships WHERE id = ?", [(i,) for i in ids])


def _mentions(
    db: sqlite3.Connection, entity_id: str, articles: Iterable[str] | None = None
) -> dict[str, int]:
    """The entity's mentions, article → count (of `articles` only, if given)."""
    rows = db.execute("SELECT article_id, count FROM mentions WHERE entity_id = ?", (entity_id,))
    found = {r[0]: int(r[1]) for r in rows}
    return found if articles is None else {a: found[a] for a in articles if a in found}


def _put_mentions(db: sqlite3.Connection, rows: list[tuple[str, str, int]]) -> None:
    db.executemany(
        "INSERT INTO mentions(article_id, entity_id, count) VALUES (?,?,?)"
        " ON CONFLICT(article_id, entity_id) DO UPDATE SET count = excluded.count",
        rows,
    )


def _spellings(db: sqlite3.Connection, entity_id: str) -> list[str]:
    rows = db.execute("SELECT key FROM entity_spellings WHERE entity_id = ? ORDER BY key", (entity_id,))
    return [r[0] for r in rows]


def _add_spellings(db: sqlite3.Connection, entity: Entity, keys: list[str]) -> None:
    db.executemany(
        "INSERT OR IGNORE INTO entity_spellings(key, label, entity_id) VALUES (?,?,?)",
        [(k, entity.label.value, entity.id) for k in keys],
    )


def _dates(db: sqlite3.Connection, ids: Iterable[str]) -> Mapping[str, str | None]:
    found: dict[str, str | None] = {}
    for chunk in embedded_rows.chunks(sorted(set(ids)), 500):
        marks = ",".join("?" * len(chunk))
        found.update(
            db.execute(f"SELECT id, published_at FROM articles WHERE id IN ({marks})", chunk).fetchall()
        )
    return found


def _replace_entity(db: sqlite3.Connection, e: Entity) -> None:
    """Write an existing entity as `e` is, names, properties, dates and sources, and index it again."""
    db.execute(
        "UPDATE entities SET name = ?, aliases = ?, properties = ?, first_seen = ?, last_seen = ?"
        " WHERE id = ?",
        (
            e.name,
            embedded_rows.dump(e.aliases),
            embedded_rows.dump(e.properties),
            e.first_seen,
            e.last_seen,
            e.id,
        ),
    )
    db.execute("DELETE FROM entity_sources WHERE entity_id = ?", (e.id,))
    db.executemany(
        "INSERT INTO entity_sources(entity_id, article_id) VALUES (?,?)", [(e.id, a) for a in e.sources]
    )
    db.execute("DELETE FROM entity_keys WHERE entity_id = ?", (e.id,))
    db.executemany(
        "INSERT OR IGNORE INTO entity_keys(key, label, entity_id) VALUES (?,?,?)",
        [(k, e.label.value, e.id) for k in merge.search_keys(e)],
    )
    embedded_search.index_entity(db, e.id, e.label.value, [e.name, *e.aliases], replace=True)
