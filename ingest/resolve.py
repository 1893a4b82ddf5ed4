"""Resolution: turn each article's extracted entities into graph entities with stable ids.

An extracted entity becomes an entity already known (in this file or in the store)
when one of its names or aliases has the same name key and the label agrees;
otherwise it gets a new id from its label and name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from graph.ontology import Entity, GraphBatch, Label, Mention, Relationship, allowed, entity_id, name_key
from ingest.types import ExtractedEntity, Extraction

# (label, name keys) -> {key: entity id} of entities the store already has
Lookup = Callable[[Label, Iterable[str]], dict[str, str]]


def _keys(entity: ExtractedEntity) -> list[str]:
    return [k for k in dict.fromkeys(name_key(n) for n in [entity.name, *entity.aliases]) if k]


class Resolver:
    """Resolves the extractions of one file against each other and against the store."""

    def __init__(self, lookup: Lookup) -> None:
        self._lookup = lookup
        self._known: dict[tuple[Label, str], str] = {}

    def _prefetch(self, extractions: list[Extraction]) -> None:
        wanted: dict[Label, set[str]] = {}
        for extraction in extractions:
            for e in extraction.entities:
                wanted.setdefault(e.label, set()).update(_keys(e))
        for label, keys in wanted.items():
            for key, found in self._lookup(label, keys).items():
                self._known.setdefault((label, key), found)

    def _id_for(self, entity: ExtractedEntity) -> str:
        keys = _keys(entity)
        found = next((self._known[(entity.label, k)] for k in keys if (entity.label, k) in self._known), None)
        resolved = found or entity_id(entity.label, entity.name)
        for key in keys:
            self._known.setdefault((entity.label, key), resolved)
        return resolved

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
        batch.articles.append(article)
        for e in extraction.entities:
            ids[e.key] = self._id_for(e)
            batch.entities.append(
                Entity(
                    id=ids[e.key],
                    label=e.label,
                    name=e.name,
                    aliases=e.aliases,
                    properties=e.properties,
                    first_seen=date,
                    last_seen=date,
                    sources=[article.id],
                )
            )
        counts: dict[str, int] = {}
        for e in extraction.entities:
            counts[ids[e.key]] = counts.get(ids[e.key], 0) + e.count
        batch.mentions.extend(Mention(article_id=article.id, entity_id=i, count=c) for i, c in counts.items())
        for r in extraction.relations:
            if r.head not in ids or r.tail not in ids or not allowed(r.type, r.head[0], r.tail[0]):
                continue
            if ids[r.head] == ids[r.tail]:
                continue
            batch.relationships.append(
                Relationship(
                    type=r.type,
                    source=ids[r.head],
                    target=ids[r.tail],
                    properties=r.properties,
                    evidence=[r.evidence],
                    first_seen=date,
                    last_seen=date,
                )
            )
