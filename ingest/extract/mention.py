"""A mention: one place in a text that names an entity."""

from __future__ import annotations

from dataclasses import dataclass, field

from mdkg.graph.ontology import Label
from mdkg.ingest.extract.resources import KnownName


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    label: Label
    surface: str
    rank: int = 1  # 0: titles and quoted names, which win over anything inside
    known: KnownName | None = None
    aliases: list[str] = field(default_factory=list)
    parent: str = ""  # a structural zone's region
    entity: int = -1  # index of its entity once grouped
    anaphor: bool = False
