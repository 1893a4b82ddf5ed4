"""The ingest pipeline, wired in one place: read → normalise → dedupe → extract → resolve → load.

Each file is read and checked whole, then deduplicated against the stories already
stored (by this run or another writer), extracted, resolved and written in parts of
`CHUNK` articles, each part in one transaction with the file's progress; on bad input
the file is reported with its name and reason and skipped, nothing of it written.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, Field

from mdkg.graph import corrections, merge, names
from mdkg.graph.corrections import Correction, CorrectionQuery, Kind
from mdkg.graph.errors import InvalidRequest, MdkgError, NotFound, StaleWrite, StoreUnavailable
from mdkg.graph.ontology import Article, Entity, GraphBatch, Reprint
from mdkg.graph.store import FileMark, GraphStore
from mdkg.ingest import spellings
from mdkg.ingest.dedupe import Deduplicator, StoredCandidates, as_reprint
from mdkg.ingest.extract import extract
from mdkg.ingest.extractions import is_extractions_file, read_extractions, read_header
from mdkg.ingest.load import CHUNK, load
from mdkg.ingest.normalise import normalise
from mdkg.ingest.read import iter_files as find_files
from mdkg.ingest.read import read_path
from mdkg.ingest.resolve import Resolver, pinyin_search, prepare
from mdkg.ingest.types import Document, Extraction

__all__ = ["FileReport", "Ingestor", "extract_file", "find_files", "ingest_file", "ingest_files"]


class FileReport(BaseModel):
    """What one file gave, or why it was skipped."""

    path: Path
    articles: int = 0
    reprints: int = 0
    entities: int = 0
    relationships: int = 0
    error: str | None = None
    unchanged: bool = Field(False, description="ingested whole before (same bytes), so not read again")
    resumed_at: int = Field(0, description="articles an interrupted ingest had written already")

    @property
    def ok(self) -> bool:
        return self.error is None


def extract_file(path: Path) -> list[Extraction]:
    """Read, normalise and extract one file, every article on its own (no deduplication)."""
    return [extract(normalise(raw)) for raw in read_path(path)]


ATTEMPTS = 50
"""Writes tried while other writers keep changing the store before a file is given up."""
INGEST = "mdkg ingest"  # who the merges an ingest makes are by, in the corrections log

PARALLEL_FROM = 32
"""Stories in a part from which extraction is spread over worker processes (fewer: not worth it)."""


def default_jobs() -> int:
    """Extraction processes: one a core (the writer, in the main process, waits on the store)."""
    return max(1, os.cpu_count() or 1)


class Ingestor:
    """Ingests files into one store, recognising reprints across files, runs and writers.

    A file is read and checked whole first (a bad file writes nothing), then written in parts
    of `CHUNK` articles, each with the file's progress (`graph.store.FileMark`) in the same
    transaction: a rerun skips files written whole (unless `again`) and resumes a file where
    an interrupted run stopped. Each part is deduplicated against the stories stored at a
    store version and written only if the store is still at that version; when another
    ingest wrote meanwhile, the part is deduplicated and resolved again (extractions are
    kept), so two ingests at once store each story once.
    """

    def __init__(
        self,
        store: GraphStore,
        again: bool = False,
        chunk: int = CHUNK,
        jobs: int = 1,
        notice: Callable[[str], None] | None = None,
    ) -> None:
        self.store = store
        self.again = again
        self.chunk = chunk
        self.jobs = jobs
        self._pool: Executor | None = None
        _respell(store, notice or (lambda _: None))
        self._version = store.version()  # read before any story is looked up: see `_write_part`
        stored = StoredCandidates(store.stories_by_keys)
        self._dedupe = Deduplicator(stored.lookup, stored.published, stored.prefetch)

    def close(self) -> None:
        """Stop the extraction processes, if any were started."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Ingestor:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _start(self, docs: list[Document]) -> list[Future[Extracted]] | None:
        """Start extracting `docs` in the worker processes (None when there are too few for it, or
        one job): the writer goes on with the part before meanwhile."""
        if self.jobs <= 1 or len(docs) < PARALLEL_FROM:
            return None
        if self._pool is None:  # forkserver: workers start clean, without this process's threads or store
            self._pool = ProcessPoolExecutor(
                self.jobs,
                mp_context=multiprocessing.get_context("forkserver"),
                initializer=_watch_writer,
                initargs=(os.getpid(),),
            )
        size = max(1, -(-len(docs) // (self.jobs * 2)))
        return [self._pool.submit(_extract_batch, docs[i : i + size]) for i in range(0, len(docs), size)]

    @staticmethod
    def _finish(
        path: Path, docs: list[Document], started: list[Future[Extracted]] | None
    ) -> dict[str, Extraction]:
        """The extractions started for `docs`, by article id (the pinyin the workers read of their
        names is remembered, for resolving and indexing them)."""
        if started is None:
            return {}
        got: list[Extraction | str] = []
        for future in started:
            extracted, spoken = future.result()
            names.remember(spoken)
            got.extend(extracted)
        for doc, one in zip(docs, got, strict=True):
            if isinstance(one, str):
                raise ExtractionFailed.on(path, doc, one)
        return {doc.article.id: one for doc, one in zip(docs, got, strict=True) if not isinstance(one, str)}

    def ingest_file(self, path: Path) -> FileReport:
        try:
            return self._ingest(path)
        except StoreUnavailable:
            raise  # the store, not the file: every later file would fail the same way
        except MdkgError as error:
            return FileReport(path=path, error=error.message)
        except RecursionError:
            return FileReport(
                path=path,
                error=f"{path}: nested too deeply to read (a JSON value inside thousands of others)",
            )
        except (OSError, UnicodeError, ValueError) as error:
            return FileReport(path=path, error=f"{path}: {type(error).__name__}: {error}")

    @staticmethod
    def file_key(path: Path) -> str:
        """What a file is known by in the store: the SHA-256 of its bytes."""
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()

    def _ingest(self, path: Path) -> FileReport:
        # an extractions file (extracted on a cluster) is known by the news file it came from
        key = read_header(path).sha256 if is_extractions_file(path) else self.file_key(path)
        mark = None if self.again else self.store.file_mark(key)
        if mark is not None and mark.complete:
            return FileReport(path=path, unchanged=True)
        documents, ready = _documents(path)
        start = mark.done if mark is not None else 0
        report = FileReport(path=path, resumed_at=start)
        parts = [documents[at : at + self.chunk] for at in range(start, len(documents), self.chunk)]
        ahead = self._start(parts[0]) if parts and not ready else None
        done = start
        try:
            for i, part in enumerate(parts):
                later = i + 1 < len(parts) and not ready
                started, ahead = ahead, self._start(parts[i + 1]) if later else None
                done += len(part)
                mark = FileMark(key=key, path=str(path), done=done, total=len(documents), at=_now())
                extracted = {d.article.id: ready[d.article.id] for d in part if d.article.id in ready}
                self._write_part(path, part, mark, report, extracted | self._finish(path, part, started))
        finally:
            for future in ahead or []:
                future.cancel()
        return report

    def _write_part(
        self,
        path: Path,
        part: list[Document],
        mark: FileMark,
        report: FileReport,
        extracted: dict[str, Extraction],
    ) -> None:
        """Deduplicate, extract what was not (`extracted`: by the workers, ahead), resolve and write."""
        for _ in range(ATTEMPTS):
            result = self._dedupe.run(part)
            for doc in result.stories:
                if doc.article.id not in extracted:
                    extracted[doc.article.id] = _extract(path, doc)
            stories = [extracted[d.article.id].model_copy(update={"document": d}) for d in result.stories]
            resolver = Resolver(self.store.find_by_keys, pinyin_search(self.store))
            batch = resolver.resolve(stories)
            if merge_stored(self.store, path.name, resolver.merges):  # changed: decide again on it
                self._version = self.store.version()
                continue
            batch.articles.extend(self._with_reprints(result.reprints_of_known))
            self._take_over(batch, result.replaced)
            try:
                loaded = load(batch, self.store, mark, expect_version=self._version)
            except StaleWrite:  # another ingest wrote meanwhile: decide again on what it wrote
                self._version = self.store.version()
                continue
            self._version = loaded.version
            report.articles += loaded.articles
            report.entities += loaded.entities
            report.relationships += loaded.relationships
            report.reprints += sum(not v.is_new for v in result.verdicts)
            return
        raise StoreBusy(
            f"{path}: other ingests kept writing to the store, {ATTEMPTS} tries; "
            f"{mark.done - len(part)} of {mark.total} articles are in, run again to finish"
        )

    def _with_reprints(self, reprints: dict[str, list[Reprint]]) -> list[Article]:
        if not reprints:  # the usual case: no store round trip
            return []
        stored = self.store.get_articles(reprints)
        return [a.model_copy(update={"reprints": [*a.reprints, *reprints[i]]}) for i, a in stored.items()]

    def _take_over(self, batch: GraphBatch, replaced: dict[str, str]) -> None:
        """A new copy that outranks a stored story takes it over: the stored story and its reprints
        become the new one's reprints, and what was extracted from it is withdrawn on writing."""
        if not replaced:
            return
        stored = self.store.get_articles(replaced)
        by_id = {a.id: i for i, a in enumerate(batch.articles)}
        for old, new in replaced.items():
            if old not in stored or new not in by_id:
                continue
            story = batch.articles[by_id[new]]
            taken = [as_reprint(stored[old]), *stored[old].reprints]
            batch.articles[by_id[new]] = story.model_copy(
                update={"reprints": merge.union_reprints(story.reprints, taken)}
            )
            batch.replaces[old] = new


class StoreBusy(MdkgError):
    """Other writers changed the store before every try of a write (the file is resumed on a rerun)."""

    code = "store_busy"


def merge_stored(store: GraphStore, source: str, merges: dict[str, str]) -> list[Correction]:
    """Merge the stored entities an article of `source` showed to be one (`Resolver.merges`: merged id
    -> kept id), each a correction by `mdkg ingest` in the log, so a researcher can see and undo it;
    a pair the log keeps apart (a split, an undone merge) stays apart. The merges made."""
    made = []
    for other, keep in sorted(merges.items()):
        log = store.corrections(CorrectionQuery(refs=[keep, other]))
        if corrections.kept_apart(log, keep, other) or store.redirects([other]):
            continue
        why = f"{source} names it as one of the names of {keep}"
        try:
            made.append(
                store.correct(Correction(kind=Kind.MERGE, target=other, into=keep, who=INGEST, why=why))
            )
        except (InvalidRequest, NotFound):
            continue  # changed meanwhile (merged or split by another hand): the ingest goes on
    return made


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class ExtractionFailed(MdkgError):
    """The extractor failed on an article: a fault of ours, reported with the article so that the
    other files still go in."""

    code = "extraction_failed"

    @classmethod
    def on(cls, path: Path, doc: Document, reason: str) -> ExtractionFailed:
        return cls(
            f"{path}: the extractor failed on the article {doc.article.title!r} ({reason}); "
            "the file is skipped, please report it"
        )


def _watch_writer(writer: int) -> None:
    """In a worker: end with the ingest that started it. A killed ingest cannot stop its workers,
    and they would wait for work forever."""
    started_by = os.getppid()

    def watch() -> None:
        while os.getppid() == started_by and _alive(writer):
            time.sleep(WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="mdkg-watch-writer", daemon=True).start()


WATCH_SECONDS = 0.5


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie, killed and not yet reaped, does not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:  # no /proc (not Linux): whether the pid exists at all
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


Extracted = tuple[list[Extraction | str], dict[str, names.Syllables]]


def _extract_batch(docs: list[Document]) -> Extracted:
    """In a worker process: each extraction, or why the extractor failed (an exception of ours need
    not survive pickling), and the pinyin of the names that resolving and writing them will read
    (pypinyin is the writer's largest cost otherwise; here it runs on every core)."""
    out: list[Extraction | str] = []
    with names.recording() as spoken:
        for doc in docs:
            try:
                extraction = extract(doc)
                prepare(extraction)
                out.append(extraction)
            except RecursionError:
                out.append("RecursionError: nested too deeply")
            except Exception as error:  # noqa: BLE001 - reported as the file's error by the writer
                out.append(f"{type(error).__name__}: {error}")
    return out, spoken


def _extract(path: Path, doc: Document) -> Extraction:
    try:
        return extract(doc)
    except RecursionError:
        raise
    except Exception as error:  # noqa: BLE001 - one article the extractor cannot read must not end the run
        raise ExtractionFailed.on(path, doc, f"{type(error).__name__}: {error}") from error


RESPELL_NOTICE_EVERY = 20_000


def _respell(store: GraphStore, notice: Callable[[str], None]) -> None:
    """Re-key a store written under an older spelling scheme (once a store, `GraphStore.respell`),
    telling `notice` that it started, how far it got and what it took: on a big store it takes a while
    before the first file."""
    started, done = time.monotonic(), 0

    def spell(entity: Entity) -> list[str]:
        nonlocal done
        if done % RESPELL_NOTICE_EVERY == 0:
            what = "re-keying the spellings of stored firms and associations (once, for this version)"
            notice(f"{what} ..." if not done else f"  {done:,} re-keyed ...")
        done += 1
        return spellings.stored_keys(entity)

    respelled = store.respell(spellings.SCHEME, sorted(spellings.SPELLED), spell)
    if respelled:
        notice(f"  {respelled:,} re-keyed in {time.monotonic() - started:.1f} s")


def ingest_files(
    files: Iterable[Path],
    store: GraphStore,
    again: bool = False,
    chunk: int = CHUNK,
    jobs: int = 1,
    notice: Callable[[str], None] | None = None,
) -> Iterator[FileReport]:
    """Ingest files one by one, yielding a report for each (for progress and the summary); articles
    are extracted in `jobs` processes and written by this one. `notice` hears of work done once before
    the first file (re-keying an older store)."""
    with Ingestor(store, again=again, chunk=chunk, jobs=jobs, notice=notice) as ingestor:
        for path in files:
            yield ingestor.ingest_file(path)


def ingest_file(path: Path, store: GraphStore) -> FileReport:
    return Ingestor(store).ingest_file(path)


def _documents(path: Path) -> tuple[list[Document], dict[str, Extraction]]:
    """A file's documents; for an extractions file (`mdkg.ingest.extractions`), also their extractions by
    article id, made on a cluster, so that only deduplication, resolution and writing are left."""
    if not is_extractions_file(path):
        return [normalise(raw) for raw in read_path(path)], {}
    _, extractions = read_extractions(path)
    return [e.document for e in extractions], {e.document.article.id: e for e in extractions}
