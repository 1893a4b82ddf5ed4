"""Merging one entity into another and splitting it out again: planned here once, applied by each
store (graph/embedded_merge.py, graph/neo4j_merge.py) in one transaction.

A merge moves everything of `other` to `keep`, and the store keeps a `MergeRecord` of what moved:
- The kept entity keeps its id, label and name; the other's name and aliases become its aliases,
  its properties fill in what the kept one lacks (list properties unite), sources unite, first and
  last seen widen. Both must have the same label (relabelling is another correction).
- The other's relationships are re-pointed at `keep`. One that then has the same type and ends as a
  relationship `keep` already has (or as another moved one) merges into it as a repeated write does
  (`merge.merge_relationships`): evidence united by article and span, the highest confidence, the
  widest dates.
- A relationship between the two (other → keep or keep → other) would become a self-loop. It is set
  aside while they are one: the merge says they are the same thing, so "it partners with itself"
  is the extraction's error. It stays in the record and a split restores it. A self-loop the other
  already had moves as a self-loop of `keep`.
- An article that mentions both mentions the kept entity as often as it named either: counts add.
- The other's id keeps answering: reads by it (`get_entity`, `neighbours`, `shortest_path`) resolve
  to the kept entity, following chains (A merged into B, B into C: A answers with C).

A split gives it back: graph/entity_split.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping

from pydantic import BaseModel, Field

from mdkg.graph import merge
from mdkg.graph.errors import InvalidRequest, NotFound, no_entity
from mdkg.graph.ontology import (
    NODE_PROPERTIES,
    Entity,
    GraphBatch,
    Label,
    Mention,
    PropertyValue,
    Relationship,
    entity_id,
    label_of,
    list_properties,
    name_key,
)

MAX_CHAIN = 64  # redirects followed at most (A into B into C …): more would mean a loop
Dates = Callable[[Iterable[str]], Mapping[str, str | None]]  # article id → its date, for those that exist


class MovedRelationship(BaseModel):
    before: Relationship = Field(description="the other's relationship as it was")
    into: str | None = Field(description="the kept entity's relationship it went into; None: set aside")


class ChangedRelationship(BaseModel):
    """A relationship of the kept entity that the merge made or added evidence to."""

    before: Relationship | None = Field(description="as it was before the merge; None: the merge made it")
    after: Relationship = Field(description="as the merge left it")


class MovedMention(BaseModel):
    article_id: str
    count: int = Field(description="how often the article named the other entity")
    keep_before: int | None = Field(description="how often it named the kept one before; None: never")
    keep_after: int


class MergeRecord(BaseModel):
    """What one merge moved, kept by the store under the other's id until it is split out again."""

    keep_id: str
    other: Entity = Field(description="the merged entity as it was, with its sources")
    other_spellings: list[str] = Field(default_factory=list)
    keep_before: Entity
    keep_after: Entity
    spellings_added: list[str] = Field(default_factory=list, description="spelling keys the kept one gained")
    relationships: list[MovedRelationship] = Field(default_factory=list)
    changed: list[ChangedRelationship] = Field(default_factory=list)
    mentions: list[MovedMention] = Field(default_factory=list)
    names: list[str] = Field(
        default_factory=list,
        description="ids the other's names would have as entities of their own (`name_ids`), which answer "
        "with the kept entity too while the merge stands",
    )
    version: int = Field(0, description="the store version the merge made")


class NameOf(BaseModel):
    """The record under a name id (`MergeRecord.names`): the merged entity whose name it is."""

    name_of: str


def name_ids(other: Entity, keep: Entity) -> list[str]:
    """The ids the other's names would get as entities of their own (`ontology.entity_id`). A merge
    says those names are the kept entity: an article naming one of them resolves it (`ingest.resolve`)
    to that id when the kept entity's identity keeps it from matching (another legal name), and the
    redirect of that id then leads to the kept entity. The store registers those no entity holds."""
    ids = {entity_id(other.label, n) for n in [other.name, *other.aliases] if name_key(n)}
    return sorted(ids - {other.id, keep.id})


def record_of(text: str) -> MergeRecord | NameOf:
    """What the store keeps under a merged id: a merge's record, or the mark of one of its names."""
    data = json.loads(text)
    return NameOf.model_validate(data) if "name_of" in data else MergeRecord.model_validate(data)


def check_pair(
    keep: Entity | None, other: Entity | None, keep_id: str, other_id: str, relabel: bool = False
) -> tuple[Entity, Entity]:
    """The two entities of a merge, or the project's error saying why they cannot be merged; with
    `relabel`, the other may have another label (a relabelling: graph/corrections.py)."""
    if keep is None:
        raise no_entity(keep_id)
    if other is None:
        raise no_entity(other_id)
    if keep.id == other.id:
        raise InvalidRequest(f"{other_id!r} and {keep_id!r} are already one entity ({keep.id!r})")
    if keep.label is not other.label and not relabel:
        raise InvalidRequest(
            f"cannot merge the {other.label.value} {other.id!r} into the {keep.label.value} {keep.id!r}: "
            "relabel one of them first"
        )
    return keep, other


def resolve(entity_id: str, step: Callable[[str], str | None]) -> str:
    """Follow redirects from `entity_id` (`step` gives where one id was merged into, or None)."""
    current = entity_id
    for _ in range(MAX_CHAIN):
        nxt = step(current)
        if nxt is None:
            return current
        current = nxt
    raise InvalidRequest(f"the redirects from {entity_id!r} do not end: the store's merge records loop")


def resolve_all(entity_ids: Iterable[str], step: Callable[[set[str]], Mapping[str, str]]) -> dict[str, str]:
    """`resolve` for many ids at once, one `step` a link of the longest chain (not one an id): `step`
    gives, for the ids asked, where those merged were merged into. Only merged ids are in the answer."""
    found = dict(step(set(entity_ids)))
    for _ in range(MAX_CHAIN):
        further = step(set(found.values())) if found else {}
        if not further:
            return found
        found = {i: further.get(k, k) for i, k in found.items()}
    raise InvalidRequest("the store's merge records loop: redirects do not end")


def rewritten(other_id: str, keep_id: str) -> InvalidRequest:
    """A split refused: a write made the merged id an entity again (one that did not resolve it)."""
    return InvalidRequest(
        f"an entity was written as {other_id!r} after it was merged into {keep_id!r}, so the split cannot "
        "give it back; writers must resolve merged ids through `redirects` first"
    )


def no_merge(other_id: str) -> NotFound:
    return NotFound(f"{other_id!r} was not merged into another entity; there is nothing to split")


def a_name(name_id: str, mark: NameOf) -> InvalidRequest:
    return InvalidRequest(
        f"{name_id!r} is a name of {mark.name_of!r}, which was merged: split {mark.name_of!r}"
    )


def moved(rel: Relationship, other_id: str, keep_id: str) -> Relationship | None:
    """The other's relationship re-pointed at the kept entity; None for one between the two."""
    source, target = (keep_id if end == other_id else end for end in (rel.source, rel.target))
    if source == target == keep_id and not rel.source == rel.target == other_id:
        return None
    return repointed(rel, source, target)


def batch_ids(batch: GraphBatch) -> set[str]:
    """Every entity id a batch names: the ids a writer resolves through the redirects."""
    ends = {i for r in batch.relationships for i in (r.source, r.target)}
    return (
        {e.id for e in batch.entities} | ends | {m.entity_id for m in batch.mentions} | set(batch.spellings)
    )


def redirected(batch: GraphBatch, kept: Mapping[str, str]) -> GraphBatch:
    """`batch` with every merged id (`kept`: merged id -> the entity it answers with) replaced by the
    kept one, so that what a later article says of a merged entity goes to the entity it was merged
    into and a re-ingest never undoes a merge. A relationship between two ids that are now one is
    left out, as the merge set it aside; an article's mentions of both add up."""
    if not kept:
        return batch

    def to(i: str) -> str:
        return kept.get(i, i)

    entities = [_as(e, to(e.id)) if e.id in kept else e for e in batch.entities]
    relationships = []
    for rel in batch.relationships:
        source, target = to(rel.source), to(rel.target)
        if (source, target) == (rel.source, rel.target):
            relationships.append(rel)
        elif source != target or rel.source == rel.target:
            relationships.append(repointed(rel, source, target))
    counts: dict[tuple[str, str], int] = {}
    for m in batch.mentions:
        counts[(m.article_id, to(m.entity_id))] = counts.get((m.article_id, to(m.entity_id)), 0) + m.count
    spellings: dict[str, list[str]] = {}
    for eid, keys in batch.spellings.items():
        spellings[to(eid)] = list(dict.fromkeys([*spellings.get(to(eid), []), *keys]))
    mentions = [Mention(article_id=a, entity_id=e, count=n) for (a, e), n in counts.items()]
    update = {
        "entities": entities,
        "relationships": relationships,
        "mentions": mentions,
        "spellings": spellings,
    }
    return batch.model_copy(update=update)


def _as(e: Entity, kept_id: str) -> Entity:
    """`e` written as the entity it was merged into (of that one's label if it was relabelled). Its
    names, dates and sources add to the kept entity's, and its list properties unite with them; its
    scalar properties do not replace the kept entity's (as at the merge, the kept entity's stand: a later
    article giving the merged firm's own legal name does not rename the firm it was merged into)."""
    label = label_of(kept_id)
    lists = {k: v for k, v in e.properties.items() if k in list_properties(label)}
    return as_label(e.model_copy(update={"properties": lists}), label, kept_id)


def as_label(e: Entity, label: Label, entity_id: str) -> Entity:
    """`e` as an entity of `label` under `entity_id`, without the properties that label has not."""
    properties = own_properties(label, e.properties)
    return Entity.model_validate(
        {**e.model_dump(), "id": entity_id, "label": label, "properties": properties}
    )


def own_properties(label: Label, properties: Mapping[str, PropertyValue]) -> dict[str, PropertyValue]:
    """The properties an entity of `label` can have, of these."""
    fields = NODE_PROPERTIES[label].model_fields
    return {k: v for k, v in properties.items() if k in fields}


def repointed(rel: Relationship, source: str, target: str) -> Relationship:
    return Relationship(
        type=rel.type, source=source, target=target, properties=rel.properties, evidence=rel.evidence,
        confidence=rel.confidence, first_seen=rel.first_seen, last_seen=rel.last_seen, sources=rel.sources,
    )  # fmt: skip


def moved_ids(rels: Iterable[Relationship], other_id: str, keep_id: str) -> list[str]:
    """The ids the other's relationships take on the kept entity: which of its own to read first."""
    return sorted({m.id for r in rels if (m := moved(r, other_id, keep_id)) is not None})


def merged_entity(keep: Entity, other: Entity) -> Entity:
    aliases = [a for a in dict.fromkeys([*keep.aliases, other.name, *other.aliases]) if a != keep.name]
    own = own_properties(keep.label, other.properties)  # a relabelled entity's that fit its new label
    properties = merge.merged_properties(keep.label, keep.properties, own)  # lists: keep's first
    properties.update({k: v for k, v in keep.properties.items() if k not in list_properties(keep.label)})
    return keep.model_copy(
        update={
            "aliases": aliases,
            "properties": properties,
            "first_seen": min((d for d in (keep.first_seen, other.first_seen) if d), default=None),
            "last_seen": max((d for d in (keep.last_seen, other.last_seen) if d), default=None),
            "sources": sorted({*keep.sources, *other.sources}),
        }
    )


def plan_merge(
    keep: Entity,
    other: Entity,
    rels: list[Relationship],
    existing: Mapping[str, Relationship],
    mentions: Mapping[str, int],
    keep_mentions: Mapping[str, int],
    spellings: tuple[list[str], list[str]],
) -> MergeRecord:
    """The record of merging `other` into `keep`: `rels` are the other's relationships, `existing`
    the kept one's relationships of `moved_ids`, `mentions` and `keep_mentions` article → count,
    `spellings` the spelling keys of (keep, other)."""
    moves: list[MovedRelationship] = []
    groups: dict[str, list[Relationship]] = {}
    for rel in sorted(rels, key=lambda r: r.id):
        new = moved(rel, other.id, keep.id)
        moves.append(MovedRelationship(before=rel, into=new.id if new else None))
        if new is not None:
            groups.setdefault(new.id, []).append(new)
    changed = [
        ChangedRelationship(
            before=existing.get(rid),
            after=merge.merge_relationships([*([existing[rid]] if rid in existing else []), *group]),
        )
        for rid, group in sorted(groups.items())
    ]
    keep_spellings, other_spellings = spellings
    return MergeRecord(
        keep_id=keep.id,
        other=other,
        other_spellings=sorted(other_spellings),
        keep_before=keep,
        keep_after=merged_entity(keep, other),
        spellings_added=sorted(set(other_spellings) - set(keep_spellings)),
        relationships=moves,
        changed=changed,
        mentions=[
            MovedMention(
                article_id=a,
                count=n,
                keep_before=keep_mentions.get(a),
                keep_after=n + keep_mentions.get(a, 0),
            )
            for a, n in sorted(mentions.items())
        ],
    )
