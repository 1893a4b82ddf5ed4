"""The corrections log as a file: exported from one store and applied to another (embedded → Neo4j and
back) with the same result, because applying it again replays every entry and every undo in the order
they happened (`corrections.replay`). One JSON object a line, an entry as `Correction` has it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from mdkg.graph.corrections import Correction, replay
from mdkg.graph.errors import InvalidRequest, MdkgError
from mdkg.graph.store import GraphStore

Progress = Callable[[Correction, bool], None]


class ImportReport(BaseModel):
    applied: int = Field(0, description="entries applied")
    undone: int = Field(0, description="undos applied")
    present: int = Field(0, description="entries (or undos) the store had already: a rerun adds nothing")
    failed: list[tuple[str, str]] = Field(default_factory=list, description="(entry id, why) not applied")

    def summary(self) -> str:
        parts = [f"{self.applied} applied", f"{self.undone} undone", f"{self.present} already there"]
        return ", ".join(parts) + (f", {len(self.failed)} failed" if self.failed else "")


def write_log(entries: Iterable[Correction], path: Path) -> int:
    """Write the entries to `path` (JSON lines), written whole or not at all; how many."""
    rows = [c.model_dump_json(exclude_none=True) for c in entries]
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    part.write_text("".join(f"{r}\n" for r in rows), encoding="utf-8")
    part.replace(path)
    return len(rows)


def read_log(path: Path) -> list[Correction]:
    """The entries of a log file; a line that is not one is an error naming the file and line."""
    entries = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                entries.append(Correction.model_validate(json.loads(line)))
            except (json.JSONDecodeError, ValidationError, MdkgError) as error:
                reason = error.message if isinstance(error, MdkgError) else str(error).splitlines()[0]
                raise InvalidRequest(
                    f"{path}:{number}: not a correction ({reason}); nothing applied"
                ) from error
    return entries


def apply_log(
    store: GraphStore, entries: Iterable[Correction], progress: Progress | None = None
) -> ImportReport:
    """Apply the entries and undos the store lacks, in the order they happened. One that cannot be
    applied (its target is not in this store) is reported and skipped, and so is its undo."""
    report = ImportReport()
    have = {c.id: c for c in store.corrections()}
    failed: set[str] = set()
    for entry, is_undo in replay(entries):
        if entry.id in failed:
            continue
        stored = have.get(entry.id)
        try:
            if not is_undo and stored is None:
                have[entry.id] = store.correct(entry.model_copy(update={"undone": None}))
                report.applied += 1
            elif is_undo and stored is not None and stored.active and entry.undone is not None:
                u = entry.undone
                have[entry.id] = store.undo_correction(entry.id, u.who, u.why, u.at)
                report.undone += 1
            else:
                report.present += 1
        except MdkgError as error:
            failed.add(entry.id)
            report.failed.append((entry.id, error.message))
        if progress is not None:
            progress(entry, is_undo)
    return report
