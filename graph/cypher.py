"""Cypher for people: the stored queries of `queries/` by name, and ad-hoc read-only Cypher.

Both run on Neo4j only. Neo4j first plans the query (EXPLAIN) and the plan decides: no LOAD CSV, no
administration, only harmless procedures, and a read-only query type; then it runs in READ access
mode, so the database itself refuses a write whatever the text says. Each has a timeout and a row
cap from the settings (MDKG_CYPHER_TIMEOUT, MDKG_CYPHER_MAX_ROWS), and the servers the project
configures (the test launcher, docker-compose) also cap every transaction's time and memory and
refuse file URLs. Parameters arrive as text (CLI) or JSON (API) and are coerced to the type the
query's header declares, so a wrong value is reported by name before Neo4j sees it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Any, Protocol, runtime_checkable

from neo4j.exceptions import Neo4jError
from neo4j.graph import Node, Path, Relationship
from pydantic import BaseModel, Field

from mdkg.graph.errors import InvalidParameter, InvalidRequest, MdkgError, NeedsNeo4j, NotFound
from mdkg.graph.neo4j_queries import SEARCH_FORM_FIELDS
from mdkg.graph.settings import Settings
from mdkg.graph.stored_queries import QueryParam, StoredQuery, load_all

HOW_TO_GET_NEO4J = (
    "Select the Neo4j store with MDKG_STORE=neo4j (or --store neo4j) and NEO4J_URI, NEO4J_USER, "
    "NEO4J_PASSWORD; to start one: NEO4J_PASSWORD=choose-one docker compose up -d neo4j"
)


class QueryResult(BaseModel):
    """Rows keyed by column, in the query's column order; `truncated` when the row cap cut some off."""

    columns: list[str] = Field(default_factory=list)
    rows: list[dict[str, Any]] = Field(default_factory=list)
    truncated: bool = False


@runtime_checkable
class CypherReader(Protocol):
    """A store that can run someone's Cypher read-only (the Neo4j store)."""

    def read_only(
        self, cypher: str, params: Mapping[str, Any], timeout: float, max_rows: int
    ) -> QueryResult: ...


class WriteRefused(InvalidRequest):
    """The database refused a write: stored and ad-hoc Cypher are read-only."""

    code = "read_only"


class QueryTimeout(InvalidRequest):
    """The query ran longer than the timeout and the database stopped it."""

    code = "query_timeout"


class OutsideReach(InvalidRequest):
    """Ad-hoc Cypher that would read files or URLs, or call administration procedures."""

    code = "outside_graph"


# Procedures someone's Cypher may call: the graph's schema and its full-text lookups. Everything
# else (dbms.* configuration and transactions, plugins that load files or URLs) is refused.
ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "db.ping",
    }
)
# plan operators that reach outside the graph (LOAD CSV reads files and any URL the server reaches)
# or administer the server (SHOW / TERMINATE TRANSACTIONS, users, databases)
_OUTSIDE_OPERATORS = re.compile(r"LoadCSV|Show|Terminate|Administration|System|Transaction")


def check_plan(query_type: str | None, plan: Mapping[str, Any] | None) -> None:
    """Refuse Cypher by what Neo4j made of it (the plan of EXPLAIN), not by its text: reading files
    or URLs, administration and procedures outside `ALLOWED_PROCEDURES` are outside the graph; a
    query that is not read-only ('r') would write."""
    for operator, details in _operators(plan):
        if _OUTSIDE_OPERATORS.search(operator):
            raise OutsideReach(
                f"Cypher here may only read the graph; Neo4j plans {operator!r}, which reaches files, "
                "URLs or the server's administration"
            )
        if operator == "ProcedureCall":
            procedure = details.split("(", 1)[0].strip()
            if procedure not in ALLOWED_PROCEDURES:
                raise OutsideReach(
                    f"Cypher here may not call {procedure or 'that procedure'}; it may call "
                    f"{', '.join(sorted(ALLOWED_PROCEDURES))}"
                )
    if query_type not in (None, "r"):
        raise WriteRefused(
            f"the query would write (Neo4j calls it {query_type!r}), and Cypher here is read-only"
        )


def _operators(plan: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """(operator, details) of every step of a plan, its children included."""
    if not plan:
        return []
    operator = str(plan.get("operatorType", "")).split("@", 1)[0]
    details = str((plan.get("args") or {}).get("Details", ""))
    found = [(operator, details)]
    for child in plan.get("children") or []:
        found += _operators(child)
    return found


class CypherFailed(InvalidRequest):
    """Neo4j could not run the text: a syntax error, a missing parameter, a type error …"""

    code = "cypher_error"


def run_stored(store: object, name: str, raw: Mapping[str, object], settings: Settings) -> QueryResult:
    """Run the stored query `name` with `raw` parameters coerced to their declared types."""
    query = find(name, settings)
    params = coerce(query, raw)
    reader = _reader(store, f"the stored query {name!r}")
    return reader.read_only(query.cypher, params, settings.cypher_timeout, settings.cypher_max_rows)


def run_adhoc(store: object, cypher: str, params: Mapping[str, Any], settings: Settings) -> QueryResult:
    """Run ad-hoc Cypher read-only, with the settings' timeout and row cap."""
    if not cypher.strip():
        raise InvalidRequest("no Cypher given")
    reader = _reader(store, "ad-hoc Cypher")
    return reader.read_only(cypher, dict(params), settings.cypher_timeout, settings.cypher_max_rows)


def find(name: str, settings: Settings) -> StoredQuery:
    queries = load_all(settings.queries_dir)
    if name not in queries:
        raise NotFound(f"no stored query {name!r}; the stored queries are: {', '.join(sorted(queries))}")
    return queries[name]


def _reader(store: object, what: str) -> CypherReader:
    if isinstance(store, CypherReader):
        return store
    kind = getattr(store, "name", type(store).__name__)
    raise NeedsNeo4j(f"{what} needs the Neo4j store; this is the {kind} store. {HOW_TO_GET_NEO4J}")


# --- parameters -------------------------------------------------------------------------------------


def coerce(query: StoredQuery, raw: Mapping[str, object]) -> dict[str, Any]:
    """The declared parameters of `query`, each converted to its type; unknown or missing ones are errors."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(raw) - set(declared))
    if unknown:
        raise InvalidParameter(
            f"{query.name} takes no parameter {', '.join(unknown)}; it takes: {_usage(query)}"
        )
    missing = [p for p in query.params if p.name not in raw]
    if missing:
        raise InvalidParameter(f"{query.name} needs {', '.join(_one(p) for p in missing)}")
    return {name: coerce_value(declared[name], value) for name, value in raw.items()}


def coerce_value(param: QueryParam, value: object) -> Any:
    """`value` as the parameter's type: string, int, float, date (kept as ISO text) or list (of text)."""
    try:
        return _CONVERT[param.type](value)
    except (TypeError, ValueError) as exc:
        raise InvalidParameter(f"parameter {_one(param)}: cannot use {value!r} ({exc})") from exc


def _string(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


_INT64 = range(-(2**63), 2**63)  # what Neo4j's integers hold


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError("expected a whole number")
    number = int(value)
    if number not in _INT64:
        raise ValueError("outside the 64-bit range Neo4j's integers hold")
    return number


def _float(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError("expected a number")
    return float(value)


def _date(value: object) -> str:
    # dates stay ISO text: the graph stores them as text and the queries compare them as text
    return date.fromisoformat(_string(value)).isoformat()


def _list(value: object) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise TypeError("expected a list of text, or text with commas between the items")


_CONVERT = {"string": _string, "int": _int, "float": _float, "date": _date, "list": _list}


def _one(param: QueryParam) -> str:
    example = f", e.g. {param.example}" if param.example else ""
    return f"{param.name} ({param.type}{example})"


def _usage(query: StoredQuery) -> str:
    return "; ".join(_one(p) for p in query.params) or "nothing"


# --- what comes back from Neo4j ------------------------------------------------------------------


# the search forms the Neo4j store keeps on nodes for its own lookups; not the graph's data
INTERNAL_FIELDS = frozenset({"search_keys", *SEARCH_FORM_FIELDS})


def plain(value: Any) -> Any:
    """A Neo4j value as JSON-ready data: nodes and relationships as their properties, paths as lists."""
    if isinstance(value, Node):
        shown = {k: plain(v) for k, v in value.items() if k not in INTERNAL_FIELDS}
        return {"labels": sorted(value.labels), **shown}
    if isinstance(value, Relationship):
        return {"type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"nodes": [plain(n) for n in value.nodes], "relationships": [plain(r) for r in value]}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    iso = getattr(value, "iso_format", None)  # neo4j.time values
    return iso() if callable(iso) else json.dumps(value, default=str)


def refused(error: Neo4jError, timeout: float) -> MdkgError:
    """The project's error for what Neo4j said about someone's Cypher that ran with `timeout` seconds."""
    code = error.code or ""
    message = error.message or str(error)
    if "AdministrationCommand" in code:
        return OutsideReach(f"Cypher here may only read the graph, not administer the server ({message})")
    if code.endswith("AccessMode"):
        return WriteRefused(f"the query tries to write, and Cypher here is read-only ({message})")
    if "TimedOut" in code or code.endswith("Terminated"):
        return QueryTimeout(
            f"the query ran longer than {timeout:g} s and Neo4j stopped it; narrow it down "
            "(a LIMIT, fewer hops) or raise MDKG_CYPHER_TIMEOUT"
        )
    return CypherFailed(f"Neo4j could not run the query: {message} [{code}]")
