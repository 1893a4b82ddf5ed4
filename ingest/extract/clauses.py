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

from mdkg.graph.ontology import RELATIONS, Label, RelType
from mdkg.ingest.extract.agency import object_after
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.places import bracket_region, lies_in, name_regions
from mdkg.ingest.extract.reader import COORD, Reader, Sentence
from mdkg.ingest.extract.resources import find_triggers, resources, trigger_at
from mdkg.ingest.extract.text import SHIELD

_AGENT_TYPES = (RelType.HOSTED, RelType.OPERATES, RelType.ESTABLISHED, RelType.PRODUCED, RelType.ISSUED)
# what may stand between two agents of one 由 phrase
_AGENT_GAP = re.compile(
    r"^\s*(?:[(（][^()（）]{1,30}[)）])?\s*(?:、|和|及|以及|与|同|会同|,|，)?\s*"
    r"(?:牵头)?\s*[,，]?\s*(?:联合|会同|携手|协同)?\s*$"
)
_AGENT_VERB_GAP = re.compile(
    r"\s*(?:[(（][^()（）]{1,30}[)）])?\s*(?:牵头|共同|联合|联手|合力|携手|负责|于[^，,。由]{1,12}?)*\s*"
)
# 三方合力, 双方共同, 多方联合: the agents of a 由 phrase act as one party
_JOINT = re.compile(
    r"\s*(?:[两双三四五六七八九十多\d]方|各方)\s*(?:共同|合力|联合|联手|携手|协力)?"
    r"|\s*(?:共同|合力|联合|联手|携手|协力)(?=[，,])"
)
_JOINT_REACH = 60
_BUILT = frozenset({Label.BASE, Label.ASSOCIATION, Label.INSTITUTION, Label.FUND, Label.EVENT})
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
        patient: Mention | None = None
        if verb is None and len(agents) > 1:
            # 由甲、乙、丙三方合力，整合…，打造某基地: a joint agent whose verb comes later
            later = _joint_verb(r, sent, agents[-1].end)
            if later is None:
                continue
            verb_at, verb, patient = later
        if verb is None:
            continue
        types = [t for t in _trigger_types(verb) if t in _AGENT_TYPES]
        if not types and verb not in _BUILT_TOGETHER:
            continue
        if patient is None:
            patient = _patient(r, sent, at - 1, verb_at + len(verb))
        if patient is None:
            continue
        if not types:  # 由甲与乙共建的某学院: building a school or a body together founds it
            if r.label(patient) is Label.BASE:
                continue  # a base built together: `co_built` says who sets it up and who runs it
            types = [RelType.ESTABLISHED]
            founded = [
                m
                for m in sent.mentions
                if m is not patient
                and patient.start <= m.start
                and m.end < patient.end
                and not r.fits(m, _MEETINGS)
            ]
            patient = founded[0] if r.fits(patient, _MEETINGS) and founded else patient  # 某学院|成立大会
        for agent in agents:
            rel = next((t for t in types if r.fits_rel(t, agent, patient)), None)
            if rel is None and RelType.OPERATES in types and r.label(agent) is Label.REGION:
                rel = RelType.ESTABLISHED
            if rel is not None:
                r.add(rel, agent, patient, sent, 0.75)
        if RelType.HOSTED in types and not _TOGETHER.search(r.text, agents[0].start, verb_at + len(verb)):
            continue  # 由甲、乙主办: co-hosts are no partners unless the text says they act together
        for i, a in enumerate(agents):
            for b in agents[i + 1 :]:
                r.add(RelType.PARTNERS_WITH, a, b, sent, 0.55)


_BUILT_TOGETHER = frozenset({"共建", "合作共建"})
_MEETINGS = frozenset({Label.EVENT})
_TOGETHER = re.compile("共同|联合|携手|合作|双方|三方|多方|jointly|together")


def _joint_verb(r: Reader, sent: Sentence, pos: int) -> tuple[int, str, Mention] | None:
    """三方合力，整合资源，打造某基地: after a count of parties (三方, 双方) or a word of acting
    together (合力, 共同), the first verb of building or founding in the sentence whose object is
    a base or a founded thing."""
    joint = _JOINT.match(r.text, pos, sent.end)
    if joint is None:
        return None
    for at, word in find_triggers(r.text, joint.end(), min(sent.end, joint.end() + _JOINT_REACH)):
        if not any(t in (RelType.OPERATES, RelType.ESTABLISHED) for t in _trigger_types(word)):
            continue
        obj = object_after(r, sent, at + len(word), _BUILT)
        if obj is not None:
            return at, word, obj
    return None


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
    """位于开福区的某产业园 / 来自钱塘的企业——某某: the thing after 的 sits in the place; so does a
    name written right after a place and 的 (坪山区的某产业园)."""
    targets = RELATIONS[RelType.LOCATED_IN].targets
    sources = RELATIONS[RelType.LOCATED_IN].sources
    for i, place in enumerate(sent.mentions):
        if not r.fits(place, targets):
            continue
        verb = _PLACE_OF.search(r.text[max(sent.start, place.start - 6) : place.start])
        place = r.innermost(sent, place)
        if not r.text.startswith("的", place.end):
            continue
        thing = next(
            (m for m in sent.mentions[i + 1 :] if m.start > place.end and m.start - place.end <= 16),
            None,
        )
        if (
            thing is None
            or not r.fits(thing, sources)
            or re.search(r"[，,。；]", r.text[place.end : thing.start])
        ):
            continue
        if verb:
            r.add(RelType.LOCATED_IN, thing, place, sent, 0.7)
        elif thing.start == place.end + 1 and r.label(place) is Label.REGION and not thing.anaphor:
            r.add(RelType.LOCATED_IN, thing, place, sent, 0.55)


def nested_places(r: Reader, sent: Sentence) -> None:
    """陕西西咸新区沣东新城某基地: each place inside the one before; the name after sits in the last."""
    ms = sent.mentions
    for i, (a, b) in enumerate(zip(ms, ms[1:], strict=False)):
        if b.start != a.end or r.label(a) is not Label.REGION:
            continue
        if r.label(b) is Label.REGION:
            if _coded(a) and _coded(b):
                continue  # the gazetteer's hierarchy links them, to the nearest level the text names
            for item in [b, *_listed_after(r, ms[i + 2 :], b)]:
                r.add(RelType.PART_OF, item, a, sent, 0.6)  # 相城区冯梦龙村、消泾村: each in 相城区
        elif r.fits(b, RELATIONS[RelType.LOCATED_IN].sources) and not name_regions(b.surface):
            r.add(RelType.LOCATED_IN, b, a, sent, 0.6)


def _coded(m: Mention) -> bool:
    return m.known is not None and bool(m.known.adcode)


def _listed_after(r: Reader, rest: list[Mention], first: Mention) -> list[Mention]:
    """The places without a code listed with 、 right after `first` (冯梦龙村、消泾村、迎湖村)."""
    items, prev = [], first
    for m in rest:
        if r.text[prev.end : m.start] != "、" or r.label(m) is not Label.REGION or _coded(m):
            break
        items.append(m)
        prev = m
    return items


# the mark of a list of examples: 以甲、乙为代表的企业, 甲、乙等企业, 企业如甲、乙 / enterprises like A, B
# and C, resources such as A and B
_EXAMPLES_BEFORE = re.compile(
    r"(?:以|(?:企业|公司|机构|平台|龙头)(?:如|包括|有)|涌现出?了?|集聚了?|聚集了?|培育了?)\s*$"
    r"|(?:enterprises|companies|firms|studios|players|producers|businesses|resources|platforms)"
    r"\s+(?:such\s+as|like|including)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_EXAMPLES_AFTER = re.compile(r"^\s*(?:为代表的|等)[^，,。；;]{0,12}?(?:企业|公司|机构|平台)")
# where a sentence says its topic is the industry of a place: 在X, X(的)微短剧产业, the industry in X,
# X's industry
_INDUSTRY_OF = re.compile(
    r"^(?:的)?[^，,。；;的]{0,6}?(?:产业|行业)|^'s\b[^,.;]{0,30}?\bindustry", re.IGNORECASE
)
_IN_PLACE = re.compile(r"(?:在|于|\bin\s+(?:the\s+)?)$", re.IGNORECASE)
_EXAMPLE_FIRMS = frozenset({Label.FIRM})
_EXAMPLE_WORDS = re.compile(r"为代表|等|如|包括|有|涌现|集聚|聚集|培育|such as|like|including")


def examples_of_place(r: Reader, sent: Sentence) -> None:
    """在X，涌现出以甲、乙为代表的一批企业 / the industry in X … enterprises like A, B and C: the firms
    given as examples of a place's industry sit in the place the sentence is about."""
    if not _EXAMPLE_WORDS.search(sent.text):
        return
    ms = sent.mentions
    for i, first in enumerate(ms):
        if not r.fits(first, _EXAMPLE_FIRMS):
            continue
        if i and ms[i - 1].end > sent.start and r.fits(ms[i - 1], _EXAMPLE_FIRMS):
            if COORD.match(r.text[ms[i - 1].end : first.start]):
                continue  # not the first of its list
        group = r.coordinated(sent, first)
        before = _EXAMPLES_BEFORE.search(r.text, max(sent.start, first.start - 40), first.start)
        if before is None and not _EXAMPLES_AFTER.match(r.text[group[-1].end : group[-1].end + 20]):
            continue
        place = _topic_place(r, sent, first.start)
        if place is None:
            continue
        for m in group:
            if _may_sit_in(m, place):
                r.add(RelType.LOCATED_IN, m, place, sent, 0.5)


def _may_sit_in(firm: Mention, place: Mention) -> bool:
    """A firm named after a place (杭州某公司) sits only in a place inside it (滨江区)."""
    named = [k.adcode for k, _ in name_regions(firm.surface)]
    if not named:
        return bracket_region(firm.surface) is None
    code = place.known.adcode if place.known is not None else ""
    return bool(code) and lies_in(code, set(named))


def _topic_place(r: Reader, sent: Sentence, pos: int) -> Mention | None:
    """The one place the sentence is about, named before `pos`: after 在/in, before 产业/industry,
    or opening the sentence."""
    found: dict[int, Mention] = {}
    for k, m in enumerate(sent.mentions):
        if m.end > pos or r.label(m) is not Label.REGION:
            continue
        m = r.innermost(sent, m)
        opens = k == 0 and not r.text[sent.start : m.start].strip()
        if opens or _IN_PLACE.search(r.text, max(0, m.start - 7), m.start):
            found[m.entity] = m
        elif _INDUSTRY_OF.match(r.text[m.end : m.end + 40]):
            found[m.entity] = m
    return next(iter(found.values())) if len(found) == 1 else None


_AS_FIRM_OF = re.compile(r"(?:的)?[^，,。；;]{0,12}?(?:企业|公司|平台|机构)[，,]\s*")


def as_firm_of_place(r: Reader, sent: Sentence) -> None:
    """作为X微短剧行业的龙头企业，甲…: 甲 sits in X."""
    ms = sent.mentions
    for i, place in enumerate(ms[:-1]):
        if r.label(place) is not Label.REGION or not r.text.endswith("作为", 0, place.start):
            continue
        place = r.innermost(sent, place)
        rest = _AS_FIRM_OF.match(r.text, place.end, sent.end)
        firm = next((m for m in ms[i + 1 :] if m.start >= place.end), None)
        if rest is not None and firm is not None and firm.start == rest.end() and _may_sit_in(firm, place):
            if r.fits(firm, _EXAMPLE_FIRMS):
                r.add(RelType.LOCATED_IN, firm, place, sent, 0.55)


# 坪山区内企业甲, 盐官本土企业甲, 青岛的龙头企业甲: a place, then a kind of organisation, then its name
_KIND_OF_PLACE = re.compile(
    r"(?:内|本土|本地|当地|辖区内?)?的?(?:[^，,。；;、“”《》\s]{0,8}?)(?:企业|公司|机构|平台|单位|工作室)"
)
# 甲是坪山区一家企业, 甲为青岛首家…基地: a name, a copula, a place, then what kind of thing it is
_COPULA = re.compile(r"^(?:是|为|系)(?:一家)?(?:位于)?$")
_KIND_AFTER = re.compile(
    r"(?:内|本土|本地|当地)?的?(?:一家|一个|一所|首家|唯一一家|第一家)?[^，,。；;“”《》]{0,10}?"
    r"(?:企业|公司|机构|平台|基地|园区|学校|大学|学院|协会)"
)
_PLACED_KINDS = frozenset({Label.FIRM, Label.INSTITUTION, Label.BASE, Label.ASSOCIATION})


def kind_of_place(r: Reader, sent: Sentence) -> None:
    """坪山区内企业甲 / 甲是坪山区一家企业: 甲 sits in 坪山区 (ONTOLOGY rule 9: classifier and
    copula phrases)."""
    ms = sent.mentions
    for i, place in enumerate(ms):
        if r.label(place) is not Label.REGION or place.anaphor:
            continue
        place = r.innermost(sent, place)
        nxt = next((m for m in ms[i + 1 :] if m.start >= place.end and m.entity != place.entity), None)
        if (
            nxt is not None
            and r.label(nxt) in _PLACED_KINDS
            and _KIND_OF_PLACE.fullmatch(r.text, place.end, nxt.start)
        ):
            r.add(RelType.LOCATED_IN, nxt, place, sent, 0.6)
        prev = next((m for m in reversed(ms[:i]) if m.end <= place.start), None)
        if (
            prev is not None
            and r.label(prev) in _PLACED_KINDS
            and _COPULA.match(r.text[prev.end : place.start])
            and _KIND_AFTER.match(r.text, place.end, sent.end)
        ):
            r.add(RelType.LOCATED_IN, prev, place, sent, 0.6)


# 入驻某基地的企业包括甲、乙 / 某基地已吸引甲、乙等企业入驻: firms listed as those that settled in a base
_SETTLED_LIST = re.compile(r"^的?(?:首批)?(?:企业|公司|机构|项目|单位)?(?:包括|有|为|涵盖)[:：]?$")
_ATTRACTED = re.compile(r"(?:已|累计|先后|共)?(?:吸引|引进|引入|集聚|聚集)了?$")
_SETTLE_AFTER = re.compile(r"等?[^，,。；;]{0,8}?(?:入驻|落户|进驻)")
_SETTLED_THEN_LISTED = re.compile(r"(?:入驻|落户|进驻)[^，,。；;]{0,4}[，,：:]\s*(?:包括|有|如|涵盖)[:：]?$")
_SETTLERS = frozenset({Label.FIRM, Label.INSTITUTION, Label.ASSOCIATION})
_HOSTS = frozenset({Label.BASE, Label.REGION})


def settled_in(r: Reader, sent: Sentence) -> None:
    """入驻某基地的企业包括甲、乙 / 某基地吸引甲、乙等企业入驻: each listed firm sits in the base."""
    ms = sent.mentions
    for i, host in enumerate(ms):
        if r.label(host) not in _HOSTS or i + 1 >= len(ms):
            continue
        first = ms[i + 1]
        if not r.fits(first, _SETTLERS):
            continue
        between = r.text[host.end : first.start]
        listed = r.coordinated(sent, first)
        if _SETTLED_LIST.search(between) and r.text[max(0, host.start - 4) : host.start].endswith(
            ("入驻", "落户", "进驻")
        ):
            pass  # 入驻某基地的企业包括…
        elif _ATTRACTED.search(between) and _SETTLE_AFTER.match(r.text, listed[-1].end, sent.end):
            pass  # 某基地已吸引…等企业入驻
        elif _SETTLED_THEN_LISTED.search(between):
            pass  # 某产业园开园，首批20家企业入驻，包括…
        else:
            continue
        for firm in listed:
            r.add(RelType.LOCATED_IN, firm, host, sent, 0.6)
