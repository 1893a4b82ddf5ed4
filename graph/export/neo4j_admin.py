"""The CSV files `neo4j-admin database import full` reads, laid out as graph/neo4j_store.py writes.

The rows come from the Neo4j store's own row builders, so the imported nodes and relationships
carry the same flattened properties (search forms, evidence as parallel lists, Region level
labels). One node file per label, one relationship file per type, the articles and MENTIONS.

Every value is quoted and a missing one is an empty unquoted cell: that is how neo4j-admin tells
an empty string from no property. The array delimiter is `;` unless some list element holds one;
`import.sh` names the delimiter chosen. Two things the CSV format cannot say are put right by
`after-import.cypher` (run it once on the started database): empty lists (neo4j-admin writes no
property, the store writes `[]` and appends to it on later ingests) and reprint lists that hold
only an empty string. MENTIONS carry no `count`: the store contract has no way to read it.
"""

from __future__ import annotations

import shlex
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mdkg.graph import neo4j_queries as q
from mdkg.graph.errors import InvalidRequest
from mdkg.graph.export import Snapshot
from mdkg.graph.neo4j_store import article_row, entity_rows, relationship_rows
from mdkg.graph.ontology import NODE_PROPERTIES
from mdkg.graph.schema import schema_statements

ARRAY_DELIMITERS = (";", "|", "\x1e", "\x1d")
EVIDENCE_FIELDS = {
    "evidence": "sentence", "evidence_articles": "article_id", "evidence_starts": "start",
    "evidence_ends": "end", "evidence_extractors": "extractor", "evidence_confidences": "confidence",
    "evidence_keys": "key",
}  # fmt: skip
ARTICLES_FILE = "articles.csv"
MENTIONS_FILE = "mentions.csv"
Record = dict[str, Any]


def write(snapshot: Snapshot, folder: Path) -> list[str]:
    """Write the node, relationship, script and Cypher files into `folder`; the file names."""
    nodes, rels = node_records(snapshot), relationship_records(snapshot)
    articles, mentions = article_records(snapshot), mention_records(snapshot)
    delimiter = choose_delimiter([*nodes.values(), *rels.values(), articles])
    files: dict[str, list[Record]] = {ARTICLES_FILE: articles}
    files |= {f"nodes_{label}.csv": records for label, records in sorted(nodes.items())}
    files[MENTIONS_FILE] = mentions
    files |= {f"relationships_{t}.csv": records for t, records in sorted(rels.items())}
    files = {name: records for name, records in files.items() if records}  # neo4j-admin needs a header
    for name, records in files.items():
        (folder / name).write_text(to_csv(records, delimiter), encoding="utf-8")
    node_files = [n for n in files if n == ARTICLES_FILE or n.startswith("nodes_")]
    rel_files = [n for n in files if n not in node_files]
    (folder / "import.sh").write_text(import_script(node_files, rel_files, delimiter), encoding="utf-8")
    (folder / "import.sh").chmod(0o755)
    statements = after_import_statements(nodes, rels)
    (folder / "after-import.cypher").write_text("".join(f"{s};\n" for s in statements), encoding="utf-8")
    return [*files, "import.sh", "after-import.cypher"]


# --- records: one dict per CSV row, keys are typed headers' names ----------------------------------


def node_records(snapshot: Snapshot) -> dict[str, list[Record]]:
    """Entity rows as the store writes them, with the degree it keeps (in the exported graph)."""
    degrees: dict[str, int] = defaultdict(int)
    for edge in snapshot.graph.edges:
        degrees[edge.source] += 1
        degrees[edge.target] += 1
    by_label: dict[str, list[Record]] = defaultdict(list)
    for (label, level), rows in entity_rows(snapshot.graph.nodes).items():
        labels = ["Entity", label.value, *([level.value] if level else [])]
        for row in rows:
            props = row.pop("properties")
            row["degree"] = degrees[row["id"]]
            by_label[label.value].append({"id:ID(Entity)": row.pop("id"), ":LABEL": labels, **row, **props})
    return by_label


def relationship_records(snapshot: Snapshot) -> dict[str, list[Record]]:
    by_type: dict[str, list[Record]] = defaultdict(list)
    for rel_type, rows in relationship_rows(snapshot.graph.edges).items():
        for row in rows:
            evidence = row.pop("evidence")
            record = {":START_ID(Entity)": row.pop("source"), ":END_ID(Entity)": row.pop("target"),
                      ":TYPE": rel_type.value, **row.pop("properties"), **row}  # fmt: skip
            record |= {field: [e[column] for e in evidence] for field, column in EVIDENCE_FIELDS.items()}
            by_type[rel_type.value].append(record)
    return by_type


def article_records(snapshot: Snapshot) -> list[Record]:
    records = []
    for article in snapshot.articles:
        row = article_row(article)
        reprints = row.pop("reprints")
        record = {"id:ID(Article)": row.pop("id"), ":LABEL": ["Article"], **row}
        record |= {f: [r.get(c) or "" for r in reprints] for f, c in q.REPRINT_FIELDS.items()}
        records.append(record)
    return records


def mention_records(snapshot: Snapshot) -> list[Record]:
    known = {a.id for a in snapshot.articles}
    return [
        {":START_ID(Article)": article, ":END_ID(Entity)": node.id, ":TYPE": "MENTIONS"}
        for node in snapshot.graph.nodes
        for article in node.sources
        if article in known
    ]


# --- CSV ------------------------------------------------------------------------------------------


def choose_delimiter(tables: Iterable[list[Record]]) -> str:
    """The first of ARRAY_DELIMITERS that no list element contains."""
    used = "".join(
        str(x) for records in tables for r in records for v in r.values() if isinstance(v, list) for x in v
    )
    for delimiter in ARRAY_DELIMITERS:
        if delimiter not in used:
            return delimiter
    raise InvalidRequest("every array delimiter neo4j-admin could use occurs inside a list value")


def to_csv(records: list[Record], delimiter: str) -> str:
    columns = list(dict.fromkeys(k for r in records for k in r))
    header = [_header(c, [r.get(c) for r in records]) for c in columns]
    lines = [",".join(_quote(h) for h in header)]
    lines += [",".join(_cell(r.get(c), delimiter) for c in columns) for r in records]
    return "\n".join(lines) + "\n"


def _header(column: str, values: list[Any]) -> str:
    if column.startswith(":") or ":" in column:
        return column
    is_list = any(isinstance(v, list) for v in values)
    items = [x for v in values if v is not None for x in (v if isinstance(v, list) else [v])]
    return f"{column}:{_type(items)}{'[]' if is_list else ''}"


def _type(items: list[Any]) -> str:
    if items and all(isinstance(x, bool) for x in items):
        return "boolean"
    if items and all(isinstance(x, int) and not isinstance(x, bool) for x in items):
        return "long"
    if items and all(isinstance(x, int | float) and not isinstance(x, bool) for x in items):
        return "double"
    return "string"


def _cell(value: Any, delimiter: str) -> str:
    if value is None or value == []:
        return ""
    if isinstance(value, list):
        return _quote(delimiter.join(_scalar(x) for x in value))
    return _quote(_scalar(value))


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# --- the command line and the fix-ups ---------------------------------------------------------------


def import_command(node_files: list[str], rel_files: list[str], delimiter: str, database: str) -> list[str]:
    """`neo4j-admin database import full` with these files, run from the export folder."""
    shown = delimiter if delimiter.isprintable() else f"U+{ord(delimiter):04X}"
    return [
        "neo4j-admin", "database", "import", "full", database,
        f"--array-delimiter={shown}", "--multiline-fields=true",
        *(f"--nodes={name}" for name in node_files),
        *(f"--relationships={name}" for name in rel_files),
    ]  # fmt: skip


def import_script(node_files: list[str], rel_files: list[str], delimiter: str) -> str:
    database = '"${NEO4J_DATABASE:-neo4j}"'
    command = import_command(node_files, rel_files, delimiter, database)
    words = [w if w == database else shlex.quote(w) for w in command]
    args = " ".join(words[:5]) + "".join(f" \\\n  {w}" for w in words[5:])
    return (
        "#!/usr/bin/env sh\n"
        "# Load this folder into a new Neo4j 5 database with neo4j-admin (the database must be stopped;\n"
        "# add --overwrite-destination to replace one). NEO4J_DATABASE names it (default neo4j); extra\n"
        "# options given to this script are passed on. Then start Neo4j and run after-import.cypher once:\n"
        "#   cypher-shell -f after-import.cypher\n"
        "set -eu\n"
        'cd "$(dirname "$0")"\n'
        f'{args} \\\n  "$@"\n'
    )


def after_import_statements(nodes: dict[str, list[Record]], rels: dict[str, list[Record]]) -> list[str]:
    """The store's constraints and indexes, and the empty lists neo4j-admin cannot write."""
    statements = list(schema_statements())
    label_props = {f for model in NODE_PROPERTIES.values() for f in model.model_fields}
    entity_lists = sorted(
        {k for rs in nodes.values() for r in rs for k, v in r.items() if _plain_list(k, v)} - label_props
    )
    if entity_lists:
        statements.append(_batched("MATCH (n:Entity)", "n", f"SET {_coalesce('n', entity_lists)}"))
    for rel_type, records in sorted(rels.items()):
        fields = sorted({k for r in records for k, v in r.items() if _plain_list(k, v)})
        statements.append(
            _batched(f"MATCH (:Entity)-[r:{rel_type}]->(:Entity)", "r", f"SET {_coalesce('r', fields)}")
        )
    padded = ", ".join(
        f"a.{f} = coalesce(a.{f}, [i IN range(1, n) | ''])" for f in q.REPRINT_FIELDS if f != "reprint_keys"
    )
    statements.append(
        _batched(
            "MATCH (a:Article)",
            "a",
            "WITH a, size(coalesce(a.reprint_keys, [])) AS n "
            f"SET a.reprint_keys = coalesce(a.reprint_keys, []), {padded}",
        )
    )
    statements.append(q.mark_filled("degrees"))  # the rows hold them: no recount on the first connect
    return statements


AFTER_IMPORT_ROWS = (
    10_000  # rows a transaction of after-import.cypher sets (a server caps a transaction's memory)
)


def _batched(match: str, variable: str, update: str) -> str:
    """`update` on every row `match` finds, in transactions of `AFTER_IMPORT_ROWS` rows (an auto-commit
    statement: cypher-shell runs it as it is; Neo4j Browser needs `:auto` before it)."""
    return f"{match} CALL ({variable}) {{ {update} }} IN TRANSACTIONS OF {AFTER_IMPORT_ROWS} ROWS"


def _plain_list(column: str, value: Any) -> bool:
    return isinstance(value, list) and not column.startswith(":")


def _coalesce(variable: str, fields: list[str]) -> str:
    return ", ".join(f"{variable}.{f} = coalesce({variable}.{f}, [])" for f in fields)
