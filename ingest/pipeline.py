"""The ingest pipeline, wired in one place: read → normalise → dedupe → extract → resolve → load.

Each file is one unit: it is read whole, deduplicated against the stories already
stored and earlier files of the run, extracted, resolved and written in one
transaction, or (on bad input) reported with its name and reason and skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel

from graph.errors import MdkgError, StoreUnavailable
from graph.ontology import Article, Reprint
from graph.store import GraphStore
from ingest.dedupe import Deduplicator, FingerprintIndex
from ingest.extract import extract
from ingest.load import load
from ingest.normalise import normalise
from ingest.read import iter_files as find_files
from ingest.read import read_path
from ingest.resolve import Resolver, pinyin_search
from ingest.types import Document, Extraction

__all__ = ["FileReport", "Ingestor", "extract_file", "find_files", "ingest_file", "ingest_files"]


class FileReport(BaseModel):
    """What one file gave, or why it was skipped."""

    path: Path
    articles: int = 0
    reprints: int = 0
    entities: int = 0
    relationships: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def extract_file(path: Path) -> list[Extraction]:
    """Read, normalise and extract one file, every article on its own (no deduplication)."""
    return [extract(normalise(raw)) for raw in read_path(path)]


class Ingestor:
    """Ingests files into one store, recognising reprints across files and runs."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._index = FingerprintIndex(store.article_fingerprints())
        self._dedupe = Deduplicator(self._index.lookup)

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

    def _ingest(self, path: Path) -> FileReport:
        documents = [normalise(raw) for raw in read_path(path)]
        result = self._dedupe.run(documents)
        resolver = Resolver(self.store.find_by_keys, pinyin_search(self.store))
        batch = resolver.resolve([_extract(path, doc) for doc in result.stories])
        batch.articles.extend(self._with_reprints(result.reprints_of_known))
        loaded = load(batch, self.store)
        for story in result.stories:
            self._index.add(story.article.id, story.article.fingerprint)
        reprints = sum(not v.is_new for v in result.verdicts)
        return FileReport(path=path, reprints=reprints, **loaded.model_dump())

    def _with_reprints(self, reprints: dict[str, list[Reprint]]) -> list[Article]:
        if not reprints:  # the usual case: no store round trip
            return []
        stored = self.store.get_articles(reprints)
        return [a.model_copy(update={"reprints": [*a.reprints, *reprints[i]]}) for i, a in stored.items()]


class ExtractionFailed(MdkgError):
    """The extractor failed on an article: a fault of ours, reported with the article so that the
    other files still go in."""

    code = "extraction_failed"


def _extract(path: Path, doc: Document) -> Extraction:
    try:
        return extract(doc)
    except RecursionError:
        raise
    except Exception as error:  # noqa: BLE001 - one article the extractor cannot read must not end the run
        raise ExtractionFailed(
            f"{path}: the extractor failed on the article {doc.article.title!r} "
            f"({type(error).__name__}: {error}); the file is skipped, please report it"
        ) from error


def ingest_files(files: Iterable[Path], store: GraphStore) -> Iterator[FileReport]:
    """Ingest files one by one, yielding a report for each (for progress and the summary)."""
    ingestor = Ingestor(store)
    for path in files:
        yield ingestor.ingest_file(path)


def ingest_file(path: Path, store: GraphStore) -> FileReport:
    return Ingestor(store).ingest_file(path)
