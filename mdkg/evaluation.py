"""`mdkg eval`: score the extractor on every corpus that has a gold file, per type.

Scoring follows ../shared/eval/score.py (ONTOLOGY.md's rules): articles are paired by
title; an extracted entity matches a gold one of the same type when any name or alias
is equal after folding (NFKC, case, spaces and punctuation); a relation matches when
its type and both ends match (either order for symmetric types).
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from mdkg.graph.ontology import RELATIONS, name_key
from mdkg.ingest.goldfmt import to_gold_line
from mdkg.ingest.pipeline import extract_file
from mdkg.ingest.read import SUPPORTED_SUFFIXES, iter_files

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = [ROOT.parent / "shared" / "corpus", ROOT / "samples"]
# folders whose sets nobody tunes the extractor on, and how the report marks them
MARKS = {
    "unseen": "unseen: real news, never tuned on",
    "heldout": "held out: own writing",
    "dev3": "real news for development; entity / relation F1 0.803 / 0.568 at first contact",
    "dev4": "real news for development; entity / relation F1 0.732 / 0.452 at first contact",
    "dev5": "real news for development; entity / relation F1 0.730 / 0.514 at first contact",
}
SYMMETRIC = {t.value for t, spec in RELATIONS.items() if spec.symmetric}


def fold(value: object) -> str:
    """The scorer's folding is the graph's name key (values may be numbers, e.g. amounts)."""
    return name_key(str(value))


class Score(BaseModel):
    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> dict[str, float | int]:
        return {**self.model_dump(), "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}  # fmt: skip


class SetResult(BaseModel):
    name: str
    gold_file: str
    articles: int
    missing: list[str]
    entities: dict[str, Score]
    relations: dict[str, Score]
    props_correct: int = 0
    props_compared: int = 0

    def total(self, kind: str) -> Score:
        table: dict[str, Score] = getattr(self, kind)
        return Score(**{f: sum(getattr(s, f) for s in table.values()) for f in ("tp", "pred", "gold")})


def _forms(entity: dict[str, Any]) -> frozenset[str]:
    return frozenset(
        f for f in (fold(x) for x in [entity.get("name", ""), *(entity.get("aliases") or [])]) if f
    )


def _end(name: str, entities: list[dict[str, Any]]) -> frozenset[str]:
    key = fold(name)
    return next((f for f in map(_forms, entities) if key in f), frozenset({key}))


def _match_entities(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> int:
    used: set[int] = set()
    gold_forms = [_forms(g) for g in gold]
    for p in pred:
        pf = _forms(p)
        for gi, g in enumerate(gold):
            if gi not in used and g.get("type") == p.get("type") and pf & gold_forms[gi]:
                used.add(gi)
                break
    return len(used)


def _same_relation(
    g: dict[str, Any], p: dict[str, Any], ge: list[dict[str, Any]], pe: list[dict[str, Any]]
) -> bool:
    if g["type"] != p["type"]:
        return False
    gh, gt, ph, pt = _end(g["head"], ge), _end(g["tail"], ge), _end(p["head"], pe), _end(p["tail"], pe)
    return bool(gh & ph and gt & pt) or (g["type"] in SYMMETRIC and bool(gh & pt and gt & ph))


def score(name: str, gold_file: Path, gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> SetResult:
    by_title = {fold(p["title"])[:60]: p for p in pred}
    tally = _Tally()
    missing = []
    for g in gold:
        p = by_title.get(fold(g["title"])[:60])
        if p is None:
            missing.append(g["title"])
            p = {"entities": [], "relations": []}
        tally.add(g, p)
    return SetResult(
        name=name, gold_file=os.path.relpath(gold_file), articles=len(gold), missing=missing,
        entities=dict(sorted(tally.entities.items())), relations=dict(sorted(tally.relations.items())),
        props_correct=tally.props_correct, props_compared=tally.props_compared,
    )  # fmt: skip


class _Tally:
    def __init__(self) -> None:
        self.entities: dict[str, Score] = defaultdict(Score)
        self.relations: dict[str, Score] = defaultdict(Score)
        self.props_correct = self.props_compared = 0

    def add(self, g: dict[str, Any], p: dict[str, Any]) -> None:
        ge, pe = g.get("entities") or [], p.get("entities") or []
        for e in ge:
            self.entities[e["type"]].gold += 1
        for e in pe:
            self.entities[e["type"]].pred += 1
        for t in {e["type"] for e in ge}:
            self.entities[t].tp += _match_entities(
                [e for e in ge if e["type"] == t], [e for e in pe if e["type"] == t]
            )
        gr, pr = g.get("relations") or [], p.get("relations") or []
        for r in gr:
            self.relations[r["type"]].gold += 1
        used: set[int] = set()
        for r in pr:
            self.relations[r["type"]].pred += 1
            gi = next((i for i, x in enumerate(gr) if i not in used and _same_relation(x, r, ge, pe)), None)
            if gi is None:
                continue
            used.add(gi)
            self.relations[r["type"]].tp += 1
            for key, value in (gr[gi].get("props") or {}).items():
                self.props_compared += 1
                self.props_correct += fold((r.get("props") or {}).get(key, "")) == fold(value)


def find_sets(folders: Iterable[Path]) -> list[tuple[Path, list[Path]]]:
    """Each gold file with its corpus: the file of the same stem, else the other files beside it."""
    sets = []
    for folder in folders:
        for gold in sorted(folder.rglob("*.gold.jsonl")) if folder.is_dir() else []:
            stem = gold.name.removesuffix(".gold.jsonl")
            same = [p for p in gold.parent.iterdir() if p.stem == stem and p.suffix in SUPPORTED_SUFFIXES]
            sets.append((gold, same or iter_files([gold.parent])))
    return sets


def evaluate(gold: Path, corpus: list[Path]) -> tuple[SetResult, list[dict[str, Any]]]:
    pred = [to_gold_line(x) for path in corpus for x in extract_file(path)]
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    name = gold.name.removesuffix(".gold.jsonl")
    return score(name, gold, rows, pred), pred


def render(results: list[SetResult], marks: Mapping[str, str] | None = None) -> str:
    """A markdown report: totals per set (each with its mark, if any), then per-type P, R and F1."""
    marks = marks or {}
    lines = [
        "| set | entities P | R | F1 | relations P | R | F1 | props |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        e, rel = r.total("entities"), r.total("relations")
        mark = f" ({marks[r.name]})" if r.name in marks else ""
        lines.append(
            f"| {r.name}{mark} | {e.precision:.3f} | {e.recall:.3f} | **{e.f1:.3f}** | {rel.precision:.3f} "
            f"| {rel.recall:.3f} | **{rel.f1:.3f}** | {r.props_correct}/{r.props_compared} |"
        )
    for r in results:
        lines += ["", f"### {r.name}", "", f"gold: `{r.gold_file}`, {r.articles} articles"
                  + (f", {len(r.missing)} without a prediction" if r.missing else ""), ""]  # fmt: skip
        lines += ["| type | P | R | F1 | tp | pred | gold |", "|---|---|---|---|---|---|---|"]
        for kind in ("entities", "relations"):
            for t, s in getattr(r, kind).items():
                prf = f"{s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f}"
                lines.append(f"| {t} | {prf} | {s.tp} | {s.pred} | {s.gold} |")
            tot = r.total(kind)
            lines.append(f"| **all {kind}** | {tot.precision:.3f} | {tot.recall:.3f} | **{tot.f1:.3f}** | "
                         f"{tot.tp} | {tot.pred} | {tot.gold} |")  # fmt: skip
    return "\n".join(lines) + "\n"


def as_json(results: list[SetResult]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for r in results:
        out[r.name] = {
            "gold_file": r.gold_file,
            "articles": r.articles,
            "missing_in_pred": r.missing,
            "entities": r.total("entities").row(),
            "relations": r.total("relations").row(),
            "relation_props": {"correct": r.props_correct, "compared": r.props_compared},
            "entities_by_type": {t: s.row() for t, s in r.entities.items()},
            "relations_by_type": {t: s.row() for t, s in r.relations.items()},
        }
    return out
