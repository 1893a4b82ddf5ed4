"""The whole ingest path on both stores: files in, graph out, reruns change nothing, bad files skipped."""

from __future__ import annotations

from pathlib import Path

from graph.store import GraphStore
from ingest.pipeline import find_files, ingest_files

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "corpus"

GOOD_FEED = """微短剧
Search documents
测试区发布微短剧扶持措施
测试日报· 2025-05-01 10:00
测试区管委会发布《测试区支持微短剧产业发展若干措施》，单个项目最高支持500万元。
"""
BAD_JSONL = (
    '{"title": "好的一篇", "content": "甲乙影视有限公司落户测试区。"}\n{"title": "坏的一篇", "content": \n'
)


def test_ingesting_twice_leaves_identical_counts(store: GraphStore) -> None:
    files = find_files([SAMPLES])
    first = list(ingest_files(files, store))
    assert all(r.ok for r in first), [r.error for r in first]
    counts = store.counts()
    assert counts.articles == 11 and counts.entities > 50 and counts.relationships > 30
    again = list(ingest_files(files, store))
    assert all(r.ok for r in again)
    assert store.counts() == counts


def test_a_bad_file_is_reported_and_skipped_whole(store: GraphStore, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD_FEED, encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text(BAD_JSONL, encoding="utf-8")
    reports = {r.path.name: r for r in ingest_files(find_files([tmp_path]), store)}
    assert reports["good.txt"].ok and reports["good.txt"].articles == 1
    bad = reports["bad.jsonl"]
    assert not bad.ok and bad.error is not None
    assert "bad.jsonl:2" in bad.error and "JSON" in bad.error
    titles = {a.title for a in store.get_articles([]).values()}
    assert titles == set()
    assert store.counts().articles == 1
    assert store.search("甲乙影视") == []
