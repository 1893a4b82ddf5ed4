"""`mdkg export`: GraphML, CSV and neo4j-admin import files."""

from __future__ import annotations

from pathlib import Path

import click

from mdkg.common import DATE, STORE_OPTION, opened, settings_for
from mdkg.graph.export import DEFAULT_LIMIT, MAX_LIMIT, Format, load_snapshot, write_export
from mdkg.graph.ontology import Label


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in Format]),
    required=True,
    help="graphml: one file for Gephi; csv: nodes, relationships, evidence and articles tables; "
    "neo4j-admin: the files `neo4j-admin database import full` reads, with import.sh.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="A .graphml file (or a folder for mdkg.graphml); a folder for csv and neo4j-admin.",
)
@STORE_OPTION
@click.option(
    "--as-of", type=DATE, default=None, metavar="YYYY-MM-DD", help="Only what was first seen by this date."
)
@click.option(
    "--label",
    "labels",
    multiple=True,
    type=click.Choice([label.value for label in Label]),
    help="Only nodes of this label (repeatable) and the edges among them.",
)
@click.option(
    "--limit",
    default=DEFAULT_LIMIT,
    show_default=True,
    type=click.IntRange(1, MAX_LIMIT),
    help="Read at most this many entities.",
)
def export(
    fmt: str, output: Path, store: str | None, as_of: str | None, labels: tuple[str, ...], limit: int
) -> None:
    """Export the graph as GraphML (Gephi), CSV tables or neo4j-admin import files."""
    with opened(settings_for(store)) as graph:
        click.echo(f"reading the graph from the {graph.name} store …", err=True)
        snapshot = load_snapshot(graph, as_of=as_of, labels=[Label(x) for x in labels], limit=limit)
    if snapshot.truncated:
        click.echo(
            f"warning: the store holds {snapshot.total_entities} entities; only the first {limit} "
            "(by id) were exported. Raise --limit to export them all.",
            err=True,
        )
    result = write_export(snapshot, Format(fmt), output)
    click.echo(result.summary())


COMMANDS: list[click.Command] = [export]
