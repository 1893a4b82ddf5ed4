"""Topic continuity: a sentence without a subject of its own acts through the last one named.

News writes 某区委宣传部近日召开发布会。会上发布了《某措施》，并设立某基金。 The second sentence
has no subject; its verbs need an agent, and the agent is the subject of the sentence before it
in the same paragraph. Only an organisation, government or region that opens a sentence is such
a subject, and only the sentences straight after it (up to three) inherit it.

Official news often names its actor only once, in the title or the lead (某局发布五大措施, then
一是…；二是…设立…). A subject-less sentence with no subject in its paragraph takes the article's
lead actor: the subject opening the title, or, in a numbered list item, the one opening the first
sentence; and only while no other subject has opened a sentence since.
"""

from __future__ import annotations

import re

from mdkg.graph.ontology import Label
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.reader import Reader, Sentence
from mdkg.ingest.extract.resources import trigger_at
from mdkg.ingest.extract.text import CLAUSE_SEP

_SUBJECTS = frozenset({Label.FIRM, Label.GOVERNMENT, Label.INSTITUTION, Label.ASSOCIATION, Label.REGION})
# 一是, 第二, (三), 4、: the mark of one item of a numbered list
_ITEM = (
    r"(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、是]|[(（][一二三四五六七八九十\d]{1,3}[)）]"
    r"|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d))"
)
# what may open a sentence before its subject: list marks, dates, time words, connectives
_LEAD = (
    r"(?:\s*" + _ITEM + r")?(?:\d{4}年|\d{1,2}月|\d{1,2}日|上午|下午|晚上|近日|日前|近期|目前|今年|去年|今天|"
    r"今日|当天|当日|昨天|昨日|同日|同时|此外|另外|随后|其中|据悉|据了解|记者获悉|会上|会议|活动中|现场|[，,、\s])*"
)
_LEAD_RE = re.compile(_LEAD)
# a sentence or clause that opens with its verb: only leads and adverbs before it
_BARE = re.compile(
    _LEAD + r"(?:还|也|并|将|又|再|已|已经|正式|同步|同期|随后|进一步|积极|专门|重点|先后|计划|拟|"
    r"宣布|决定|共同|联合|统筹|每年|首次|率先|组织|布局|着力|于[^，,。；;]{1,12}?)*"
)
_MAX_CHAIN = 3
_LIST_ITEM = re.compile(r"\s*" + _ITEM)  # a paragraph that is one item of a numbered list


def subject(r: Reader, sent: Sentence) -> Mention | None:
    """The organisation that opens a sentence (after a date or connective), if any."""
    if not sent.mentions:
        return None
    first = sent.mentions[0]
    if not _LEAD_RE.fullmatch(r.text, sent.start, first.start):
        return None
    if r.label(first) is Label.REGION and len(sent.mentions) > 1 and sent.mentions[1].start == first.end:
        first = sent.mentions[1]  # 杭州市|临平区委宣传部
    after = r.text[first.end : first.end + 1]
    if after in ("的", "、", "和", "与") or not r.fits(first, _SUBJECTS) or r.qualifies(first):
        return None
    return first


def subjectless(r: Reader, sent: Sentence, pos: int) -> bool:
    """Whether the verb at `pos` has no subject in its sentence: its clause holds only leads and
    adverbs before it, and so does the sentence up to its first verb (会上发布了…，同时设立…)."""
    clause = max((c.end() for c in CLAUSE_SEP.finditer(r.text, sent.start, pos)), default=sent.start)
    if not _BARE.fullmatch(r.text, clause, pos):
        return False
    if clause == sent.start:
        return True
    lead = _BARE.match(r.text, sent.start, pos)
    return lead is not None and subject(r, sent) is None and trigger_at(r.text, lead.end()) is not None


def inherited(r: Reader, sent: Sentence) -> Mention | None:
    """The subject of the closest sentence before `sent` in its paragraph that has one, else the
    article's lead actor."""
    i = r.sentences.index(sent)
    for prev in reversed(r.sentences[max(0, i - _MAX_CHAIN) : i]):
        if "\n" in r.text[prev.end : sent.start]:
            break  # another paragraph
        found = subject(r, prev)
        if found is not None:
            return found
        lead = _BARE.match(r.text, prev.start, prev.end)
        if lead is None or trigger_at(r.text, lead.end()) is None:
            break  # a sentence about something else breaks the chain
    return lead_actor(r, i)


def lead_actor(r: Reader, i: int) -> Mention | None:
    """The subject opening the title (or, for a list item, the first sentence), while no other
    subject has opened one of the sentences before the i-th."""
    sents = r.sentences
    first = 0 if subject(r, sents[0]) is not None else 1
    if first == 1 and not (len(sents) > i and _in_list_item(r, sents[i])):
        return None
    actor = subject(r, sents[first]) if len(sents) > first else None
    if actor is None:
        return None
    for prev in sents[first + 1 : i]:
        other = subject(r, prev)
        if other is not None and other.entity != actor.entity:
            return None
    return actor


def _in_list_item(r: Reader, sent: Sentence) -> bool:
    para = r.text.rfind("\n", 0, sent.start) + 1
    return _LIST_ITEM.match(r.text, para) is not None
