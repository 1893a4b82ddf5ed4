"""The benchmark corpus generator: deterministic, realistic in length and place, and distinct stories
(near-duplicate detection finds only the reprints it made)."""

from __future__ import annotations

import csv
import json
import random
import statistics
from pathlib import Path

import pytest

from benchmarks.generate_corpus import MAX_CHARS, MIN_CHARS, _render, compile_template, write_corpus
from benchmarks.story_facts import ADMIN
from mdkg.graph.embedded import EmbeddedStore
from mdkg.ingest.dedupe import Deduplicator
from mdkg.ingest.normalise import normalise
from mdkg.ingest.pipeline import ingest_files
from mdkg.ingest.read import iter_files, read_path

ARTICLES = 300


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    write_corpus(out, ARTICLES, seed=5, per_file=120, truth=True)
    return out


def _rows(folder: Path, pattern: str = "*.jsonl") -> list[dict]:
    return [json.loads(line) for f in sorted(folder.glob(pattern)) for line in f.open(encoding="utf-8")]


def _bytes(folder: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(folder.iterdir())}


def test_same_seed_same_bytes_other_seed_other_text(corpus: Path, tmp_path: Path) -> None:
    write_corpus(tmp_path / "again", ARTICLES, seed=5, per_file=120, truth=True)
    write_corpus(tmp_path / "other", ARTICLES, seed=6, per_file=120, truth=True)
    assert _bytes(tmp_path / "again") == _bytes(corpus)
    assert [r["content"] for r in _rows(tmp_path / "other")] != [r["content"] for r in _rows(corpus)]


def test_files_of_per_file_articles_with_lengths_in_range(corpus: Path) -> None:
    rows = _rows(corpus)
    assert len(rows) == ARTICLES
    assert [len(_rows(corpus, f.name)) for f in sorted(corpus.glob("*.jsonl"))] == [120, 120, 60]
    lengths = [len(r["content"]) for r in rows]
    assert MIN_CHARS <= min(lengths) and max(lengths) <= MAX_CHARS
    assert 900 <= statistics.median(lengths) <= 1800


def test_english_and_reprint_shares_roughly_as_asked(corpus: Path) -> None:
    rows, truth = _rows(corpus), _rows(corpus, "*.truth.ndjson")
    english = sum(r["language"] == "en" for r in rows) / ARTICLES
    reprints = sum(t["reprint_of"] is not None for t in truth) / ARTICLES
    assert 0.05 <= english <= 0.16
    assert 0.02 <= reprints <= 0.09


def test_templates_choose_among_alternatives_and_word_classes() -> None:
    parts = compile_template("a <b|c <d|e>|> f <Drama>.", {"drama": ("short drama", "mini-series")})
    told = {_render(parts, random.Random(seed).choice) for seed in range(60)}
    assert told == {f"a {x} f {w}." for x in ("b", "c d", "c e", "") for w in ("Short drama", "Mini-series")}
    with pytest.raises(ValueError):
        compile_template("<nope>", {})


def test_no_template_markup_is_left_in_articles(corpus: Path) -> None:
    for row in _rows(corpus):
        text = row["title"] + row["content"]
        assert not any(mark in text for mark in "<>{}|"), text
        assert ".." not in text and "  " not in text and " ," not in text, text


def test_regions_are_real_and_districts_sit_in_their_cities(corpus: Path) -> None:
    with ADMIN.open(encoding="utf-8") as f:
        admin = list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))
    names = {r["name"] for r in admin} | {r["pinyin"] for r in admin}
    parent_of = {(r["name"], _name(admin, r["parent"])) for r in admin}
    for facts in _rows(corpus, "*.truth.ndjson"):
        for entity in facts.get("entities", []):
            if entity["label"] == "Region":
                assert entity["name"] in names
        for rel in facts.get("relations", []):
            if rel["type"] == "PART_OF" and not rel["source"].isascii():
                assert (rel["source"], rel["target"]) in parent_of


def _name(admin: list[dict[str, str]], adcode: str) -> str:
    return next((r["name"] for r in admin if r["adcode"] == adcode), "")


def test_near_duplicates_are_only_the_reprints_made(corpus: Path) -> None:
    documents = [normalise(raw) for f in iter_files([corpus]) for raw in read_path(f)]
    made = sum(t["reprint_of"] is not None for t in _rows(corpus, "*.truth.ndjson"))
    result = Deduplicator().run(documents)
    assert len(documents) == ARTICLES
    assert len(result.stories) <= ARTICLES - made + 2  # every reprint made is found (two may be missed)
    assert len(result.stories) >= 0.98 * (ARTICLES - made)


def test_ingested_articles_give_firms_bases_and_policies(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 100, seed=9)
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    reports = list(ingest_files(iter_files([tmp_path / "corpus"]), store))
    labels = store.counts().by_label
    store.close()
    assert all(r.ok for r in reports)
    assert labels.get("Firm", 0) >= 100 and labels.get("Base", 0) >= 20 and labels.get("Policy", 0) >= 20
