"""Two corpora that share stories, for the order, concurrency and crash tests of the ingest.

Corpus A is the project's own real-news sets (samples/dev3-dev5) as JSON Lines files of
`per_file` articles. Corpus B holds a syndicated copy of every other article of A, under
another title and outlet, with a source line, dated a day before the original for half of
them (so that the copy, not the original, is the canonical story) and a day after for the
others, plus a few articles of its own.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from mdkg.graph.store import GraphStore
from mdkg.ingest.read import read_path
from mdkg.ingest.types import RawArticle

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FEEDS = [SAMPLES / name / f"{name}.txt" for name in ("dev3", "dev4", "dev5")]


@dataclass(frozen=True)
class SharedStories:
    a: Path
    b: Path


def ingest_command(shared: SharedStories, chunk: int = 1) -> list[str]:
    """`mdkg ingest` of both corpora (A first), a transaction per `chunk` articles, no progress."""
    return [
        sys.executable,
        "-m",
        "mdkg",
        "ingest",
        "--quiet",
        "--chunk",
        str(chunk),
        str(shared.a),
        str(shared.b),
    ]


def _row(raw: RawArticle, **changes: str | None) -> str:
    record = {"title": raw.title, "content": raw.body, "source": raw.source, "date": raw.published_at}
    return json.dumps({**record, **changes}, ensure_ascii=False)


def _shifted(when: str | None, days: int) -> str | None:
    if when is None:
        return None
    return (datetime.fromisoformat(when) + timedelta(days=days)).isoformat(timespec="minutes")


def _write(folder: Path, rows: list[str], per_file: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n, at in enumerate(range(0, len(rows), per_file)):
        (folder / f"part-{n:03d}.jsonl").write_text("\n".join(rows[at : at + per_file]) + "\n", "utf-8")


def make_shared_stories(root: Path, per_file: int = 4, limit: int | None = None) -> SharedStories:
    articles = [raw for feed in FEEDS for raw in read_path(feed)][:limit]
    copies, own = [], []
    for i, raw in enumerate(articles):
        if i % 2 == 0:
            copies.append(
                _row(
                    raw,
                    title=f"{raw.title}(转载)",
                    source="转载网",
                    content=f"来源：{raw.source or '网络'}\n{raw.body}",
                    date=_shifted(raw.published_at, -1 if i % 4 == 0 else 1),
                )
            )
        elif i % 7 == 1:  # B's own stories: the second half of the body, as another report
            half = raw.body[len(raw.body) // 2 :]
            own.append(_row(raw, title=f"{raw.title}(下)", content=half, source="另一报"))
    shared = SharedStories(root / "a", root / "b")
    _write(shared.a, [_row(raw) for raw in articles], per_file)
    _write(shared.b, copies + own, per_file)
    return shared


def snapshot(store: GraphStore) -> dict[str, list[tuple[object, ...]]]:
    """The whole graph in a form two stores (or two runs) can be compared by.

    An entity is known by its label and all its names, not by its id: which of an English name
    and its Chinese twin became the id depends on which article came first, until stored
    entities can be merged (issue 12). Everything else is compared as stored, lists sorted.
    """
    stories = store.get_articles(store.stories_since(0).stories)
    graph = store.subgraph(limit=1_000_000)
    known = {e.id: (e.label.value, tuple(sorted({e.name, *e.aliases}))) for e in graph.nodes}
    return {
        "articles": sorted(
            (a.id, a.title, a.source, a.published_at, tuple(sorted(r.key for r in a.reprints)))
            for a in stories.values()
        ),
        "entities": sorted(
            (
                known[e.id],
                json.dumps(e.properties, sort_keys=True),
                e.first_seen,
                e.last_seen,
                tuple(sorted(e.sources)),
            )
            for e in graph.nodes
        ),  # fmt: skip
        "relationships": sorted(
            (
                r.type.value,
                known[r.source],
                known[r.target],
                json.dumps(r.properties, sort_keys=True),
                r.confidence,
                r.first_seen,
                r.last_seen,
                tuple(sorted(e.key for e in r.evidence)),
            )
            for r in graph.edges
        ),  # fmt: skip
    }
