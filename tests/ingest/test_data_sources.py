"""Every data file names its source, and every entry of a list of named things carries one.

Knowledge comes from general sources (registers, gazetteers, published lists), never from the
articles the extractor is scored on: a file says where its rows come from in its header, and the
lists of named things (organisations, zones, towns, areas) say it row by row.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mdkg.ingest.datafiles import read_tsv

DATA = Path(__file__).resolve().parents[2] / "ingest" / "data"
FILES = sorted(DATA.rglob("*.tsv"))
# lists of named things, whose every row names its source
PER_ROW = ["organisations.tsv", "regions/zones.tsv", "regions/towns.tsv", "regions/area_members.tsv"]
# files generated from a third-party package, whose header names the package and its licence
GENERATED = ["regions/admin.tsv", "regions/nbs_towns.tsv", "regions/world.tsv", "words.tsv"]
LICENCE = re.compile(r"\b(?:MIT|BSD|Unicode licence|Apache)\b")


def _header(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if line.startswith("#"))


def test_the_data_files_are_found() -> None:
    assert len(FILES) >= 15


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_every_data_file_names_its_source(path: Path) -> None:
    assert re.search(r"(?i)\b(?:sources?|provenance)\b", _header(path)), f"{path.name} names no source"


@pytest.mark.parametrize("name", GENERATED)
def test_generated_files_name_the_package_and_its_licence(name: str) -> None:
    header = _header(DATA / name)
    assert LICENCE.search(header), f"{name} names no licence"
    assert "tools/build_" in header, f"{name} does not say which script made it"


@pytest.mark.parametrize("name", PER_ROW)
def test_every_entry_of_a_list_of_names_carries_a_source(name: str) -> None:
    rows = read_tsv(DATA / name)
    assert rows, f"{name} is empty"
    unsourced = [row.get("name") or row.get("code") for row in rows if not row.get("source", "").strip()]
    assert unsourced == [], f"{name}: rows without a source: {unsourced}"
