"""Resolution: turn each article's extracted entities into graph entities with stable ids.

An extracted entity becomes an entity already known (earlier in this file, or in the
store) when one of its names or aliases has the same name key, the label agrees and
their identities do not conflict: two firms with different legal names, or two regions
with different codes, stay apart even when they share a short name. Regions with a
code get the id `region:<code>`. When several known entities fit equally, the
extracted one is not merged into any of them. A local body named by its level alone (区财政局,
市微短剧协会; `mdkg.ingest.extract.offices.bare_level`) is a different body in each district, so that
name is never a key: an office the extractor could not place keeps an id of its article
(`government:区财政局@<article id>`), and a placed one (栖霞区财政局) is found by its full name only.
What is known of an id gathers as its names come: once an id has a legal name, a name without one
that resolves to it does not make it fit a firm with another legal name.

A firm or association named in English joins the Chinese one it spells (`mdkg.ingest.transliterate`):
"Shenzhen Huidong Chuangxiang Technology" is 深圳市慧动创想科技有限公司, whose trade name 慧动创想
reads huidongchuangxiang. The Chinese twin is sought among the Chinese names of the file and the
stored entities the lookups return; it must be the only real thing that fits (candidates sharing a
name key and no conflicting legal name count as one), else the English name stays on its own. The
merged entity keeps the Chinese name and takes the English one as an alias.

When an article shows that two stored entities are one, the resolver says so (`Resolver.merges`) and
the ingest merges them in the store (a `merge` correction by `mdkg ingest`): a name resolved to a stored
entity whose names (its own, its aliases, its Chinese twin's) include the name of another stored entity
of the same label that is known only by an English name, with no other legal name. That is an English
name stored before its Chinese twin arrived ("Huidong Chuangxiang" first, then 慧动创想 in one file and
"慧动创想（Huidong Chuangxiang）" in a later one). Two Chinese entities are never merged this way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from mdkg.graph.names import name_forms
from mdkg.graph.ontology import Entity, GraphBatch, Label, Mention, Relationship, allowed, entity_id, name_key
from mdkg.graph.store import GraphStore
from mdkg.ingest.extract.offices import bare_level
from mdkg.ingest.spellings import SPELLED, chinese_asked_by, english_asked_by, written_keys
from mdkg.ingest.transliterate import Forms, chinese_forms, fits, latin_spellings, lookup_keys
from mdkg.ingest.types import ExtractedEntity, Extraction

# (label, name keys) -> the stored entities of that label having any of those keys
Lookup = Callable[[Label, Iterable[str]], list[Entity]]
# (label, spelling keys such as `py:huidongchuangxiang`) -> the stored entities of that label spelled so
PinyinLookup = Callable[[Label, Iterable[str]], list[Entity]]


@dataclass(frozen=True)
class _Known:
    id: str
    name_key: str
    identity: str | None
    keys: frozenset[str]


@dataclass(frozen=True)
class _Twin:
    """A Chinese entity (stored or of this file) an English name may spell."""

    name: str
    identity: str | None
    keys: frozenset[str]
    forms: Forms
    stored: bool = False


def identity(label: Label, properties: Mapping[str, object]) -> str | None:
    """What tells two same-named entities apart: a firm's legal name, a region's code."""
    value = properties.get("legal_name") if label is Label.FIRM else properties.get("adcode")
    return name_key(str(value)) if value else None


def _keys(label: Label, names: Iterable[str]) -> frozenset[str]:
    """The name keys an entity is matched by: of every name but those of a level alone (区财政局)."""
    return frozenset(k for n in names if not bare_level(label, n) and (k := name_key(n)))


def _twin(e: Entity | ExtractedEntity) -> _Twin:
    names = [e.name, *e.aliases]
    keys = _keys(e.label, names)
    return _Twin(e.name, identity(e.label, e.properties), keys, chinese_forms(names), isinstance(e, Entity))


def _ref(e: Entity | ExtractedEntity) -> tuple[str, str]:
    """Tells the names of this file (label, name) from stored entities (id) apart."""
    return ("", e.id) if isinstance(e, Entity) else (e.label.value, e.name)


def _one_thing(fitting: list[_Twin]) -> _Twin | None:
    """The twin when every fitting candidate is one real thing: joined to the best (the one with a
    legal name, else the longest name) through shared name keys, and no second legal name."""
    if not fitting or len({t.identity for t in fitting if t.identity}) > 1:
        return None
    best = max(fitting, key=lambda t: (t.identity is not None, len(t.name), t.name))
    group, keys = {best}, set(best.keys)
    while grown := [t for t in fitting if t not in group and t.keys & keys]:
        group.update(grown)
        keys.update(k for t in grown for k in t.keys)
    if len(group) < len(set(fitting)):
        return None
    return _Twin(best.name, best.identity, frozenset(keys), best.forms, any(t.stored for t in group))


def pinyin_search(store: GraphStore) -> PinyinLookup:
    """A pinyin lookup on the spelling keys the store keeps (`GraphBatch.spellings`, written and
    asked for as `mdkg.ingest.spellings` says)."""
    return store.find_by_spelling


def spelling_keys(e: ExtractedEntity) -> set[str]:
    """The spelling keys an extracted entity writes (`mdkg.ingest.spellings.written_keys`)."""
    return written_keys(e.label, e.name, e.aliases)


def prepare(extraction: Extraction) -> None:
    """Ask ahead, in an extraction worker, for what resolving and writing `extraction` will read of its
    names: their search forms and spellings (their pinyin is then known, see `mdkg.graph.names.recording`)."""
    for e in extraction.entities:
        name_forms([e.name, *e.aliases])
        spelling_keys(e)


class Resolver:
    """Resolves the extractions of one file against each other and against the store."""

    def __init__(self, lookup: Lookup, by_pinyin: PinyinLookup | None = None) -> None:
        self._lookup = lookup
        self._by_pinyin = by_pinyin
        self._known: dict[tuple[Label, str], dict[str, _Known]] = {}
        self._ids: dict[str, _Known] = {}  # what is known of each id, gathered from all its names
        self._twins: dict[tuple[Label, str], _Twin] = {}  # an English name's Chinese twin
        self._stored: set[str] = set()  # ids of the stored entities the lookups returned
        self._english_stored: set[str] = set()  # of those, the ones known by an English name only
        self.merges: dict[str, str] = {}  # stored entity id -> the stored one an article shows it is

    def _remember(self, label: Label, known: _Known) -> None:
        if (before := self._ids.get(known.id)) is not None:
            gathered = before.identity or known.identity
            known = _Known(known.id, before.name_key, gathered, before.keys | known.keys)
        self._ids[known.id] = known
        for key in known.keys:
            self._known.setdefault((label, key), {})[known.id] = known

    def _prefetch(self, extractions: list[Extraction]) -> list[Entity]:
        """The stored entities the file's names may be, remembered by their keys; returned are those
        that may be the twin of an English name (`_find_twins`): of the file's English names, the
        stored entities they spell or translate to, and stored English names a Chinese one spells."""
        wanted: dict[Label, set[str]] = {}
        translated: dict[Label, set[str]] = {}  # name keys an English name's translation may be stored by
        for e in (e for extraction in extractions for e in extraction.entities):
            wanted.setdefault(e.label, set()).update(_keys(e.label, [e.name, *e.aliases]))
            if e.label in SPELLED:
                translated.setdefault(e.label, set()).update(lookup_keys(latin_spellings(e.name)))
        twins: list[Entity] = []
        for label in sorted(wanted.keys() | translated.keys()):
            for s in self._lookup(label, wanted.get(label, set()) | translated.get(label, set())):
                if self._remember_stored(s) & translated.get(label, set()):
                    twins.append(s)
        spelled = self._sounding_alike(extractions)
        for s in spelled:
            self._remember_stored(s)
        return [*twins, *spelled]

    def _remember_stored(self, s: Entity) -> frozenset[str]:
        """Remember a stored entity by its name keys; those keys."""
        keys = _keys(s.label, [s.name, *s.aliases])
        self._remember(s.label, _Known(s.id, name_key(s.name), identity(s.label, s.properties), keys))
        self._stored.add(s.id)
        if all(latin_spellings(n) for n in [s.name, *s.aliases]):
            self._english_stored.add(s.id)
        return keys

    def _sounding_alike(self, extractions: list[Extraction]) -> list[Entity]:
        """Stored Chinese entities an English name of the file may spell, and stored English names that
        may spell a Chinese one of the file, in an agreeing place (`mdkg.ingest.spellings`; only with a
        pinyin lookup). A stored Chinese name a Chinese name sounds like is no twin."""
        if self._by_pinyin is None:
            return []
        english: dict[Label, set[str]] = {}
        chinese: dict[Label, set[str]] = {}
        for e in (e for extraction in extractions for e in extraction.entities if e.label in SPELLED):
            if latin_spellings(e.name):
                english.setdefault(e.label, set()).update(chinese_asked_by(e.name))
            else:
                chinese.setdefault(e.label, set()).update(english_asked_by([e.name, *e.aliases]))
        found = [s for label, keys in english.items() if keys for s in self._by_pinyin(label, keys)]
        for label, keys in chinese.items():
            if keys:
                found += [s for s in self._by_pinyin(label, keys) if latin_spellings(s.name)]
        for label in english.keys() | chinese.keys():
            stored_english = [s for s in found if s.label == label and latin_spellings(s.name)]
            found += self._also_fitting(label, stored_english, english.get(label, set()))
        return found

    def _also_fitting(self, label: Label, stored_english: list[Entity], asked: set[str]) -> list[Entity]:
        """The stored Chinese entities the stored English names spell or translate to: with them, a
        stored English name fitting two real things takes neither (`_one_thing`)."""
        if not stored_english or self._by_pinyin is None:
            return []
        spelled = {k for s in stored_english for k in chinese_asked_by(s.name)} - asked
        translated = {k for s in stored_english for k in lookup_keys(latin_spellings(s.name))}
        found = [
            *(self._by_pinyin(label, spelled) if spelled else []),
            *(self._lookup(label, translated) if translated else []),
        ]
        return [s for s in found if not latin_spellings(s.name)]  # not more English names to match

    def _find_twins(self, extractions: list[Extraction], stored: list[Entity]) -> None:
        entities = [e for extraction in extractions for e in extraction.entities if e.label in SPELLED]
        unique = {s.id: s for s in stored if s.label in SPELLED}  # a stored entity found by two lookups
        candidates: list[Entity | ExtractedEntity] = [*entities, *unique.values()]
        english = {_ref(e): (e, sp) for e in candidates if (sp := latin_spellings(e.name))}
        if not english:
            return  # the usual Chinese file: no pinyin is computed
        by_key: dict[tuple[Label, str], list[_Twin]] = {}
        for e in candidates:
            if _ref(e) not in english:
                twin = _twin(e)
                for key in twin.forms.keys:
                    by_key.setdefault((e.label, key), []).append(twin)
        for e, spellings in english.values():
            near = {t for s in spellings for t in by_key.get((e.label, s.key), [])}
            ordered = sorted(near, key=lambda t: (t.name, sorted(t.keys), t.stored))  # not by hash
            found = _one_thing([t for t in ordered if fits(spellings, t.forms)])
            if found is None:
                continue
            if isinstance(e, ExtractedEntity):
                self._twins[e.key] = found
            elif not found.stored and not any((e.label, k) in self._known for k in found.keys):
                # a stored English name takes the Chinese names of this file none of the store has
                keys = _keys(e.label, [e.name, *e.aliases]) | found.keys
                self._remember(e.label, _Known(e.id, name_key(e.name), identity(e.label, e.properties), keys))

    def _id_for(self, e: ExtractedEntity, article_id: str) -> str:
        if bare_level(e.label, e.name):
            return f"{entity_id(e.label, e.name)}@{article_id}"  # which district's, only its article knows
        twin = self._twins.get(e.key)
        mine = _Known(
            "",
            name_key(twin.name if twin else e.name),
            identity(e.label, e.properties) or (twin.identity if twin else None),
            _keys(e.label, [e.name, *e.aliases]) | (twin.keys if twin else frozenset()),
        )
        code = e.properties.get("adcode") if e.label is Label.REGION else None
        fresh = entity_id(e.label, twin.name if twin else e.name)
        resolved = f"region:{code}" if code else self._match(e.label, mine) or fresh
        self._note_merges(e.label, resolved, mine)
        self._remember(e.label, _Known(resolved, mine.name_key, mine.identity, mine.keys))
        return resolved

    def _note_merges(self, label: Label, resolved: str, mine: _Known) -> None:
        """Stored English-only entities named by `mine`'s names, apart from the stored `resolved`: one
        with it (see the module's note)."""
        if resolved not in self._stored or label not in SPELLED:
            return  # an entity of this file: resolution itself made the names one
        for key in sorted(mine.keys):
            for other in self._known.get((label, key), {}).values():
                if (
                    other.id != resolved
                    and other.id in self._english_stored
                    and other.name_key in mine.keys
                    and not (other.identity and mine.identity and other.identity != mine.identity)
                    and resolved not in self._english_stored
                ):
                    self.merges.setdefault(other.id, resolved)

    def _match(self, label: Label, mine: _Known) -> str | None:
        candidates: dict[str, _Known] = {}
        for key in sorted(mine.keys):  # in a fixed order: the same id may be known by several keys
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
        self._find_twins(extractions, self._prefetch(extractions))
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
            ids[e.key] = self._id_for(e, article.id)
            if spelled := spelling_keys(e):
                batch.spellings[ids[e.key]] = sorted(spelled.union(batch.spellings.get(ids[e.key], [])))
            counts[ids[e.key]] = counts.get(ids[e.key], 0) + e.count
            twin = self._twins.get(e.key)  # the Chinese name leads, the English one is an alias
            name, aliases = (twin.name, [e.name, *e.aliases]) if twin else (e.name, e.aliases)
            batch.entities.append(
                Entity(
                    id=ids[e.key], label=e.label, name=name, aliases=aliases, properties=e.properties,
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
