"""The article's topic place: what its headline is about, and whose own actors the text presents.

ONTOLOGY rule 9: the place a headline is about (西安“短剧之都”的产业升级密码, 烟台,你“最上镜”!)
counts as the place of an organisation, base or event that the article presents as that place's
own and places nowhere else. The headline must name one place (or places written one inside
the other, of which the innermost counts). Left out: whatever another sentence already places,
whatever a name ties to another place or a wider one (深圳某公司 or 陕西某大学 in a story about
西安), national bodies (国家…,
中国…, 中共中央…), and the well-known organisations of the gazetteer (抖音, 腾讯), which belong to
no one story's place.
"""

from __future__ import annotations

import re

from mdkg.graph.ontology import Label, RelType
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.places import lies_in
from mdkg.ingest.extract.reader import Reader, Sentence
from mdkg.ingest.extract.resources import resources
from mdkg.ingest.extract.text import ORDINAL
from mdkg.ingest.extract.wording import NATIONAL
from mdkg.ingest.regions import gazetteer

_LOCAL = frozenset(
    {Label.FIRM, Label.BASE, Label.EVENT, Label.INSTITUTION, Label.ASSOCIATION, Label.GOVERNMENT}
)
_NATIONAL = re.compile(f"^{ORDINAL}?(?:{'|'.join(sorted(NATIONAL))}|国务院|China|National)")
_LEVEL_OFFICE = re.compile("^[省市区县]")
CONFIDENCE = 0.4


def topic_place(r: Reader) -> Mention | None:
    """The one place the headline names (the innermost of a chain); if it names none, the place
    the body names most, when it is named at least three times and more than all others together."""
    if not r.sentences or r.sentences[0].start != 0:
        return None
    if not any(r.label(m) is Label.REGION for m in r.sentences[0].mentions):
        return _dominant_place(r)
    places = [
        m
        for m in r.sentences[0].mentions
        if r.label(m) is Label.REGION and m.known and m.known.adcode and m.known.level
    ]
    codes = {m.known.adcode for m in places if m.known}
    inner = [m for m in places if m.known and not any(lies_in(c, {m.known.adcode}) for c in codes)]
    distinct = {m.entity for m in inner}
    return inner[0] if len(distinct) == 1 else None


def _dominant_place(r: Reader) -> Mention | None:
    counts: dict[int, int] = {}
    first: dict[int, Mention] = {}
    for m in r.mentions:
        if r.label(m) is Label.REGION and not m.anaphor and m.known is not None and m.known.level:
            counts[m.entity] = counts.get(m.entity, 0) + 1
            first.setdefault(m.entity, m)
    if not counts:
        return None
    top = max(counts, key=counts.__getitem__)
    rest = sum(counts.values()) - counts[top]
    return first[top] if counts[top] >= 3 and counts[top] > rest else None


def topic_places(r: Reader) -> None:
    """LOCATED_IN the topic place for each local actor the article places nowhere else."""
    place = topic_place(r)
    if place is None:
        return
    placed = {a for rel, a, _ in r.found if rel is RelType.LOCATED_IN}
    seen: set[int] = set()
    for m in r.mentions:
        e = r.entities[m.entity]
        if (
            m.entity in seen
            or m.entity in placed
            or m.anaphor
            or e.label not in _LOCAL
            or m.known is not None
        ):
            continue
        seen.add(m.entity)
        if _NATIONAL.match(e.name) or _named_elsewhere(e.name, place) or _NATIONAL.match(m.surface):
            continue
        if _LEVEL_OFFICE.match(e.name) or resources().gazetteer.match_at(e.name, 0):
            continue  # 市委宣传部 is placed by its level (rule 10); 芒果TV某工作室 is a known firm's
        sent = _beside_topic(r, m, place)
        if sent is not None:
            r.add(RelType.LOCATED_IN, m, place, sent, CONFIDENCE)


def _beside_topic(r: Reader, m: Mention, place: Mention) -> Sentence | None:
    """The first body sentence that names the entity with the topic place and no other place."""
    for sent in r.sentences[1:]:
        ents = {x.entity for x in sent.mentions}
        if m.entity not in ents or place.entity not in ents:
            continue
        others = {x.entity for x in sent.mentions if r.label(x) is Label.REGION} - {place.entity}
        if not others:
            return sent
    return None


def _named_elsewhere(name: str, place: Mention) -> bool:
    """Whether a name holds a place other than the topic place or one inside it (山东 in a story
    about 青岛 makes a provincial body, not the city's own)."""
    topic = place.known.adcode if place.known else ""
    for m in gazetteer().find(name):
        if not any(c == topic or lies_in(c, {topic}) for c in m.candidates):
            return True
    return False
