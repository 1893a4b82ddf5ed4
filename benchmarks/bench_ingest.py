"""Throughput of the ingest stages on one core: `python -m benchmarks.bench_ingest [--articles N]`.

Articles of about 1,500 characters are assembled from the project's own sample corpus
(`samples/corpus`), each a different mix of its body paragraphs so no two are alike.
Measures read+normalise+extract (articles/s), and a full ingest into a fresh embedded store.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from graph.embedded import EmbeddedStore
from ingest.pipeline import extract_file, ingest_file
from ingest.read import iter_files, read_path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "corpus"


def make_corpus(n: int, size: int, seed: int = 7) -> list[dict[str, str]]:
    paragraphs = [
        line
        for f in iter_files([SAMPLES])
        for a in read_path(f)
        for line in a.body.splitlines()
        if len(line) > 20
    ]
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        body, parts = "", []
        while len(body) < size:
            parts.append(rng.choice(paragraphs))
            body = "\n".join(parts)
        rows.append(
            {
                "title": f"基准文章 {i}",
                "content": body[: size + 200],
                "source": "bench",
                "published_at": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--chars", type=int, default=1500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        rows = make_corpus(args.articles, args.chars)
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        mean_chars = sum(len(r["content"]) for r in rows) / len(rows)

        start = time.perf_counter()
        extractions = extract_file(path)
        extract_s = time.perf_counter() - start

        store = EmbeddedStore(Path(tmp) / "bench.sqlite")
        start = time.perf_counter()
        report = ingest_file(path, store)
        ingest_s = time.perf_counter() - start
        store.close()
    print(f"articles: {len(extractions)} of mean {mean_chars:.0f} characters")
    print(f"read+normalise+extract: {len(extractions) / extract_s:.0f} articles/s ({extract_s:.2f} s)")
    print(
        f"full ingest, embedded store: {len(extractions) / ingest_s:.0f} articles/s ({ingest_s:.2f} s; "
        f"{report.entities} entities, {report.relationships} relationships)"
    )


if __name__ == "__main__":
    main()
