"""Entities: mentions grouped into one entity per real-world thing of an article."""

from __future__ import annotations

import re
from functools import lru_cache

from mdkg.graph.ontology import Label, RegionLevel
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.places import name_regions, strip_regions
from mdkg.ingest.extract.resources import resources
from mdkg.ingest.extract.text import CJK, MEASURES, name_key, number
from mdkg.ingest.types import ExtractedEntity, ExtractedRelation


def trade_names(name: str) -> list[str]:
    """Shorter forms of a firm's legal name: without region, legal form, industry words."""
    return list(_trade_names(name))


@lru_cache(maxsize=65536)
def _trade_names(name: str) -> tuple[str, ...]:
    """Shorter forms of a firm's legal name: without region, legal form, industry words."""
    res = resources()
    forms, rest = [], re.sub(r"[(（][^()（）]*[)）]", "", strip_regions(name))
    for legal in res.legal:
        if rest.endswith(legal) and len(rest) > len(legal) + 1:
            rest = rest[: -len(legal)]
            forms.append(rest)
            break
    for word in res.industry:
        if rest.endswith(word) and len(rest) - len(word) >= 2:
            forms.append(rest[: -len(word)])
            break
    return tuple(f for f in forms if f != name and len(f) >= 2)


_HAS_CJK = re.compile(f"[{CJK}]")


def _merge_key(m: Mention) -> tuple[Label, str]:
    """Mentions of one thing share a key: a region its code, a known name its entry, other names
    their text with a leading region in its short form (深圳市某协会 = 深圳某协会)."""
    if m.known is not None:
        return (m.known.label, "code:" + m.known.adcode if m.known.adcode else m.known.name)
    name, chain = m.surface, name_regions(m.surface)
    if chain:
        first, end = chain[0]
        name = min([first.name, *first.short], key=len) + name[end:]
    return (m.label, name_key(name))


class _Groups:
    """Union-find over mentions."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _group(mentions: list[Mention]) -> _Groups:
    groups, by_form = _Groups(len(mentions)), dict[tuple[Label, str], int]()
    for i, m in enumerate(mentions):
        key = _merge_key(m)
        if key in by_form:
            groups.union(by_form[key], i)
        by_form.setdefault(key, i)
    for i, m in enumerate(mentions):
        if m.label is Label.FIRM and m.known is None and (trades := trade_names(m.surface)):
            key = (Label.FIRM, "trade:" + name_key(trades[-1]))
            if key in by_form and not _two_legal_names(mentions[by_form[key]].surface, m.surface):
                groups.union(by_form[key], i)
            by_form.setdefault(key, i)
    for i, m in enumerate(mentions):
        other_forms = list(m.aliases) + (trade_names(m.surface) if m.label is Label.FIRM else [])
        if m.known is not None and m.known.operator:
            other_forms += [m.known.operator, *trade_names(m.known.operator)]
        for form in other_forms:
            for label in (m.label, Label.FIRM):
                j = by_form.get((label, name_key(form)))
                if j is None and form in resources().known:
                    j = by_form.get(_merge_key(Mention(0, 0, m.label, form, known=resources().known[form])))
                if j is not None and mentions[j].label is m.label:
                    groups.union(i, j)
    _abbreviations(mentions, groups)
    return groups


_ABBREVIATED = frozenset({Label.BASE, Label.INSTITUTION, Label.ASSOCIATION, Label.EVENT, Label.GOVERNMENT})
_ACRONYM = re.compile("[A-Z]{2,6}")
_ENGLISH_BRACKETS = re.compile(r"\s*\([^()]*\)|[\"“”]")
_BRACKETS = re.compile(r"[(（][^()（）]*[)）]|[“”\"《》「」·•\s]")


def _abbreviations(mentions: list[Mention], groups: _Groups) -> None:
    """紫云山文创园 is 紫云山(包河)文化创意产业园 shortened, 莒国古城 is 日照莒国古城: a name of a base,
    school, association, event or office whose characters all stand, in order, in one longer name
    of the same label, opening and ending alike once places and brackets are set aside."""
    cores: dict[int, str] = {}
    for i, m in enumerate(mentions):
        if m.label in _ABBREVIATED and m.known is None and not m.anaphor:
            if m.surface.isascii():  # English keeps its spaces: words are what it shortens by
                cores[i] = _ENGLISH_BRACKETS.sub("", m.surface).strip() or m.surface
            else:
                cores[i] = _BRACKETS.sub("", strip_regions(m.surface)) or m.surface
    for i, short in cores.items():
        if len(short) < 3:
            continue
        if short.isascii():
            _english_shortening(i, short, cores, mentions, groups)
            continue
        longer = {
            groups.find(j)
            for j, full in cores.items()
            if mentions[j].label is mentions[i].label
            and len(full) > len(short)
            and (
                full[0] == short[0]
                and full[-1] == short[-1]
                and _in_order(short, full)
                or full.endswith(short)
                and _ACRONYM.fullmatch(full[: -len(short)]) is not None
            )  # CMG首届中国微短剧盛典 is 首届中国微短剧盛典 with its organiser's acronym
        }
        if len(longer) == 1:
            groups.union(i, longer.pop())


def _english_shortening(
    i: int, short: str, cores: dict[int, str], mentions: list[Mention], groups: _Groups
) -> None:
    """International Short Video Center is Shanghai International Short Video Center without its
    leading words: one longer English name of the same label that ends in it (two words or more)."""
    if " " not in short:
        return
    longer = {
        groups.find(j)
        for j, full in cores.items()
        if mentions[j].label is mentions[i].label and full.endswith(" " + short)
    }
    if len(longer) == 1:
        groups.union(i, longer.pop())


def _in_order(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


def _two_legal_names(a: str, b: str) -> bool:
    """远山集团 and 远山影视有限公司 share a trade name but are two firms: both names carry a legal
    form, and what stands before it differs."""
    legal = resources().legal
    if not (a.endswith(legal) and b.endswith(legal)):
        return False
    return trade_names(a)[:1] != trade_names(b)[:1]


def build_entities(mentions: list[Mention], english: bool) -> list[ExtractedEntity]:
    groups = _group(mentions)
    members: dict[int, list[Mention]] = {}
    for i, m in enumerate(mentions):
        members.setdefault(groups.find(i), []).append(m)
    entities = []
    for index, group in enumerate(members.values()):
        for m in group:
            m.entity = index
        entities.append(_entity(group, english))
    return entities


def _entity(group: list[Mention], english: bool) -> ExtractedEntity:
    forms: list[str] = []
    for m in group:
        forms += [m.surface, *m.aliases]
        if m.known is not None:
            forms += [m.known.name, *m.known.english[:1]]
        if m.label is Label.FIRM:
            forms += trade_names(m.surface)
    forms = list(dict.fromkeys(f.strip() for f in forms if f.strip()))
    seen = [m.surface for m in group]
    cjk = [f for f in seen if _HAS_CJK.search(f)]
    ascii_ = [f for f in seen if f not in cjk]
    pool = (ascii_ or cjk) if english else (cjk or ascii_)
    name = max(pool, key=len)
    label = group[0].label
    return ExtractedEntity(
        label=label,
        name=name,
        aliases=[f for f in forms if f != name],
        properties=_entity_properties(label, group, forms),
        count=len(group),
    )


def _entity_properties(label: Label, group: list[Mention], forms: list[str]) -> dict:
    props: dict = {}
    known = next((m.known for m in group if m.known is not None), None)
    if label is Label.REGION:
        level = known.level if known else "District"
        if level in RegionLevel.__members__.values():
            props["level"] = level
        if known and known.adcode:
            props["adcode"] = known.adcode
    elif label is Label.FIRM:
        legal = [f for f in forms if f.endswith(resources().legal)]
        if legal:
            props["legal_name"] = max(legal, key=len)
    elif label is Label.POLICY:
        counts = [int(n) for f in forms if (m := MEASURES.search(f)) and (n := number(m.group(1)))]
        if counts:
            props["measures"] = counts[0]
    return props


_OUTLET = re.compile("(?:广播电视总台|广播电视台|电视台|日报社?|晚报|新闻网|融媒体中心)$")


def acting_outlets(
    entities: list[ExtractedEntity], relations: list[ExtractedRelation]
) -> list[ExtractedEntity]:
    """A news outlet that only reports the story is no entity of it (rule 14); one that acts in it
    (produces, co-organises, signs) stays."""
    acting = {r.head for r in relations} | {r.tail for r in relations}
    return [e for e in entities if e.key in acting or e.label is not Label.FIRM or not _OUTLET.search(e.name)]
