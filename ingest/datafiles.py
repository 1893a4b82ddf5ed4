"""The data files of `ingest/data/`: tab-separated tables, read one way.

A file is UTF-8 text. Lines that start with `#` say where its rows come from and are skipped, as are
blank lines. The first other line names the columns; every later line is a row of exactly as many
cells, separated by tabs. Cells are taken as written: no quoting (`"` is a character like any other),
no stripping (an empty cell is a tab with nothing after it). A cell may list several values separated
by `|` (`values`). A row with another number of cells, a file with no header or a repeated column
name, and bytes that are not UTF-8 raise `DataFileError` naming the file and the line.
"""

from __future__ import annotations

from pathlib import Path

from mdkg.ingest.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_table(path: Path) -> tuple[tuple[str, ...], list[list[str]]]:
    """The column names of a data file and its rows, each a list of one cell a column."""
    header: tuple[str, ...] = ()
    header_line = 0
    rows: list[list[str]] = []
    for number, line in enumerate(_text(path).replace("\r\n", "\n").split("\n"), 1):
        if not line or line[0] == "#" or line.isspace():
            continue
        cells = line.split("\t")
        if not header:
            header, header_line = tuple(cell.strip() for cell in cells), number
            _check_header(path, header, number)
        elif len(cells) != len(header):
            reason = (
                f"{len(cells)} cells, the header (line {header_line}) has {len(header)}: {', '.join(header)}"
            )
            raise DataFileError(path, reason, number)
        else:
            rows.append(cells)
    if not header:
        raise DataFileError(path, "no header line: every line is blank or a # comment")
    return header, rows


def read_tsv(path: Path) -> list[dict[str, str]]:
    """The rows of a data file, each a dict of its cells by column name."""
    header, rows = read_table(path)
    return [dict(zip(header, row, strict=True)) for row in rows]


def values(cell: str) -> tuple[str, ...]:
    """`a|b` → `("a", "b")`: the values a cell lists, stripped, empty ones left out."""
    return tuple(part for part in (p.strip() for p in cell.split("|")) if part)


def _text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DataFileError(path, f"not UTF-8: {error.reason} at byte {error.start}", line) from None


def _check_header(path: Path, header: tuple[str, ...], number: int) -> None:
    if not all(header):
        raise DataFileError(path, "a column of the header has no name", number)
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise DataFileError(path, f"the header names {', '.join(repeated)} more than once", number)
