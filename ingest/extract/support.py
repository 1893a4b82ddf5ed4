"""SUPPORTS: a policy or fund gives money, rewards or other help to a firm, base, work, region
or event.

- the giver is a policy or fund of the sentence (《措施》提出…, 该基金将…, "the fund will back");
  a sentence that names none continues its paragraph's topic: the policy or fund the paragraph
  has named most so far (措施还明确，…; 根据政策，…);
- the receiver is the object of 对/为 (对某基地…给予最高1000万元支持), else the object of the
  support verb (重点支持某基地建设, "subsidies for X"), else a firm, base, work or event that is
  the subject of the support clause (某影视城新建摄影棚，按…给予补助); places that only say where
  (在横店拍摄的作品, 新落户某区的企业) receive nothing;
- the amount is the first one after the support word (…给予补助，最高不超过800万元);
- a work selected into a programme is supported by it (《甲》《乙》等15部作品入选某计划; 在上榜的94部
  微短剧中，《甲》榜上有名 after a sentence naming the list's programme).
"""

from __future__ import annotations

import re

from mdkg.graph.ontology import Label, RelType
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.reader import Reader, Sentence
from mdkg.ingest.extract.resources import find_triggers, resources
from mdkg.ingest.extract.text import CLAUSE_SEP, SHIELD, amounts

_GIVERS = frozenset({Label.POLICY, Label.FUND})
_RECEIVERS = frozenset({Label.FIRM, Label.BASE, Label.WORK, Label.REGION, Label.EVENT})
_SUBJECTS = _RECEIVERS - {Label.REGION}
_FUNDS = frozenset({Label.FUND})
_GIVEN_HELP = re.compile(r"[^，,。；;]{0,16}?(?:补贴|奖励|补助|资助|支持|扶持|资金|贴息|减免|优惠|\d)")
_INVESTING = frozenset({"投资", "注资", "invests in", "invested in"})
# 对 marking what a measure applies to (not 针对, 面对, 对此, 对于)
_TOWARDS = re.compile(r"(?<![针面相绝应])对(?![此于外象])|(?<![A-Za-z])(?:for|to)\s")
# 入选, 上榜, 入围, "was selected for": a work taken into a programme's list
_SELECTED = re.compile(
    r"入选|上榜|入围|榜上有名|获选|(?:was|were|been) (?:selected|chosen|included|shortlisted)"
)
_WORKS = frozenset({Label.WORK})
_ISSUING = re.compile(r"(?:出台|发布|印发|推出|制定|issued|released|unveiled)")


def supports(r: Reader, sent: Sentence) -> None:
    res = resources()
    words = [
        (at, w)
        for at, w in find_triggers(sent.text)
        if any(rel is RelType.SUPPORTS for rel, _ in res.triggers.get(w) or res.triggers[w.lower()])
    ]
    shielded = [(m.start(), m.end()) for m in SHIELD.finditer(sent.text)]
    for at, word in words:
        if any(a < at < b for a, b in shielded):
            continue
        pos, end = sent.start + at, sent.start + at + len(word)
        if word == "给予" and not _GIVEN_HELP.match(r.text, end, sent.end):
            continue  # 给予南沙的定位: what is given is no help
        giver, confidence = _giver(r, sent, pos)
        if giver is None or word in _INVESTING and not _invests(r, sent, giver, pos):
            continue
        receiver = _receiver(r, sent, giver, pos, end)
        if receiver is None or word in _INVESTING and receiver.start < end:
            continue
        money = _amount(r, sent, giver, end)
        props = {"amount_cny": money} if money is not None else {}
        for m in r.coordinated(sent, receiver):
            r.add(RelType.SUPPORTS, giver, m, sent, confidence, props)


def _invests(r: Reader, sent: Sentence, giver: Mention, pos: int) -> bool:
    """某基金投资《某剧》: only a fund named before the verb in its sentence invests as support, and
    投资 inside a name (某某投资集团) is no verb."""
    inside = any(m.start <= pos < m.end for m in sent.mentions)
    return not inside and giver in sent.mentions and giver.end <= pos and r.fits(giver, _FUNDS)


def _amount(r: Reader, sent: Sentence, giver: Mention, end: int) -> float | None:
    """The first amount after the support word, else the last one before it (首期5000万元将用于…)."""
    after = amounts(r.text[end : sent.end])
    if after:
        return after[0][1]
    start = max(sent.start, giver.end) if giver.start >= sent.start else sent.start
    before = amounts(r.text[start:end])
    return before[-1][1] if before else None


def _giver(r: Reader, sent: Sentence, pos: int) -> tuple[Mention | None, float]:
    """The policy or fund of the sentence, nearest before the support word (else after it);
    else the paragraph's topic policy or fund."""
    own = [m for m in sent.mentions if r.fits(m, _GIVERS)]
    before = [m for m in own if m.end <= pos]
    if before:
        return before[-1], 0.65
    if own:
        return own[0], 0.6
    paragraph = r.text.rfind("\n", 0, sent.start) + 1
    counts: dict[int, int] = {}
    last: dict[int, Mention] = {}
    for m in r.mentions_between(paragraph, sent.start):
        if r.fits(m, _GIVERS):
            counts[m.entity] = counts.get(m.entity, 0) + 1
            last[m.entity] = m
    if not counts:
        return None, 0.0
    topic = max(counts, key=lambda e: (counts[e], last[e].start))
    return last[topic], 0.5


def _receiver(r: Reader, sent: Sentence, giver: Mention, pos: int, end: int) -> Mention | None:
    fits = [
        m
        for m in sent.mentions
        if m.entity != giver.entity
        and r.fits(m, _RECEIVERS)
        and not (r.locative(m) and r.text[m.start - 2 : m.start] != "用于")
        and not _issuer(r, m)
        and not r.qualifies(m)
    ]
    towards = [t.end() for t in _TOWARDS.finditer(r.text, sent.start, pos)]
    if towards:
        after_towards = [m for m in fits if towards[-1] <= m.start < pos and m.start - towards[-1] <= 12]
        if after_towards:
            return after_towards[0]
    clause_end = _clause_end(r, end, sent.end)
    reach = 80 if r.text[end - 1 : end].isascii() else 12  # sets aside 10 million yuan for X
    objects = [m for m in fits if end <= m.start < clause_end and m.start - end <= reach]
    if objects:
        return r.innermost(sent, objects[0])
    clause_start = _clause_start(r, sent, pos)
    subjects = [
        m
        for m in fits
        if sent.start <= m.start < pos
        and m.start >= clause_start
        and r.fits(m, _SUBJECTS)
        and m.start > giver.start
    ]
    return subjects[0] if subjects else None


def _issuer(r: Reader, m: Mention) -> bool:
    """坪山出台…: the one that issues a policy does not receive it."""
    return bool(_ISSUING.match(r.text, m.end, m.end + 12) or _ISSUING.match(r.text, m.end + 2, m.end + 12))


def _clause_end(r: Reader, pos: int, stop: int) -> int:
    m = CLAUSE_SEP.search(r.text, pos, stop)
    return m.start() if m else stop


def _clause_start(r: Reader, sent: Sentence, pos: int, back: int = 2) -> int:
    """The start of the clause before `pos`, by default one clause back when the support clause
    has no subject of its own (某影视城新建摄影棚，按…给予补助)."""
    cuts = [sent.start + c.end() for c in CLAUSE_SEP.finditer(sent.text) if sent.start + c.end() <= pos]
    return cuts[-back] if len(cuts) >= back else sent.start


def selections(r: Reader, sent: Sentence) -> None:
    """SUPPORTS from a programme to the works its list takes in: the works are the subject of the
    selection verb in its clause; the programme is named after the verb (入选某计划), else before it
    in the sentence, else it is the paragraph's topic programme."""
    for hit in _SELECTED.finditer(sent.text):
        pos, end = sent.start + hit.start(), sent.start + hit.end()
        if any(m.start <= pos < m.end for m in sent.mentions):
            continue  # 入选 inside a name
        clause = _clause_start(r, sent, pos, back=1)
        works = [m for m in sent.mentions if clause <= m.start and m.end <= pos and r.fits(m, _WORKS)]
        if not works:
            continue
        policies = [m for m in sent.mentions if r.fits(m, _GIVERS) and m.start >= end]
        giver = policies[0] if policies else _giver(r, sent, pos)[0]
        if giver is None:
            continue
        for m in r.coordinated(sent, works[-1]):
            r.add(RelType.SUPPORTS, giver, m, sent, 0.55)
