"""Relationships read from trigger words and sentence patterns."""

from __future__ import annotations

import re

from mdkg.graph.ontology import RELATIONS, Label, RelType
from mdkg.ingest.extract.agency import established, hosted, object_after
from mdkg.ingest.extract.clauses import (
    as_firm_of_place,
    by_agent,
    examples_of_place,
    kind_of_place,
    nested_places,
    place_of,
    settled_in,
)
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.parties import listed_parties, party_roles, role_chain
from mdkg.ingest.extract.passives import based, opened_in, passive_agents
from mdkg.ingest.extract.reader import COORD, LIST_COORD, Reader, Sentence
from mdkg.ingest.extract.resources import find_triggers, resources
from mdkg.ingest.extract.support import selections, supports
from mdkg.ingest.extract.text import CLAUSE_SEP, SHIELD
from mdkg.ingest.extract.topic import inherited, subjectless

# Jiuzhou Culture, the Qiantang-based studio behind …, was elected: an apposition between a
# member and its role
_APPOSITION = re.compile(r",\s+(?:the|a|an)\s[^,]{1,80},\s*$")
_ROLE_LIST_AFTER = re.compile(r"^\s*(?:[:：]|包括|有|为|是|are|include)")
_PARTY_SIDE = re.compile(r"(?:与|和|同|跟|with|and)\s?$")
_MANY_PARTIES = re.compile(r"(?:三方|双方|多方|共同|联合|携手|together|jointly|collaboration|partnership)")
_AGENT_VERBS = frozenset({RelType.ISSUED, RelType.OPERATES})
_HAPPENS_IN = re.compile(r"^(?:正式|隆重|盛大|顺利)?(?:举行|举办|召开|成立|开幕|揭牌|启动|落地|开业|落户)")

_ROLE_HINT = re.compile(r"单位|unit|member", re.IGNORECASE)


def triggers(r: Reader, sent: Sentence) -> None:
    res = resources()
    shielded = [(m.start(), m.end()) for m in SHIELD.finditer(sent.text)]
    for at, word in find_triggers(sent.text):
        if any(a < at < b for a, b in shielded):
            continue
        pos, end = sent.start + at, sent.start + at + len(word)
        for rel, order in res.triggers.get(word) or res.triggers[word.lower()]:
            if rel is RelType.SUPPORTS:
                continue  # read by `supports`
            if rel is RelType.PARTNERS_WITH:
                partners(r, sent, pos, end)
                if word in _CO_BUILD or _BUILD_AFTER.match(r.text, end):
                    co_built(r, sent, pos, end)
            elif rel is RelType.ESTABLISHED:
                established(r, sent, pos, end)
            elif rel is RelType.HOSTED:
                hosted(r, sent, pos, end)
            else:
                directed(r, sent, rel, order, pos, end)


def directed(r: Reader, sent: Sentence, rel: RelType, order: str, pos: int, end: int) -> None:
    spec = RELATIONS[rel]
    # a place that builds a base (某区建设某基地) sets it up: the type follows the agent's label
    sources = spec.sources | {Label.REGION} if rel is RelType.OPERATES else spec.sources
    if order == "th":
        tail, head = r.before(sent, pos, spec.targets, 30), r.after(sent, end, sources, 20)
    elif order == "ht":
        head, tail = (
            r.before(sent, pos, sources, agent=True),
            r.after(sent, end, spec.targets, clause=True),
        )
    else:
        head = r.before(sent, pos, sources, agent=True) or r.after(sent, end, sources, 30, clause=True)
        tail = r.after(sent, end, spec.targets) or r.before(sent, pos, spec.targets, 80)
    if rel is RelType.OPERATES and head is not None and r.label(head) is Label.REGION:
        rel = RelType.ESTABLISHED
    if rel is RelType.SUBSIDIARY_OF and tail is None and head is not None:
        tail = r.before(sent, pos, frozenset({Label.FIRM}), 30)
    if rel is RelType.SUBSIDIARY_OF and head is None and tail is not None:
        head = _subsidiary_subject(r, sent, tail)
    confidence = 0.6
    if head is None and rel in _AGENT_VERBS and subjectless(r, sent, pos):
        # 会上发布了《某措施》: the verb acts through the subject of the sentences before
        tail = object_after(r, sent, end, spec.targets)
        head, confidence = inherited(r, sent), 0.4
    if head is None or tail is None:
        return
    # 甲旗下乙与丙旗下丁: 与 joins two clauses, so subsidiaries are listed only with 、 or 及
    joiners = LIST_COORD if rel is RelType.SUBSIDIARY_OF else COORD
    # 发布“某某”创作计划: a programme that is published is issued; one launched (推出) is set up
    stated = rel is RelType.ISSUED and r.text[pos:end].lower() not in _LAUNCHING
    heads = r.coordinated(sent, head, joiners) if head in sent.mentions else [head]
    tails = r.coordinated(sent, tail, joiners)
    if len(heads) == len(tails) > 1 and "分别" in r.text[max(sent.start, pos - 4) : pos]:
        for h, t in zip(heads, tails, strict=True):  # 甲、乙分别位于丙和丁: pair by pair
            r.add(rel, h, t, sent, confidence, as_stated=stated)
        return
    for h in heads:
        for t in tails:
            r.add(rel, h, t, sent, confidence, as_stated=stated)


_LAUNCHING = frozenset({"推出", "launched", "launches", "unveiled"})
_COPULA = re.compile(r"\s*(?:是|为|系|作为)\s*")
_FIRMS = frozenset({Label.FIRM})


def _subsidiary_subject(r: Reader, sent: Sentence, parent: Mention) -> Mention | None:
    """甲是乙的全资子公司 / 甲为乙旗下企业: the subsidiary is the subject, the parent after the copula."""
    subj = r.before(sent, parent.start, _FIRMS, 4)
    if subj is None or not _COPULA.fullmatch(r.text, subj.end, parent.start):
        return None
    return subj


_PARTIES = frozenset(Label) - {Label.WORK, Label.POLICY, Label.REPORT, Label.FUND}


def partners(r: Reader, sent: Sentence, pos: int, end: int) -> None:
    everyone = _PARTIES
    right_end = r.before(sent, pos, everyone, 40)
    if right_end is not None and r.label(right_end) is Label.BASE and pos - right_end.end <= 1:
        # 甲与乙举行某基地合作签约: a base right before the word is what they cooperate on
        right_end = r.before(sent, right_end.start, everyone, 30) or right_end
    if right_end is not None:
        right = r.coordinated(sent, right_end, LIST_COORD, everyone)
        left_end = r.before(sent, right[0].start, everyone, 30)
        if left_end is not None and _PARTY_SIDE.search(r.text[left_end.end : right[0].start]):
            pair_all(r, sent, r.coordinated(sent, left_end, LIST_COORD), right, within_right=True)
            return
        if _MANY_PARTIES.search(r.text[right[-1].end : pos]) and len(right) > 1:
            pair_all(r, sent, right, right, within_right=True)
            return
    reach = 60 if r.english else 30  # signed a strategic cooperation agreement with X
    head, tail = r.before(sent, pos, everyone), r.after(sent, end, everyone, reach, clause=True)
    if head is not None and tail is not None:
        pair_all(r, sent, r.coordinated(sent, head), r.coordinated(sent, tail))


_CO_BUILD = frozenset({"共建", "合作共建"})
_BUILD_AFTER = re.compile(r"(?:签约)?(?:共同|联合)?(?:打造|建设|共建|投建)")  # 携手打造, 签约共建
_BUILDERS = frozenset({Label.REGION, Label.GOVERNMENT, Label.FIRM, Label.INSTITUTION})


def co_built(r: Reader, sent: Sentence, pos: int, end: int) -> None:
    """甲与乙签约共建某基地: the parties build the base together; a place or government that builds
    one sets it up (ESTABLISHED), a firm or school runs it (OPERATES)."""
    base = r.after(sent, end, frozenset({Label.BASE}), 12)
    last = r.before(sent, pos, _BUILDERS, 40)
    if base is None or last is None:
        return
    parties = r.coordinated(sent, last)
    first = r.before(sent, parties[0].start, _BUILDERS, 30)
    if first is not None and _PARTY_SIDE.search(r.text[first.end : parties[0].start]):
        parties = r.coordinated(sent, first) + parties
    for party in parties:
        builds = r.label(party) in (Label.REGION, Label.GOVERNMENT)
        r.add(RelType.ESTABLISHED if builds else RelType.OPERATES, party, base, sent, 0.6)


def pair_all(
    r: Reader, sent: Sentence, left: list[Mention], right: list[Mention], within_right: bool = False
) -> None:
    for a in left:
        for b in right:
            r.add(RelType.PARTNERS_WITH, a, b, sent, 0.6)
    if within_right:
        for i, a in enumerate(right):
            for b in right[i + 1 :]:
                r.add(RelType.PARTNERS_WITH, a, b, sent, 0.5)


def roles(r: Reader, sent: Sentence) -> None:
    """…担任会长单位 / 副会长单位包括甲、乙 / with 甲 as the president unit."""
    if not _ROLE_HINT.search(sent.text):  # every role term says 单位, unit or member
        return
    res, spec = resources(), RELATIONS[RelType.MEMBER_OF]
    last = sent.start
    for rm in res.role_re.finditer(sent.text):
        pos, end = sent.start + rm.start(), sent.start + rm.end()
        role = res.roles.get(rm.group(0)) or res.roles[rm.group(0).lower()]
        assoc = association_for(r, sent, pos)
        if _ROLE_LIST_AFTER.match(r.text[end : sent.end]):
            stop = next(
                (
                    sent.start + x.start()
                    for x in res.role_re.finditer(sent.text)
                    if sent.start + x.start() > end
                ),
                sent.end,
            )
            members = [m for m in sent.mentions if end <= m.start < stop and r.fits(m, spec.sources)]
        else:
            clause = max(
                last,
                *(
                    sent.start + c.end()
                    for c in CLAUSE_SEP.finditer(sent.text)
                    if sent.start + c.end() <= pos
                ),
                sent.start,
            )
            if r.english and (appos := _APPOSITION.search(r.text, sent.start, clause)) is not None:
                clause = max(sent.start, r.text.rfind(",", sent.start, appos.start()) + 1)
            members = [
                m for m in sent.mentions if clause <= m.start and m.end <= pos and r.fits(m, spec.sources)
            ]
        last = end
        if assoc is not None:
            for m in members:
                r.add(RelType.MEMBER_OF, m, assoc, sent, 0.8, {"role": role})


def association_for(r: Reader, sent: Sentence, pos: int) -> Mention | None:
    assoc = [m for m in sent.mentions if r.entities[m.entity].label is Label.ASSOCIATION]
    if assoc:
        return min(assoc, key=lambda m: abs(m.start - pos))
    earlier = [m for m in r.mentions if m.end <= sent.start and m.label is Label.ASSOCIATION]
    return earlier[-1] if earlier else None


_HOLDS = re.compile("举行|举办|召开")
_EVENTS = frozenset({Label.EVENT})


def happens_in(r: Reader, sent: Sentence) -> None:
    """甲在乙举行/成立/落户: 甲 LOCATED_IN 乙 (乙 a region or base)."""
    spec = RELATIONS[RelType.LOCATED_IN]
    for place in sent.mentions:
        if not r.fits(place, spec.targets) or not re.search(r"(?:在|于)$", r.text[: place.start]):
            continue
        inner = _base_inside(r, sent, r.innermost(sent, place))
        rest = r.text[inner.end : sent.end]
        verb = _HAPPENS_IN.search(rest) or re.match(r"^[^，,。]{0,6}?(?:举行|举办|召开|成立|开幕)", rest)
        if verb is None:
            continue
        thing = r.before(sent, place.start - 1, spec.sources, 30)
        held = r.after(sent, inner.end + verb.end(), _EVENTS, 30)
        if thing is None or held is not None and _HOLDS.search(verb.group()) and not r.fits(thing, _EVENTS):
            thing = held  # 甲在某地召开某会: the meeting is there; 甲 only holds it
        things = r.coordinated(sent, thing) if thing is not None else []
        if thing is not None:  # 某协会成立大会在某地召开: the meeting and the body it founds
            things += [
                m for m in sent.mentions if m.start == thing.start and thing.end < m.end <= place.start
            ]
        for each in things:
            r.add(RelType.LOCATED_IN, each, inner, sent, 0.6)  # 甲、乙在某地揭牌: each of them


def _base_inside(r: Reader, sent: Sentence, place: Mention) -> Mention:
    """在深圳前海|某数字小镇揭牌: a base written right after a place is the more specific place."""
    nxt = next((m for m in sent.mentions if m.start == place.end), None)
    return nxt if nxt is not None and r.label(nxt) is Label.BASE and r.label(place) is Label.REGION else place


def publisher_before_title(r: Reader, sent: Sentence) -> None:
    """甲《报告》, 国家广电总局“某某”创作计划, CNSA's "… Report": a publisher named right before a
    report, policy or programme title (or its quoted name) issued it."""
    ms = sent.mentions
    for a, b in zip(ms, ms[1:], strict=False):
        gap = r.text[a.end : b.start]
        if (not gap and r.text[b.start] in '《“"') or _GENITIVE.fullmatch(gap):
            r.add(RelType.ISSUED, a, b, sent, 0.5, as_stated=True)


_GENITIVE = re.compile(r"(?:'s|’s)\s*[“\"]?")


def read_sentence(r: Reader, sent: Sentence) -> None:
    """Every sentence pattern on one sentence."""
    triggers(r, sent)
    roles(r, sent)
    party_roles(r, sent)
    listed_parties(r, sent)
    role_chain(r, sent)
    happens_in(r, sent)
    publisher_before_title(r, sent)
    by_agent(r, sent)
    place_of(r, sent)
    nested_places(r, sent)
    examples_of_place(r, sent)
    as_firm_of_place(r, sent)
    kind_of_place(r, sent)
    settled_in(r, sent)
    supports(r, sent)
    selections(r, sent)
    if r.english:
        passive_agents(r, sent)
        based(r, sent)
        opened_in(r, sent)


def office_issuers(r: Reader) -> None:
    """东阳出台新十条 (title) … 东阳市委宣传部印发《…》 (body): when the body names the office that
    issued a policy, the place of the headline is only where it was issued."""
    title_end = r.sentences[0].end if r.sentences else 0
    by_office = {
        tail
        for (rel, head, tail) in r.found
        if rel is RelType.ISSUED
        and r.entities[head].label is Label.GOVERNMENT
        and r.found[(rel, head, tail)].evidence.start >= title_end
    }
    for key in [k for k in r.found if k[0] is RelType.ISSUED and k[2] in by_office]:
        if r.entities[key[1]].label is Label.REGION and r.found[key].evidence.end <= title_end:
            del r.found[key]
