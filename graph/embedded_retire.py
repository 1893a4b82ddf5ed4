"""Withdrawing a story from the embedded store when it becomes another story's reprint.

What was extracted from it goes: its evidence, mentions and entity sources, then the
relationships and entities that nothing else states or names. What others still state
keeps their dates and confidence, recomputed from what is left. Names and properties the
withdrawn story added to a shared entity stay (they are not kept per article).
"""

from __future__ import annotations

import sqlite3

from mdkg.graph import embedded_search


def retire(db: sqlite3.Connection, old: str, new: str, seq: int) -> None:
    """Withdraw story `old`, now a reprint of `new`, inside the caller's transaction."""
    rels = _ids(db, "SELECT DISTINCT relationship_id FROM evidence WHERE article_id = ?", old)
    ents = _ids(
        db,
        "SELECT entity_id FROM entity_sources WHERE article_id = ?"
        " UNION SELECT entity_id FROM mentions WHERE article_id = ?",
        old,
        old,
    )
    for table in ("evidence", "mentions", "entity_sources", "story_keys"):
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", (old,))
    db.execute("DELETE FROM articles WHERE id = ?", (old,))
    db.execute("INSERT OR REPLACE INTO retired_articles(id, story, seq) VALUES (?,?,?)", (old, new, seq))
    for rel in rels:
        _settle_relationship(db, rel)
    for entity in ents:
        _settle_entity(db, entity)


def _ids(db: sqlite3.Connection, sql: str, *params: str) -> list[str]:
    return sorted(r[0] for r in db.execute(sql, params))


def _settle_relationship(db: sqlite3.Connection, rel: str) -> None:
    left = db.execute(
        "SELECT MAX(e.confidence), MIN(substr(a.published_at, 1, 10)), MAX(substr(a.published_at, 1, 10)),"
        " COUNT(*) FROM evidence e LEFT JOIN articles a ON a.id = e.article_id WHERE e.relationship_id = ?",
        (rel,),
    ).fetchone()
    if left[3] == 0:
        db.execute("DELETE FROM relationships WHERE id = ?", (rel,))
    else:
        db.execute(
            "UPDATE relationships SET confidence = ?, first_seen = ?, last_seen = ? WHERE id = ?",
            (left[0], left[1], left[2], rel),
        )


def _settle_entity(db: sqlite3.Connection, entity: str) -> None:
    dates = db.execute(
        "SELECT MIN(substr(a.published_at, 1, 10)), MAX(substr(a.published_at, 1, 10)), COUNT(*)"
        " FROM entity_sources s LEFT JOIN articles a ON a.id = s.article_id WHERE s.entity_id = ?",
        (entity,),
    ).fetchone()
    if dates[2]:
        db.execute(
            "UPDATE entities SET first_seen = ?, last_seen = ? WHERE id = ?", (dates[0], dates[1], entity)
        )
        return
    used = db.execute(
        "SELECT 1 FROM relationships WHERE source = ?1 OR target = ?1"
        " UNION ALL SELECT 1 FROM mentions WHERE entity_id = ?1 LIMIT 1",
        (entity,),
    ).fetchone()
    if used is None:
        embedded_search.unindex_entity(db, entity)
        db.execute("DELETE FROM entities WHERE id = ?", (entity,))
