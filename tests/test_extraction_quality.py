"""Extraction quality floors on the shared gold sets (skipped where ../shared is absent).

Floors, not targets: entity F1 >= 0.85 and relation F1 >= 0.70 on each gold file.
`make eval` prints the full per-type table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mdkg.evaluation import evaluate

SHARED_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
ENTITY_F1_FLOOR = 0.85
RELATION_F1_FLOOR = 0.70
GOLD_SETS = ["000_c1d3601ce5bf4ed0", "news-dev", "news-dev2"]


@pytest.mark.parametrize("name", GOLD_SETS)
def test_extraction_meets_the_floors(name: str) -> None:
    gold = SHARED_CORPUS / f"{name}.gold.jsonl"
    if not gold.exists():
        pytest.skip(f"{gold} is absent: the shared gold sets are only on the project's own machines")
    result, _ = evaluate(gold, [gold.with_name(f"{name}.txt")])
    entities, relations = result.total("entities"), result.total("relations")
    assert result.missing == []
    assert entities.f1 >= ENTITY_F1_FLOOR, f"entity F1 {entities.f1:.3f} on {name}"
    assert relations.f1 >= RELATION_F1_FLOOR, f"relation F1 {relations.f1:.3f} on {name}"
