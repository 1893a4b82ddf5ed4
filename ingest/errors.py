"""Errors of the ingest stages. Each names the file and, where known, the position in it."""

from __future__ import annotations

from pathlib import Path

from mdkg.graph.errors import MdkgError


class ReadError(MdkgError):
    """A file could not be read as articles; the whole file is rejected.

    `position` is a line number (feeds, JSON Lines) or None when the problem is
    the file as a whole. `str()` reads like a compiler message:
    `samples/x.jsonl:3: not JSON: Expecting value`.
    """

    code = "read_error"

    def __init__(self, path: Path, reason: str, position: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.position = position
        where = str(path) if position is None else f"{path}:{position}"
        super().__init__(f"{where}: {reason}")


class DataFileError(MdkgError):
    """A data file of `ingest/data/` (a gazetteer, a word list) that does not read as its table: a row
    with another number of cells than the header, no header, bytes that are not UTF-8. `str()` names
    the file and the line: `ingest/data/roles.tsv:12: 3 cells, the header (line 5) has 2: term, role`.
    """

    code = "data_file_error"

    def __init__(self, path: Path, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        super().__init__(f"{path}: {reason}" if line is None else f"{path}:{line}: {reason}")
