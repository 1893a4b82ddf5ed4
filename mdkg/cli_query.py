"""`mdkg query` and `mdkg cypher`: the stored Cypher library and ad-hoc read-only Cypher."""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

import click

from mdkg.common import STORE_OPTION, opened, settings_for
from mdkg.graph.cypher import QueryResult, run_adhoc, run_stored
from mdkg.graph.settings import Settings
from mdkg.graph.stored_queries import StoredQuery, load_all

FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table for reading, json or csv for other tools.",
)
PARAM_OPTION = click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter; repeat for more. Lists are comma-separated: -p regions=region:440300,region:440100",
)
CELL_WIDTH = 60


@click.command("query")
@click.argument("name", required=False)
@click.option("--list", "show_list", is_flag=True, help="List the stored queries with their parameters.")
@PARAM_OPTION
@FORMAT_OPTION
@STORE_OPTION
def query(name: str | None, show_list: bool, params: tuple[str, ...], fmt: str, store: str | None) -> None:
    """Run a stored Cypher query (queries/*.cypher) by NAME on the Neo4j store.

    Example: mdkg query firms_in_region -p region=region:440300 --store neo4j (深圳市; a region's id is
    its GB/T 2260 code).
    """
    settings = settings_for(store)
    if show_list or not name:
        click.echo(describe(load_all(settings.queries_dir).values()))
        return
    values = parse_params(params, lambda text: text)
    result = _on_store(settings, lambda graph: run_stored(graph, name, values, settings))
    show(result, fmt, name)


@click.command("cypher")
@click.argument("text", metavar="CYPHER")
@PARAM_OPTION
@FORMAT_OPTION
@STORE_OPTION
def cypher(text: str, params: tuple[str, ...], fmt: str, store: str | None) -> None:
    """Run read-only CYPHER on the Neo4j store ("-" reads it from standard input).

    Neo4j plans it first and the plan must read only the graph (no LOAD CSV, no administration, no
    procedure beyond the schema ones); then it runs in READ access mode, so the database refuses any
    write; it is stopped after
    MDKG_CYPHER_TIMEOUT seconds and returns at most MDKG_CYPHER_MAX_ROWS rows. Parameter values are
    read as JSON when they can be (-p limit=5 is a number), as text otherwise.
    """
    settings = settings_for(store)
    source = sys.stdin.read() if text == "-" else text
    values = parse_params(params, json_or_text)
    show(_on_store(settings, lambda graph: run_adhoc(graph, source, values, settings)), fmt, None)


COMMANDS: list[click.Command] = [query, cypher]


def _on_store(settings: Settings, run: Callable[[Any], QueryResult]) -> QueryResult:
    with opened(settings) as graph:
        return run(graph)


def parse_params(pairs: tuple[str, ...], value: Callable[[str], object]) -> dict[str, object]:
    """`key=value` pairs as a dict; the first `=` splits, so values may hold `=`."""
    parsed: dict[str, object] = {}
    for pair in pairs:
        key, sep, text = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{pair!r} is not KEY=VALUE", param_hint="-p/--param")
        parsed[key.strip()] = value(text)
    return parsed


def json_or_text(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def describe(queries: Iterable[StoredQuery]) -> str:
    """Each query: its name and parameters on one line, its description under it."""
    blocks = []
    for q in queries:
        params = " ".join(f"-p {p.name}=<{p.type}>" for p in q.params)
        examples = ", ".join(f"{p.name}={p.example}" for p in q.params if p.example)
        lines = [f"{q.name} {params}".rstrip(), f"    {q.description}", f"    returns: {q.returns}"]
        if examples:
            lines.append(f"    e.g. {examples}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


# --- output ---------------------------------------------------------------------------------------


def show(result: QueryResult, fmt: str, name: str | None) -> None:
    if fmt == "json":
        click.echo(json.dumps({"name": name, **result.model_dump()}, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([cell(row.get(c)) for c in result.columns] for row in result.rows)
        click.echo(buffer.getvalue(), nl=False)
    else:
        click.echo(table(result))
    if result.truncated:
        click.echo(
            f"only the first {len(result.rows)} rows: the query has more (raise MDKG_CYPHER_MAX_ROWS "
            "or narrow the query)",
            err=True,
        )


def cell(value: Any) -> str:
    """One value as text: lists joined with `; `, maps as JSON, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def table(result: QueryResult) -> str:
    """Aligned columns; Chinese characters count two columns wide, long cells are cut with `…`."""
    grid = [result.columns] + [[_cut(cell(row.get(c))) for c in result.columns] for row in result.rows]
    widths = [max(_width(line[i]) for line in grid) for i in range(len(result.columns))]
    lines = ["  ".join(_pad(text, w) for text, w in zip(line, widths, strict=True)).rstrip() for line in grid]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(result.rows)} row{'' if len(result.rows) == 1 else 's'})")
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _cut(text: str) -> str:
    text = " ".join(text.split())  # one line a row
    if _width(text) <= CELL_WIDTH:
        return text
    text = text[:CELL_WIDTH]
    while _width(text) > CELL_WIDTH - 1:
        text = text[:-1]
    return text + "…"
