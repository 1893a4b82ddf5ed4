"""Search on the embedded store: the forms of graph/names.py in SQLite, ranked by graph/search.py.

Name keys are read from `entity_keys`, which entity resolution keeps anyway; `search_forms`
holds only full pinyin and initials; `search_text` (FTS5) holds the full-text tokens, already
cut by `mdkg.graph.names.tokens` the way Neo4j's `cjk` analyzer cuts them, and written
space-separated so FTS5 keeps each token whole; `search_grams` (FTS5, trigram) holds all forms
joined, so that a key is found inside them without a scan. An entity is indexed when it is new
or its names change, not on every write that merely mentions it again.

A query of two Chinese characters (影视, 四川) may hold tens of thousands of entities. Those are not
all judged: the exact and prefix ones come from the key index, and the rest are read best first,
down the rank index `entities_rank` (degree, kept by triggers; name length; name; id), only until
`limit` of them contain the key (`top`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from mdkg.graph.names import NameForms, index_tokens, name_forms
from mdkg.graph.ontology import Label
from mdkg.graph.search import MANY, TRIGRAM, Hit, SearchQuery, Tier, by_bigram, form_text, key_tier, ranked

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


PAGE = 50  # candidates read at a time on that walk (at least twice the limit)
_LAST = "\U0010ffff"  # after every character: key <= k < key + _LAST holds the keys starting with key
_FOUND = "e.rowid IN (SELECT rowid FROM search_text WHERE search_text MATCH ?)"
# graph.search.ranked's order within a tier, which the index entities_rank holds
_RANK_COLUMNS = "e.degree, length(e.name), e.name"
RANK_ORDER = "ORDER BY e.degree DESC, length(e.name), e.name, e.id"


def top(
    db: sqlite3.Connection, query: SearchQuery, labels: Sequence[Label] | None, limit: int
) -> list[str] | None:
    """The best `limit` entity ids of a query whose key is two Chinese characters and its only token,
    as `ranked(hits(...))` gives them, without judging every candidate; None for other queries.

    Candidates holding the key as a name key come from the key index, all of them; of those with a
    name key starting with it, the best `limit`. The others (containing the key, or only holding its
    token) are read in rank order until `limit` of them contain the key: any later one ranks lower."""
    if not (by_bigram(query.key) and query.tokens == (query.key,)):
        return None
    label_filter, label_params = _labels(labels, "e.")
    found = [query.fts5, *label_params]
    by_key = (
        f"SELECT DISTINCT e.id, {_RANK_COLUMNS} FROM entity_keys k"
        " CROSS JOIN entities e ON e.id = k.entity_id"
    )
    ids = dict.fromkeys(
        r["id"]
        for sql, params in (
            (f"{by_key} WHERE k.key = ? AND {_FOUND}{label_filter}", [query.key, *found]),
            (
                f"{by_key} WHERE k.key > ? AND k.key < ? AND {_FOUND}{label_filter} {RANK_ORDER} LIMIT ?",
                [query.key, query.key + _LAST, *found, limit],
            ),
        )
        for r in db.execute(sql, params)
    )
    dense = db.execute(
        "SELECT count(*) FROM (SELECT rowid FROM search_text WHERE search_text MATCH ? LIMIT ?)",
        [query.fts5, MANY],
    ).fetchone()[0]
    hint = "INDEXED BY entities_rank" if dense >= MANY else ""  # else the planner sorts the few
    walk = f"SELECT e.id FROM entities e {hint} WHERE {_FOUND}{label_filter} {RANK_ORDER} LIMIT ? OFFSET ?"
    tiers = _tiers(db, query.key, list(ids))
    containing, offset, page = 0, 0, max(PAGE, 2 * limit)
    while containing < limit:
        read = [r["id"] for r in db.execute(walk, [*found, page, offset])]
        tiers.update(walked := _tiers(db, query.key, [i for i in read if i not in tiers]))
        containing += sum(t is not None for t in walked.values())
        if len(read) < page:
            break
        offset += page
    ties = _ties(db, list(tiers))
    hits = (Hit(i, Tier.TOKENS if t is None else t, *ties[i]) for i, t in tiers.items() if i in ties)
    return ranked(hits, limit)


def _tiers(db: sqlite3.Connection, key: str, ids: list[str]) -> dict[str, Tier | None]:
    """The tier at which `key` matches each entity's forms (None: it only holds the key's token)."""
    forms = _forms(db, ids)
    return {i: key_tier(key, forms[i]) if i in forms else None for i in ids}


def _labels(labels: Sequence[Label] | None, table: str = "") -> tuple[str, list[str]]:
    if not labels:
        return "", []
    return f" AND {table}label IN ({','.join('?' * len(labels))})", [label.value for label in labels]


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
            found = forms.get(row["entity_id"])
            if found is None:
                found = forms[row["entity_id"]] = NameForms()
            getattr(found, row["kind"]).append(row["form"])
    return forms


def _ties(db: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[int, str]]:
    """(degree, name) of each candidate, read for these ids only, not the whole graph. The degree is
    counted as networkx and Neo4j count it (a self-loop twice), kept by the schema's triggers."""
    out: dict[str, tuple[int, str]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(f"SELECT id, name, degree FROM entities WHERE id IN ({marks})", chunk).fetchall()
        out.update({r["id"]: (r["degree"], r["name"]) for r in rows})
    return out


def _kinds(forms: NameForms) -> list[tuple[str, list[str]]]:
    """The forms `search_forms` stores; name keys live in `entity_keys`."""
    return [("pinyin", forms.pinyin), ("initials", forms.initials)]


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
