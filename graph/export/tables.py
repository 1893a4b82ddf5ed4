"""Plain CSV tables: nodes, relationships, evidence (one row per sentence) and articles.

Written as UTF-8 with a byte-order mark (`utf-8-sig`): Excel opens a CSV without one in the local
code page and garbles Chinese; with it, Excel, LibreOffice and pandas all read the text right.
Python readers should open the files with `encoding="utf-8-sig"` so the mark is not taken as part
of the first column's name. Fields holding commas, quotes or line breaks are quoted (RFC 4180).

Excel and LibreOffice run a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return)
as a formula, so a sentence or a name from the news could run one (CSV injection). Such text
cells are written with a leading `'`, which spreadsheets read as "this is text"; numbers are
written as they are. The neo4j-admin files are not for spreadsheets and keep their text unchanged.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from mdkg.graph.export import Snapshot
from mdkg.graph.ontology import Article, Entity, Relationship

ENCODING = "utf-8-sig"
JOIN = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

NODE_COLUMNS = ["id", "label", "name", "aliases", "first_seen", "last_seen", "sources", "properties"]
RELATIONSHIP_COLUMNS = [
    "id", "type", "source", "target", "source_name", "target_name",
    "confidence", "first_seen", "last_seen", "evidence_count", "sources", "properties",
]  # fmt: skip
EVIDENCE_COLUMNS = ["relationship_id", "article_id", "sentence", "start", "end", "extractor", "confidence"]
ARTICLE_COLUMNS = ["id", "title", "source", "published_at", "url", "language", "reprints"]

Row = Sequence[object]


def write(snapshot: Snapshot, folder: Path) -> list[str]:
    """Write the four tables into `folder`; the file names written."""
    names = {n.id: n.name for n in snapshot.graph.nodes}
    edges = snapshot.graph.edges
    tables: dict[str, tuple[list[str], Iterable[Row]]] = {
        "nodes.csv": (NODE_COLUMNS, (node_row(n) for n in snapshot.graph.nodes)),
        "relationships.csv": (RELATIONSHIP_COLUMNS, (relationship_row(e, names) for e in edges)),
        "evidence.csv": (EVIDENCE_COLUMNS, (row for e in edges for row in evidence_rows(e))),
        "articles.csv": (ARTICLE_COLUMNS, (article_row(a) for a in snapshot.articles)),
    }
    for name, (columns, rows) in tables.items():
        write_csv(folder / name, columns, rows)
    return list(tables)


def write_csv(path: Path, columns: list[str], rows: Iterable[Row]) -> None:
    with path.open("w", encoding=ENCODING, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows([inert(cell) for cell in row] for row in rows)


def inert(cell: object) -> object:
    """A text cell a spreadsheet would run as a formula, prefixed with `'`; anything else unchanged."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def node_row(node: Entity) -> Row:
    return [
        node.id,
        node.label.value,
        node.name,
        JOIN.join(node.aliases),
        node.first_seen,
        node.last_seen,
        JOIN.join(node.sources),
        _json(node.properties),
    ]


def relationship_row(edge: Relationship, names: dict[str, str]) -> Row:
    return [
        edge.id,
        edge.type.value,
        edge.source,
        edge.target,
        names.get(edge.source, ""),
        names.get(edge.target, ""),
        edge.confidence,
        edge.first_seen,
        edge.last_seen,
        len(edge.evidence),
        JOIN.join(edge.sources),
        _json(edge.properties),
    ]


def evidence_rows(edge: Relationship) -> list[Row]:
    return [
        [edge.id, e.article_id, e.sentence, e.start, e.end, e.extractor, e.confidence] for e in edge.evidence
    ]


def article_row(article: Article) -> Row:
    reprints = [r.model_dump(exclude_none=True) for r in article.reprints]
    return [
        article.id,
        article.title,
        article.source,
        article.published_at,
        article.url,
        article.language,
        _json(reprints) if reprints else "",
    ]


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
