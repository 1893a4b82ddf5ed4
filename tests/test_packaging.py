"""A wheel of the project carries the data files its code reads (the Docker image installs one)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_GLOBS = ["graph/*.sql", "ingest/data/*.tsv", "ingest/data/regions/*.tsv", "api/templates/*.html"]


def test_the_wheel_carries_every_data_file(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path),
         str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {str(p.relative_to(ROOT)) for pattern in DATA_GLOBS for p in ROOT.glob(pattern)}
    assert expected and expected <= names, sorted(expected - names)
