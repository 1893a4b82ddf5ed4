"""The bad-input corpus through the real `mdkg ingest`: one run over a copy of bad_inputs/, checked
against bad_inputs/EXPECTED.tsv row by row.

Each row is a file of the folder (`made` = git) or an entry this module makes in the copy because
git cannot hold it (`made` = generated: pipes, links, names with control characters, unreadable
files). `expect` is `ok` (the file goes in: `stories` new articles in the store, `reprints` as its
report line says, `title` among the stored titles), `skip` (exactly one `SKIP <file>:<line>: <reason>`
line naming it, and `title`, if given, absent from the store), `unchanged` (an ok line saying the
same bytes were ingested before: nothing read again) or `ignored` (no line at all). Names
in the table are written as the report shows them: a newline as `\\n`. `xfail` names a known bug.

The unreadable file and folder rows are skipped where mode 000 does not stop reading (root); as root,
`setpriv --bounding-set -dac_override,-dac_read_search pytest ...` checks them too.
"""

from __future__ import annotations

import codecs
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.ontology import Counts

CORPUS = Path(__file__).with_name("bad_inputs")
TABLE = CORPUS / "EXPECTED.tsv"
MDKG = Path(sys.executable).with_name("mdkg")
# The CLI's exit code when some files were skipped (mdkg/cli.py, `ingest`).
SOME_SKIPPED = 1
GOES_IN = ("ok", "unchanged")


def _reads_everything() -> bool:
    """Whether this process reads a file of mode 000, as root (with its capabilities) does."""
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe"
        probe.write_bytes(b"")
        probe.chmod(0)
        try:
            probe.read_bytes()
        except PermissionError:
            return False
        return True


READS_EVERYTHING = _reads_everything()
# Rows that only mean something when the test cannot read everything.
NEEDS_NON_ROOT = frozenset({"088_gen_unreadable.txt", "089_gen_unreadable_folder"})

INNER_FEED = """黄鹂文化发布乡村短剧片单
乡野日报· 2025-08-02 10:30
黄鹂文化公布下半年乡村题材短剧片单，共九部，将在三个县取景拍摄。
"""
NEWLINE_NAMED = "丹霞影业发布景区短剧预告\n\n丹霞影业发布首部景区短剧预告片，正片将于国庆假期上线。\n"
GOOD_PLAIN = "蓝鲸互动招聘短剧编剧\n\n蓝鲸互动发布招聘公告，计划招募短剧编剧五十名。\n"


@dataclass(frozen=True)
class Row:
    file: str
    made: str
    expect: str
    line: str
    reason: str
    stories: str
    reprints: str
    title: str
    xfail: str
    why: str

    @property
    def name(self) -> str:
        """The real file name: the table writes control characters as the report does (`\\n`)."""
        return codecs.decode(self.file, "unicode_escape") if self.made == "generated" else self.file


def read_table() -> list[Row]:
    header, *lines = TABLE.read_text(encoding="utf-8").splitlines()
    assert header.split("\t") == list(Row.__dataclass_fields__), header
    return [Row(*line.split("\t")) for line in lines]


ROWS = read_table()


def make_generated(folder: Path) -> None:
    """What git cannot hold, made in the copy; each has its row (`made` = generated)."""
    os.mkfifo(folder / "080_gen_fifo.txt")
    (folder / "081_gen_link_to_etc_passwd.txt").symlink_to("/etc/passwd")
    (folder / "082_gen_broken_link.txt").symlink_to(folder / "nowhere.txt")
    (folder / "083_gen_looping_link.txt").symlink_to(folder / "083_gen_looping_link.txt")
    (folder / "084_gen_folder.txt").mkdir()
    (folder / "084_gen_folder.txt" / "inner.txt").write_text(INNER_FEED, encoding="utf-8")
    (folder / "085_gen_new\nline.txt").write_text(NEWLINE_NAMED, encoding="utf-8")
    (folder / "086_gen_bad_new\nline.txt").write_bytes(b"")
    (folder / "087_gen_bell\x07and\ttab.txt").write_text("只有标题\n", encoding="utf-8")
    (folder / "090_gen_link_inside.txt").symlink_to("005_good_plain.txt")
    (folder / "091_gen_link_to_itself.md").symlink_to(".")
    if not READS_EVERYTHING:
        unreadable = folder / "088_gen_unreadable.txt"
        unreadable.write_text(GOOD_PLAIN, encoding="utf-8")
        unreadable.chmod(0)
        shut = folder / "089_gen_unreadable_folder"
        shut.mkdir()
        (shut / "inside.txt").write_text(GOOD_PLAIN, encoding="utf-8")
        shut.chmod(0)


@dataclass
class Run:
    folder: Path
    first: subprocess.CompletedProcess[str]
    second: subprocess.CompletedProcess[str]
    counts: Counts
    counts_again: Counts
    titles: list[str]


def ingest(folder: Path, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MDKG_SQLITE_PATH": str(db), "MDKG_STORE": "embedded"}
    return subprocess.run(
        [str(MDKG), "ingest", str(folder)], env=env, capture_output=True, text=True, timeout=600
    )


def stored(db: Path) -> tuple[Counts, list[str]]:
    """The store's counts, and the titles of its stories and of their reprints."""
    with closing(sqlite3.connect(db)) as db_file:  # every id: a short body has no fingerprint
        ids = [id_ for (id_,) in db_file.execute("SELECT id FROM articles")]
    store = EmbeddedStore(db)
    try:
        articles = store.get_articles(ids).values()
        titles = [a.title for a in articles] + [r.title for a in articles for r in a.reprints]
        return store.counts(), titles
    finally:
        store.close()


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    folder = tmp_path_factory.mktemp("corpus") / "bad_inputs"
    shutil.copytree(CORPUS, folder)
    (folder / "EXPECTED.tsv").unlink()
    make_generated(folder)
    db = folder.parent / "graph.sqlite"
    try:
        first = ingest(folder, db)
        counts, titles = stored(db)
        second = ingest(folder, db)
        yield Run(folder, first, second, counts, stored(db)[0], titles)
    finally:  # let pytest remove the copy
        for name in NEEDS_NON_ROOT:
            if (folder / name).exists():
                (folder / name).chmod(0o755)


def present(row: Row) -> bool:
    return not (READS_EVERYTHING and row.file in NEEDS_NON_ROOT)


def report_lines(run: Run, row: Row, prefix: str) -> list[str]:
    shown = f"{prefix}{run.folder}/{row.file}"
    return [line for line in run.first.stderr.splitlines() if line.startswith(f"{shown}: ")]


def check_skip(run: Run, row: Row) -> None:
    separator = ": " if row.line == "-" else f":{row.line}: "
    shown = f"SKIP  {run.folder}/{row.file}{separator}"
    lines = [line for line in run.first.stderr.splitlines() if line.startswith(shown)]
    assert len(lines) == 1, (shown, run.first.stderr)
    assert row.reason in lines[0].removeprefix(shown)
    if row.title != "-":
        assert not [title for title in run.titles if row.title in title]


def check_ok(run: Run, row: Row) -> None:
    [line] = report_lines(run, row, "ok    ")
    reported = re.search(r": \d+ articles(?: \(\+(\d+) reprints\))?, ", line)
    assert reported is not None, line
    assert int(reported[1] or 0) == int(row.reprints), line
    assert row.title in run.titles


def case(row: Row) -> pytest.ParameterSet:
    marks = [pytest.mark.xfail(reason=row.xfail, strict=True)] if row.xfail != "-" else []
    return pytest.param(row, id=row.file, marks=marks)


@pytest.mark.parametrize("row", [case(row) for row in ROWS])
def test_each_file_gives_what_the_table_says(run: Run, row: Row) -> None:
    if not present(row):
        pytest.skip("run as root, who reads a file or folder of mode 000 anyway")
    if row.expect == "skip":
        check_skip(run, row)
    elif row.expect == "ok":
        check_ok(run, row)
    elif row.expect == "unchanged":
        [line] = report_lines(run, row, "ok    ")
        assert line.endswith("unchanged since it was ingested (--again to read it)"), line
    else:
        assert row.expect == "ignored", row
        assert row.name not in run.first.stderr and row.file not in run.first.stderr


def test_the_table_has_a_row_for_every_file_and_a_file_for_every_row() -> None:
    assert len(ROWS) >= 60
    assert len({row.file for row in ROWS}) == len(ROWS)
    in_git = {row.file for row in ROWS if row.made == "git"}
    on_disk = {str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.is_file() and p != TABLE}
    assert in_git == on_disk
    assert {row.made for row in ROWS} == {"git", "generated"}
    assert {row.expect for row in ROWS} == {"ok", "skip", "unchanged", "ignored"}
    for row in ROWS:
        assert row.line == "-" or int(row.line) > 0, row
        assert (row.expect == "skip") == (row.reason != "-"), row
        assert (row.expect in GOES_IN) == row.stories.isdigit() == row.reprints.isdigit(), row


def test_one_line_a_file_no_traceback_and_the_documented_exit_code(run: Run) -> None:
    for result in (run.first, run.second):
        assert "Traceback" not in result.stdout + result.stderr
        assert result.returncode == SOME_SKIPPED, result.stderr
        lines = result.stderr.splitlines()
        assert all(line.startswith(("ok    ", "SKIP  ")) for line in lines), lines
        reported = [row for row in ROWS if row.expect != "ignored" and present(row)]
        assert len(lines) == len(reported)
        ok = sum(row.expect in GOES_IN for row in reported)
        assert f"{ok} of {len(reported)} files ingested" in result.stdout


def test_the_store_holds_the_stories_of_the_ok_files_and_nothing_else(run: Run) -> None:
    assert run.counts.articles == sum(int(row.stories) for row in ROWS if row.expect in GOES_IN)


def test_a_second_run_changes_nothing(run: Run) -> None:
    assert run.counts_again == run.counts
    skips = [line for line in run.first.stderr.splitlines() if line.startswith("SKIP")]
    assert [line for line in run.second.stderr.splitlines() if line.startswith("SKIP")] == skips
