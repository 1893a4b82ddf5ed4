"""The whole ingest path on both stores: files in, graph out, reruns change nothing, bad files skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdkg.graph.store import GraphStore
from mdkg.ingest import spellings
from mdkg.ingest.pipeline import find_files, ingest_files

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


def test_a_file_nested_too_deeply_is_one_skip_and_the_next_file_goes_in(
    store: GraphStore, tmp_path: Path
) -> None:
    depth = 100_000  # deeper than Python's recursion limit: json.loads raises RecursionError
    (tmp_path / "a_deep.jsonl").write_text('{"title": ' + "[" * depth + "]" * depth + "}\n", encoding="utf-8")
    (tmp_path / "b_good.txt").write_text(GOOD_FEED, encoding="utf-8")
    reports = {r.path.name: r for r in ingest_files(find_files([tmp_path]), store)}
    assert reports["a_deep.jsonl"].error is not None and "nested too deeply" in reports["a_deep.jsonl"].error
    assert reports["b_good.txt"].ok and store.counts().articles == 1


STORY = (
    "甲市乙区今天召开微短剧产业发展推进会，区政府与多家制作公司签署合作协议，"
    "计划三年内建成面积十万平方米的拍摄基地，配套剧本孵化、后期制作和版权交易服务。"
    "会上发布的扶持办法明确，对在区内完成拍摄并上线播出的精品短剧给予最高三百万元奖励，"
    "对新落户的头部制作企业给予办公用房租金减免。区有关负责人表示，将持续优化营商环境，"
    "吸引更多创作者来乙区拍戏、安家、创业。"
)
ORIGINAL = f"乙区召开微短剧产业推进会\n甲市日报· 2025-04-01 09:00\n{STORY}\n"
REPRINT = f"乙区发力微短剧 最高奖励三百万元\n丙省新闻网· 2025-04-02 11:30\n来源：甲市日报\n{STORY[:150]}…\n"


def test_a_reprint_in_another_file_joins_the_story(store: GraphStore, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ORIGINAL, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPRINT, encoding="utf-8")
    reports = list(ingest_files(find_files([tmp_path]), store))
    assert [r.reprints for r in reports] == [0, 1] and all(r.ok for r in reports)
    assert store.counts().articles == 1
    (story,) = store.get_articles(store.stories_since(0).stories).values()
    assert story.source == "甲市日报"
    copies = [(r.source, r.title) for r in story.reprints]
    assert copies == [("丙省新闻网", "乙区发力微短剧 最高奖励三百万元")]
    counts = store.counts()
    assert all(r.unchanged for r in ingest_files(find_files([tmp_path]), store))
    again = list(ingest_files(find_files([tmp_path]), store, again=True))
    assert [r.reprints for r in again] == [0, 1]
    assert store.counts() == counts
    assert len(store.get_articles([story.id])[story.id].reprints) == 1


def test_a_store_of_an_older_spelling_scheme_is_re_keyed_once_with_notices(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = find_files([SAMPLES])
    assert all(r.ok for r in ingest_files(files, store))
    firms = store.counts().by_label.get("Firm", 0)
    monkeypatch.setattr(spellings, "SCHEME", "a-later-scheme")  # what a newer version would bring
    heard: list[str] = []
    assert all(r.ok for r in ingest_files(files, store, notice=heard.append))
    assert heard[0].startswith("re-keying the spellings")
    respelled = int(heard[-1].split()[0].replace(",", ""))
    assert respelled >= firms > 0 and "re-keyed in" in heard[-1]
    heard.clear()
    assert all(r.ok for r in ingest_files(files, store, notice=heard.append))
    assert heard == []  # once a scheme
