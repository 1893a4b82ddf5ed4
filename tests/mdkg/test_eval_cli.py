"""`mdkg eval` where the shared sets are not: a clone without ../shared, and mdkg installed without a
checkout. It says what it skipped and leaves the tracked report alone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# what a clone holds that `mdkg eval` reads or writes; mdkg/graph, mdkg/ingest … stay links into it
CLONE = ("mdkg", "graph", "ingest", "api", "queries", "samples", "reports", "pyproject.toml")
_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc")


def _eval(code: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command, run with `code` (a folder holding the mdkg package) first on the path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MDKG_", "PYTHON"))}
    env["PYTHONPATH"] = str(code)
    return subprocess.run(
        [sys.executable, "-m", "mdkg", "eval", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _clone(tmp_path: Path) -> Path:
    """The checkout's layout in `tmp_path/clone`, with no `tmp_path/shared` beside it."""
    clone = tmp_path / "clone"
    for name in CLONE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, clone / name, symlinks=True, ignore=_IGNORED)
        else:
            shutil.copy2(source, clone / name)
    return clone


def test_a_clone_without_shared_says_what_it_skipped_and_keeps_the_tracked_report(tmp_path: Path) -> None:
    clone = _clone(tmp_path)
    tracked = {name: (clone / "reports" / name).read_bytes() for name in ("eval.md", "eval.json")}
    shared_sets = sorted(
        name
        for name, row in json.loads(tracked["eval.json"]).items()
        if row["gold_file"].startswith("../shared/")
    )
    assert shared_sets  # the full report scores the shared sets

    done = _eval(clone, clone)

    assert done.returncode == 0, done.stderr
    assert "skipped ../shared/corpus (the shared evaluation sets): no such folder" in done.stderr
    assert f"not scored this time: {', '.join(shared_sets)} (sets of the full report)" in done.stderr
    assert "the full report in reports/ is left as it is" in done.stderr
    assert "report: var/eval/eval.md, var/eval/eval.json" in done.stderr
    assert "| sample |" in done.stdout and "| news-dev |" not in done.stdout
    assert {name: (clone / "reports" / name).read_bytes() for name in tracked} == tracked
    partial = (clone / "var" / "eval" / "eval.md").read_text(encoding="utf-8")
    assert "> Skipped ../shared/corpus (the shared evaluation sets): no such folder." in partial
    assert set(json.loads((clone / "var" / "eval" / "eval.json").read_text(encoding="utf-8"))) == set(
        json.loads(tracked["eval.json"])
    ) - set(shared_sets)


def test_a_partial_run_writes_where_report_says(tmp_path: Path) -> None:
    clone = _clone(tmp_path)
    tracked = (clone / "reports" / "eval.json").read_bytes()

    done = _eval(clone, clone, "samples/corpus", "--report", str(tmp_path / "mine"))

    assert done.returncode == 0, done.stderr
    assert "skipped" not in done.stderr  # folders given: nothing of the defaults is asked for
    assert set(json.loads((tmp_path / "mine" / "eval.json").read_text(encoding="utf-8"))) == {"sample"}
    assert (clone / "reports" / "eval.json").read_bytes() == tracked
    assert not (clone / "var").exists()


def test_installed_without_a_checkout_scores_the_bundled_sample(tmp_path: Path) -> None:
    """The package as a wheel lays it out: mdkg/ with its subpackages and the sample corpus, no
    pyproject.toml, samples/ or reports/ around it."""
    site = tmp_path / "site-packages"
    shutil.copytree(ROOT / "mdkg", site / "mdkg", symlinks=False, ignore=_IGNORED)
    away = tmp_path / "elsewhere"
    away.mkdir()

    done = _eval(site, away)

    assert done.returncode == 0, done.stderr
    assert "skipped the shared sets and the project's dev, held-out and unseen sets" in done.stderr
    assert "scoring ../site-packages/mdkg/sample_corpus/sample.gold.jsonl on 2 file(s)" in done.stderr
    assert "| sample |" in done.stdout
    assert set(json.loads((away / "var" / "eval" / "eval.json").read_text(encoding="utf-8"))) == {"sample"}
    assert "left as it is" not in done.stderr  # there is no tracked report to speak of
