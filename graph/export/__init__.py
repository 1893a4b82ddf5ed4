"""Exports of the whole graph: GraphML (Gephi), CSV tables, and the files `neo4j-admin` imports.

One snapshot is read from the store (`load_snapshot`), cut to a date or to labels if asked, and
written by one module per format. The CLI writes to disk; the API sends the same bytes
(`as_bytes`) as a download.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, Field

from mdkg.graph.errors import InvalidRequest
from mdkg.graph.ontology import Article, Label, Subgraph
from mdkg.graph.store import GraphStore
from mdkg.graph.timeline import cited_articles, load
from mdkg.graph.views import induced

DEFAULT_LIMIT = 100_000
MAX_LIMIT = 10_000_000  # an export's limit goes into SQL and Cypher as a 64-bit integer


class Format(StrEnum):
    GRAPHML = "graphml"
    CSV = "csv"
    NEO4J_ADMIN = "neo4j-admin"


class Snapshot(BaseModel):
    """What an export writes: the (cut) graph and every article its nodes and edges cite."""

    graph: Subgraph
    articles: list[Article] = Field(default_factory=list)
    total_entities: int = Field(0, description="entities in the store before the limit and the cuts")
    limit: int = DEFAULT_LIMIT

    @property
    def truncated(self) -> bool:
        return self.total_entities > self.limit


class ExportResult(BaseModel):
    format: Format
    path: Path
    nodes: int
    edges: int
    articles: int
    files: list[str] = Field(default_factory=list, description="file names written, relative to the folder")

    def summary(self) -> str:
        return f"wrote {self.nodes} nodes, {self.edges} edges, {self.articles} articles to {self.path}"


def load_snapshot(
    store: GraphStore,
    as_of: str | None = None,
    labels: list[Label] | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Snapshot:
    """The store's graph (first `limit` entities by id), as of a date and only of `labels` if given.

    As of a date the graph forgets what later articles reported (`mdkg.graph.timeline.as_of_exact`), so
    the articles written are only those dated by then (or undated).
    """
    if limit < 1:
        raise InvalidRequest(f"limit must be at least 1, got {limit}")
    total = store.counts().entities
    sub = load(store, as_of, limit=limit)
    if labels:
        wanted = set(labels)
        sub = induced(sub, (n.id for n in sub.nodes if n.label in wanted))
    articles = store.get_articles(cited_articles(sub))
    return Snapshot(
        graph=sub,
        articles=[articles[i] for i in sorted(articles)],
        total_entities=total,
        limit=limit,
    )


def write_export(snapshot: Snapshot, fmt: Format, path: Path) -> ExportResult:
    """Write `snapshot` as `fmt`: GraphML to a file, CSV and neo4j-admin files into a folder."""
    from mdkg.graph.export import graphml, neo4j_admin, tables

    if fmt is Format.GRAPHML:
        target = path / "mdkg.graphml" if path.is_dir() else path
        target.parent.mkdir(parents=True, exist_ok=True)
        graphml.write(snapshot, target)
        files, path = [target.name], target
    else:
        if path.exists() and not path.is_dir():
            raise InvalidRequest(f"{fmt.value} export writes a folder of files, but {path} is a file")
        path.mkdir(parents=True, exist_ok=True)
        files = (tables.write if fmt is Format.CSV else neo4j_admin.write)(snapshot, path)
    return ExportResult(
        format=fmt,
        path=path,
        nodes=len(snapshot.graph.nodes),
        edges=len(snapshot.graph.edges),
        articles=len(snapshot.articles),
        files=files,
    )


def as_bytes(snapshot: Snapshot, fmt: Format) -> bytes:
    """One download: the GraphML file itself, or a zip of the folder the other formats write."""
    with tempfile.TemporaryDirectory(prefix="mdkg-export-") as tmp:
        folder = Path(tmp) / "export"
        result = write_export(snapshot, fmt, folder if fmt is not Format.GRAPHML else folder / "mdkg.graphml")
        if fmt is Format.GRAPHML:
            return result.path.read_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in result.files:
                archive.write(folder / name, name)
        return buffer.getvalue()
