"""One reader for every data file of `ingest/data/`, with one behaviour."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdkg.ingest.datafiles import DATA_DIR, read_table, read_tsv, values
from mdkg.ingest.errors import DataFileError

GOOD = [
    pytest.param("word\tkind\n大会\tstop\n", [{"word": "大会", "kind": "stop"}], id="header-and-a-row"),
    pytest.param(
        "# Source: hand-made.\n# Two lines of provenance.\nword\tkind\n大会\tstop\n",
        [{"word": "大会", "kind": "stop"}],
        id="comments-before-the-header",
    ),
    pytest.param(
        "word\tkind\n\n大会\tstop\n   \n# a comment between rows\n论坛\tstop\n",
        [{"word": "大会", "kind": "stop"}, {"word": "论坛", "kind": "stop"}],
        id="blank-lines-and-comments-between-rows",
    ),
    pytest.param(
        "word\tkind\tchinese\nCo.\tdrop\t\n",
        [{"word": "Co.", "kind": "drop", "chinese": ""}],
        id="empty-last-cell",
    ),
    pytest.param(
        'word\tnote\n"大会"\tsays "hello"\n',
        [{"word": '"大会"', "note": 'says "hello"'}],
        id="quotes-are-characters",
    ),
    pytest.param("word\tkind\r\n大会\tstop\r\n", [{"word": "大会", "kind": "stop"}], id="crlf"),
    pytest.param("\ufeffword\tkind\n大会\tstop\n", [{"word": "大会", "kind": "stop"}], id="utf8-bom"),
    pytest.param(
        " word \tkind\n大会\tstop\n", [{"word": "大会", "kind": "stop"}], id="column-names-stripped"
    ),
    pytest.param("word\tkind\n", [], id="header-only"),
]

BAD = [
    pytest.param(
        "word\tkind\n大会\tstop\n论坛\n",
        3,
        "1 cells, the header (line 1) has 2: word, kind",
        id="too-few-cells",
    ),
    pytest.param(
        "# source\nword\tkind\n大会 stop\n", 3, "1 cells, the header (line 2) has 2", id="space-for-a-tab"
    ),
    pytest.param(
        "word\tkind\n大会\tstop\textra\n", 2, "3 cells, the header (line 1) has 2", id="too-many-cells"
    ),
    pytest.param(
        "word\tkind\tchinese\nCo.\tdrop\n", 2, "2 cells, the header (line 1) has 3", id="trailing-tab-lost"
    ),
    pytest.param("# only provenance\n\n", None, "no header line", id="no-header"),
    pytest.param("", None, "no header line", id="empty"),
    pytest.param("word\tword\n大会\t论坛\n", 1, "names word more than once", id="repeated-column"),
    pytest.param("word\t\n大会\t\n", 1, "has no name", id="unnamed-column"),
]


def _write(tmp_path: Path, data: str | bytes) -> Path:
    path = tmp_path / "table.tsv"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize(("text", "expected"), GOOD)
def test_read_tsv(tmp_path: Path, text: str, expected: list[dict[str, str]]) -> None:
    assert read_tsv(_write(tmp_path, text)) == expected


@pytest.mark.parametrize(("text", "line", "reason"), BAD)
def test_a_malformed_file_names_the_file_and_line(
    tmp_path: Path, text: str, line: int | None, reason: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(DataFileError) as caught:
        read_tsv(path)
    assert (caught.value.path, caught.value.line, caught.value.code) == (path, line, "data_file_error")
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"{path}:{line}: " if line else f"{path}: ")


def test_bytes_that_are_not_utf8_name_their_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "word\tkind\n大会\tstop\n".encode() + "论坛\tstop\n".encode("gb18030"))
    with pytest.raises(DataFileError, match=r"table\.tsv:3: not UTF-8"):
        read_tsv(path)


def test_read_table_gives_rows_in_column_order(tmp_path: Path) -> None:
    path = _write(tmp_path, "# source\ncode\tname\n1\t北京\n2\t天津\n")
    assert read_table(path) == (("code", "name"), [["1", "北京"], ["2", "天津"]])


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("a|b", ("a", "b")),
        ("Shenzhen | Pengcheng|", ("Shenzhen", "Pengcheng")),
        ("", ()),
        ("||", ()),
        ("一", ("一",)),
    ],
)
def test_values(cell: str, expected: tuple[str, ...]) -> None:
    assert values(cell) == expected


@pytest.mark.parametrize("path", sorted(DATA_DIR.rglob("*.tsv")), ids=lambda p: str(p.relative_to(DATA_DIR)))
def test_every_data_file_reads(path: Path) -> None:
    header, rows = read_table(path)
    assert header and rows
