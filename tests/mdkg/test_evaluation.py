"""`mdkg eval`'s scorer agrees with the shared scorer and counts what ONTOLOGY.md says it counts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mdkg.evaluation import evaluate, find_sets, score

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"

GOLD = [
    {
        "title": "甲区发布措施",
        "entities": [
            {"type": "Firm", "name": "深圳市甲乙科技有限公司", "aliases": ["甲乙科技"]},
            {"type": "Association", "name": "甲区微短剧协会", "aliases": []},
            {"type": "Region", "name": "甲区", "aliases": []},
        ],
        "relations": [
            {
                "type": "MEMBER_OF",
                "head": "深圳市甲乙科技有限公司",
                "tail": "甲区微短剧协会",
                "props": {"role": "会长单位"},
            },
            {
                "type": "PARTNERS_WITH",
                "head": "甲区微短剧协会",
                "tail": "深圳市甲乙科技有限公司",
                "props": {},
            },
        ],
    }
]
PRED = [
    {
        "title": "甲区发布措施",
        "entities": [
            {"type": "Firm", "name": "甲乙科技", "aliases": []},
            {"type": "Association", "name": "甲区微短剧协会", "aliases": []},
            {"type": "Firm", "name": "甲区", "aliases": []},
        ],
        "relations": [
            {
                "type": "MEMBER_OF",
                "head": "甲乙科技",
                "tail": "甲区微短剧协会",
                "props": {"role": "理事单位"},
            },
            {"type": "PARTNERS_WITH", "head": "甲乙科技", "tail": "甲区微短剧协会", "props": {}},
            {"type": "HOSTED", "head": "甲乙科技", "tail": "甲区微短剧协会", "props": {}},
        ],
    }
]


def test_scoring_rules() -> None:
    result = score("t", Path("t.gold.jsonl"), GOLD, PRED)
    ents, rels = result.total("entities"), result.total("relations")
    assert (ents.tp, ents.pred, ents.gold) == (2, 3, 3)  # a region typed as a firm does not count
    assert (rels.tp, rels.pred, rels.gold) == (2, 3, 2)  # aliases match ends; symmetric either way
    assert (result.props_correct, result.props_compared) == (0, 1)
    assert result.relations["HOSTED"].pred == 1 and result.relations["HOSTED"].tp == 0


def test_a_missing_article_scores_zero_recall() -> None:
    result = score("t", Path("t.gold.jsonl"), GOLD, [])
    assert result.missing == ["甲区发布措施"] and result.total("entities").recall == 0.0


def test_sets_are_found_with_their_corpora() -> None:
    sets = dict(find_sets([SAMPLES]))
    corpus = sets[SAMPLES / "corpus" / "sample.gold.jsonl"]
    assert sorted(p.name for p in corpus) == ["sample-feed.txt", "sample-news.jsonl"]


@pytest.mark.parametrize("name", ["000_c1d3601ce5bf4ed0", "news-dev"])
def test_agrees_with_the_shared_scorer(name: str, tmp_path: Path) -> None:
    gold = SHARED / "corpus" / f"{name}.gold.jsonl"
    if not gold.exists():
        pytest.skip(f"{gold} is absent: the shared evaluation corpora are not on this machine")
    result, pred = evaluate(gold, [gold.with_name(f"{name}.txt")])
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pred), encoding="utf-8")
    scorer = [sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(pred_file), "--json"]
    shared = subprocess.run(scorer, capture_output=True, text=True, check=True)
    expected = json.loads(shared.stdout)
    assert result.total("entities").row() == expected["entities"]
    assert result.total("relations").row() == expected["relations"]
    assert {t: s.row() for t, s in result.relations.items()} == expected["relations_by_type"]


def test_report_marks_the_sets_nobody_tunes_on() -> None:
    from mdkg.evaluation import MARKS, render

    result = score("unseen", SAMPLES / "unseen" / "unseen.gold.jsonl", GOLD, PRED)
    table = render([result], {"unseen": MARKS["unseen"]})
    assert "| unseen (unseen: real news, never tuned on) |" in table


def test_unseen_set_pairs_every_gold_line_with_an_article() -> None:
    sets = dict(find_sets([SAMPLES / "unseen"]))
    gold = SAMPLES / "unseen" / "unseen.gold.jsonl"
    result, pred = evaluate(gold, sets[gold])
    assert result.articles == 24 and result.missing == []
    assert len(pred) == 24
