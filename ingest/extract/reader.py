"""The relationship reader: sentences with their mentions, and the helpers rules share."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from mdkg.graph.ontology import RELATIONS, Evidence, Label, RelType, allowed
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.resources import resources
from mdkg.ingest.extract.text import CLAUSE_SEP, SHIELD, sentence_spans
from mdkg.ingest.types import Document, ExtractedEntity, ExtractedRelation

EXTRACTOR_NAME = "rules-v2"
_LOCATIVE = re.compile(r"(?:在|于|赴|至|到|来到|位于|落户|入驻|in|at)\s?$")
_ANAPHOR_LABEL = {
    "剧": Label.WORK,
    "作品": Label.WORK,
    "企业": Label.FIRM,
    "平台": Label.FIRM,
    "政策": Label.POLICY,
    "活动": Label.EVENT,
    "association": Label.ASSOCIATION,
    "alliance": Label.ASSOCIATION,
    "base": Label.BASE,
    "park": Label.BASE,
    "committee": Label.GOVERNMENT,
    "fund": Label.FUND,
    "event": Label.EVENT,
    "conference": Label.EVENT,
    "company": Label.FIRM,
    "platform": Label.FIRM,
    "forum": Label.EVENT,
    "festival": Label.EVENT,
    "summit": Label.EVENT,
    "ceremony": Label.EVENT,
}
_TIME_GAP = re.compile(r"\s*(?:\d{4}年|\d{1,2}月(?:\d{1,2}日)?|\d{1,2}日|近日|日前|近期|此前|今年|去年)*\s*")
_PARTY_SIDE = re.compile(r"(?:与|和|同|跟|with|and)\s?$")
COORD = re.compile(
    r"^\s*(?:[(（][^()（）]{1,30}[)）])?\s*(?:、|和|及|以及|与|暨|(?:日前|近日|近期|昨日|今天|当天)?(?:会同|联合)"
    r"|,\s|,?\s+and\s|，"
    r"|,?\s*(?:together|along|jointly|in (?:collaboration|partnership|cooperation))\s+with\s+(?:the\s+)?)"
    r"\s*(?:[《“])?$"
)
_PROGRAMME = re.compile(r"(?:计划|工程|行动|programme|program|scheme|initiative)$", re.IGNORECASE)
# 参与甲、乙等平台的项目，打造出…: a name followed by 的 before the verb, in its clause, qualifies
# a noun after it and is not the verb's agent
_MODIFIER = re.compile(r"[^，,。；;“”《》]*?的[^，,。；;]*[，,]")
LIST_COORD = re.compile(r"^\s*(?:[(（][^()（）]{1,30}[)）])?\s*(?:、|及|以及|,\s|，)\s*$")


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    mentions: list[Mention]


_ANY_OF_LABEL = frozenset({"活动"})


class Reader:
    """Reads the relationships of one document from its sentences and mentions."""

    def __init__(
        self, doc: Document, mentions: list[Mention], entities: list[ExtractedEntity], english: bool = False
    ) -> None:
        self.doc, self.text, self.entities = doc, doc.text, entities
        self.english = english
        self.mentions = mentions
        self.found: dict[tuple[RelType, int, int], ExtractedRelation] = {}
        self._starts = [m.start for m in mentions]
        self._mention_starts = frozenset(self._starts)
        self.sentences = [self._sentence(s, e) for s, e in sentence_spans(doc.text)]
        self._entities_of: list[set[int]] | None = None
        self._first_of: dict[int, Sentence] | None = None

    def _sentence(self, start: int, end: int) -> Sentence:
        first, last = bisect_left(self._starts, start), bisect_left(self._starts, end)
        inside = [m for m in self.mentions[first:last] if m.end <= end]
        taken = [(m.start, m.end) for m in inside]
        for a in resources().anaphor_re.finditer(self.text, start, end):
            if any(s <= a.start() < e for s, e in taken):
                continue
            antecedent = self._antecedent(a.group("noun"), a.start(), bool(a.group("det")))
            if antecedent is not None:
                inside.append(
                    Mention(
                        a.start(),
                        a.end(),
                        antecedent.label,
                        a.group(0),
                        entity=antecedent.entity,
                        anaphor=True,
                    )
                )
        inside.sort(key=lambda m: m.start)
        return Sentence(start, end, self.text[start:end], inside)

    def _antecedent(self, noun: str, pos: int, determined: bool) -> Mention | None:
        """该协会/大会/the association: the last entity before `pos` whose name ends in the noun;
        with a determiner (该, 此, the) also the last one of the noun's label. 活动 names no kind
        of event, so alone it is the last event of any name (某论坛举行。活动由甲主办)."""
        label = _ANAPHOR_LABEL.get(noun) or resources().suffix_label.get(noun)
        determined = determined or noun in _ANY_OF_LABEL
        fallback = None
        for m in reversed(self.mentions):
            if m.end > pos or m.anaphor:
                continue
            name = self.entities[m.entity].name
            if name.endswith(noun) or m.surface.endswith(noun) or noun == "园区" and name.endswith("园"):
                return m
            if determined and fallback is None and m.label is label:
                fallback = m
        return fallback

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """The mentions (anaphors included) of the sentences that lie within [start, end)."""
        return [m for s in self.sentences if start <= s.start and s.end <= end for m in s.mentions]

    # -- recording

    def add(
        self,
        rel: RelType,
        head: Mention,
        tail: Mention,
        sent: Sentence,
        confidence: float,
        props: dict | None = None,
        as_stated: bool = False,
    ) -> None:
        h, t = self.entities[head.entity], self.entities[tail.entity]
        if rel is RelType.ISSUED and _PROGRAMME.search(t.name) and not as_stated:
            rel = RelType.ESTABLISHED  # a programme (扶持计划, 精品工程) is launched, not issued
        if head.entity == tail.entity or not allowed(rel, h.label, t.label):
            return
        a, b = head.entity, tail.entity
        if RELATIONS[rel].symmetric and a > b:
            a, b = b, a
        if (rel, a, b) in self.found:
            return
        evidence = Evidence(
            article_id=self.doc.article.id,
            sentence=sent.text,
            start=sent.start,
            end=sent.end,
            extractor=EXTRACTOR_NAME,
            confidence=confidence,
        )
        self.found[(rel, a, b)] = ExtractedRelation(
            type=rel, head=h.key, tail=t.key, properties=props or {}, evidence=evidence
        )

    # -- helpers over one sentence

    def label(self, m: Mention) -> Label:
        return self.entities[m.entity].label

    def fits_rel(self, rel: RelType, head: Mention, tail: Mention) -> bool:
        return head.entity != tail.entity and allowed(rel, self.label(head), self.label(tail))

    def fits(self, m: Mention, labels: frozenset[Label]) -> bool:
        return self.entities[m.entity].label in labels

    def locative(self, m: Mention) -> bool:
        """在某地, 在浙江金华东阳横店: a place after a locative word, or last of a chain of places
        written one inside the other after it."""
        start = m.start
        while self.label(m) is Label.REGION:
            i = bisect_left(self._starts, start) - 1
            while i >= 0 and self.mentions[i].end > start:
                i -= 1
            if i < 0 or self.mentions[i].end != start or self.label(self.mentions[i]) is not Label.REGION:
                break
            m = self.mentions[i]
            start = m.start
        return bool(_LOCATIVE.search(self.text[max(0, start - 3) : start]))

    def coordinated(
        self,
        sent: Sentence,
        m: Mention,
        joiners: re.Pattern[str] = COORD,
        labels: frozenset[Label] | None = None,
    ) -> list[Mention]:
        """`m` and the mentions listed with it (甲、乙和丙): of its label, or of any of `labels` (a
        list of partners may mix firms and schools)."""
        ms, label = sent.mentions, self.entities[m.entity].label
        i = ms.index(m)
        group = [m]
        for step in (-1, 1):
            j = i
            while 0 <= j + step < len(ms):
                a, b = (ms[j + step], ms[j]) if step < 0 else (ms[j], ms[j + step])
                other = ms[j + step]
                gap = self.text[a.end : b.start]
                titles = not gap and self.text[b.start] == "《"
                other_label = self.entities[other.entity].label
                fits = other_label is label if labels is None else other_label in labels
                if not fits or not (titles or joiners.match(gap)):
                    break
                group.append(other)
                j += step
        return sorted(group, key=lambda x: x.start)

    def before(
        self, sent: Sentence, pos: int, labels: frozenset[Label], limit: int = 200, agent: bool = False
    ) -> Mention | None:
        """The nearest mention of `labels` before `pos`; an agent is never a name that only
        qualifies a noun after it (甲的项目，…)."""
        for m in reversed(sent.mentions):
            if (
                m.end <= pos
                and pos - m.end <= limit
                and self.fits(m, labels)
                and not (self.locative(m) and not (agent and self._framed_agent(m, pos)))
                and not self.qualifies(m)
                and not (agent and _MODIFIER.match(self.text, m.end, pos))
            ):
                return m
        return None

    def _framed_agent(self, m: Mention, pos: int) -> bool:
        """在甲10月发布的《乙》中: 在 opens a frame around a clause whose verb (at `pos`) has `m` as its
        agent, not a place."""
        if self.label(m) is Label.REGION or self.text[m.start - 1 : m.start] != "在":
            return False  # 在杭州发布的《某报告》: a place after 在 is where
        relative = "的" in self.text[pos : pos + 4]  # 发布的: the verb opens a relative clause
        return relative and bool(_TIME_GAP.fullmatch(self.text, m.end, pos))

    def qualifies(self, m: Mention) -> bool:
        """上海市相关行业协会, 支持上海微短剧产业发展: a place written straight before a noun that is no
        name only qualifies it, and acts in nothing the sentence says."""
        if self.label(m) is not Label.REGION or m.surface.isascii() or m.end >= len(self.text):
            return False
        if m.end in self._mention_starts:
            return False
        return bool(resources().qualified_re.match(self.text, m.end))

    def after(
        self, sent: Sentence, pos: int, labels: frozenset[Label], limit: int = 60, clause: bool = False
    ) -> Mention | None:
        for m in sent.mentions:
            if clause and m.start >= pos and CLAUSE_SEP.search(SHIELD.sub("", self.text[pos : m.start])):
                return None
            if m.start >= pos and m.start - pos <= limit and self.fits(m, labels) and not self.qualifies(m):
                return self.innermost(sent, m)
        return None

    def innermost(self, sent: Sentence, m: Mention) -> Mention:
        """杭州市临平区, 青岛西海岸新区: of places written one inside the other, the last."""
        label = self.entities[m.entity].label
        for nxt in sent.mentions:
            if nxt.start == m.end and label is Label.REGION and self.entities[nxt.entity].label is label:
                m = nxt
        return m

    def first_sentence(self, *mentions: Mention) -> Sentence | None:
        """The first sentence that names all of the mentions' entities."""
        if self._entities_of is None:
            self._entities_of = [{m.entity for m in sent.mentions} for sent in self.sentences]
        wanted = {m.entity for m in mentions}
        if len(wanted) == 1:
            if self._first_of is None:
                self._first_of = {}
                for sent in reversed(self.sentences):
                    for m in sent.mentions:
                        self._first_of[m.entity] = sent
            return self._first_of.get(mentions[0].entity)
        return next(
            (s for s, ents in zip(self.sentences, self._entities_of, strict=True) if wanted <= ents), None
        )
