"""Throughput of the ingest stages on one core: `python -m benchmarks.bench_ingest [--articles N]`.

By default articles of about 1,500 characters are assembled from the project's own sample corpus
(`samples/corpus`), each a different mix of its body paragraphs so no two are alike. With
`--corpus PATH...` the articles are those of the given files or folders instead (read by
`mdkg.ingest.read`, e.g. `../shared/corpus`), as they are, repeated in turn until there are N.
Measures read+normalise+extract (articles/s, and characters/s), and a full ingest into a fresh
embedded store (in which repeated articles are recognised as reprints). Both include what the
first article costs: loading the gazetteers and dictionaries.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from mdkg.graph.embedded import EmbeddedStore
from mdkg.ingest.pipeline import extract_file, ingest_file
from mdkg.ingest.read import iter_files, read_path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "corpus"

Row = dict[str, str | None]


def make_corpus(n: int, size: int, seed: int = 7) -> list[Row]:
    paragraphs = [
        line
        for f in iter_files([SAMPLES])
        for a in read_path(f)
        for line in a.body.splitlines()
        if len(line) > 20
    ]
    rng = random.Random(seed)
    rows: list[Row] = []
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


def corpus_rows(paths: list[Path], n: int) -> list[Row]:
    """The articles of `paths` as JSON Lines rows, repeated in turn until there are `n`."""
    articles = [a for f in iter_files(paths) for a in read_path(f)]
    if not articles:
        return []
    return [
        {
            "title": a.title,
            "content": a.body,
            "source": a.source,
            "published_at": a.published_at,
            "url": a.url,
            "language": a.language,
        }
        for a in (articles[i % len(articles)] for i in range(n))
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--chars", type=int, default=1500, help="article length of the default corpus")
    parser.add_argument("--corpus", type=Path, nargs="+", metavar="PATH", help="files or folders to read")
    args = parser.parse_args()
    rows = corpus_rows(args.corpus, args.articles) if args.corpus else make_corpus(args.articles, args.chars)
    if not rows:
        parser.error("no articles to measure")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        chars = sum(len(r["content"] or "") for r in rows)
        warm = Path(tmp) / "warm.jsonl"
        warm.write_text(json.dumps(rows[0], ensure_ascii=False) + "\n", encoding="utf-8")

        start = time.perf_counter()
        extract_file(warm)  # the data files are loaded once per process: timed on their own
        load_s = time.perf_counter() - start

        start = time.perf_counter()
        extractions = extract_file(path)
        extract_s = time.perf_counter() - start

        store = EmbeddedStore(Path(tmp) / "bench.sqlite")
        start = time.perf_counter()
        report = ingest_file(path, store)
        ingest_s = time.perf_counter() - start
        store.close()
    source = ", ".join(map(str, args.corpus)) if args.corpus else f"{SAMPLES.relative_to(ROOT)} paragraphs"
    print(f"articles: {len(extractions)} of mean {chars / len(rows):.0f} characters ({source})")
    print(f"start-up: data files loaded once per process in {load_s:.2f} s (not in the figures below)")
    print(
        f"read+normalise+extract: {len(extractions) / extract_s:.0f} articles/s, "
        f"{chars / extract_s / 1000:.0f}k characters/s ({extract_s:.2f} s)"
    )
    print(
        f"full ingest, embedded store: {len(extractions) / ingest_s:.0f} articles/s ({ingest_s:.2f} s; "
        f"{report.entities} entities, {report.relationships} relationships)"
    )


if __name__ == "__main__":
    main()
