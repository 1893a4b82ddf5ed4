"""The ingest pipeline, wired in one place: read → normalise → extract → resolve → load.

Each file is one unit: it is read whole, extracted, resolved and written in one
transaction, or (on bad input) reported with its name and reason and skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel

from graph.errors import MdkgError
from graph.store import GraphStore
from ingest.extract import extract
from ingest.load import load
from ingest.normalise import normalise
from ingest.read import iter_files, read_path
from ingest.resolve import Resolver
from ingest.types import Extraction


class FileReport(BaseModel):
    """What one file gave, or why it was skipped."""

    path: Path
    articles: int = 0
    entities: int = 0
    relationships: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def extract_file(path: Path) -> list[Extraction]:
    """Read, normalise and extract one file (raises `MdkgError` on bad input)."""
    return [extract(normalise(raw)) for raw in read_path(path)]


def ingest_file(path: Path, store: GraphStore) -> FileReport:
    try:
        extractions = extract_file(path)
        batch = Resolver(store.find_by_keys).resolve(extractions)
        result = load(batch, store)
    except MdkgError as error:
        return FileReport(path=path, error=error.message)
    except (OSError, UnicodeError, ValueError) as error:
        return FileReport(path=path, error=f"{path}: {type(error).__name__}: {error}")
    return FileReport(path=path, **result.model_dump())


def ingest_files(files: Iterable[Path], store: GraphStore) -> Iterator[FileReport]:
    """Ingest files one by one, yielding a report for each (for progress and the summary)."""
    for path in files:
        yield ingest_file(path, store)


def find_files(paths: Iterable[Path]) -> list[Path]:
    return iter_files(paths)
