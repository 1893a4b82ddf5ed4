"""Offices named by level alone take their place from the article.

News often writes "区委宣传部" or "市文旅局" once the district or city is clear. When the
article names exactly one region of that level, the office is that region's:
区委宣传部 in a story about 栖霞区 is 栖霞区委宣传部 (the short form stays an alias).
With two or more candidates the name is left as it is.
"""

from __future__ import annotations

import re

from mdkg.graph.ontology import Label, RegionLevel, RelType
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.reader import Reader
from mdkg.ingest.regions import gazetteer
from mdkg.ingest.types import ExtractedEntity, ExtractedRelation

# the level word an office name opens with, and the region level it means
_BARE = re.compile(r"^(?P<level>自治区|省|市|区|县|乡|镇)(?!场|民|长|区|级|域|内|外|村|镇|乡)")
# 市 is a city or one of the four municipalities (重庆市 is of provincial level)
_LEVELS = {"省": {RegionLevel.PROVINCE}, "自治区": {RegionLevel.PROVINCE},
           "市": {RegionLevel.CITY, RegionLevel.PROVINCE}, "区": {RegionLevel.DISTRICT},
           "县": {RegionLevel.DISTRICT}, "乡": {RegionLevel.TOWN}, "镇": {RegionLevel.TOWN}}  # fmt: skip


# bodies that news names by level alone: offices (市广电局) and local associations (市广电和网络视听协会)
_LOCAL_BODIES = frozenset({Label.GOVERNMENT, Label.ASSOCIATION})


def bare_level(label: Label, name: str) -> str | None:
    """The level word of a local body named by its level alone (区财政局: 区), else None. Such a name
    says which office it is only inside its article: 区财政局 is a different bureau in each district."""
    match = _BARE.match(name) if label in _LOCAL_BODIES else None
    return match["level"] if match else None


def _region_of(level: str, regions: list[ExtractedEntity]) -> ExtractedEntity | None:
    fitting = [
        r for r in regions
        if r.properties.get("level") in _LEVELS[level] and _full_name(r).endswith(level)
    ]  # fmt: skip
    return fitting[0] if len(fitting) == 1 else None


def _full_name(region: ExtractedEntity) -> str:
    """湖南 is 湖南省: the gazetteer's name of a region written short."""
    found = gazetteer().get(str(region.properties.get("adcode", "")))
    return found.name if found is not None else region.name


def place_offices(r: Reader) -> None:
    """An office named by its level alone sits in the one region of that level (rule 10)."""
    regions = [e for e in r.entities if e.label is Label.REGION]
    first: dict[int, Mention] = {}
    for m in r.mentions:
        if not m.anaphor:
            first.setdefault(m.entity, m)
    for index, m in first.items():
        e = r.entities[index]
        level = bare_level(e.label, e.name)
        region = _region_of(level, regions) if level else None
        place = next((first.get(i) for i, x in enumerate(r.entities) if x is region), None)
        sent = r.first_sentence(m)
        if place is not None and sent is not None:
            r.add(RelType.LOCATED_IN, m, place, sent, 0.6)


def qualify_offices(
    entities: list[ExtractedEntity], relations: list[ExtractedRelation]
) -> tuple[list[ExtractedEntity], list[ExtractedRelation]]:
    """Rename bare-level offices after the one region of their level; relations follow."""
    regions = [e for e in entities if e.label is Label.REGION]
    renamed: dict[tuple[Label, str], tuple[Label, str]] = {}
    taken = {e.key for e in entities}
    out: list[ExtractedEntity] = []
    for e in entities:
        level = bare_level(e.label, e.name)
        region = _region_of(level, regions) if level else None
        if region is None or level is None:
            out.append(e)
            continue
        full = _full_name(region) + e.name[len(level) :]  # 南京 + 市委宣传部 is 南京市委宣传部
        renamed[e.key] = (e.label, full)
        if (e.label, full) in taken:  # the article also writes the full name: one entity
            continue
        out.append(e.model_copy(update={"name": full, "aliases": list(dict.fromkeys([e.name, *e.aliases]))}))
    if not renamed:
        return entities, relations
    moved = [
        r.model_copy(update={"head": renamed.get(r.head, r.head), "tail": renamed.get(r.tail, r.tail)})
        for r in relations
    ]
    return out, moved
