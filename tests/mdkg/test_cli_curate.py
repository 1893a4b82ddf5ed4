"""`mdkg curate`, run as a user runs it, on the embedded store with the sample corpus."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.mdkg.test_cli import SAMPLES, run


def _ingested(tmp_path: Path, name: str = "s.sqlite") -> Path:
    db = tmp_path / name
    run("ingest", str(SAMPLES / "sample-news.jsonl"), str(SAMPLES / "sample-feed.txt"), "--quiet", db=db)
    return db


def _edges(db: Path) -> list[dict[str, str]]:
    out = run("export", "--format", "csv", "-o", str(db.parent / f"{db.stem}-csv"), db=db)
    assert out.returncode == 0
    with (db.parent / f"{db.stem}-csv" / "relationships.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_a_session_of_corrections_from_the_command_line(tmp_path: Path) -> None:
    db = _ingested(tmp_path)
    first, second = sorted(e["id"] for e in _edges(db))[:2]
    done = run("curate", "reject", first, "--why", "not in the article", "--who", "lin", db=db)
    entry_id = done.stdout.split()[0]
    assert entry_id.startswith("c-") and "reject" in done.stdout and "by lin" in done.stdout
    run("curate", "confirm", second, "--why", "checked", "--who", "lin", db=db)
    assert first not in {e["id"] for e in _edges(db)}
    run(
        "ingest",
        str(SAMPLES / "sample-news.jsonl"),
        str(SAMPLES / "sample-feed.txt"),
        "--again",
        "--quiet",
        db=db,
    )
    assert first not in {e["id"] for e in _edges(db)}  # the re-ingest did not bring it back
    log = run("curate", "log", "--json", db=db).stdout.splitlines()
    assert [json.loads(line)["kind"] for line in log] == ["reject", "confirm"]
    assert "1 correction(s)" in run("curate", "log", "--kind", "confirm", db=db).stderr
    run("curate", "undo", entry_id, "--why", "it was there", db=db)
    assert first in {e["id"] for e in _edges(db)}
    assert "undone by" in run("curate", "log", "--undone", db=db).stdout

    exported = tmp_path / "log.jsonl"
    run("curate", "export", str(exported), db=db)
    other = _ingested(tmp_path, "other.sqlite")
    imported = run("curate", "import", str(exported), db=other)
    assert "2 applied, 1 undone" in imported.stdout
    assert "0 applied, 0 undone, 3 already there" in run("curate", "import", str(exported), db=other).stdout
    assert sorted(map(str, _edges(other))) == sorted(map(str, _edges(db)))


def test_a_correction_needs_a_reason_and_a_known_target(tmp_path: Path) -> None:
    db = _ingested(tmp_path)
    missing_why = run("curate", "reject", "located_in:0000000000000000", db=db, check=False)
    assert missing_why.returncode == 2 and "--why" in missing_why.stderr
    unknown = run("curate", "reject", "located_in:0000000000000000", "--why", "x", db=db, check=False)
    assert unknown.returncode == 1 and "error [not_found]" in unknown.stderr
    assert run("curate", "log", "--json", db=db).stdout == ""


def test_gold_lines_of_the_corrected_articles(tmp_path: Path) -> None:
    db = _ingested(tmp_path)
    edge = sorted(_edges(db), key=lambda e: e["id"])[0]
    run("curate", "reject", edge["id"], "--why", "wrong", db=db)
    out = tmp_path / "corrected.gold.jsonl"
    assert "article(s) written" in run("curate", "gold", str(out), db=db).stdout
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines and all({"title", "entities", "relations"} <= set(line) for line in lines)
    stated = {(r["type"], r["head"], r["tail"]) for line in lines for r in line["relations"]}
    assert (edge["type"], edge["source_name"], edge["target_name"]) not in stated
    every = tmp_path / "all.gold.jsonl"
    run("curate", "gold", str(every), "--all", db=db)
    assert len(every.read_text(encoding="utf-8").splitlines()) >= len(lines)
