"""Extraction on a Dask cluster (`mdkg.ingest.distributed`) writes files that `mdkg ingest` loads into the
graph that ingesting the news files gives; bad inputs are reported and skipped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.generate_corpus import write_corpus
from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.store import GraphStore
from mdkg.ingest.extract import extract
from mdkg.ingest.extractions import VERSION, ExtractionsHeader, mdkg_version, read_extractions
from mdkg.ingest.normalise import normalise
from mdkg.ingest.pipeline import Ingestor, find_files, ingest_files
from mdkg.ingest.read import read_path
from mdkg.ingest.types import Extraction
from tests.ingest.shared_stories import snapshot

distributed = pytest.importorskip("distributed", reason="the cluster extra: pip install 'mdkg[cluster]'")

from mdkg.ingest.distributed import ExtractReport, extract_lines, extract_to_files  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "corpus"
MDKG = Path(sys.executable).with_name("mdkg")
ARTICLES, PER_FILE = 40, 20
BAD = '{"title": "cut off'  # not JSON: the file is reported, nothing written for it


class Extracted:
    """The module's corpus and what a cluster of two processes made of it."""

    def __init__(self, root: Path, report: ExtractReport, news: list[Path]) -> None:
        self.root, self.report, self.news = root, report, news
        self.out = root / "out"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Extracted]:
    """The corpus (two news files, a bad file, a file whose extractions would overwrite another's)
    extracted on a running scheduler with two worker processes, reached by its address."""
    root = tmp_path_factory.mktemp("distributed")
    news = write_corpus(root / "news", ARTICLES, seed=11, per_file=PER_FILE)
    (root / "news" / "broken.jsonl").write_text(BAD, encoding="utf-8")
    (root / "news" / f"{news[0].stem}.md").write_text("# 标题\n\n正文。\n", encoding="utf-8")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        report = extract_to_files([root / "news"], root / "out", address=cluster.scheduler_address)
    yield Extracted(root, report, news)


def test_each_news_file_gives_one_extractions_file(extracted: Extracted) -> None:
    report = extracted.report
    assert report.workers == 2
    written = {f.path.name: f.out.name for f in report.files if f.ok and f.out is not None}
    assert written == {p.name: f"{p.stem}.extractions.jsonl" for p in extracted.news}
    assert sorted(p.name for p in extracted.out.iterdir()) == sorted(written.values())  # no temporary left
    for path in extracted.news:
        header, extractions = read_extractions(extracted.out / f"{path.stem}.extractions.jsonl")
        assert (header.version, header.mdkg, header.source) == (VERSION, mdkg_version(), str(path))
        assert header.sha256 == Ingestor.file_key(path)
        assert extractions == [extract(normalise(raw)) for raw in read_path(path)]


def test_bad_files_are_reported_with_their_name_and_skipped(extracted: Extracted) -> None:
    errors = sorted(f.error or "" for f in extracted.report.files if not f.ok)
    assert len(errors) == 2
    assert errors[0].startswith(f"{extracted.root / 'news' / 'broken.jsonl'}:1: not JSON")
    assert "would overwrite those of" in errors[1] and errors[1].startswith(str(extracted.root / "news"))
    assert extracted.report.failed == 2 and extracted.report.articles == ARTICLES


@pytest.mark.parametrize("path", [SAMPLES / "sample-feed.txt", SAMPLES / "sample-news.jsonl"], ids=str)
def test_extraction_lines_read_back_as_the_extractions(path: Path) -> None:
    """Real news (traditional script, originals kept as aliases) survives the trip through JSON."""
    docs = [normalise(raw) for raw in read_path(path)]
    got = extract_lines(docs)
    assert got.failed_at is None
    assert [Extraction.model_validate_json(line) for line in got.lines] == [extract(d) for d in docs]


def test_ingesting_the_extractions_gives_the_graph_of_the_news(
    extracted: Extracted, store: GraphStore
) -> None:
    direct = [r.error for r in ingest_files(extracted.news, store)]
    assert direct == [None, None]
    expected, counts = snapshot(store), store.counts()
    store.clear()
    reports = list(ingest_files(find_files([extracted.out]), store, jobs=2))
    assert [(r.error, r.articles > 0) for r in reports] == [(None, True), (None, True)]
    assert snapshot(store) == expected and store.counts() == counts
    again = list(ingest_files(find_files([extracted.out, *extracted.news]), store))  # the same files, twice
    assert [r.unchanged for r in again] == [True] * 4
    assert snapshot(store) == expected


def _with_header(source: Path, target: Path, **changes: object) -> None:
    lines = source.read_text(encoding="utf-8").split("\n")
    header = json.loads(lines[0]) | changes
    target.write_text("\n".join([json.dumps(header), *lines[1:]]), encoding="utf-8")


def _with_line_cut(source: Path, target: Path, index: int) -> None:
    lines = source.read_text(encoding="utf-8").split("\n")
    lines[index] = lines[index][: len(lines[index]) // 2]
    target.write_text("\n".join(lines), encoding="utf-8")


BROKEN_FILES = {
    "another format version": (
        lambda s, t: _with_header(s, t, version=VERSION + 1),
        f"format version {VERSION + 1}",
    ),
    "lines missing": (
        lambda s, t: _with_header(s, t, articles=PER_FILE + 1),
        f"promises {PER_FILE + 1} extractions",
    ),
    "no header": (
        lambda s, t: t.write_text(s.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8"),
        "no mdkg-extractions header",
    ),
    "a line cut short": (lambda s, t: _with_line_cut(s, t, 2), ":3: not an extraction"),
}


@pytest.mark.parametrize("kind", sorted(BROKEN_FILES))
def test_a_broken_extractions_file_is_refused(extracted: Extracted, tmp_path: Path, kind: str) -> None:
    make, reason = BROKEN_FILES[kind]
    target = tmp_path / "x.extractions.jsonl"
    make(extracted.out / f"{extracted.news[0].stem}.extractions.jsonl", target)
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        (report,) = ingest_files([target], store)
        assert report.error is not None and report.error.startswith(str(target)) and reason in report.error
        assert store.counts().articles == 0
    finally:
        store.close()


def test_the_header_names_what_was_extracted() -> None:
    header = ExtractionsHeader(mdkg="0.1.0", source="a.jsonl", sha256="0" * 64, articles=1)
    assert json.loads(header.model_dump_json())["format"] == "mdkg-extractions"


def _mdkg(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MDKG_SQLITE_PATH": str(db), "MDKG_STORE": "embedded"}
    return subprocess.run([str(MDKG), *args], env=env, capture_output=True, text=True, timeout=120)


def test_the_command_extracts_on_a_local_cluster_and_ingest_loads_it(
    extracted: Extracted, tmp_path: Path
) -> None:
    out, db = tmp_path / "out", tmp_path / "g.sqlite"
    news = [str(p) for p in extracted.news]
    first = _mdkg("extract", "--cluster", "local", "--workers", "2", "--out", str(out), *news, db=db)
    assert first.returncode == 0, first.stderr
    assert f"2 of 2 files extracted into {out} ({ARTICLES} articles on 2 workers)" in first.stdout
    assert first.stderr.count("ok    ") == 2
    loaded = _mdkg("ingest", str(out), db=db)
    assert loaded.returncode == 0 and "2 of 2 files ingested" in loaded.stdout, loaded.stderr
    again = _mdkg("extract", "--cluster", "local", "--workers", "1", "--out", str(out), *news, db=db)
    assert again.returncode == 0 and again.stderr.count("extracted before") == 2, again.stderr


USAGE = {
    "a cluster without --out": ["--cluster", "local"],
    "--out without a cluster": ["--out", "x"],
    "--workers for a running cluster": ["--cluster", "tcp://127.0.0.1:8786", "--out", "x", "--workers", "2"],
    "a stream format with a cluster": ["--cluster", "local", "--out", "x", "--format", "jsonl"],
}


@pytest.mark.parametrize("case", sorted(USAGE))
def test_usage_errors_exit_2(tmp_path: Path, case: str) -> None:
    result = _mdkg("extract", *USAGE[case], str(SAMPLES), db=tmp_path / "g.sqlite")
    assert result.returncode == 2 and "Error: " in result.stderr, result.stderr
