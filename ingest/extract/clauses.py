"""Relationships read from clause structures rather than one trigger word.

- the agent phrase 由甲(牵头,联合乙、丙)(共同)主办/建设/运营: 甲, 乙, 丙 act on the subject
  before 由 (大会由甲主办) or on the name after 的 (由甲主办的乙); two or more agents
  acting together are partners;
- the place phrase 位于/来自/地处 X 的 Y: Y sits in X;
- the nested place 陕西西咸新区沣东新城某基地: places written one after the other are
  one inside the other, and a name that follows them sits in the last.
"""

from __future__ import annotations

import re

from graph.ontology import RELATIONS, Label, RelType
from ingest.extract.mention import Mention
from ingest.extract.places import name_regions
from ingest.extract.reader import Reader, Sentence
from ingest.extract.resources import resources, trigger_at
from ingest.extract.text import SHIELD

_AGENT_TYPES = (RelType.HOSTED, RelType.OPERATES, RelType.ESTABLISHED, RelType.PRODUCED, RelType.ISSUED)
# what may stand between two agents of one 由 phrase
_AGENT_GAP = re.compile(
    r"^\s*(?:[(（][^()（）]{1,30}[)）])?\s*(?:、|和|及|以及|与|同|会同|,|，)?\s*"
    r"(?:牵头)?\s*[,，]?\s*(?:联合|会同|携手|协同)?\s*$"
)
_AGENT_VERB_GAP = re.compile(
    r"\s*(?:[(（][^()（）]{1,30}[)）])?\s*(?:牵头|共同|联合|联手|合力|携手|负责|于[^，,。由]{1,12}?)*\s*"
)
_PLACE_OF = re.compile(r"(?:位于|地处|来自|坐落于|落户(?:在|于)?|扎根)\s*$")
_ORGS = frozenset(
    {Label.FIRM, Label.GOVERNMENT, Label.INSTITUTION, Label.ASSOCIATION, Label.REGION, Label.BASE}
)


def _trigger_types(word: str) -> list[RelType]:
    res = resources()
    return [rel for rel, _ in res.triggers.get(word) or res.triggers.get(word.lower(), [])]


def by_agent(r: Reader, sent: Sentence) -> None:
    """大会由甲和乙共同主办 / 基地由甲牵头,联合乙、丙共同投资、建设和运营 / 由甲主办的乙."""
    for by in re.finditer("由", sent.text):
        at = sent.start + by.end()
        agents = _agents(r, sent, at)
        if not agents:
            continue
        verb_at = agents[-1].end + _gap_len(r, agents[-1].end)
        verb = trigger_at(r.text, verb_at)
        if verb is None:
            continue
        types = [t for t in _trigger_types(verb) if t in _AGENT_TYPES]
        if not types:
            continue
        patient = _patient(r, sent, at - 1, verb_at + len(verb))
        if patient is None:
            continue
        for agent in agents:
            rel = next((t for t in types if r.fits_rel(t, agent, patient)), None)
            if rel is None and RelType.OPERATES in types and r.label(agent) is Label.REGION:
                rel = RelType.ESTABLISHED
            if rel is not None:
                r.add(rel, agent, patient, sent, 0.75)
        for i, a in enumerate(agents):
            for b in agents[i + 1 :]:
                r.add(RelType.PARTNERS_WITH, a, b, sent, 0.55)


def _gap_len(r: Reader, pos: int) -> int:
    """Characters between the last agent and the verb: a bracket, 牵头, 共同, 于10月 …"""
    gap = _AGENT_VERB_GAP.match(r.text, pos, pos + 16)
    return gap.end() - pos if gap else 0


def _agents(r: Reader, sent: Sentence, at: int) -> list[Mention]:
    found: list[Mention] = []
    pos = at
    starts = {m.start for m in sent.mentions}
    for m in sent.mentions:
        if m.start < at:
            continue
        gap = r.text[pos : m.start]
        if found and not _AGENT_GAP.match(gap) or not found and len(gap.strip()) > 12:
            break
        if r.label(m) is Label.REGION and m.end in starts:
            pos = m.end  # 杭州市|临平区委宣传部: the place only qualifies the name after it
            continue
        if not r.fits(m, _ORGS) or r.qualifies(m):
            break
        found.append(m)
        pos = m.end
    return found


def _patient(r: Reader, sent: Sentence, by: int, verb_end: int) -> Mention | None:
    """The thing acted on: the name right after 的 (由甲主办的乙), else the subject before 由."""
    after = r.text[verb_end : verb_end + 3]
    if after.startswith("的"):
        return next((m for m in sent.mentions if verb_end < m.start <= verb_end + 3), None)
    before = [
        m for m in sent.mentions if m.end <= by and not SHIELD.fullmatch(r.text[m.start : m.end] or "-")
    ]
    return before[-1] if before and by - before[-1].end <= 80 else None


def place_of(r: Reader, sent: Sentence) -> None:
    """位于开福区的某产业园 / 来自钱塘的企业——某某: the thing after 的 sits in the place."""
    targets = RELATIONS[RelType.LOCATED_IN].targets
    sources = RELATIONS[RelType.LOCATED_IN].sources
    for i, place in enumerate(sent.mentions):
        if not r.fits(place, targets) or not _PLACE_OF.search(
            r.text[max(sent.start, place.start - 6) : place.start]
        ):
            continue
        place = r.innermost(sent, place)
        rest = r.text[place.end : place.end + 16]
        if not rest.startswith("的"):
            continue
        thing = next(
            (m for m in sent.mentions[i + 1 :] if m.start > place.end and m.start - place.end <= 16),
            None,
        )
        if (
            thing is not None
            and r.fits(thing, sources)
            and not re.search(r"[，,。；]", r.text[place.end : thing.start])
        ):
            r.add(RelType.LOCATED_IN, thing, place, sent, 0.7)


def nested_places(r: Reader, sent: Sentence) -> None:
    """陕西西咸新区沣东新城某基地: each place inside the one before; the name after sits in the last."""
    ms = sent.mentions
    for a, b in zip(ms, ms[1:], strict=False):
        if b.start != a.end or r.label(a) is not Label.REGION:
            continue
        if r.label(b) is Label.REGION:
            r.add(RelType.PART_OF, b, a, sent, 0.6)
        elif r.fits(b, RELATIONS[RelType.LOCATED_IN].sources) and not name_regions(b.surface):
            r.add(RelType.LOCATED_IN, b, a, sent, 0.6)
