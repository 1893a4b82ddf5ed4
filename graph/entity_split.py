"""Splitting a merged entity out again (graph/entity_merge.py merges it): planned here once, applied
by each store (graph/embedded_merge.py, graph/neo4j_merge.py) in one transaction.

A split gives back what the merge took. The other entity comes back as recorded: its names,
properties, sources, spelling keys, relationships with every evidence item, mentions. On the kept
side, whatever no write touched since the merge goes back exactly to what it was before it. What a
later write touched keeps that write: the kept entity loses only the aliases, sources and property
values the merge brought; a relationship loses only the evidence the merge brought, and evidence
written after the merge stays on the kept entity, also when it was written naming the other's id
(every write resolves merged ids to the kept one: `redirected`). Its confidence and dates are then
recomputed from the evidence left, as when a story is withdrawn (graph/embedded_retire.py). An entity
that was itself merged away must be split out before anything merged into it can be.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from pydantic import BaseModel, Field

from mdkg.graph import merge
from mdkg.graph.entity_merge import ChangedRelationship, Dates, MergeRecord, repointed
from mdkg.graph.errors import InvalidRequest
from mdkg.graph.ontology import Entity, Evidence, Mention, PropertyValue, Relationship


class SplitPlan(BaseModel):
    """What a split writes: the other entity back, and the kept one as the merge found it."""

    keep: Entity
    other: Entity
    keep_spellings_removed: list[str]
    deleted: list[str] = Field(description="relationships of the kept entity to delete")
    replaced: list[Relationship] = Field(description="relationships of the kept entity to write anew")
    restored: list[Relationship] = Field(description="the other's relationships")
    mentions: list[Mention] = Field(description="mentions to write: the other's, and the kept one's changed")
    unmentioned: list[str] = Field(description="articles whose mention of the kept entity goes")


def split_ends(record: MergeRecord) -> list[str]:
    """The other ends of what the merge moved or changed: a split re-points them through the merges
    made since (`rekeyed`)."""
    rels = [r for m in record.relationships for r in [m.before]]
    rels += [r for c in record.changed for r in (c.before, c.after) if r is not None]
    return sorted({i for r in rels for i in (r.source, r.target)} - {record.keep_id, record.other.id})


def rekeyed(rel: Relationship, kept: Mapping[str, str]) -> Relationship:
    """`rel` with its ends as they answer now (an end merged away since: the entity it went into)."""
    source, target = kept.get(rel.source, rel.source), kept.get(rel.target, rel.target)
    return rel if (source, target) == (rel.source, rel.target) else repointed(rel, source, target)


def plan_split(
    record: MergeRecord,
    keep_now: Entity,
    rels_now: Mapping[str, Relationship],
    mentions_now: Mapping[str, int],
    dates: Dates,
    kept: Mapping[str, str] | None = None,
) -> SplitPlan:
    """What to write to split `record.other` out of the kept entity, as it is now (`keep_now`, its
    relationships of `record.changed` as `rels_now`, by their `rekeyed` ids, its mentions of the
    record's articles). `kept` are the redirects of `split_ends`: an entity merged away since the merge
    is written as the one it went into. A story withdrawn since (graph/embedded_retire.py) is left out:
    its mentions and evidence do not come back."""
    kept = kept or {}
    deleted: list[str] = []
    replaced: list[Relationship] = []
    for change in record.changed:
        after = rekeyed(change.after, kept)
        now = rels_now.get(after.id)
        if now is None:
            continue  # withdrawn since with the story that stated it
        before = rekeyed(change.before, kept) if change.before else None
        back = _relationship_back(ChangedRelationship(before=before, after=after), now, dates)
        deleted.append(after.id)
        if back is not None:
            replaced.append(back)
    cited = {e.article_id for m in record.relationships for e in m.before.evidence}
    live = set(dates([*(m.article_id for m in record.mentions), *cited]))
    mentions = [
        Mention(article_id=m.article_id, entity_id=record.other.id, count=m.count)
        for m in record.mentions
        if m.article_id in live
    ]
    unmentioned: list[str] = []
    for m in record.mentions:
        count = mentions_now.get(m.article_id)
        if count is not None and count == m.keep_after:
            count = m.keep_before
        if m.article_id not in live:
            continue
        if count is None:
            unmentioned.append(m.article_id)
        else:
            mentions.append(Mention(article_id=m.article_id, entity_id=record.keep_id, count=count))
    restored = [r for m in record.relationships if (r := _still_stated(rekeyed(m.before, kept), live))]
    other = record.other.model_copy(update={"sources": [a for a in record.other.sources if a in live]})
    return SplitPlan(
        keep=_entity_back(record, keep_now, dates),
        other=other,
        keep_spellings_removed=record.spellings_added,
        deleted=deleted,
        replaced=replaced,
        restored=merge.combine_relationships(restored),
        mentions=mentions,
        unmentioned=unmentioned,
    )


def plan_ends(plan: SplitPlan) -> list[str]:
    """The entities the split's relationships end at, other than the two it separates."""
    rels = [*plan.replaced, *plan.restored]
    return sorted({i for r in rels for i in (r.source, r.target)} - {plan.keep.id, plan.other.id})


def check_ends(plan: SplitPlan, present: Iterable[str]) -> None:
    """A split cannot give back a relationship to an entity that is gone since (a later split, relabel
    or undo took it away): undoing those first, latest first, always works."""
    missing = sorted(set(plan_ends(plan)) - set(present))
    if missing:
        raise InvalidRequest(
            f"splitting {plan.other.id!r} out would give back relationships with "
            f"{', '.join(map(repr, missing))}, which later corrections took away: undo those first "
            "(latest first)"
        )


def _still_stated(rel: Relationship, live: set[str]) -> Relationship | None:
    """`rel` without the evidence of withdrawn stories; None when none is left of what it had."""
    return with_evidence(rel, lambda e: e.article_id in live)


def with_evidence(rel: Relationship, keep: Callable[[Evidence], bool]) -> Relationship | None:
    """`rel` with only the evidence `keep` keeps, its confidence and sources worked out again from it
    (its dates stay); None when none is left of what it had."""
    if all(keep(e) for e in rel.evidence):
        return rel
    evidence = [e for e in rel.evidence if keep(e)]
    if not evidence:
        return None
    return rel.model_copy(
        update={
            "evidence": evidence,
            "confidence": max(e.confidence for e in evidence),
            "sources": sorted({e.article_id for e in evidence}),
        }
    )


def _same_relationship(a: Relationship, b: Relationship) -> bool:
    return _rel_state(a) == _rel_state(b)


def _rel_state(r: Relationship) -> tuple[object, ...]:
    return ({e.key for e in r.evidence}, r.confidence, r.first_seen, r.last_seen, r.properties)


def _relationship_back(change: ChangedRelationship, now: Relationship, dates: Dates) -> Relationship | None:
    """The kept entity's relationship without what the merge brought to it (None: nothing left)."""
    if _same_relationship(now, change.after):
        return change.before
    before_keys = {e.key for e in change.before.evidence} if change.before else set()
    brought = {e.key for e in change.after.evidence} - before_keys
    evidence = [e for e in now.evidence if e.key not in brought]
    if not evidence:
        return None
    articles = [e.article_id for e in evidence]
    return now.model_copy(
        update={
            "properties": _undone(change.before.properties if change.before else {},
                                  change.after.properties, now.properties),
            "evidence": evidence,
            "confidence": max(e.confidence for e in evidence),
            "sources": sorted(set(articles)),
            **_dates_back((change.before, change.after, now), articles, dates),
        }
    )  # fmt: skip


def _entity_state(e: Entity) -> tuple[object, ...]:
    return (e.name, set(e.aliases), e.properties, e.first_seen, e.last_seen, set(e.sources))


def _entity_back(record: MergeRecord, now: Entity, dates: Dates) -> Entity:
    """The kept entity without what the merge brought to it."""
    before, after = record.keep_before, record.keep_after
    if _entity_state(now) == _entity_state(after):
        return before
    brought_aliases = set(after.aliases) - set(before.aliases)
    brought_sources = set(after.sources) - set(before.sources)
    sources = [s for s in now.sources if s not in brought_sources]
    return now.model_copy(
        update={
            "aliases": [a for a in now.aliases if a not in brought_aliases],
            "properties": _undone(before.properties, after.properties, now.properties),
            "sources": sources,
            **_dates_back((before, after, now), sources, dates),
        }
    )


def _dates_back(
    states: tuple[Entity | Relationship | None, Entity | Relationship, Entity | Relationship],
    articles: list[str],
    dates: Dates,
) -> dict[str, PropertyValue]:
    """First and last seen from (before, after, now): those of the articles left; with none of them
    dated, the merge's change undone."""
    seen = sorted(d[:10] for d in dates(articles).values() if d)
    if seen:
        return {"first_seen": seen[0], "last_seen": seen[-1]}
    before, after, now = ({"first_seen": s.first_seen, "last_seen": s.last_seen} if s else {} for s in states)
    undone = _undone(before, after, now)
    return {f: undone.get(f) for f in ("first_seen", "last_seen")}


def _undone(
    before: Mapping[str, PropertyValue], after: Mapping[str, PropertyValue], now: Mapping[str, PropertyValue]
) -> dict[str, PropertyValue]:
    """`now` with each value the merge set put back, unless a later write changed it again."""
    out = dict(now)
    for key in set(before) | set(after):
        if before.get(key) != after.get(key) and now.get(key) == after.get(key):
            if key in before:
                out[key] = before[key]
            else:
                out.pop(key, None)
    return out
