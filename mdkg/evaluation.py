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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from mdkg.graph.errors import InvalidRequest
from mdkg.graph.ontology import RELATIONS, name_key
from mdkg.ingest.goldfmt import to_gold_line
from mdkg.ingest.pipeline import extract_file
from mdkg.ingest.read import SUPPORTED_SUFFIXES, iter_files

CHECKOUT = Path(__file__).resolve().parent.parent  # the source tree, when mdkg runs from one
BUNDLED = Path(__file__).resolve().parent / "sample_corpus"  # samples/corpus, in the wheel too
# The tracked report is the full evaluation: only a run of every default set writes it. Any other run
# writes its report here, under the current folder, unless --report says where.
PARTIAL_REPORT = Path("var") / "eval"
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


@dataclass(frozen=True)
class Plan:
    """What a run scores, what it leaves out and why, and where its report goes."""

    folders: list[Path]
    skipped: list[str]  # a default folder left out, and why
    report: Path
    complete: bool  # every default set is scored: the run may write the tracked report


def in_checkout() -> bool:
    """Whether mdkg runs from its source tree (a clone, or an editable install), not from a wheel."""
    return (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "samples").is_dir()


def default_folders() -> list[tuple[Path, str]]:
    """The folders scored when none are given, each with what it holds."""
    if not in_checkout():
        return [(BUNDLED, "the sample corpus bundled with mdkg")]
    shared = CHECKOUT.parent / "shared" / "corpus"
    return [(shared, "the shared evaluation sets"), (CHECKOUT / "samples", "the project's own sets")]


def tracked_report() -> Path | None:
    """The report kept with the source (reports/), or None outside a checkout."""
    return CHECKOUT / "reports" if in_checkout() else None


def plan(folders: Sequence[Path], report: Path | None) -> Plan:
    """Given folders are scored as asked; without any, every default folder that holds a gold file.

    The tracked report (reports/ of the checkout) is written only by a run of every default set;
    a run of given folders, one missing a default folder, or one outside a checkout writes to
    `report` if given, else to var/eval/ under the current folder.
    """
    if folders:
        return Plan(list(folders), [], report or PARTIAL_REPORT, complete=False)
    chosen, skipped = [], []
    for folder, holds in default_folders():
        if not folder.is_dir():
            skipped.append(f"{shown(folder)} ({holds}): no such folder")
        elif next(folder.rglob("*.gold.jsonl"), None) is None:
            skipped.append(f"{shown(folder)} ({holds}): no *.gold.jsonl in it")
        else:
            chosen.append(folder)
    tracked = tracked_report()
    complete = tracked is not None and not skipped
    if not in_checkout():
        skipped.append("the shared sets and the project's dev, held-out and unseen sets: they come with "
                       "the source repository, not with the package")  # fmt: skip
    return Plan(chosen, skipped, report or (tracked if complete and tracked else PARTIAL_REPORT), complete)


@dataclass(frozen=True)
class Run:
    """A run's results, their marks, where its report went and the sets of the full report it left out."""

    results: list[SetResult]
    marks: dict[str, str]
    report: Path
    unscored: list[str]


def run(plan: Plan, predictions: Path | None = None, progress: Callable[[str], object] = print) -> Run:
    """Score every set the plan finds, write its report (saying what it left out) and, if asked, each
    set's predictions in the gold format."""
    sets = find_sets(plan.folders)
    if not sets:
        raise InvalidRequest("no *.gold.jsonl found; give folders that hold gold files and their corpora")
    results = []
    for gold, corpus in sets:
        progress(f"scoring {shown(gold)} on {len(corpus)} file(s)")
        result, pred = evaluate(gold, corpus)
        results.append(result)
        if predictions:
            predictions.mkdir(parents=True, exist_ok=True)
            lines = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pred)
            (predictions / f"{result.name}.pred.jsonl").write_text(lines, encoding="utf-8")
    left_out = [] if plan.complete else _unscored(results)
    notes = [f"Skipped {note}." for note in plan.skipped]
    notes += [f"Not scored this time: {', '.join(left_out)} (sets of the full report)."] if left_out else []
    marks = marks_of(gold for gold, _ in sets)
    return Run(results, marks, write_report(plan.report, results, marks, notes), left_out)


def _unscored(results: Iterable[SetResult]) -> list[str]:
    """Sets of the tracked report that these results leave out."""
    tracked = tracked_report()
    if tracked is None or not (tracked / "eval.json").is_file():
        return []
    known = json.loads((tracked / "eval.json").read_text(encoding="utf-8"))
    return sorted(set(known) - {r.name for r in results})


def write_report(folder: Path, results: list[SetResult], marks: Mapping[str, str], notes: list[str]) -> Path:
    """eval.md (the table of `render`, after `notes` on what the run left out) and eval.json; the
    path of eval.md."""
    folder.mkdir(parents=True, exist_ok=True)
    lead = "".join(f"> {note}\n" for note in notes) + ("\n" if notes else "")
    text = "# Extraction scores (`mdkg eval`)\n\n" + lead + render(results, marks)
    (folder / "eval.md").write_text(text, encoding="utf-8")
    report = json.dumps(as_json(results), ensure_ascii=False, indent=2)
    (folder / "eval.json").write_text(report, encoding="utf-8")
    return folder / "eval.md"


def marks_of(golds: Iterable[Path]) -> dict[str, str]:
    """The report's mark of each set under a folder of `MARKS`."""
    return {
        gold.name.removesuffix(".gold.jsonl"): MARKS[part]
        for gold in golds
        for part in gold.parts
        if part in MARKS
    }


def shown(path: Path) -> str:
    """A path as the user would write it: from the current folder when it is near (`../shared/corpus`),
    else in full."""
    near = os.path.relpath(path)
    return str(path.resolve()) if near.startswith(os.path.join(os.pardir, os.pardir)) else near


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
