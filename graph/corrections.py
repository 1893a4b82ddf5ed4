"""Corrections: what a researcher says the extractor got wrong, kept as data and applied again on every
write, so that neither re-ingesting nor new articles repeating an error bring back what was corrected.

Seven kinds, each a log entry (what, who, when, why) the store keeps beside the graph:
- `reject` a relationship: it is deleted, and every later write leaves out a relationship of that id
  (the same type between the same two entities), from whichever article it comes.
- `confirm` a relationship: a researcher vouches for it; the graph is unchanged, reads mark it.
- `merge` an entity into another (graph/entity_merge.py has the rules): every later write naming the
  merged id writes to the kept one (`entity_merge.redirected`).
- `split` a merged entity out again; while the split stands, ingest does not merge the two again.
- `rename` an entity: it takes the new name, the old one stays an alias, and later writes keep the new.
- `relabel` an entity: it becomes an entity of another label (`firm:x` → `institution:x`), merged into
  one of that id if there is one; the old id answers with the new one, as after a merge.
- `add` a relationship the extractor missed, citing its source (an address, an outlet, the words
  that state it): the source is kept as an article, the words as the relationship's evidence.

Applying and undoing are planned here once and run by each store inside one write transaction
through the small `Editor` protocol (graph/embedded_corrections.py, graph/neo4j_corrections.py).
Undo is by id; the entry stays in the log, marked undone, so the log is the whole history.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

from pydantic import BaseModel, Field, model_validator

from mdkg.graph import entity_split, merge
from mdkg.graph.entity_merge import MergeRecord, as_label
from mdkg.graph.errors import InvalidRequest, NotFound, no_entity
from mdkg.graph.ontology import (
    RELATIONS,
    Article,
    Entity,
    Evidence,
    GraphBatch,
    Label,
    PropertyValue,
    Relationship,
    RelType,
    allowed,
    relationship_id,
)

CURATOR = "curator"  # the extractor name of a researcher's evidence: `curator:<who>`


class Kind(StrEnum):
    REJECT = "reject"
    CONFIRM = "confirm"
    MERGE = "merge"
    SPLIT = "split"
    RENAME = "rename"
    RELABEL = "relabel"
    ADD = "add"


ON_RELATIONSHIPS = (Kind.REJECT, Kind.CONFIRM, Kind.ADD)  # the others name an entity


class CitedSource(BaseModel):
    """Where an added relationship is stated: kept as an article, its words as the evidence."""

    quote: str = Field(min_length=1, description="the words that state the relationship")
    url: str | None = Field(None, description="the address of the page")
    title: str = Field("", description="the page's title (the quote's start when empty)")
    outlet: str = Field("", description="who published it")
    published_at: str | None = Field(None, description="when, as YYYY-MM-DD")

    @property
    def article_id(self) -> str:
        """A source's id, from its address (or its words when it has none): citing the same page
        twice cites one article."""
        seed = self.url or f"{self.outlet}\x1f{self.quote}"
        return "src-" + hashlib.sha256(seed.encode()).hexdigest()[:12]

    def article(self) -> Article:
        return Article(
            id=self.article_id, title=self.title or self.quote[:60], source=self.outlet,
            published_at=self.published_at, url=self.url, language="zh",
        )  # fmt: skip


class NewRelationship(BaseModel):
    """The relationship an `add` correction writes: its type, ends and properties."""

    type: RelType
    source: str = Field(description="the entity id it goes from")
    target: str = Field(description="the entity id it goes to")
    properties: dict[str, PropertyValue] = Field(default_factory=dict)


class Undo(BaseModel):
    who: str
    at: str
    why: str = ""
    seq: int = Field(0, description="the store version the undo made")


class Correction(BaseModel):
    """One log entry. `target` is a relationship id (reject, confirm; add fills it) or an entity id
    (merge: the entity merged away; split, rename, relabel: the entity corrected)."""

    id: str = Field("", description="c-…; given on applying when empty, kept on import")
    kind: Kind
    target: str = Field("", description="the relationship or entity corrected")
    into: str | None = Field(None, description="merge: the entity kept; split and relabel: filled in")
    name: str | None = Field(None, description="rename: the new name")
    label: Label | None = Field(None, description="relabel: the new label")
    relationship: NewRelationship | None = Field(None, description="add: what to add")
    source: CitedSource | None = Field(None, description="add: where it is stated")
    who: str = Field(min_length=1, description="who made the correction")
    why: str = Field("", description="the reason, in a sentence")
    at: str = Field("", description="when (UTC, ISO 8601); given on applying when empty")
    seq: int = Field(0, description="the store version applying it made")
    before: Relationship | None = Field(None, description="reject: the relationship as it was")
    names_before: list[str] | None = Field(None, description="rename: the name and aliases it had")
    created: bool | None = Field(None, description="relabel: whether the new id was made for it")
    undone: Undo | None = None

    @model_validator(mode="after")
    def _complete(self) -> Correction:
        need = {
            Kind.MERGE: ("into", self.into),
            Kind.RENAME: ("name", self.name and self.name.strip()),
            Kind.RELABEL: ("label", self.label),
            Kind.ADD: ("relationship and source", self.relationship and self.source),
        }
        if self.kind in need and not need[self.kind][1]:
            raise InvalidRequest(f"a {self.kind.value} correction needs {need[self.kind][0]}")
        if self.kind is Kind.ADD and self.relationship is not None:
            rel = self.relationship
            self.target = relationship_id(rel.type, rel.source, rel.target)
        elif not self.target:
            raise InvalidRequest(f"a {self.kind.value} correction needs a target id")
        return self

    @property
    def active(self) -> bool:
        return self.undone is None

    @property
    def refs(self) -> list[str]:
        """The ids it names: what it is looked up by."""
        return sorted({self.target, *([self.into] if self.into else [])})


class CorrectionQuery(BaseModel):
    """Which log entries to list; every field narrows, None lets all through."""

    kinds: list[Kind] | None = None
    ref: str | None = Field(None, description="entries naming this entity or relationship id")
    refs: list[str] | None = Field(None, description="entries naming any of these ids")
    who: str | None = None
    active: bool | None = Field(None, description="True: in force; False: undone")
    since: str | None = Field(None, description="made on or after (YYYY-MM-DD or a time)")
    until: str | None = Field(None, description="made on or before (YYYY-MM-DD or a time)")

    def keeps(self, c: Correction) -> bool:
        return (
            (self.kinds is None or c.kind in self.kinds)
            and (self.ref is None or self.ref in c.refs)
            and (self.refs is None or bool(set(self.refs) & set(c.refs)))
            and (self.who is None or c.who == self.who)
            and (self.active is None or c.active == self.active)
            and (self.since is None or c.at >= self.since)
            and (self.until is None or c.at[: len(self.until)] <= self.until)
        )

    def naming(self) -> list[str] | None:
        """The ids to look entries up by (None: read the whole log)."""
        if self.ref is None and self.refs is None:
            return None
        return sorted({*(self.refs or []), *([self.ref] if self.ref else [])})


class Editor(Protocol):
    """What applying a correction needs of a store, inside its write transaction."""

    version: int

    def entities(self, ids: Sequence[str]) -> dict[str, Entity]: ...

    def kept(self, entity_id: str) -> str:
        """The id `entity_id` answers with (itself, or where its merges lead)."""

    def merge_record(self, other_id: str) -> MergeRecord | None: ...

    def relationship(self, rel_id: str) -> Relationship | None: ...

    def put_relationship(self, rel: Relationship) -> None:
        """Write `rel` whole, replacing the stored one of its id."""

    def delete_relationship(self, rel: Relationship) -> None: ...

    def create_entity(self, entity: Entity) -> None: ...

    def replace_entity(self, entity: Entity) -> None:
        """Write the stored entity of this id as `entity` is (names, properties, dates, sources)."""

    def delete_if_bare(self, entity_id: str) -> None:
        """Delete the entity if no relationship and no mention is left on it."""

    def put_article(self, article: Article) -> None: ...

    def drop_if_unused(self, article_id: str) -> None:
        """Delete the article if no evidence, mention or source cites it."""

    def merge(self, keep_id: str, other_id: str, relabel: bool = False) -> MergeRecord: ...

    def split(self, other_id: str) -> Entity: ...

    def logged(self, correction_id: str) -> Correction | None: ...

    def log(self, correction: Correction) -> None:
        """Keep the entry (insert, or replace the one of its id)."""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def new_id() -> str:
    return f"c-{uuid.uuid4().hex[:12]}"


def apply(ed: Editor, c: Correction, active: Iterable[Correction]) -> Correction:
    """Apply `c` through `ed` and log it; `active` are the entries in force naming its refs. The entry
    as logged is returned, with its id, time, version and what undoing it needs."""
    if c.id and ed.logged(c.id) is not None:
        raise InvalidRequest(f"the correction {c.id!r} is in the log already")
    c = c.model_copy(update={"id": c.id or new_id(), "at": c.at or now(), "seq": ed.version, "undone": None})
    _apply[c.kind](ed, c, [a for a in active if a.active])
    ed.log(c)
    return c


def undo(ed: Editor, correction_id: str, who: str, why: str, at: str | None = None) -> Correction:
    """Undo the entry `correction_id` and mark it undone in the log."""
    c = ed.logged(correction_id)
    if c is None:
        raise NotFound(f"no correction {correction_id!r} in the log")
    if c.undone is not None:
        raise InvalidRequest(f"the correction {correction_id!r} was undone already ({c.undone.at})")
    _undo[c.kind](ed, c)
    c = c.model_copy(update={"undone": Undo(who=who, at=at or now(), why=why, seq=ed.version)})
    ed.log(c)
    return c


def _relationship(ed: Editor, rel_id: str) -> Relationship:
    rel = ed.relationship(rel_id)
    if rel is None:
        raise NotFound(f"no relationship {rel_id!r} in the store")
    return rel


def _entity(ed: Editor, entity_id: str) -> Entity:
    found = ed.entities([entity_id]).get(entity_id)
    if found is None:
        raise no_entity(entity_id)
    return found


def _once(c: Correction, active: list[Correction]) -> None:
    if any(a.kind is c.kind and a.target == c.target for a in active):
        raise InvalidRequest(f"{c.target!r} is already {c.kind.value}ed (see the correction log)")


def _reject(ed: Editor, c: Correction, active: list[Correction]) -> None:
    _once(c, active)
    rel = _relationship(ed, c.target)
    ed.delete_relationship(rel)
    c.before = rel


def _confirm(ed: Editor, c: Correction, active: list[Correction]) -> None:
    _once(c, active)
    _relationship(ed, c.target)


def _merge(ed: Editor, c: Correction, active: list[Correction]) -> None:
    assert c.into is not None
    record = ed.merge(c.into, c.target)
    c.into = record.keep_id


def _split(ed: Editor, c: Correction, active: list[Correction]) -> None:
    record = ed.merge_record(c.target)
    ed.split(c.target)
    c.into = record.keep_id if record else None


def _rename(ed: Editor, c: Correction, active: list[Correction]) -> None:
    assert c.name is not None
    c.target = ed.kept(c.target)
    e = _entity(ed, c.target)
    c.names_before = [e.name, *e.aliases]
    ed.replace_entity(renamed(e, c.name))


def renamed(e: Entity, name: str) -> Entity:
    """`e` named `name`, every name it had kept as an alias."""
    name = name.strip()
    return e.model_copy(
        update={"name": name, "aliases": [a for a in dict.fromkeys([e.name, *e.aliases]) if a != name]}
    )


def relabelled_id(entity_id: str, label: Label) -> str:
    return f"{label.value.lower()}:{entity_id.split(':', 1)[1]}"


def _relabel(ed: Editor, c: Correction, active: list[Correction]) -> None:
    assert c.label is not None
    c.target = ed.kept(c.target)
    e = _entity(ed, c.target)
    if e.label is c.label:
        raise InvalidRequest(f"{c.target!r} is a {c.label.value} already")
    new_id = relabelled_id(c.target, c.label)
    existing = ed.entities([new_id]).get(new_id)
    c.created = existing is None
    if existing is None:
        ed.create_entity(as_label(e, c.label, new_id).model_copy(update={"aliases": [], "sources": []}))
    ed.merge(new_id, c.target, relabel=True)
    c.into = new_id


def _add(ed: Editor, c: Correction, active: list[Correction]) -> None:
    assert c.relationship is not None and c.source is not None
    new, source = c.relationship, c.source
    ends = ed.entities([ed.kept(new.source), ed.kept(new.target)])
    head, tail = (ends.get(ed.kept(i)) for i in (new.source, new.target))
    if head is None or tail is None:
        raise no_entity(new.source if head is None else new.target)
    if not allowed(new.type, head.label, tail.label):
        spec = RELATIONS[new.type]
        raise InvalidRequest(
            f"{new.type.value} does not go from a {head.label.value} to a {tail.label.value} "
            f"(from {', '.join(sorted(s.value for s in spec.sources))})"
        )
    article = source.article()
    date = article.date
    rel = Relationship(
        type=new.type, source=head.id, target=tail.id, properties=new.properties,
        evidence=[Evidence(article_id=article.id, sentence=source.quote, start=0, end=len(source.quote),
                           extractor=f"{CURATOR}:{c.who}", confidence=1.0)],
        first_seen=date, last_seen=date,
    )  # fmt: skip
    c.target = rel.id
    if any(a.kind is Kind.REJECT and a.target == rel.id for a in active):
        raise InvalidRequest(f"{rel.id!r} is rejected: undo that correction first")
    ed.put_article(article)
    stored = ed.relationship(rel.id)
    ed.put_relationship(merge.merge_relationships([stored, rel]) if stored else rel)


def _undo_reject(ed: Editor, c: Correction) -> None:
    assert c.before is not None
    before = c.before
    source, target = ed.kept(before.source), ed.kept(before.target)
    ends = ed.entities([source, target])
    if source not in ends or target not in ends:
        raise NotFound(f"the ends of {c.target!r} are no longer in the store; it cannot be brought back")
    moved = (source, target) != (before.source, before.target)
    back = Relationship.model_validate({**before.model_dump(), "id": "", "source": source, "target": target})
    back = back if moved else before
    stored = ed.relationship(back.id)
    ed.put_relationship(merge.merge_relationships([stored, back]) if stored else back)


def _nothing(ed: Editor, c: Correction) -> None:
    """A confirmation changes nothing in the graph; undoing it neither."""


def _undo_merge(ed: Editor, c: Correction) -> None:
    if ed.merge_record(c.target) is None:
        raise InvalidRequest(f"{c.target!r} is not merged now (a later split took it out): nothing to undo")
    ed.split(c.target)


def _undo_split(ed: Editor, c: Correction) -> None:
    if c.into is None:
        raise InvalidRequest(f"the split {c.id!r} does not say what it split from")
    ed.merge(c.into, c.target)


def _undo_rename(ed: Editor, c: Correction) -> None:
    assert c.names_before is not None and c.name is not None
    e = _entity(ed, ed.kept(c.target))
    was, *_ = c.names_before
    keep = set(c.names_before)
    aliases = [a for a in dict.fromkeys([e.name, *e.aliases]) if a != was and (a != c.name or a in keep)]
    ed.replace_entity(e.model_copy(update={"name": was, "aliases": aliases}))


def _undo_relabel(ed: Editor, c: Correction) -> None:
    ed.split(c.target)
    if c.created and c.into:
        ed.delete_if_bare(c.into)


def _undo_add(ed: Editor, c: Correction) -> None:
    assert c.source is not None
    article_id = c.source.article_id
    rel = ed.relationship(c.target)
    if rel is not None:
        left = entity_split.with_evidence(rel, lambda e: e.article_id != article_id)
        if left is None:
            ed.delete_relationship(rel)
        elif left is not rel:
            ed.put_relationship(left)
    ed.drop_if_unused(article_id)


_apply = {
    Kind.REJECT: _reject, Kind.CONFIRM: _confirm, Kind.MERGE: _merge, Kind.SPLIT: _split,
    Kind.RENAME: _rename, Kind.RELABEL: _relabel, Kind.ADD: _add,
}  # fmt: skip
_undo = {
    Kind.REJECT: _undo_reject, Kind.CONFIRM: _nothing, Kind.MERGE: _undo_merge, Kind.SPLIT: _undo_split,
    Kind.RENAME: _undo_rename, Kind.RELABEL: _undo_relabel, Kind.ADD: _undo_add,
}  # fmt: skip


# --- on every write -----------------------------------------------------------------------------

REWRITING = (Kind.REJECT, Kind.RENAME)  # what a write must be told of; merges act through redirects


def write_refs(batch: GraphBatch) -> list[str]:
    """The ids whose corrections a write of `batch` (redirected) must apply: its entities and
    relationships."""
    return sorted({e.id for e in batch.entities} | {r.id for r in batch.relationships})


def corrected(batch: GraphBatch, active: Iterable[Correction]) -> GraphBatch:
    """`batch` as the log says it should be written: no rejected relationship, renamed entities under
    their new name (the name the article used kept as an alias)."""
    rejected = {c.target for c in active if c.active and c.kind is Kind.REJECT}
    names = {c.target: c.name for c in active if c.active and c.kind is Kind.RENAME and c.name}
    if not rejected and not names:
        return batch
    return batch.model_copy(
        update={
            "relationships": [r for r in batch.relationships if r.id not in rejected],
            "entities": [renamed(e, names[e.id]) if e.id in names else e for e in batch.entities],
        }
    )


def kept_apart(log: Iterable[Correction], a: str, b: str) -> bool:
    """Whether the log says `a` and `b` are two things: a split of one from the other stands, or a
    merge of them was undone. Ingest does not merge such a pair again."""
    pair = {a, b}
    for c in log:
        named = {c.target, c.into}
        if named == pair and ((c.kind is Kind.SPLIT and c.active) or (c.kind is Kind.MERGE and not c.active)):
            return True
    return False


def confirmed(log: Iterable[Correction]) -> dict[str, Correction]:
    """Relationship id → the confirmation in force for it."""
    return {c.target: c for c in log if c.kind is Kind.CONFIRM and c.active}


def replay(entries: Iterable[Correction]) -> list[tuple[Correction, bool]]:
    """The log's events in the order they happened: (entry, False) for applying it, (entry, True) for
    undoing it; what `import` runs against another store."""
    events: list[tuple[int, int, Correction, bool]] = []
    for c in entries:
        events.append((c.seq, 0, c, False))
        if c.undone is not None:
            events.append((c.undone.seq, 1, c, True))
    return [(c, is_undo) for _, _, c, is_undo in sorted(events, key=lambda e: (e[0], e[1], e[2].at))]
