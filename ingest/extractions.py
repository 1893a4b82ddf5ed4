"""The extractions file: what extraction on a cluster hands to the one writer, `mdkg ingest`.

`<stem>.extractions.jsonl` holds the extractions of one news file: a first line, the header (format
name and version, the mdkg version and extractor that extracted, the news file's path and SHA-256,
the number of articles), then one `Extraction` a line in the order of the news file. It is written
whole or not at all (a temporary file, then a rename), so a file that is there is complete; a file
whose lines disagree with its header is refused.

`mdkg ingest` knows such a file by its name and takes it as the news file it came from: its
progress is kept under the news file's SHA-256, so a folder holding both `x.jsonl` and
`x.extractions.jsonl` ingests one of them and finds the other unchanged.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel, Field, ValidationError

from mdkg.ingest.errors import ReadError
from mdkg.ingest.extract.reader import EXTRACTOR_NAME
from mdkg.ingest.types import Extraction

FORMAT: Final = "mdkg-extractions"
VERSION = 1
SUFFIX = ".extractions.jsonl"


class ExtractionsHeader(BaseModel):
    """The first line of an extractions file: what it is and where it came from."""

    format: Literal["mdkg-extractions"] = FORMAT
    version: int = Field(VERSION, description="of the file format; a reader refuses other versions")
    mdkg: str = Field(description="the mdkg version that extracted")
    extractor: str = EXTRACTOR_NAME
    source: str = Field(description="the news file, as the extracting machine named it")
    sha256: str = Field(description="of the news file's bytes: the key ingest keeps its progress under")
    articles: int = Field(ge=1, description="the lines that follow, one extraction each")


def mdkg_version() -> str:
    """The installed mdkg's version (from the package metadata)."""
    try:
        return version("mdkg")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def is_extractions_file(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIX)


def extractions_name(news: Path) -> str:
    """`x.jsonl` → `x.extractions.jsonl`."""
    return news.stem + SUFFIX


def write_extractions(out: Path, header: ExtractionsHeader, lines: Iterable[str]) -> None:
    """Write the header and the extraction lines (each one `Extraction` as JSON) to `out`, atomically:
    a reader finds the whole file or none (or the one it replaces)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.{secrets.token_hex(6)}.tmp")  # hidden: no reader takes it
    try:
        with temporary.open("x", encoding="utf-8") as file:
            file.write(header.model_dump_json() + "\n")
            for line in lines:
                file.write(line + "\n")
        os.replace(temporary, out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def read_header(path: Path) -> ExtractionsHeader:
    """The header of an extractions file, or `ReadError` when the first line is none this mdkg reads."""
    try:
        with path.open(encoding="utf-8") as file:
            first = file.readline()
    except OSError as error:
        raise ReadError(path, f"cannot read: {error.strerror}") from None
    except UnicodeError as error:
        raise ReadError(path, f"not UTF-8: {error}", 1) from None
    return _header(path, first)


def _header(path: Path, first: str) -> ExtractionsHeader:
    try:
        row = json.loads(first)
    except json.JSONDecodeError:
        row = None
    if not isinstance(row, dict) or row.get("format") != FORMAT:
        raise ReadError(path, f"named like an extractions file, but its first line is no {FORMAT} header", 1)
    if row.get("version") != VERSION:
        raise ReadError(
            path,
            f"extractions format version {row.get('version')!r} (from mdkg {row.get('mdkg', '?')}); this "
            f"mdkg ({mdkg_version()}) reads version {VERSION}: extract the news file again with it",
            1,
        )
    try:
        return ExtractionsHeader.model_validate(row)
    except ValidationError as error:
        raise ReadError(path, f"a bad header: {_first_problem(error)}", 1) from None


def read_extractions(path: Path) -> tuple[ExtractionsHeader, list[Extraction]]:
    """The header and every extraction of a file, or `ReadError` naming the line of the first problem."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as error:
        raise ReadError(path, f"cannot read: {error.strerror}") from None
    except UnicodeError as error:
        raise ReadError(path, f"not UTF-8: {error}") from None
    header = _header(path, lines[0])
    rows = [(number, line) for number, line in enumerate(lines[1:], 2) if line.strip()]
    if len(rows) != header.articles:
        raise ReadError(
            path, f"the header promises {header.articles} extractions, the file holds {len(rows)}"
        )
    extractions = []
    for number, line in rows:
        try:
            extractions.append(Extraction.model_validate_json(line))
        except ValidationError as error:
            raise ReadError(path, f"not an extraction: {_first_problem(error)}", number) from None
    return header, extractions


def _first_problem(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "the line"
    return f"{where}: {first['msg']}"
