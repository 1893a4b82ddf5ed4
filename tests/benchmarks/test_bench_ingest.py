"""The ingest benchmark's corpora, and one small run of it."""

from __future__ import annotations

import sys

import pytest

from benchmarks import bench_ingest
from benchmarks.bench_ingest import SAMPLES, corpus_rows, make_corpus


def test_default_articles_differ_and_have_the_length_asked() -> None:
    rows = make_corpus(20, 1500)
    assert len({r["content"] for r in rows}) == 20
    assert all(1500 <= len(r["content"] or "") <= 1700 for r in rows)


def test_given_articles_repeat_in_turn() -> None:
    rows = corpus_rows([SAMPLES], 25)
    unique = {r["title"]: r for r in rows}
    assert len(rows) == 25 and 1 < len(unique) < 25
    assert [r["title"] for r in rows[len(unique) :]] == [r["title"] for r in rows[: 25 - len(unique)]]


def test_run_on_given_files(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["bench_ingest", "--articles", "3", "--corpus", str(SAMPLES)])
    bench_ingest.main()
    out = capsys.readouterr().out
    assert "articles: 3 of mean" in out and "read+normalise+extract:" in out and "articles/s" in out
