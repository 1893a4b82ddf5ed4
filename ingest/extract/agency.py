"""ESTABLISHED and HOSTED read from the clause of their verb, not from the nearest names around it.

The founded thing is the object of the verb, named right after it (成立了某联盟, 设立总规模
2亿元的某基金, X牵头成立的某研究院, launched the X Fund) and of a kind one founds; the founder
is the agent of the same clause: the name before the verb with nothing but adverbs, time and
place phrases or co-founders between (甲与乙联合发起成立, 甲近日在某地成立). A clause without
its own subject (甲与乙签约，共同成立丙) takes the subject that opens the sentence, with lower
confidence. A founded thing written before the verb (某联盟成立, 某基地揭牌) has no founder in the
clause unless a 由 phrase names one (`clauses.by_agent`), so nothing is read here.

An event is hosted by the agent of 主办/承办/举办/召开 (or hosted, organised): the event is the
verb's object (甲主办的某大会, 甲主办、乙承办的某大会, 甲举办了某论坛) or the subject that opens
the sentence (某论坛由甲主办，乙承办: 乙 hosts it too). 指导 (guidance) hosts nothing.
"""

from __future__ import annotations

import re

from mdkg.graph.ontology import Label, RelType
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.reader import Reader, Sentence
from mdkg.ingest.extract.text import CLAUSE_SEP, SHIELD
from mdkg.ingest.extract.topic import inherited, subjectless

_FOUNDABLE = frozenset(
    {Label.ASSOCIATION, Label.INSTITUTION, Label.FUND, Label.BASE, Label.EVENT, Label.POLICY}
)
# verbs that found a company too (启动 or 揭牌 a company is no founding)
_FIRM_VERBS = re.compile(
    r"^(?:牵头|发起)?(?:成立|设立|创立|创办|组建|注册|founded|established|set up|sets up)"
)
_AGENTS = frozenset(
    {Label.FIRM, Label.GOVERNMENT, Label.INSTITUTION, Label.ASSOCIATION, Label.REGION, Label.BASE}
)
# between the verb and its object: 了, a count or rank (全国首个), a modifier ending in 的
_OBJECT_GAP = re.compile(
    r"(?:了|起)?\s*(?:[^，,。；;：:、《》“”]{0,24}的|[^，,。；;：:、《》“”—]{2,30}—{1,2}"  # 基金产品—某某基金
    r"|(?:全国|全省|全市|国内|省内|市内|区内|行业|业内)?"
    r"(?:首个|首家|首支|首批|第一个|一个|一家|一支|一批|新的?))?\s*"
    r"|(?:\s+(?:two|three|four|five|several|\d+)(?:\s+[a-z-]+){1,3}\s*:)?"  # unveiled two platforms: the X
    r"(?:\s+(?:the|a|an|its|their|new|first|city's|district's))*\s+[“\"]?",
    re.IGNORECASE,
)
# between the agent and the verb: adverbs, time and place phrases, 牵头, 联合, 宣布 …
_AGENT_GAP = re.compile(
    r"(?:[(（][^()（）]{1,30}[)）]|正式|日前|近日|近期|今年|去年|今天|今日|当天|当日|昨日|同日|同时|也|还|已|已经|"
    r"亦|将|并|再|又|率先|每年|统筹|出资|宣布|宣告|决定|计划|拟|联合|共同|携手|牵头|发起|顺利|隆重|专门|先后|同步|分别|"
    r"(?:等|[两三四五六七八九十]大|\d+家)(?:头部|知名|重点|主流|网络|视频)*(?:平台|企业|公司|机构|高校|单位)|"
    r"于[^，,。；;、]{1,14}?|在[^，,。；;、]{1,14}?|\d{1,4}年|\d{1,2}月\d{0,2}日?|"
    r",?\s+(?:has|have|had|also|officially|jointly|recently|formally|today|yesterday"
    r"|on\s+\w+|in\s+\w+|last\s+\w+|this\s+\w+))*\s*",
    re.IGNORECASE,
)
# what joins co-founders: 甲与乙, 甲、乙和丙, 甲联合乙
_CO = re.compile(
    r"\s*(?:[(（][^()（）]{1,30}[)）])?\s*(?:、|和|及|以及|与|同|会同|联合|携手|,\s|,?\s+and\s"
    r"|,?\s+(?:together|along|jointly|in collaboration|in partnership|in cooperation)\s+with\s+"
    r"(?:the\s+)?)\s*,?"
)
_LEAD = re.compile(r"(?:[\d年月日号，,、\s]|此次|本次|本届|此外|同时|近日|日前|当天)*")
_MANY = re.compile(r"(?:共同|联合|携手|together|jointly)")
# a clause with no subject of its own: only adverbs before the verb (共同成立, 并设立)
_BARE_CLAUSE = re.compile(
    r"\s*(?:参与|共同|联合|并|还|同时|将|也|正式|随后|此外|另外|宣布|决定|计划|携手|合作)*\s*"
)


def established(r: Reader, sent: Sentence, pos: int, end: int) -> None:
    """甲(与乙)(联合)成立(了)丙: 丙 is the object of the verb, 甲 (and 乙) its agents."""
    if any(m.start < pos < m.end for m in sent.mentions if not m.anaphor):
        return  # the verb is part of a name (某协会成立大会)
    verb = r.text[pos:end]
    tail = _object(r, sent, end, firm_ok=bool(_FIRM_VERBS.match(r.text, pos, pos + 6)))
    if tail is None:
        return
    heads, confidence = _agents(r, sent, pos), 0.7
    if not heads:
        heads, confidence = _sentence_subject(r, sent, pos), 0.5
    if not heads and subjectless(r, sent, pos) and (topic := inherited(r, sent)) is not None:
        heads, confidence = [topic], 0.4
    # launching an event is holding it (launched the Nanhu Short Drama Awards, 启动某大赛)
    hosts = r.label(tail) is Label.EVENT and verb.lower().startswith(("launch", "启动"))
    rel = RelType.HOSTED if hosts else RelType.ESTABLISHED
    for t in _objects(r, sent, tail, firm_ok=bool(_FIRM_VERBS.match(r.text, pos, pos + 6))):
        for h in heads:
            r.add(rel, h, t, sent, confidence)
    if len(heads) > 1 and _MANY.search(r.text[heads[0].start : pos]):
        for i, a in enumerate(heads):
            for b in heads[i + 1 :]:
                r.add(RelType.PARTNERS_WITH, a, b, sent, 0.5)


_HOSTING = re.compile(r"(?:联合|共同)?(?:主办|承办|举办)")
_NEXT_HOST = re.compile(r"\s*[、，,]\s*")


def hosted(r: Reader, sent: Sentence, pos: int, end: int) -> None:
    """甲(在某地)举办(了)某大会 / 甲主办、乙承办的某大会 / 某大会由甲主办，乙承办."""
    if any(m.start < pos < m.end for m in sent.mentions if not m.anaphor):
        return
    heads, confidence = _agents(r, sent, pos), 0.7
    if not heads:
        heads, confidence = _sentence_subject(r, sent, pos), 0.5
    tail = object_after(r, sent, _last_host_verb(r, sent, end), _EVENTS)
    if tail is None:
        tail = _opening_event(r, sent, pos) if heads else None
    elif not heads and subjectless(r, sent, pos) and (topic := inherited(r, sent)) is not None:
        heads, confidence = [topic], 0.4
    if tail is None:
        return
    for h in heads:
        r.add(RelType.HOSTED, h, tail, sent, confidence)


_EVENTS = frozenset({Label.EVENT})


def _last_host_verb(r: Reader, sent: Sentence, end: int) -> int:
    """甲主办、乙承办的某大会: past the hosts and verbs that follow the first one."""
    while (gap := _NEXT_HOST.match(r.text, end, sent.end)) is not None:
        nxt = next((m for m in sent.mentions if m.start >= gap.end()), None)
        if nxt is None or nxt.start != gap.end() or not r.fits(nxt, _AGENTS):
            break
        verb = _HOSTING.match(r.text, nxt.end)
        if verb is None:
            break
        end = verb.end()
    return end


def _opening_event(r: Reader, sent: Sentence, pos: int) -> Mention | None:
    """某论坛(在某地)(由甲主办，)乙承办: the event that opens the sentence, with no other event
    between it and the verb."""
    events = [m for m in sent.mentions if m.end <= pos and r.label(m) is Label.EVENT]
    if len(events) != 1 or not _LEAD.fullmatch(r.text, sent.start, events[0].start):
        return None
    return events[0]


# what joins two objects of one verb: 成立了甲和乙, set up A and the B
_OBJECT_CO = re.compile(
    r"\s*(?:、|和|及|以及|,?\s+and\s+(?:the\s+|a\s+|an\s+)?)\s*(?:[^，,。；;：:、《》“”和及与]{0,12}的)?\s*[“\"]?"
)


def _objects(r: Reader, sent: Sentence, first: Mention, firm_ok: bool) -> list[Mention]:
    """成立了甲和乙 / set up A and B: the founded things listed together as objects of one verb."""
    labels = _FOUNDABLE | {Label.FIRM} if firm_ok else _FOUNDABLE
    found = [first]
    i = sent.mentions.index(first) if first in sent.mentions else len(sent.mentions)
    for m in sent.mentions[i + 1 :]:
        if m.start < found[-1].end:
            continue
        if not _OBJECT_CO.fullmatch(r.text, found[-1].end, m.start):
            break
        m = r.innermost(sent, m)
        if r.label(m) not in labels:
            break
        found.append(m)
    return found


def _object(r: Reader, sent: Sentence, end: int, firm_ok: bool) -> Mention | None:
    return object_after(r, sent, end, _FOUNDABLE | {Label.FIRM} if firm_ok else _FOUNDABLE)


def object_after(r: Reader, sent: Sentence, end: int, labels: frozenset[Label]) -> Mention | None:
    """The object of a verb ending at `end`: the name right after it (了, a count or a modifier
    ending in 的 between), if it has one of the labels."""
    nxt = next((m for m in sent.mentions if m.start >= end), None)
    if nxt is None or not _OBJECT_GAP.fullmatch(r.text, end, nxt.start):
        return None
    nxt = r.innermost(sent, nxt)
    return nxt if r.label(nxt) in labels else None


def _agents(r: Reader, sent: Sentence, pos: int) -> list[Mention]:
    """The agent written before the verb in its clause, with its co-founders."""
    before = [m for m in sent.mentions if m.end <= pos]
    for m in reversed(before):
        if not _AGENT_GAP.fullmatch(r.text, m.end, pos):
            if SHIELD.fullmatch(r.text, m.start, m.end) or not CLAUSE_SEP.search(r.text, m.end, pos):
                continue  # a place inside the gap (在坪山), or a title
            return []
        if not r.fits(m, _AGENTS) or r.locative(m) or r.qualifies(m):
            continue
        return _with_partners(r, sent, m)
    return []


def _with_partners(r: Reader, sent: Sentence, last: Mention) -> list[Mention]:
    group = [last]
    i = sent.mentions.index(last)
    while i > 0:
        prev = sent.mentions[i - 1]
        if not r.fits(prev, _AGENTS) or not _CO.fullmatch(r.text, prev.end, group[0].start):
            if prev.end == group[0].start and r.label(prev) is Label.REGION:
                i -= 1  # 杭州市|临平区委宣传部: a place written before a name qualifies it
                continue
            break
        group.insert(0, prev)
        i -= 1
    return group


def _sentence_subject(r: Reader, sent: Sentence, pos: int) -> list[Mention]:
    """甲与乙签约，共同成立丙: a clause of adverbs and the verb takes the subject opening the sentence."""
    clause = max((c.end() for c in CLAUSE_SEP.finditer(r.text, sent.start, pos)), default=sent.start)
    if clause == sent.start or not _BARE_CLAUSE.fullmatch(r.text, clause, pos):
        return []
    first = next((m for m in sent.mentions if not m.anaphor or m.start < pos), None)
    if first is None or first.start - sent.start > 8 or first.end > pos:
        return []
    if r.label(first) is Label.REGION and any(m.start == first.end for m in sent.mentions):
        first = next(m for m in sent.mentions if m.start == first.end)
    if not r.fits(first, _AGENTS) or r.locative(first) or r.qualifies(first):
        return []
    return _with_partners_after(r, sent, first)


def _with_partners_after(r: Reader, sent: Sentence, first: Mention) -> list[Mention]:
    group = [first]
    for m in sent.mentions[sent.mentions.index(first) + 1 :]:
        if r.fits(m, _AGENTS) and _CO.fullmatch(r.text, group[-1].end, m.start):
            group.append(m)
        else:
            break
    return group
