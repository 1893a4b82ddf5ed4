"""Party nouns after a copula: 甲是乙的主办单位 (甲 hosts 乙), 甲是某计划的发起单位之一 (甲 set it
up), 甲为《乙》的出品方 (甲 produced 乙), 甲是某基地的运营方 (甲 runs it).

The party is the subject right before 是/为/系 (adverbs such as 也 and 还 may stand between);
what it is a party to is the last name of a fitting label between the copula and 的.

A chain of roles before the event they are roles in (由甲指导，乙主办，丙、丁承办的某活动): every
party of 主办, 承办 or 协办 hosts it; 指导 (guides) gives nothing (rule 18).

The other way round, the parties are listed after the role (大会主办单位为甲、乙; 主办方：甲): what
they are parties to is the name right before the role, else the last fitting name before it in
its paragraph.
"""

from __future__ import annotations

import re

from mdkg.graph.ontology import RELATIONS, Label, RelType
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.reader import Reader, Sentence

_ROLE = re.compile(
    r"(?:也|还|正|就|均|都)?(?:是|为|系|作为)(?P<what>[^，,。；;：:]{1,40}?)的"
    r"(?:联合|共同)?(?P<role>发起|主办|承办|协办|出品|制作|运营|建设)(?:单位|方|机构|企业|公司|者)(?:之一)?"
)
_LISTED = re.compile(
    r"(?:联合|共同)?(?P<role>发起|主办|承办|协办|出品|制作|运营|建设)(?:单位|方)(?:分别)?(?:为|是|有|包括|[：:])\s?"
)
_ROLE_TYPE = {
    "发起": RelType.ESTABLISHED,
    "主办": RelType.HOSTED,
    "承办": RelType.HOSTED,
    "协办": RelType.HOSTED,
    "出品": RelType.PRODUCED,
    "制作": RelType.PRODUCED,
    "运营": RelType.OPERATES,
    "建设": RelType.OPERATES,
}


def party_roles(r: Reader, sent: Sentence) -> None:
    for m in _ROLE.finditer(r.text, sent.start, sent.end):
        rel = _ROLE_TYPE[m["role"]]
        spec = RELATIONS[rel]
        party = next((x for x in reversed(sent.mentions) if x.end == m.start() and not x.anaphor), None)
        if party is None or not r.fits(party, spec.sources):
            continue
        inside = [x for x in sent.mentions if m.start("what") <= x.start and x.end <= m.end("what")]
        target = next((x for x in reversed(inside) if r.fits(x, spec.targets)), None)
        if target is not None:
            r.add(rel, party, target, sent, 0.6)


def listed_parties(r: Reader, sent: Sentence) -> None:
    if "单位" not in sent.text and "方" not in sent.text:
        return
    for m in _LISTED.finditer(r.text, sent.start, sent.end):
        rel = _ROLE_TYPE[m["role"]]
        spec = RELATIONS[rel]
        first = next((x for x in sent.mentions if x.start == m.end() and not x.anaphor), None)
        if first is None or not r.fits(first, spec.sources):
            continue
        paragraph = r.text.rfind("\n", 0, sent.start) + 1
        before = [x for x in r.mentions_between(paragraph, sent.start) + sent.mentions if x.end <= m.start()]
        target = next((x for x in reversed(before) if r.fits(x, spec.targets)), None)
        if target is None:
            continue
        confidence = 0.6 if target.end >= m.start() - 1 else 0.5
        for party in r.coordinated(sent, first, labels=spec.sources):  # 甲、乙和丙, of any fitting label
            r.add(rel, party, target, sent, confidence)


_ROLE_BEFORE = re.compile(r"(?:主办|承办|协办)的[“\"]?$")
_ROLE_VERB = re.compile("主办|承办|协办|指导|支持")
_ROLE_FILLER = re.compile(r"[\s，,、；;和及与]|并?由|联合|共同|单位")


def role_chain(r: Reader, sent: Sentence) -> None:
    if "办的" not in sent.text:
        return
    hosted = RELATIONS[RelType.HOSTED]
    for event in sent.mentions:
        before = r.text[max(0, event.start - 4) : event.start]
        if not r.fits(event, hosted.targets) or not _ROLE_BEFORE.search(before):
            continue
        end = r.text.rfind("的", sent.start, event.start)
        verbs = list(_ROLE_VERB.finditer(r.text, sent.start, end))
        while verbs and verbs[-1].end() == end:
            verb = verbs.pop()
            begin = verbs[-1].end() if verbs else sent.start
            parties = _parties_of(r, sent, begin, verb.start())
            if not parties:
                break
            if verb.group() in ("主办", "承办", "协办"):
                for m in parties:
                    if r.fits(m, hosted.sources):
                        r.add(RelType.HOSTED, m, event, sent, 0.7)
            end = begin  # the role before, if its parties fill the text up to this one


def _parties_of(r: Reader, sent: Sentence, begin: int, end: int) -> list[Mention]:
    """The names that fill [begin, end), joined by 、 or 和 (a place written before a name is part
    of it: 北京市|西城区人民政府), else none."""
    inside = [m for m in sent.mentions if begin <= m.start and m.end <= end and not m.anaphor]
    rest = list(r.text[begin:end])
    for m in inside:
        rest[m.start - begin : m.end - begin] = [""] * (m.end - m.start)
    if not inside or _ROLE_FILLER.sub("", "".join(rest)):
        return []
    starts = {m.start for m in inside}
    return [m for m in inside if not (r.label(m) is Label.REGION and m.end in starts)]
