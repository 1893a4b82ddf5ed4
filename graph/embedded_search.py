"""Search on the embedded store: the forms of graph/names.py in SQLite, ranked by graph/search.py.

`search_forms` holds name keys, full pinyin and initials; `search_text` (FTS5) holds the
full-text tokens, already cut by `graph.names.tokens` the way Neo4j's `cjk` analyzer cuts
them, and written space-separated so FTS5 keeps each token whole.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence

from graph.names import NameForms, index_tokens, name_forms
from graph.ontology import Label
from graph.search import Hit, SearchQuery, Tier, key_tier

TABLES = ("search_text", "search_forms")
# an FTS5 row shares its entity's rowid: found without a scan (entity_id is UNINDEXED)
_ROWID = "(SELECT rowid FROM entities WHERE id = ?)"


def index_entity(db: sqlite3.Connection, entity_id: str, label: str, names: Sequence[str]) -> None:
    """Replace an entity's search forms by those of `names` (its name and every alias)."""
    forms = name_forms(names)
    db.execute("DELETE FROM search_forms WHERE entity_id = ?", (entity_id,))
    db.execute(f"DELETE FROM search_text WHERE rowid = {_ROWID}", (entity_id,))
    rows = [(f, kind, label, entity_id) for kind, values in _kinds(forms) for f in values]
    db.executemany("INSERT OR IGNORE INTO search_forms(form, kind, label, entity_id) VALUES (?,?,?,?)", rows)
    db.execute(
        f"INSERT INTO search_text(rowid, entity_id, label, tokens) VALUES ({_ROWID},?,?,?)",
        (entity_id, entity_id, label, " ".join(index_tokens(forms))),
    )


def backfill(db: sqlite3.Connection) -> None:
    """Index entities a version without search forms wrote (run when a store file is opened)."""
    rows = db.execute(
        "SELECT id, label, name, aliases FROM entities WHERE id NOT IN (SELECT entity_id FROM search_text)"
    ).fetchall()
    if not rows:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        for row in rows:
            index_entity(db, row["id"], row["label"], [row["name"], *json.loads(row["aliases"])])
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def hits(
    db: sqlite3.Connection,
    query: SearchQuery,
    labels: Sequence[Label] | None,
    degree: Callable[[str], int],
) -> list[Hit]:
    """Every entity matching the query, at its tier; `degree` says how connected an entity is."""
    label_filter, label_params = "", []
    if labels:
        label_filter = f" AND label IN ({','.join('?' * len(labels))})"
        label_params = [label.value for label in labels]
    forms: dict[str, NameForms] = {}
    for row in db.execute(
        f"SELECT entity_id, kind, form FROM search_forms WHERE form LIKE ? ESCAPE '\\'{label_filter}",
        [f"%{_like(query.key)}%", *label_params],
    ):
        field = {"name": "keys"}.get(row["kind"], row["kind"])
        getattr(forms.setdefault(row["entity_id"], NameForms()), field).append(row["form"])
    tiers = {i: t for i, f in forms.items() if (t := key_tier(query.key, f)) is not None}
    if query.tokens:
        for row in db.execute(
            f"SELECT entity_id FROM search_text WHERE search_text MATCH ?{label_filter}",
            [query.fts5, *label_params],
        ):
            tiers.setdefault(row["entity_id"], Tier.TOKENS)
    names = _names(db, list(tiers))
    return [Hit(i, t, degree(i), names[i]) for i, t in tiers.items() if i in names]


def _names(db: sqlite3.Connection, ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(f"SELECT id, name FROM entities WHERE id IN ({marks})", chunk).fetchall()
        out.update({r["id"]: r["name"] for r in rows})
    return out


def _kinds(forms: NameForms) -> list[tuple[str, list[str]]]:
    return [("name", forms.keys), ("pinyin", forms.pinyin), ("initials", forms.initials)]


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
