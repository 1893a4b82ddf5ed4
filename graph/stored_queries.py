"""Stored queries are data: `queries/*.cypher`, each with a header of `// key: value` lines."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field

from mdkg.graph.errors import InvalidRequest
from mdkg.graph.settings import get_settings

# `queries/` beside the packages, as in a checkout; settings (MDKG_QUERIES_DIR) can point elsewhere.
QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
# the types a `// param:` line may declare; graph.cypher converts values to them
PARAM_TYPES = ("string", "int", "float", "date", "list")
_NOTES = re.compile(r"\([^)]*\)")
_PARAM = re.compile(r"^(?P<name>\w+)\s+\((?P<type>\w+)\)\s+(?P<doc>.*?)(?:,\s*example:\s*(?P<example>.+))?$")


class QueryParam(BaseModel):
    name: str
    type: str
    description: str
    example: str | None = None


class StoredQuery(BaseModel):
    name: str
    description: str
    params: list[QueryParam] = Field(default_factory=list)
    returns: str = ""
    cypher: str
    path: Path

    @property
    def columns(self) -> list[str]:
        """The column names `// returns:` lists (notes in brackets after a name are left out)."""
        return [c.strip() for c in _NOTES.sub("", self.returns).split(",") if c.strip()]


def parse(path: Path) -> StoredQuery:
    """One `.cypher` file: the `//` header lines before the first line of Cypher, then the Cypher."""
    header: dict[str, str] = {}
    params: list[QueryParam] = []
    body: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("//") and not body:
            key, _, value = line[2:].strip().partition(":")
            if key.strip() == "param":
                params.append(_param(path, line, value.strip()))
            else:
                header[key.strip()] = value.strip()
        elif line.strip() or body:
            body.append(line)
    for key in ("name", "description"):
        if key not in header:
            raise InvalidRequest(f"{path}: the header has no '// {key}:' line")
    return StoredQuery(
        name=header["name"],
        description=header["description"],
        params=params,
        returns=header.get("returns", ""),
        cypher="\n".join(body).strip(),
        path=path,
    )


def _param(path: Path, line: str, value: str) -> QueryParam:
    match = _PARAM.match(value)
    if not match:
        raise InvalidRequest(f"{path}: cannot read the parameter line {line!r}")
    if match["type"] not in PARAM_TYPES:
        raise InvalidRequest(
            f"{path}: parameter {match['name']} has type {match['type']!r}; "
            f"the types are {', '.join(PARAM_TYPES)}"
        )
    return QueryParam(
        name=match["name"], type=match["type"], description=match["doc"], example=match["example"]
    )


def load_all(folder: Path | None = None) -> dict[str, StoredQuery]:
    """The stored queries of `folder`, else of the settings' `queries_dir`, else of `QUERIES_DIR`.

    Parsed again only when a file was added, removed or changed (by name, size and mtime).
    """
    folder = folder or get_settings().queries_dir or QUERIES_DIR
    files = sorted(folder.glob("*.cypher"))
    return _parsed(tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in files))


@lru_cache(maxsize=8)
def _parsed(files: tuple[tuple[Path, int, int], ...]) -> dict[str, StoredQuery]:
    queries = [parse(path) for path, _, _ in files]
    return {q.name: q for q in queries}
