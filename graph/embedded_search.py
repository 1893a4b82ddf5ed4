"""Search on the embedded store: the forms of graph/names.py in SQLite, ranked by graph/search.py.

Name keys are read from `entity_keys`, which entity resolution keeps anyway; `search_forms`
holds only full pinyin and initials; `search_text` (FTS5) holds the full-text tokens, already
cut by `graph.names.tokens` the way Neo4j's `cjk` analyzer cuts them, and written
space-separated so FTS5 keeps each token whole; `search_grams` (FTS5, trigram) holds all forms
joined, so that a key is found inside them without a scan. An entity is indexed when it is new
or its names change, not on every write that merely mentions it again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from graph.names import NameForms, index_tokens, name_forms
from graph.ontology import Label
from graph.search import TRIGRAM, Hit, SearchQuery, Tier, by_bigram, form_text, key_tier

TABLES = ("search_text", "search_forms", "search_grams")
# an FTS5 row shares its entity's rowid: found without a scan (entity_id is UNINDEXED)
_ROWID = "(SELECT rowid FROM entities WHERE id = ?)"


def migrate(db: sqlite3.Connection) -> None:
    """Drop the search tables of a version that also stored name keys in `search_forms`;
    the schema then recreates them and `backfill` indexes every entity again."""
    row = db.execute("SELECT sql FROM sqlite_master WHERE name = 'search_forms'").fetchone()
    if row and "'name'" in row[0]:
        db.execute("DROP TABLE search_forms")
        db.execute("DROP TABLE IF EXISTS search_text")
        if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'store_meta'").fetchone():
            db.execute("DELETE FROM store_meta WHERE key = 'search_forms'")  # to be filled in again


def index_entity(
    db: sqlite3.Connection, entity_id: str, label: str, names: Sequence[str], *, replace: bool = True
) -> None:
    """Index an entity by `names` (its name and every alias); `replace` its old forms unless it is new."""
    forms = name_forms(names)
    if replace:
        db.execute("DELETE FROM search_forms WHERE entity_id = ?", (entity_id,))
        db.execute(f"DELETE FROM search_text WHERE rowid = {_ROWID}", (entity_id,))
        db.execute(f"DELETE FROM search_grams WHERE rowid = {_ROWID}", (entity_id,))
    rows = [(f, kind, label, entity_id) for kind, values in _kinds(forms) for f in values]
    db.executemany("INSERT OR IGNORE INTO search_forms(form, kind, label, entity_id) VALUES (?,?,?,?)", rows)
    db.execute(
        f"INSERT INTO search_text(rowid, entity_id, label, tokens) VALUES ({_ROWID},?,?,?)",
        (entity_id, entity_id, label, " ".join(index_tokens(forms))),
    )
    db.execute(
        f"INSERT INTO search_grams(rowid, entity_id, label, text) VALUES ({_ROWID},?,?,?)",
        (entity_id, entity_id, label, form_text(forms)),
    )


def unindex_entity(db: sqlite3.Connection, entity_id: str) -> None:
    """Forget an entity's forms (before the entity is deleted: the text row is found by its rowid)."""
    db.execute("DELETE FROM search_forms WHERE entity_id = ?", (entity_id,))
    db.execute(f"DELETE FROM search_text WHERE rowid = {_ROWID}", (entity_id,))
    db.execute(f"DELETE FROM search_grams WHERE rowid = {_ROWID}", (entity_id,))


def backfill(db: sqlite3.Connection) -> None:
    """Index entities a version without search forms wrote (inside the caller's transaction)."""
    rows = db.execute(
        "SELECT id, label, name, aliases FROM entities WHERE id NOT IN (SELECT entity_id FROM search_text)"
        " OR id NOT IN (SELECT entity_id FROM search_grams)"
    ).fetchall()
    for row in rows:
        index_entity(db, row["id"], row["label"], [row["name"], *json.loads(row["aliases"])])


def hits(db: sqlite3.Connection, query: SearchQuery, labels: Sequence[Label] | None) -> list[Hit]:
    """Every entity matching the query, at its tier, with its degree and name to break ties."""
    label_filter, label_params = _labels(labels)
    if len(query.key) >= TRIGRAM:
        candidates = _matching(db, "search_grams", [query.key], label_filter, label_params)
        forms = _forms(db, candidates)
    elif by_bigram(query.key):
        candidates = _matching(db, "search_text", [query.key], label_filter, label_params)
        forms = _forms(db, candidates)
    else:  # one or two characters (not Chinese): read every form
        like = f"%{_like(query.key)}%"
        forms = {}
        for row in db.execute(
            f"SELECT entity_id, 'keys' AS kind, key AS form FROM entity_keys WHERE key LIKE ? ESCAPE '\\'"
            f"{label_filter} UNION ALL SELECT entity_id, kind, form FROM search_forms"
            f" WHERE form LIKE ? ESCAPE '\\'{label_filter}",
            [like, *label_params, like, *label_params],
        ):
            getattr(forms.setdefault(row["entity_id"], NameForms()), row["kind"]).append(row["form"])
    tiers = {i: t for i, f in forms.items() if (t := key_tier(query.key, f)) is not None}
    if query.tokens:
        for row in db.execute(
            f"SELECT entity_id FROM search_text WHERE search_text MATCH ?{label_filter}",
            [query.fts5, *label_params],
        ):
            tiers.setdefault(row["entity_id"], Tier.TOKENS)
    ties = _ties(db, list(tiers))
    return [Hit(i, t, *ties[i]) for i, t in tiers.items() if i in ties]


def _labels(labels: Sequence[Label] | None) -> tuple[str, list[str]]:
    if not labels:
        return "", []
    return f" AND label IN ({','.join('?' * len(labels))})", [label.value for label in labels]


def _matching(
    db: sqlite3.Connection, table: str, phrases: list[str], label_filter: str, label_params: list[str]
) -> list[str]:
    """Entities whose row of an FTS5 table holds any of the phrases (quoted, so taken literally)."""
    match = " OR ".join('"' + p.replace('"', '""') + '"' for p in phrases)
    rows = db.execute(
        f"SELECT entity_id FROM {table} WHERE {table} MATCH ?{label_filter}", [match, *label_params]
    )
    return [row["entity_id"] for row in rows]


def _forms(db: sqlite3.Connection, ids: list[str]) -> dict[str, NameForms]:
    """The name keys, full pinyin and initials of these entities."""
    forms: dict[str, NameForms] = {}
    for i in range(0, len(ids), 400):
        chunk = ids[i : i + 400]
        marks = ",".join("?" * len(chunk))
        for row in db.execute(
            f"SELECT entity_id, 'keys' AS kind, key AS form FROM entity_keys WHERE entity_id IN ({marks})"
            f" UNION ALL SELECT entity_id, kind, form FROM search_forms WHERE entity_id IN ({marks})",
            [*chunk, *chunk],
        ):
            getattr(forms.setdefault(row["entity_id"], NameForms()), row["kind"]).append(row["form"])
    return forms


# the degree as networkx and Neo4j count it: a self-loop twice; both columns are indexed
_TIES = (
    "SELECT id, name, (SELECT COUNT(*) FROM relationships WHERE source = e.id)"
    " + (SELECT COUNT(*) FROM relationships WHERE target = e.id) AS degree FROM entities e WHERE id IN ({})"
)


def _ties(db: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[int, str]]:
    """(degree, name) of each candidate, read for these ids only, not the whole graph."""
    out: dict[str, tuple[int, str]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = db.execute(_TIES.format(",".join("?" * len(chunk))), chunk).fetchall()
        out.update({r["id"]: (r["degree"], r["name"]) for r in rows})
    return out


def _kinds(forms: NameForms) -> list[tuple[str, list[str]]]:
    """The forms `search_forms` stores; name keys live in `entity_keys`."""
    return [("pinyin", forms.pinyin), ("initials", forms.initials)]


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
