"""The `mdkg` console script, run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from pydantic import SecretStr

from mdkg.cli import open_exports_warning
from mdkg.graph.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "corpus"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
MDKG = Path(sys.executable).with_name("mdkg")


def run(*args: str, db: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MDKG_SQLITE_PATH": str(db), "MDKG_STORE": "embedded"}
    return subprocess.run(
        [str(MDKG), *args], env=env, capture_output=True, text=True, check=check, timeout=120
    )


def test_help_lists_every_command(tmp_path: Path) -> None:
    out = run("--help", db=tmp_path / "x.sqlite").stdout
    for command in ("ingest", "extract", "serve", "stats"):
        assert command in out


def test_version_is_the_package_metadata_version(tmp_path: Path) -> None:
    assert run("--version", db=tmp_path / "x.sqlite").stdout.split()[-1] == version("mdkg")


def test_ingest_twice_then_stats(tmp_path: Path) -> None:
    db = tmp_path / "g.sqlite"
    first = run("ingest", str(SAMPLES), db=db)
    assert "ok    " in first.stderr and "2 of 2 files ingested" in first.stdout
    before = json.loads(run("stats", "--json", db=db).stdout)
    run("ingest", str(SAMPLES), "--quiet", db=db)
    assert json.loads(run("stats", "--json", db=db).stdout) == before
    assert before["articles"] == 11


def test_ingest_reports_a_bad_file_and_exits_non_zero(tmp_path: Path) -> None:
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"title": "x"\n', encoding="utf-8")
    result = run("ingest", str(bad), db=tmp_path / "g.sqlite", check=False)
    assert result.returncode == 1
    assert "SKIP" in result.stderr and "broken.jsonl:1" in result.stderr
    assert "0 of 1 files ingested" in result.stdout


def test_a_newline_in_a_file_name_stays_on_its_report_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "two\nlines.txt").write_text("坏", encoding="utf-8")
    (corpus / "out.txt").symlink_to(Path("/etc/hostname"))
    result = run("ingest", str(corpus), db=tmp_path / "g.sqlite", check=False)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 2, lines
    assert all(line.startswith("SKIP  ") for line in lines) and "two\\nlines.txt" in result.stderr
    assert "not followed" in result.stderr and "0 of 2 files ingested" in result.stdout


def test_a_store_that_cannot_open_is_one_line_that_says_what_to_do(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    not_sqlite = tmp_path / "notes.sqlite"
    not_sqlite.write_text("not a database", encoding="utf-8")
    for db, says in ((folder, "is a folder"), (not_sqlite, "is not an mdkg store")):
        result = run("ingest", str(SAMPLES), db=db, check=False)
        assert result.returncode == 1  # a failure; 2 is for usage errors
        assert result.stderr.startswith("error [store_unavailable]") and says in result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_extract_writes_the_gold_format(tmp_path: Path) -> None:
    out = tmp_path / "pred.jsonl"
    run("extract", str(SAMPLES), "-o", str(out), db=tmp_path / "g.sqlite")
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 11
    for row in rows:
        names = {e["name"] for e in row["entities"]}
        assert set(row) == {"title", "entities", "relations"}
        assert all(r["head"] in names and r["tail"] in names for r in row["relations"])


def test_extract_output_is_scored_by_the_shared_scorer(tmp_path: Path) -> None:
    if not SCORER.exists():
        pytest.skip(f"{SCORER} is absent (it ships with the project's shared evaluation folder)")
    out = tmp_path / "pred.jsonl"
    run("extract", str(SAMPLES), "-o", str(out), db=tmp_path / "g.sqlite")
    gold = SAMPLES / "sample.gold.jsonl"
    result = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(out), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    scores = json.loads(result.stdout)
    assert scores["articles"]["missing_in_pred"] == []
    assert scores["entities"]["f1"] > 0 and scores["relations"]["f1"] > 0


@pytest.mark.parametrize(
    "host, api_key, warns",
    [
        ("127.0.0.1", "", False),
        ("localhost", "", False),
        ("::1", "", False),
        ("0.0.0.0", "", True),
        ("192.168.1.20", "", True),
        ("0.0.0.0", "s3cret", False),
    ],
)
def test_serve_warns_when_others_can_export_without_a_key(host: str, api_key: str, warns: bool) -> None:
    warning = open_exports_warning(Settings(host=host, api_key=SecretStr(api_key)))
    if warns:
        assert warning and host in warning and "/export/" in warning and "MDKG_API_KEY" in warning
        assert "\n" not in warning
    else:
        assert warning is None
