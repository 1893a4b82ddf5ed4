"""Extraction on distributed engines, side by side in one run: `python -m benchmarks.bench_cluster
[--articles N] [--engines dask,ray] [--workers 2] [--batch 50]`.

Generates a corpus (`benchmarks.generate_corpus`, seed 7), reads and normalises it once, then
extracts every article (`mdkg.ingest.extract.extract`, as JSON lines, `mdkg.ingest.distributed.extract_lines`)
four ways:

- one process: a fresh process extracting in a loop (the per-core baseline);
- Dask: a local cluster of `--workers` processes of one thread, batches of `--batch` articles;
- Ray: `ray.init` with `--workers` CPUs, the same batches as remote tasks;
- Dask end to end: `mdkg.ingest.distributed.extract_to_files` on the news files (reading, normalising
  and writing the extractions files included).

For each: the cluster's start, the extraction's seconds (the workers' first load of the data files
included), articles a second, the peak of the summed resident memory of this process and all its
children (sampled every 0.1 s), and the size of the engine's installed packages that mdkg does not
need anyway. An engine that is not installed is reported as skipped.
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import multiprocessing
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import psutil
from pydantic import BaseModel, Field

from benchmarks.generate_corpus import write_corpus
from mdkg.ingest.distributed import ExtractedBatch, extract_lines
from mdkg.ingest.normalise import normalise
from mdkg.ingest.read import read_path
from mdkg.ingest.types import Document

ENGINES = {"dask": ("dask", "distributed"), "ray": ("ray",)}


class Figures(BaseModel):
    """One way of extracting the corpus."""

    name: str
    workers: int
    start: float | None = None
    seconds: float = 0.0
    articles: int = 0
    cpu: float = Field(0.0, description="CPU seconds of every process while extracting")
    driver_cpu: float = Field(0.0, description="CPU seconds of this process while extracting")
    peak_mb: float = 0.0
    install_mb: float | None = None
    skipped: str | None = None
    load: float = Field(default_factory=lambda: os.getloadavg()[0], description="of the machine, at the end")

    def row(self) -> str:
        if self.skipped:
            return f"| {self.name} | {self.workers} | skipped: {self.skipped} | | | | | | | |"
        start = "—" if self.start is None else f"{self.start:.1f} s"
        size = "—" if self.install_mb is None else f"{self.install_mb:.0f} MB"
        rate, per_cpu = self.articles / self.seconds, self.articles / self.cpu
        return (
            f"| {self.name} | {self.workers} | {start} | {self.seconds:.1f} s | {rate:.0f} | {per_cpu:.0f} "
            f"| {self.driver_cpu / self.articles * 1000:.2f} ms | {self.peak_mb:.0f} MB | {size} "
            f"| {self.load:.1f} |"
        )


HEADER = (
    "| how | workers | start | extraction | articles/s | articles a CPU-second | driver CPU an article "
    "| peak memory | installed | load |\n|---|---|---|---|---|---|---|---|---|---|"
)


class Cpu(BaseModel):
    """CPU seconds so far: of this process and its children, and of this process alone (the driver,
    and Dask's scheduler), less the sampling's own."""

    total: float = 0.0
    own: float = 0.0

    def __sub__(self, other: Cpu) -> Cpu:
        return Cpu(total=self.total - other.total, own=self.own - other.own)


class Watch:
    """Samples this process and its children every 0.1 s while open: the peak of their summed
    resident memory, less what this process held at the start, and their CPU seconds (robust to
    other work on the machine, unlike seconds)."""

    def __init__(self) -> None:
        self.peak_mb = 0.0
        self._me = psutil.Process()
        self._before = self._me.memory_info().rss
        self._first = {self._me.pid: _cpu(self._me)}
        self._last: dict[int, float] = {}
        self._sampling = 0.0  # CPU seconds the sampler spent
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def figures(
        self, name: str, workers: int, seconds: float, articles: int, cpu: Cpu, **more: Any
    ) -> Figures:
        """What was measured while watching: `cpu` over the extraction, the peak memory so far."""
        return Figures(
            name=name, workers=workers, seconds=seconds, articles=articles, cpu=cpu.total,
            driver_cpu=cpu.own, peak_mb=self.peak_mb, **more,
        )  # fmt: skip

    def __enter__(self) -> Watch:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._done.set()
        self._thread.join()

    def cpu(self) -> Cpu:
        """The CPU seconds spent since the watch began, as of now."""
        self._sample()
        own = self._last[self._me.pid] - self._first[self._me.pid] - self._sampling
        total = (
            sum(seconds - self._first.get(pid, 0.0) for pid, seconds in self._last.items()) - self._sampling
        )
        return Cpu(total=total, own=own)

    def _run(self) -> None:
        while not self._done.is_set():
            began = time.thread_time()
            self._sample()
            self._sampling += time.thread_time() - began
            self._done.wait(0.1)

    def _sample(self) -> None:
        with self._lock:
            total = 0
            for process in [self._me, *self._me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                    self._last[process.pid] = _cpu(process)
                except psutil.Error:
                    pass  # ended meanwhile: its last sample stands
            self.peak_mb = max(self.peak_mb, (total - self._before) / 2**20)


def _cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def batches(docs: list[Document], size: int) -> list[list[Document]]:
    return [docs[i : i + size] for i in range(0, len(docs), size)]


def counted(results: list[ExtractedBatch]) -> int:
    if any(r.failed_at is not None for r in results):
        raise RuntimeError(f"extraction failed: {next(r.reason for r in results if r.reason)}")
    return sum(len(r.lines) for r in results)


def one_process(docs: list[Document], _workers: int, batch: int) -> Figures:
    """A fresh process extracting every document in a loop: its first load of the data files is
    counted, as it is for every worker of a cluster."""
    figures = process_pool(docs, 1, len(docs))
    return figures.model_copy(update={"name": "one process (the baseline)"})


def process_pool(docs: list[Document], workers: int, batch: int) -> Figures:
    """`workers` fresh processes of a `ProcessPoolExecutor`, as `mdkg ingest --jobs` extracts."""
    context = multiprocessing.get_context("spawn")
    with Watch() as watch, ProcessPoolExecutor(workers, mp_context=context) as pool:
        start = time.perf_counter()
        list(pool.map(len, [[]] * workers))
        started = time.perf_counter() - start
        before, begin = watch.cpu(), time.perf_counter()
        articles = counted(list(pool.map(extract_lines, batches(docs, batch))))
        seconds, cpu = time.perf_counter() - begin, watch.cpu() - before
    return watch.figures(
        "process pool (as `mdkg ingest --jobs`)", workers, seconds, articles, cpu, start=started
    )


def with_dask(docs: list[Document], workers: int, batch: int) -> Figures:
    from distributed import Client, LocalCluster

    with Watch() as watch:
        start = time.perf_counter()
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            client.wait_for_workers(workers)
            started = time.perf_counter() - start
            before, begin = watch.cpu(), time.perf_counter()
            futures = [client.submit(extract_lines, part, pure=False) for part in batches(docs, batch)]
            articles = counted(client.gather(futures))
            seconds, cpu = time.perf_counter() - begin, watch.cpu() - before
    return watch.figures(
        "Dask (`distributed.LocalCluster`)",
        workers,
        seconds,
        articles,
        cpu,
        start=started,
        install_mb=installed_mb(ENGINES["dask"]),
    )


def with_ray(docs: list[Document], workers: int, batch: int) -> Figures:
    import ray

    with Watch() as watch:
        start = time.perf_counter()
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
        try:
            remote = ray.remote(num_cpus=1)(extract_lines)
            ray.get([remote.remote([]) for _ in range(workers)])  # the workers are up
            started = time.perf_counter() - start
            before, begin = watch.cpu(), time.perf_counter()
            articles = counted(ray.get([remote.remote(part) for part in batches(docs, batch)]))
            seconds, cpu = time.perf_counter() - begin, watch.cpu() - before
        finally:
            ray.shutdown()
    return watch.figures(
        "Ray (`ray.init`, local)",
        workers,
        seconds,
        articles,
        cpu,
        start=started,
        install_mb=installed_mb(ENGINES["ray"]),
    )


def dask_end_to_end(files: list[Path], workers: int, batch: int) -> Figures:
    """`extract_to_files` as `mdkg extract --cluster local` runs it: the cluster's start, reading,
    normalising and writing the extractions files all included."""
    from mdkg.ingest.distributed import extract_to_files

    with tempfile.TemporaryDirectory(prefix="mdkg-cluster-out-") as out, Watch() as watch:
        begin = time.perf_counter()
        report = extract_to_files(files, Path(out), workers=workers, batch=batch)
        seconds, cpu = time.perf_counter() - begin, watch.cpu()
    if report.failed:
        raise RuntimeError(f"extract_to_files failed: {[f.error for f in report.files if f.error]}")
    return watch.figures(
        "Dask, `extract_to_files` end to end (start included)", workers, seconds, report.articles, cpu
    )


def installed_mb(names: tuple[str, ...]) -> float:
    """MB of the installed distributions `names` need (without extras), less what mdkg needs."""
    ours = _closure(("mdkg",))
    return sum(_size(name) for name in _closure(names) - ours) / 2**20


def _closure(names: tuple[str, ...]) -> set[str]:
    todo, seen = list(names), set()
    while todo:
        name = _canonical(todo.pop())
        if name in seen:
            continue
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        todo.extend(re.split(r"[\s;\[<>=!~(]", r, maxsplit=1)[0] for r in requires if "extra ==" not in r)
    return seen


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _size(name: str) -> int:
    dist = metadata.distribution(name)
    return sum(f.size or 0 for f in dist.files or [])


def available(engine: str) -> str | None:
    """Why an engine cannot run here, or None."""
    for name in ENGINES[engine]:
        try:
            metadata.version(name)
        except metadata.PackageNotFoundError:
            return f"`{name}` is not installed"
    return None


Way = tuple[str, Callable[[], Figures]]
"""A way to measure, with the engine it needs ("" for none)."""


def ways(engines: list[str], docs: list[Document], files: list[Path], args: argparse.Namespace) -> list[Way]:
    """The ways to measure, each with the engine it needs ("" for none)."""
    workers, batch = args.workers, args.batch
    chosen: list[Way] = [
        ("", lambda: one_process(docs, 1, batch)),
        ("", lambda: process_pool(docs, workers, batch)),
    ]
    if "dask" in engines:
        chosen.append(("dask", lambda: with_dask(docs, workers, batch)))
    if "ray" in engines:
        chosen.append(("ray", lambda: with_ray(docs, workers, batch)))
    if "dask" in engines:
        chosen.append(("dask", lambda: dask_end_to_end(files, workers, batch)))
    return chosen


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--engines", default="dask,ray", help="comma-separated: dask, ray")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=50, help="articles a task")
    parser.add_argument("--per-file", type=int, default=250, help="articles a generated file")
    parser.add_argument("--rounds", type=int, default=1, help="times to measure every way, in turn")
    args = parser.parse_args(argv)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = set(engines) - set(ENGINES)
    if unknown:
        parser.error(f"unknown engines: {', '.join(sorted(unknown))}; known: {', '.join(ENGINES)}")
    with tempfile.TemporaryDirectory(prefix="mdkg-cluster-") as tmp:
        files = write_corpus(Path(tmp), args.articles, seed=7, per_file=args.per_file)
        docs = [normalise(raw) for path in files for raw in read_path(path)]
        print(f"{len(docs):,} articles in {len(files)} files, batches of {args.batch}; {os.cpu_count()} CPUs")
        print(HEADER)
        for _ in range(args.rounds):
            for engine, run in ways(engines, docs, files, args):
                why = available(engine) if engine else None
                figures = Figures(name=engine, workers=args.workers, skipped=why) if why else run()
                print(figures.row(), flush=True)


if __name__ == "__main__":
    main()
