"""Regions for the extractor, from the national gazetteer of `mdkg.ingest.regions`: the places a text
names (resolved by context, 栖霞 near 南京 → 320113), the regions an organisation's name opens
with, and the containment between regions an article names."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache

from mdkg.graph.ontology import Label, RegionLevel
from mdkg.ingest.extract.lexicon import Lexicon
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.resources import KnownName
from mdkg.ingest.regions import Region, ResolvedRegion, gazetteer


@cache
def known_region(code: str) -> KnownName:
    """A region as a gazetteer entry of the extractor, keyed by its code."""
    region = gazetteer().get(code)
    if region is None:
        raise KeyError(code)
    chinese = [a for a in region.aliases if not a.isascii()]
    english = [region.english, *(a for a in region.aliases if a.isascii()), region.pinyin]
    return KnownName(
        Label.REGION,
        region.name,
        tuple(dict.fromkeys(e for e in english if e)),
        region.level.value if region.level else "",
        region.code,
        region.parent or "",
        short=frozenset([region.short, *chinese]) - {region.name},
    )


def region_mentions(text: str) -> tuple[list[Mention], list[Mention]]:
    """(places named on their own, every region mention): the second list also holds the regions
    that open a name or a dateline (北京大学, 广州某某影业), which shape other names."""
    every, alone = [], []
    resolved = _split_nested(text, gazetteer().resolve(text))
    for r in resolved:
        m = Mention(r.start, r.end, Label.REGION, r.surface, known=known_region(r.region.code))
        every.append(m)
        if r.standalone and not _bare_pinyin_alone(text, r) and not _english_dateline(text, r):
            alone.append(Mention(r.start, r.end, Label.REGION, r.surface, known=m.known))
    return alone + _namesakes(text, {r.start for r in resolved}), every


_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]+")
_LOCAL_LEVELS = frozenset({RegionLevel.DISTRICT, RegionLevel.TOWN})


def _english_dateline(text: str, r: ResolvedRegion) -> bool:
    """BEIJING -- / HANGZHOU, Dec 5 (Xinhua) --: a dateline place in capitals is no place of the
    story (rule 16)."""
    return r.surface.isupper() and (r.start == 0 or text[r.start - 1] == "\n")


def _bare_pinyin_alone(text: str, r: ResolvedRegion) -> bool:
    """The Guide to…, Duan Wuming, Binjiang Police Affairs: a county or town written in bare pinyin
    in English text is no place inside a run of capitalised words (a title, a person, a work)."""
    if not r.surface.isascii() or " " in r.surface.strip() or r.region.level not in _LOCAL_LEVELS:
        return False
    before = text[max(0, r.start - 20) : r.start].rstrip()
    after = text[r.end : r.end + 20].lstrip()
    in_run = bool(re.search(r"[A-Z][a-z]+$", before)) or bool(_CAPITALISED_WORD.match(after))
    if after[:1] == "'" or re.match(r"(?i)(?:district|county|town|new area)\b", after):
        in_run = False  # Binjiang's, Binjiang district
    return in_run


def _split_nested(text: str, resolved: list[ResolvedRegion]) -> list[ResolvedRegion]:
    """陕西西咸新区 is two places when what follows the opening region is itself a name of the
    zone (西咸新区): 陕西 and 西咸新区. 南通开发区 stays one (开发区 names nothing)."""
    out: list[ResolvedRegion] = []
    for i, r in enumerate(resolved):
        if r.mention.nested:
            continue
        prev = resolved[i - 1] if i else None
        if prev is not None and prev.mention.nested and prev.start == r.start:
            rest = text[prev.end : r.end]
            if any(
                m.start == 0 and m.end == len(rest) and r.region.code in m.candidates
                for m in gazetteer().find(rest)
            ):
                mention = replace(r.mention, start=prev.end, surface=rest)
                out += [replace(prev, standalone=r.standalone), replace(r, mention=mention)]
                continue
        out.append(r)
    return out


def _namesakes(text: str, resolved: set[int]) -> list[Mention]:
    """Full names the context leaves ambiguous (南山区 of 深圳 or of 鹤岗): still places, with
    their level but no code."""
    found = []
    for at, name in _namesake_lexicon().scan(text):
        if at not in resolved:
            entry = KnownName(Label.REGION, name, level=_namesake_levels()[name])
            found.append(Mention(at, at + len(name), Label.REGION, name, known=entry))
    for hit in gazetteer().town_namesakes(text):
        if hit.start not in resolved:
            entry = KnownName(Label.REGION, hit.surface, level="Town")
            found.append(Mention(hit.start, hit.end, Label.REGION, hit.surface, known=entry))
    return found


# namesake district names that read as ordinary phrases too (new town area, town centre)
_PHRASES = frozenset({"新城区", "市中区", "城中区", "城关区"})


@cache
def _namesake_levels() -> dict[str, str]:
    """Full names that several regions of one level share (南山区, 朝阳区, 鼓楼区)."""
    levels: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for region in gazetteer():
        if region.kind == "nbs_town":  # thousands of namesakes (城关镇): only context tells them
            continue
        if region.level is not None and len(region.name) > 2 and region.name not in _PHRASES:
            levels.setdefault(region.name, set()).add(region.level.value)
            counts[region.name] = counts.get(region.name, 0) + 1
    return {n: next(iter(ls)) for n, ls in levels.items() if counts[n] > 1 and len(ls) == 1}


@cache
def _namesake_lexicon() -> Lexicon:
    return Lexicon(_namesake_levels())


@lru_cache(maxsize=65536)
def name_regions(name: str) -> tuple[tuple[KnownName, int], ...]:
    """The regions a name opens with, outermost first, with where each ends; brackets between
    them are skipped (深圳市坪山区某局 → 深圳市 3, 坪山区 6; 漫森(深圳)… gives nothing here)."""
    found: list[tuple[KnownName, int]] = []
    at = 0
    while at < len(name):
        chain = gazetteer().prefix_chain(name[at:])
        if not chain:
            break
        begin = at
        for region, end in chain:
            found += _nested(name[begin : at + end], begin)
            found.append((known_region(region.code), at + end))
            begin = at + end
        at = found[-1][1]
        while at < len(name) and name[at] in "(（)）":
            at += 1
    return tuple(found)


def _nested(surface: str, offset: int) -> list[tuple[KnownName, int]]:
    """The region opening a zone's surface when the rest names the zone too (陕西|西咸新区)."""
    found = gazetteer().find(surface)
    if len(found) < 2 or not found[0].nested or found[1].start != 0 or found[1].end != len(surface):
        return []
    rest = gazetteer().find(surface[found[0].end :])
    if any(m.start == 0 and m.end == len(surface) - found[0].end for m in rest):
        return [(known_region(found[0].candidates[0]), offset + found[0].end)]
    return []


def strip_regions(name: str) -> str:
    """`深圳市慧动创想…` → `慧动创想…`: the regions a name opens with removed."""
    chain = name_regions(name)
    return name[chain[-1][1] :].lstrip("(（)）") if chain else name


def bracket_region(name: str) -> KnownName | None:
    """The region an organisation carries in brackets (漫森(深圳)文化… → 深圳市)."""
    if name_regions(name):
        return None
    region = gazetteer().is_region_prefix(name)
    return known_region(region.code) if region is not None else None


@lru_cache(maxsize=65536)
def names_a_region(text: str) -> bool:
    """Whether a text holds the full name of a region (深圳市, 东湖高新区)."""
    return any(m.full for m in gazetteer().find(text))


def enclosing(code: str, present: dict[str, Mention]) -> Mention | None:
    """The nearest region enclosing `code` (or `code` itself) among those an article names."""
    if code in present:
        return present[code]
    return next((present[a.code] for a in gazetteer().ancestors(code) if a.code in present), None)


def lies_in(code: str, outer: set[str]) -> bool:
    """Whether the region of `code` lies inside one of the `outer` regions."""
    return any(a.code in outer for a in gazetteer().ancestors(code))


def part_of_pairs(codes: list[str]) -> list[tuple[str, str]]:
    return gazetteer().part_of_pairs(codes)


def region_of(code: str) -> Region | None:
    return gazetteer().get(code)
