"""A researcher's session of 100 corrections of every kind on the sample corpus, chosen from what the
store holds (so the same on either store), and the store's graph as sorted CSV tables to compare."""

from __future__ import annotations

import csv
import tempfile
from collections import Counter
from pathlib import Path

from mdkg.graph.corrections import CitedSource, Correction, Kind, NewRelationship
from mdkg.graph.export import Format, load_snapshot, write_export
from mdkg.graph.ontology import Label, RelType, allowed
from mdkg.graph.store import GraphStore
from mdkg.ingest.pipeline import ingest_files

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "corpus"
CORPUS = [SAMPLES / "sample-news.jsonl", SAMPLES / "sample-feed.txt"]
# how many of each kind: 100 in all
PLAN = {
    Kind.MERGE: 15, Kind.SPLIT: 5, Kind.RELABEL: 10, Kind.RENAME: 15, Kind.REJECT: 20, Kind.CONFIRM: 20,
    Kind.ADD: 15,
}  # fmt: skip
NEW_LABEL = {Label.BASE: Label.INSTITUTION, Label.EVENT: Label.POLICY, Label.FUND: Label.POLICY,
             Label.INSTITUTION: Label.FIRM, Label.GOVERNMENT: Label.INSTITUTION}  # fmt: skip


def ingest(store: GraphStore, again: bool = False) -> None:
    reports = list(ingest_files(CORPUS, store, again=again))
    assert all(r.ok for r in reports), [r.error for r in reports]


def _c(kind: Kind, n: int, **fields: object) -> Correction:
    return Correction(kind=kind, who=f"curator{n % 3}", why=f"{kind.value} number {n}", **fields)  # type: ignore[arg-type]


def correct_100(store: GraphStore) -> list[Correction]:
    """Apply the plan's corrections, each chosen from the store as it then is; the entries logged."""
    done: list[Correction] = []
    whole = store.subgraph()
    used: set[str] = set()
    by_label: dict[Label, list[str]] = {}
    for node in sorted(whole.nodes, key=lambda n: n.id):
        by_label.setdefault(node.label, []).append(node.id)
    merges = []
    for ids in by_label.values():
        for keep, other in zip(ids[0::2], ids[1::2], strict=False):
            if len(merges) < PLAN[Kind.MERGE]:
                merges.append((keep, other))
    for keep, other in merges:
        done.append(store.correct(_c(Kind.MERGE, len(done), target=other, into=keep)))
        used |= {keep, other}
    for _, other in merges[: PLAN[Kind.SPLIT]]:
        done.append(store.correct(_c(Kind.SPLIT, len(done), target=other)))
    free = [n for n in sorted(store.subgraph().nodes, key=lambda n: n.id) if n.id not in used]
    relabel = [n for n in free if n.label in NEW_LABEL][: PLAN[Kind.RELABEL]]
    for node in relabel:
        done.append(store.correct(_c(Kind.RELABEL, len(done), target=node.id, label=NEW_LABEL[node.label])))
        used.add(node.id)
    for node in [n for n in free if n.id not in used][: PLAN[Kind.RENAME]]:
        name = f"{node.name}（更正{len(done)}）"
        done.append(store.correct(_c(Kind.RENAME, len(done), target=node.id, name=name)))
    edges = sorted(store.subgraph().edges, key=lambda e: e.id)
    for edge in edges[: PLAN[Kind.REJECT]]:
        done.append(store.correct(_c(Kind.REJECT, len(done), target=edge.id)))
    for edge in edges[PLAN[Kind.REJECT] : PLAN[Kind.REJECT] + PLAN[Kind.CONFIRM]]:
        done.append(store.correct(_c(Kind.CONFIRM, len(done), target=edge.id)))
    now = store.subgraph()
    linked = {(e.source, e.target) for e in now.edges} | {(e.target, e.source) for e in now.edges}
    firms = sorted(n.id for n in now.nodes if n.label is Label.FIRM)
    regions = sorted(n.id for n in now.nodes if n.label is Label.REGION)
    pairs = [(f, r) for f in firms for r in regions if (f, r) not in linked]
    assert allowed(RelType.LOCATED_IN, Label.FIRM, Label.REGION)
    for n, (firm, region) in enumerate(pairs[: PLAN[Kind.ADD]]):
        source = CitedSource(
            quote=f"据报道，该公司第{n}次在当地设立办公室。", url=f"https://example.org/curated/{n}",
            outlet="Example Wire" if n % 2 else "示例日报", published_at=f"2025-0{1 + n % 9}-15",
        )  # fmt: skip
        new = NewRelationship(type=RelType.LOCATED_IN, source=firm, target=region)
        done.append(store.correct(_c(Kind.ADD, len(done), relationship=new, source=source)))
    assert Counter(c.kind for c in done) == Counter(PLAN), Counter(c.kind for c in done)
    return done


def tables(store: GraphStore) -> dict[str, list[list[str]]]:
    """The store's CSV export (`mdkg export --format csv`), each table's rows sorted."""
    snapshot = load_snapshot(store)
    with tempfile.TemporaryDirectory() as folder:
        write_export(snapshot, Format.CSV, Path(folder))
        out = {}
        for path in sorted(Path(folder).glob("*.csv")):
            with path.open(encoding="utf-8-sig", newline="") as handle:
                header, *rows = list(csv.reader(handle))
            out[path.name] = [header, *sorted(rows)]
    return out
