"""Extraction on a Dask cluster, written to files that `mdkg ingest` loads: `extract_to_files`.

Extraction is the stage that spreads (one article at a time, nothing of the store); deduplication,
resolution and writing need the whole store and stay with the one writer. So this process reads and
normalises each news file with the readers of `mdkg ingest` (a bad file is reported with its name
and reason, and nothing is written for it), hands its articles to the cluster's workers in batches,
and writes what they give back as `<stem>.extractions.jsonl` (`mdkg.ingest.extractions`), whole or not
at all. The workers need mdkg of the same version installed, and nothing else: no files, no store.

The cluster is a local one of `workers` processes, or an existing scheduler (`tcp://host:8786`).
Dask is an optional dependency (`pip install 'mdkg[cluster]'`); docs/scaling.md says why Dask and
not Ray, with the measured figures.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from mdkg.graph.errors import MdkgError
from mdkg.ingest.errors import ReadError
from mdkg.ingest.extract import extract
from mdkg.ingest.extractions import (
    ExtractionsHeader,
    extractions_name,
    is_extractions_file,
    mdkg_version,
    read_header,
    write_extractions,
)
from mdkg.ingest.normalise import normalise
from mdkg.ingest.read import read_path, walk
from mdkg.ingest.types import Document

if TYPE_CHECKING:
    from distributed import Client, Future

BATCH = 50
"""Articles a task: about half a second of work, so the scheduler's ~1 ms a task is noise."""

AHEAD = 4
"""Batches a worker may have waiting, to keep it busy while this process reads the next file."""

WORKERS_WAIT = 60.0
"""Seconds to wait for a scheduler to have a worker before giving up."""

CONNECT_WAIT = 10.0
"""Seconds to try reaching a scheduler."""

INSTALL = "pip install 'mdkg[cluster]'"


class ClusterUnavailable(MdkgError):
    """No cluster to extract on: Dask is not installed, the scheduler cannot be reached or has no
    workers, or its workers run another mdkg."""

    code = "cluster_unavailable"


class ExtractedBatch(BaseModel):
    """What a worker gives back for a batch: one `Extraction` as JSON a line (this process writes
    them as they are), or, at the first article the extractor failed on, its index and why."""

    lines: list[str] = Field(default_factory=list)
    failed_at: int | None = None
    reason: str | None = None


class FileOutcome(BaseModel):
    """One news file: its extractions file, or why there is none."""

    path: Path
    out: Path | None = None
    articles: int = 0
    unchanged: bool = Field(False, description="extracted before from the same bytes by the same mdkg")
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class ExtractReport(BaseModel):
    """Every file of a run, in the order they were finished."""

    files: list[FileOutcome] = Field(default_factory=list)
    workers: int = 0

    @property
    def articles(self) -> int:
        return sum(f.articles for f in self.files)

    @property
    def failed(self) -> int:
        return sum(not f.ok for f in self.files)

    @property
    def unchanged(self) -> int:
        return sum(f.unchanged for f in self.files)


@dataclass
class _Pending:
    """A file whose batches are on the cluster."""

    path: Path
    out: Path
    sha256: str
    docs: list[Document]
    futures: list[Future]


def extract_lines(docs: list[Document]) -> ExtractedBatch:
    """On a worker: extract each document, as JSON lines; stop at the first failure (the file is
    reported, not written, so the rest would be wasted)."""
    lines: list[str] = []
    for i, doc in enumerate(docs):
        try:
            lines.append(extract(doc).model_dump_json())
        except RecursionError:
            return ExtractedBatch(lines=lines, failed_at=i, reason="RecursionError: nested too deeply")
        except Exception as error:  # noqa: BLE001 - reported with the article by the process that reads
            return ExtractedBatch(lines=lines, failed_at=i, reason=f"{type(error).__name__}: {error}")
    return ExtractedBatch(lines=lines)


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def extract_to_files(
    paths: Iterable[Path],
    out_dir: Path,
    *,
    address: str | None = None,
    workers: int | None = None,
    batch: int = BATCH,
    again: bool = False,
    on_file: Callable[[FileOutcome], None] | None = None,
) -> ExtractReport:
    """Extract the news files under `paths` on a cluster into `out_dir`, one extractions file each.

    `address`: a running scheduler's; None starts a local cluster of `workers` processes (default
    one a core). A file extracted before into `out_dir` from the same bytes by the same mdkg is not
    extracted again unless `again`. Extractions files among the inputs are passed over. `on_file`
    hears of each file as it is done (progress).
    """
    roots = list(paths)
    files, passed_over = walk(roots)
    report = ExtractReport()
    plan = _plan([f for f in files if not is_extractions_file(f)], roots, out_dir)
    skipped = [FileOutcome(path=p, error=f"{p}: {reason}") for p, reason in passed_over]
    with _client(address, workers or default_workers()) as client:
        report.workers = len(client.scheduler_info()["workers"])
        for outcome in chain(skipped, _run(client, plan, batch, again)):
            report.files.append(outcome)
            if on_file is not None:
                on_file(outcome)
    return report


def _plan(files: list[Path], roots: list[Path], out_dir: Path) -> list[tuple[Path, Path | str]]:
    """Each file with its extractions file (the path under its folder argument kept), or why it has
    none: two news files whose extractions would have one name (`x.txt` and `x.jsonl`)."""
    folders = [r for r in roots if r.is_dir()]
    taken: dict[Path, Path] = {}
    plan: list[tuple[Path, Path | str]] = []
    for path in files:
        root = next((r for r in folders if path.is_relative_to(r)), None)
        relative = path.relative_to(root) if root is not None else Path(path.name)
        out = out_dir / relative.parent / extractions_name(relative)
        if out in taken:
            plan.append((path, f"{path}: its extractions would overwrite those of {taken[out]} ({out.name})"))
        else:
            taken[out] = path
            plan.append((path, out))
    return plan


def _run(
    client: Client, plan: list[tuple[Path, Path | str]], batch: int, again: bool
) -> Iterator[FileOutcome]:
    """Read each file and put its batches on the cluster, a few files ahead; write each file when its
    batches are back, in order."""
    pending: deque[_Pending] = deque()
    limit = AHEAD * max(1, len(client.scheduler_info()["workers"]))
    for path, out in plan:
        if isinstance(out, str):
            yield FileOutcome(path=path, error=out)
            continue
        started = _start(client, path, out, batch, again)
        if isinstance(started, FileOutcome):
            yield started
            continue
        pending.append(started)
        while sum(len(p.futures) for p in pending) > limit:
            yield _finish(client, pending.popleft())
    while pending:
        yield _finish(client, pending.popleft())


def _start(client: Client, path: Path, out: Path, batch: int, again: bool) -> _Pending | FileOutcome:
    """Read, normalise and submit a file's articles; or the file's outcome when it is bad or done."""
    try:
        sha256 = _sha256(path)
        if not again and _extracted_before(out, sha256):
            return FileOutcome(path=path, out=out, unchanged=True)
        docs = [normalise(raw) for raw in read_path(path)]
    except MdkgError as error:
        return FileOutcome(path=path, error=error.message)
    except RecursionError:
        return FileOutcome(path=path, error=f"{path}: nested too deeply to read")
    except (OSError, UnicodeError, ValueError) as error:
        return FileOutcome(path=path, error=f"{path}: {type(error).__name__}: {error}")
    futures = [
        client.submit(extract_lines, docs[i : i + batch], pure=False) for i in range(0, len(docs), batch)
    ]
    return _Pending(path=path, out=out, sha256=sha256, docs=docs, futures=futures)


def _finish(client: Client, pending: _Pending) -> FileOutcome:
    """Wait for a file's batches and write its extractions file, or say which article failed."""
    from distributed import KilledWorker

    path = pending.path
    try:
        batches: list[ExtractedBatch] = client.gather(pending.futures)
    except KilledWorker as error:  # a worker died on it, again and again: the file, not the cluster
        return FileOutcome(path=path, error=f"{path}: the workers died extracting it ({error})")
    except (OSError, CancelledError) as error:  # the scheduler is gone: every later file would fail
        raise ClusterUnavailable(
            f"lost the cluster while extracting {path} ({type(error).__name__}: {error}); the extractions "
            "files written are whole, run again to extract the rest"
        ) from None
    lines: list[str] = []
    for got in batches:
        if got.failed_at is not None:
            doc = pending.docs[len(lines) + got.failed_at]
            return FileOutcome(
                path=path,
                error=f"{path}: the extractor failed on the article {doc.article.title!r} ({got.reason}); "
                "the file is skipped, please report it",
            )
        lines.extend(got.lines)
    header = ExtractionsHeader(
        mdkg=mdkg_version(), source=str(path), sha256=pending.sha256, articles=len(lines)
    )
    write_extractions(pending.out, header, lines)
    return FileOutcome(path=path, out=pending.out, articles=len(lines))


def _sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _extracted_before(out: Path, sha256: str) -> bool:
    if not out.is_file():
        return False
    try:
        header = read_header(out)
    except ReadError:
        return False  # not ours, or of another format version: extracted again, replaced
    return header.sha256 == sha256 and header.mdkg == mdkg_version()


@contextmanager
def _client(address: str | None, workers: int) -> Iterator[Client]:
    """A client of the scheduler at `address`, or of a local cluster of `workers` processes of one
    thread each (extraction is pure Python: threads would share one core)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterUnavailable(f"extraction on a cluster needs Dask: {INSTALL}") from None
    if address is None:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        with cluster, Client(cluster) as client:
            yield _checked(client)
        return
    try:
        client = Client(address, timeout=CONNECT_WAIT)
    except OSError as error:
        raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address}: {error}") from None
    with client:
        yield _checked(client)


def _checked(client: Client) -> Client:
    """The client, once the cluster has a worker and every worker runs this mdkg (the version is in
    every extractions file's header, and other code would extract otherwise)."""
    try:
        client.wait_for_workers(1, timeout=WORKERS_WAIT)
    except TimeoutError:
        raise ClusterUnavailable(
            f"the Dask scheduler at {client.scheduler.address} has no workers after {WORKERS_WAIT:.0f} s"
        ) from None
    ours = mdkg_version()
    try:
        theirs = client.run(mdkg_version)
    except Exception as error:  # noqa: BLE001 - whatever a worker raised: it cannot run our code
        raise ClusterUnavailable(f"the workers cannot run mdkg ({type(error).__name__}: {error})") from None
    other = {worker: v for worker, v in theirs.items() if v != ours}
    if other:
        listed = ", ".join(f"{w}: {v}" for w, v in sorted(other.items()))
        raise ClusterUnavailable(f"workers run another mdkg than this one ({ours}): {listed}")
    return client
