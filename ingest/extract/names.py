"""Relationships that names and the region hierarchy state, and money properties."""

from __future__ import annotations

import re

from mdkg.graph.ontology import Label, RelType
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.places import (
    bracket_region,
    enclosing,
    lies_in,
    name_regions,
    part_of_pairs,
    strip_regions,
)
from mdkg.ingest.extract.reader import Reader, Sentence
from mdkg.ingest.extract.resources import resources
from mdkg.ingest.extract.text import LEADING_ORDINAL, amounts, name_key
from mdkg.ingest.regions import gazetteer
from mdkg.ingest.types import ExtractedEntity

_PARTY = re.compile(r"^(?:中共|中国共产党|共青团|中国共产主义青年团)")  # 中共成都市委, 共青团青岛市委


# 《支持某基地高标准建设的若干政策》 supports 某基地 (a region in a title is its scope, not a receiver)
_SUPPORTING = re.compile("支持|扶持")
_SUPPORTED = frozenset({Label.FIRM, Label.BASE, Label.WORK, Label.EVENT})
_NAMED_AFTER_PLACE = frozenset(
    {Label.FIRM, Label.ASSOCIATION, Label.GOVERNMENT, Label.INSTITUTION, Label.BASE, Label.EVENT}
)


def from_names(r: Reader) -> None:
    """What names state: 深圳某某公司 sits in 深圳 (if 深圳 is named on its own); 芒果TV某某工作室
    belongs to 芒果TV; 《某区推动…措施》 was issued by 某区; 《支持某基地…政策》 supports 某基地."""
    by_key: dict[str, Mention] = {}
    for m in r.mentions:
        by_key.setdefault(name_key(m.surface), m)
        by_key.setdefault(m.surface, m)
        by_key.setdefault(abbreviated(m.surface), m)
        if m.known is not None:
            by_key.setdefault(name_key(m.known.name), m)
            by_key.setdefault(m.known.name, m)
            for form in m.known.short:  # 郑州航空港区 for 郑州航空港经济综合实验区
                by_key.setdefault(form, m)
    places = _Places(r)
    fullest: dict[int, Mention] = {}  # each entity by the mention of its canonical name, if any
    for m in r.mentions:
        if m.entity not in fullest or m.surface == r.entities[m.entity].name != fullest[m.entity].surface:
            fullest[m.entity] = m
    for m in fullest.values():
        if m.known is None or m.surface != m.known.name or name_regions(m.surface):
            prefix_relations(r, m, by_key, places)


def prefix_relations(r: Reader, m: Mention, by_key: dict[str, Mention], places: _Places) -> None:
    label, name = r.entities[m.entity].label, _PARTY.sub("", LEADING_ORDINAL.sub("", m.surface))
    sent = r.first_sentence(m)
    if sent is None or label is Label.REGION:
        return
    short, bare = abbreviated(name), places.strip(name)  # 盐官|联农…基地启用仪式: the base after the town
    prefixes = [
        p
        for size in range(min(len(name) - 1, 12), 1, -1)
        if (p := by_key.get(name[:size]) or by_key.get(short[:size]) or by_key.get(bare[:size])) is not None
        and p.entity != m.entity
    ]
    at_base = label is Label.EVENT and prefixes and r.entities[prefixes[0].entity].label is Label.BASE
    if at_base and not placed(r, m.entity):
        r.add(RelType.LOCATED_IN, m, prefixes[0], sent, 0.5)  # 某基地启用仪式 takes place at the base
    place = places.village_in(bare, m) or places.named_place(name)
    if place is not None and label in _NAMED_AFTER_PLACE and not placed(r, m.entity):
        r.add(RelType.LOCATED_IN, m, place, sent, 0.5)
    for p in prefixes[:1]:
        p_label = r.entities[p.entity].label
        if p_label is Label.FIRM and label is Label.FIRM:
            r.add(RelType.SUBSIDIARY_OF, m, p, sent, 0.5)
        elif label is Label.POLICY and not _issued(r, m.entity):
            # 《坪山区…措施》 was issued by 坪山区, unless a sentence names the issuer
            r.add(RelType.ISSUED, p, m, sent, 0.5)
    if label is Label.POLICY and (verb := _SUPPORTING.search(name)) is not None:
        named = name[verb.end() :]
        for x in r.mentions:
            inside = len(x.surface) > 2 and x.surface in named
            if inside and x.entity != m.entity and r.label(x) in _SUPPORTED:
                r.add(RelType.SUPPORTS, m, x, sent, 0.5)


class _Places:
    """The regions an article names on its own, for the names that open with one."""

    def __init__(self, r: Reader) -> None:
        self.present: dict[str, Mention] = {}  # by code, or by name for a namesake without one
        for m in r.mentions:
            if m.known is not None and m.known.label is Label.REGION and not m.anaphor:
                self.present.setdefault(m.known.adcode or m.known.name, m)
        self.villages = [
            m for m in r.mentions
            if m.known is None and r.label(m) is Label.REGION and m.surface.endswith(("村", "社区"))
        ]  # fmt: skip
        self.forms: dict[str, Mention] = {}
        self._longest_first: list[str] | None = None
        for m in self.present.values():
            known = m.known
            for form in [m.surface] + ([known.name, *known.short, *known.english] if known else []):
                self.forms.setdefault(form, m)
            if known is not None and len(known.name) > 2 and known.name[-1] in "镇乡":
                self.forms.setdefault(known.name[:-1], m)  # 盐官 for 盐官镇, also of a namesake town

    def village_in(self, bare: str, m: Mention) -> Mention | None:
        """盐官联农…基地 in a story naming 联农村: a village or community whose name, without its type
        word, opens the name once its places are stripped (`strip`) sits in the name (the most
        specific place)."""
        for v in self.villages:
            core = v.surface.removesuffix("社区").removesuffix("村")
            if v.start != m.start and len(core) >= 2 and bare.startswith(core) and bare != v.surface:
                return v
        return None

    def strip(self, name: str) -> str:
        """The name without the places it opens with: the gazetteer's, and the forms (盐官 for
        盐官镇) of places the article names."""
        bare = strip_regions(name)
        if self._longest_first is None:
            self._longest_first = sorted(self.forms, key=len, reverse=True)
        while True:
            form = next((f for f in self._longest_first if bare.startswith(f)), None)
            if form is None or len(bare) - len(form) < 2:
                return bare
            bare = bare[len(form) :]

    def named_place(self, name: str) -> Mention | None:
        """The innermost region a name starts with (or holds in brackets, 漫森(深圳)…) that the
        article also names on its own; else the named region whose name, short or English form
        opens the name (临平数字…, "Qiantang Micro-drama Industry Association")."""
        places = [entry for entry, _ in name_regions(name)]
        if not places and (inner := bracket_region(name)) is not None:
            places = [inner]
        found = next((self.present[p.adcode] for p in reversed(places) if p.adcode in self.present), None)
        if found is not None:
            return found
        for size in range(min(len(name) - 2, 40), 1, -1):
            form = name[:size]
            if form in self.forms and (not form.isascii() or not name[size].isalpha()):
                return self.forms[form]
        return None


def abbreviated(name: str) -> str:
    """A name with its long parts in their short forms (广东省广播电视局 → 广东省广电局)."""
    for full, short in resources().abbreviations:
        if full in name:
            name = name.replace(full, short)
    return name


def _issued(r: Reader, entity: int) -> bool:
    return any(rel is RelType.ISSUED and b == entity for rel, _, b in r.found)


_SET_UP = (RelType.ESTABLISHED, RelType.OPERATES)
_SET_UP_THERE = frozenset({Label.BASE, Label.INSTITUTION, Label.ASSOCIATION})


def founded_in_place(r: Reader) -> None:
    """A place that sets up or runs a base, institution or association (前海揭牌某中心, Qianhai
    unveiled the X Center) is where it sits, unless the text places it elsewhere (rule 9)."""
    for rel, a, b in list(r.found):
        if rel not in _SET_UP or r.entities[a].label is not Label.REGION:
            continue
        if r.entities[b].label not in _SET_UP_THERE or not _only_wider_places(r, b, a):
            continue
        start = r.found[(rel, a, b)].evidence.start
        sent = next((x for x in r.sentences if x.start == start), None)
        if sent is None:
            continue
        head = next((m for m in sent.mentions if m.entity == b), None)
        tail = next((m for m in sent.mentions if m.entity == a), None)
        if head is not None and tail is not None:
            r.add(RelType.LOCATED_IN, head, tail, sent, 0.5)


def _only_wider_places(r: Reader, entity: int, place: int) -> bool:
    """Whether `entity` is placed nowhere, or only in regions that hold `place` (a name placed the
    platform in 深圳; 前海, which set it up, is more specific, and `most_specific_places` will drop
    深圳)."""
    code = str(r.entities[place].properties.get("adcode", ""))
    for key in r.found:
        if key[0] is RelType.LOCATED_IN and key[1] == entity:
            outer = str(r.entities[key[2]].properties.get("adcode", ""))
            if not (code and outer and lies_in(code, {outer})):
                return False
    return True


def most_specific_places(r: Reader) -> None:
    """LOCATED_IN goes to the most specific place the text gives (rule 9): of two regions an entity
    sits in, one inside the other, the outer one goes (the levels above come through PART_OF)."""
    tails: dict[int, list[tuple[RelType, int, int]]] = {}
    for key in r.found:
        if key[0] is RelType.LOCATED_IN and r.entities[key[2]].label is Label.REGION:
            tails.setdefault(key[1], []).append(key)
    for keys in tails.values():
        if len(keys) < 2:
            continue
        codes = {key: str(r.entities[key[2]].properties.get("adcode", "")) for key in keys}
        for key in keys:
            outer = codes[key]
            if outer and any(other != key and c and lies_in(c, {outer}) for other, c in codes.items()):
                del r.found[key]


def placed(r: Reader, entity: int) -> bool:
    return any(rel is RelType.LOCATED_IN and a == entity for rel, a, _ in r.found)


def region_hierarchy(r: Reader) -> None:
    """PART_OF between two regions the article names, from the gazetteer's hierarchy: each to the
    nearest enclosing one named; a zone shaped from a region's name (某某开发区) to that region."""
    present = _Places(r).present
    pairs = [(present[child], present[parent]) for child, parent in part_of_pairs(list(present))]
    for m in r.mentions:
        if m.parent and m.known is None and (parent := enclosing(m.parent, present)) is not None:
            pairs.append((m, parent))
    for child, parent in pairs:
        sent = r.first_sentence(child, parent) or r.first_sentence(child)
        if sent is not None:
            r.add(RelType.PART_OF, child, parent, sent, 0.7)


def area_members(r: Reader) -> None:
    """PART_OF from a member to an area that spans divisions (粤港澳大湾区, 长三角), where one paragraph
    names both: the members a text lists (rule 16). A city inside a member province counts for it
    when the paragraph does not name the province itself."""
    paragraphs: dict[int, list[Mention]] = {}
    for m in r.mentions:
        if m.known is not None and m.known.adcode and not m.anaphor and r.label(m) is Label.REGION:
            paragraphs.setdefault(r.text.rfind("\n", 0, m.start), []).append(m)
    gaz = gazetteer()
    for places in paragraphs.values():
        codes = {m.known.adcode for m in places if m.known}
        for area in places:
            region = gaz.get(area.known.adcode) if area.known else None
            if region is None or not region.members:
                continue
            for m in places:
                code = m.known.adcode if m.known else ""
                city = m.known is not None and m.known.level == "City"
                inside = [c for c in region.members if c == code or city and lies_in(code, {c})]
                if inside and (inside[0] == code or inside[0] not in codes) and m.entity != area.entity:
                    sent = r.first_sentence(m, area) or r.first_sentence(m)
                    if sent is not None:
                        r.add(RelType.PART_OF, m, area, sent, 0.6)


def focus_places(r: Reader) -> None:
    """A base placed in a city sits in the one district or zone of that city that the title names
    (北方某基地落户西海岸新区 … 基地位于青岛 → 西海岸新区): the title gives the article's place."""
    if not r.sentences:
        return
    title = [m for m in r.sentences[0].mentions if m.known is not None and m.known.label is Label.REGION]
    for (rel, a, b), found in list(r.found.items()):
        if rel is not RelType.LOCATED_IN or r.entities[a].label is not Label.BASE or not title:
            continue
        inside = {m.entity: m for m in title if m.entity != b and _encloses(r, b, m)}
        if len(inside) != 1:
            continue
        sent = next(s for s in r.sentences if s.start == found.evidence.start)
        head = next(m for m in r.mentions if m.entity == a)
        del r.found[(rel, a, b)]
        r.add(rel, head, next(iter(inside.values())), sent, found.evidence.confidence)


def _encloses(r: Reader, outer: int, m: Mention) -> bool:
    codes = {x.known.adcode for x in r.mentions if x.entity == outer and x.known is not None}
    code = m.known.adcode if m.known is not None else ""
    return bool(codes) and lies_in(code, codes)


def money_properties(sentences: list[Sentence], entities: list[ExtractedEntity]) -> None:
    """Policy.max_support_cny from 最高…万元 and Fund.amount_cny from the nearest amount."""
    for sent in sentences:
        start, inside = sent.start, [m for m in sent.mentions if not m.anaphor]
        found = amounts(sent.text)
        if not found:
            continue
        top = [a for off, a in found if "最高" in sent.text[max(0, off - 8) : off]]
        for m in inside:
            entity = entities[m.entity]
            if entity.label is Label.POLICY and top:
                earlier = entity.properties.get("max_support_cny")
                entity.properties["max_support_cny"] = max(
                    top + ([earlier] if isinstance(earlier, float) else [])
                )
            if entity.label is Label.FUND and "amount_cny" not in entity.properties:
                off, value = min(found, key=lambda a: abs(start + a[0] - m.start))
                if abs(start + off - m.start) < 25:
                    entity.properties["amount_cny"] = value
