"""Resolution: turn each article's extracted entities into graph entities with stable ids.

An extracted entity becomes an entity already known (earlier in this file, or in the
store) when one of its names or aliases has the same name key, the label agrees and
their identities do not conflict: two firms with different legal names, or two regions
with different codes, stay apart even when they share a short name. Regions with a
code get the id `region:<code>`. When several known entities fit equally, the
extracted one is not merged into any of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from graph.ontology import Entity, GraphBatch, Label, Mention, Relationship, allowed, entity_id, name_key
from ingest.types import ExtractedEntity, Extraction

# (label, name keys) -> the stored entities of that label having any of those keys
Lookup = Callable[[Label, Iterable[str]], list[Entity]]


@dataclass(frozen=True)
class _Known:
    id: str
    name_key: str
    identity: str | None
    keys: frozenset[str]


def identity(label: Label, properties: Mapping[str, object]) -> str | None:
    """What tells two same-named entities apart: a firm's legal name, a region's code."""
    value = properties.get("legal_name") if label is Label.FIRM else properties.get("adcode")
    return name_key(str(value)) if value else None


def _keys(names: Iterable[str]) -> frozenset[str]:
    return frozenset(k for k in (name_key(n) for n in names) if k)


class Resolver:
    """Resolves the extractions of one file against each other and against the store."""

    def __init__(self, lookup: Lookup) -> None:
        self._lookup = lookup
        self._known: dict[tuple[Label, str], dict[str, _Known]] = {}

    def _remember(self, label: Label, known: _Known) -> None:
        for key in known.keys:
            self._known.setdefault((label, key), {})[known.id] = known

    def _prefetch(self, extractions: list[Extraction]) -> None:
        wanted: dict[Label, set[str]] = {}
        for extraction in extractions:
            for e in extraction.entities:
                wanted.setdefault(e.label, set()).update(_keys([e.name, *e.aliases]))
        for label, keys in wanted.items():
            for stored in self._lookup(label, keys):
                known = _Known(
                    stored.id,
                    name_key(stored.name),
                    identity(label, stored.properties),
                    _keys([stored.name, *stored.aliases]),
                )
                self._remember(label, known)

    def _id_for(self, e: ExtractedEntity) -> str:
        mine = _Known("", name_key(e.name), identity(e.label, e.properties), _keys([e.name, *e.aliases]))
        code = e.properties.get("adcode") if e.label is Label.REGION else None
        resolved = f"region:{code}" if code else self._match(e.label, mine) or entity_id(e.label, e.name)
        self._remember(e.label, _Known(resolved, mine.name_key, mine.identity, mine.keys))
        return resolved

    def _match(self, label: Label, mine: _Known) -> str | None:
        candidates: dict[str, _Known] = {}
        for key in mine.keys:
            candidates.update(self._known.get((label, key), {}))
        fitting = [
            c
            for c in candidates.values()
            if not (c.identity and mine.identity and c.identity != mine.identity)
        ]
        if len(fitting) <= 1:
            return fitting[0].id if fitting else None
        # several fit: one sharing the identity or the full name wins, otherwise none does
        best = [
            c
            for c in fitting
            if (mine.identity and c.identity == mine.identity) or c.name_key == mine.name_key
        ]
        ids = {c.id for c in best}
        return ids.pop() if len(ids) == 1 else None

    def resolve(self, extractions: list[Extraction]) -> GraphBatch:
        self._prefetch(extractions)
        batch = GraphBatch()
        for extraction in extractions:
            self._resolve_one(extraction, batch)
        return batch

    def _resolve_one(self, extraction: Extraction, batch: GraphBatch) -> None:
        article = extraction.document.article
        date = article.date
        ids: dict[tuple[Label, str], str] = {}
        counts: dict[str, int] = {}
        batch.articles.append(article)
        for e in extraction.entities:
            ids[e.key] = self._id_for(e)
            counts[ids[e.key]] = counts.get(ids[e.key], 0) + e.count
            batch.entities.append(
                Entity(
                    id=ids[e.key], label=e.label, name=e.name, aliases=e.aliases, properties=e.properties,
                    first_seen=date, last_seen=date, sources=[article.id],
                )
            )  # fmt: skip
        batch.mentions.extend(Mention(article_id=article.id, entity_id=i, count=c) for i, c in counts.items())
        for r in extraction.relations:
            if r.head not in ids or r.tail not in ids or not allowed(r.type, r.head[0], r.tail[0]):
                continue
            if ids[r.head] == ids[r.tail]:
                continue
            batch.relationships.append(
                Relationship(
                    type=r.type, source=ids[r.head], target=ids[r.tail], properties=r.properties,
                    evidence=[r.evidence], first_seen=date, last_seen=date,
                )
            )  # fmt: skip
