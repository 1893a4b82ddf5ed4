"""Topic continuity: a sentence without a subject of its own acts through the last one named.

News writes 某区委宣传部近日召开发布会。会上发布了《某措施》，并设立某基金。 The second sentence
has no subject; its verbs need an agent, and the agent is the subject of the sentence before it
in the same paragraph. Only an organisation, government or region that opens a sentence is such
a subject, and only the sentences straight after it (up to three) inherit it.
"""

from __future__ import annotations

import re

from graph.ontology import Label
from ingest.extract.mention import Mention
from ingest.extract.reader import Reader, Sentence
from ingest.extract.resources import trigger_at
from ingest.extract.text import CLAUSE_SEP

_SUBJECTS = frozenset({Label.FIRM, Label.GOVERNMENT, Label.INSTITUTION, Label.ASSOCIATION, Label.REGION})
# what may open a sentence before its subject: dates, time words, connectives
_LEAD = (
    r"(?:\d{4}年|\d{1,2}月|\d{1,2}日|上午|下午|晚上|近日|日前|近期|目前|今年|去年|今天|今日|当天|当日|"
    r"昨天|昨日|同日|同时|此外|另外|随后|其中|据悉|据了解|记者获悉|会上|会议|活动中|现场|[，,、\s])*"
)
_LEAD_RE = re.compile(_LEAD)
# a sentence or clause that opens with its verb: only leads and adverbs before it
_BARE = re.compile(
    _LEAD + r"(?:还|也|并|将|又|再|已|已经|正式|同步|同期|随后|进一步|积极|专门|重点|先后|计划|拟|"
    r"宣布|决定|共同|联合|统筹|每年|首次|率先|于[^，,。；;]{1,12}?)*"
)
_MAX_CHAIN = 3


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
    """The subject of the closest sentence before `sent` in its paragraph that has one."""
    i = r.sentences.index(sent)
    for prev in reversed(r.sentences[max(0, i - _MAX_CHAIN) : i]):
        if "\n" in r.text[prev.end : sent.start]:
            return None  # another paragraph
        found = subject(r, prev)
        if found is not None:
            return found
        lead = _BARE.match(r.text, prev.start, prev.end)
        if lead is None or trigger_at(r.text, lead.end()) is None:
            return None  # a sentence about something else breaks the chain
    return None
