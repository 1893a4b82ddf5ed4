"""Firm.segments: the industry-chain segments that what an article says of a firm places it in.

Four kinds of cue place a firm, all of them words of `ingest/data/segments.tsv` and
`known_segments.tsv`:

- what it does or is in a sentence: a verb whose agent it is (甲出品, 由甲承制: the nearest firm
  before the verb in its clause, or the firm its sentence opens with) and a role noun set beside its
  name (出品方甲, 甲、乙等短视频平台, 甲是一家MCN机构). A word belongs to one firm, or to the firms
  listed together, never to every firm of its clause: in 甲出品、乙发行 甲 produces and 乙 distributes;
- what it produces, runs or publishes: the relationships read before (PRODUCED a Work, OPERATES a
  Base, ISSUED a Report);
- its name: the industry words a registered name ends with (某某影视文化传播有限公司), a brand's last
  word (某某短剧, 某某视频);
- the apps and firms whose published description places them (known_segments.tsv).

Name words too broad to place a firm alone (科技, 文化传媒) count only for a firm nothing else places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from mdkg.graph.ontology import Label, RelType, Segment
from mdkg.ingest.datafiles import values
from mdkg.ingest.extract.lexicon import Lexicon
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.reader import Reader, Sentence
from mdkg.ingest.extract.resources import resources, rows
from mdkg.ingest.extract.text import CJK, CLAUSE_SEP, LATIN
from mdkg.ingest.types import ExtractedEntity

NONE = "-"  # a longer word that holds a segment's word but names no segment (服务平台)
WEAK = "name_weak"
PASS = "name_pass"  # a word a name's industry part may end with that says nothing itself (服务, 发展)
_NAME_CUES = frozenset({"name", "name_end", WEAK, PASS})
# a verb's objects and settings, never its agent: 甲在某基地拍摄《某剧》
_NOT_AGENTS = frozenset({Label.WORK, Label.BASE, Label.EVENT, Label.POLICY, Label.REPORT, Label.FUND})
_AGENT_REACH = 40  # characters from a firm to its verb within one clause
_OPENING = 20  # characters a sentence may open with before the firm it is about (时间, 据悉)
_TITLES = re.compile(r"《[^《》\n]{0,80}》")
_HAS_CJK = re.compile(f"[{CJK}]")
_BRACKETS = re.compile(r"[(（][^()（）]*[)）]")
# how a firm and a role noun stand beside each other: 甲、乙等短视频平台, 甲是业内领先的MCN机构
_ROLE_AFTER_NAME = re.compile(
    r"(?:等|等等|这样的|之类的|[\d一二两三四五六七八九十]+[大家个])[^，,。；;、：:“”《》\n]{0,8}"
    r"|[”\"]?的[^，,。；;、：:“”《》\n]{0,4}"
    r"|(?:是|系|作为|成为)[^，,。；;：:“”《》\n]{0,20}"
    r"|,\s(?:a|an|the)\s[^,.;]{0,40}|\s(?:is|was|became|as)\s(?:a|an|the|one of the)\s[^,.;]{0,40}|\s?"
)
# what the firm does itself between its name and the noun: 甲入驻平台, 甲在平台上线
_USES = re.compile(r"在|与|和|通过|借助|依托|提供|入驻|登陆|登录|上线|投放|合作|联合|旗下")
# between a firm and a verb of distribution: the firm's work is distributed, by someone else
_ELSEWHERE = re.compile(r"在|通过|借助|依托|登陆|登录|入驻|的|\b(?:on|via|through)\b")
# 出品方为甲, 平台——甲, platforms like 甲
_ROLE_BEFORE_NAME = re.compile(r"\s?(?:为|是|:|：|——|—)?\s?|\s(?:like|such as|including)\s")
# 作为本土的内容创作机构,甲…: a clause of 作为 says what the firm after it is
_AS_ROLE = re.compile(r"(?:^|[，,；;：:])\s*作为[^，,。；;：:]*$")
_CLAUSE_END = re.compile(r"[^，,。；;：:“”《》\n]{0,6}[，,]\s?")
# a verb is no act of a firm it follows when what stands between says the firm is spoken of:
# 甲表示,…; 甲的场地适合拍摄; Data from 甲 show that
_NOT_DONE = re.compile(
    r"表示|介绍|指出|认为|透露|告诉|(?<!小)说|(?<![简号堪名俗统昵并])称|适合|适宜|可供|用于|便于"
    r"|\b(?:said|says|say|show|shows|told|according)\b"
)
_LIST_ZH = re.compile(r"^\s*(?:[(（][^()（）]{1,30}[)）])?\s*(?:、|和|及|以及)\s*$")
_LIST_EN = re.compile(r"^\s*(?:\([^()]{1,30}\))?\s*(?:,|,?\s+and|,?\s+or)\s+$")
_LEGAL_EN = frozenset({"co", "co.", "co.,", "ltd", "ltd.", "limited", "inc", "inc.", "group", "holdings"})
_LEGAL_EN |= frozenset({"corporation", "corp", "corp.", "company", "llc"})


@dataclass(frozen=True, slots=True)
class Cue:
    """One reason to place a firm in a segment: the word, how it was read, and the sentence (its
    start offset; -1 for the firm's own name or a known list)."""

    segment: Segment
    kind: str  # verb, role, relation, name, name_end, name_weak, known
    word: str
    sentence: int = -1


@dataclass(frozen=True)
class _Words:
    near: dict[str, tuple[str, str]]  # word -> (segment or NONE, verb | role); English lower-cased
    near_zh: Lexicon
    near_en: Lexicon
    names: dict[str, tuple[str, str]]  # name word -> (segment or NONE, name | name_end | name_weak)
    endings: tuple[str, ...]  # the words a Chinese name may end with, longest first
    known: dict[str, tuple[Segment, ...]]  # organisation (organisations.tsv name) -> segments


@cache
def _words() -> _Words:
    near: dict[str, tuple[str, str]] = {}
    names: dict[str, tuple[str, str]] = {}
    for row in rows("segments.tsv"):
        word, entry = row["word"], (row["segment"], row["cue"])
        if row["cue"] in _NAME_CUES:
            names[word.lower() if word.isascii() else word] = entry
        else:
            near[word.lower() if word.isascii() else word] = entry
    industry = [w for w in resources().industry if w not in names]
    names |= {w: (NONE, "name") for w in industry}
    endings = tuple(sorted(names, key=len, reverse=True))
    known = {r["name"]: tuple(Segment(s) for s in values(r["segments"])) for r in rows("known_segments.tsv")}
    return _Words(
        near=near,
        near_zh=Lexicon(w for w in near if not w.isascii()),
        near_en=Lexicon((w for w in near if w.isascii()), words_only=True),
        names=names,
        endings=endings,
        known=known,
    )


def firm_segments(r: Reader) -> None:
    """Sets `segments` on every firm the article places, in chain order."""
    for entity, cues in segment_cues(r).items():
        segments = placed(cues)
        if segments:
            r.entities[entity].properties["segments"] = [s.value for s in segments]


def placed(cues: list[Cue]) -> list[Segment]:
    """The segments cues place a firm in: weak name words only when nothing else does."""
    strong = {c.segment for c in cues if c.kind != WEAK}
    chosen = strong or {c.segment for c in cues}
    return [s for s in Segment if s in chosen]


def segment_cues(r: Reader) -> dict[int, list[Cue]]:
    """Every cue of every firm of the article, by entity index."""
    cues: dict[int, list[Cue]] = {}
    for i, entity in enumerate(r.entities):
        if entity.label is Label.FIRM:
            own = name_cues(entity) + known_cues(entity)
            if own:
                cues[i] = own
    for sent in r.sentences:
        if any(r.label(m) is Label.FIRM for m in sent.mentions):
            for index, cue in _sentence_cues(r, sent):
                cues.setdefault(index, []).append(cue)
    for (rel, head, tail), found in r.found.items():
        if r.entities[head].label is not Label.FIRM:
            continue
        # a sentence that says whether the firm made or distributed the work has placed it already
        chain = (Segment.PRODUCTION, Segment.PLATFORM)
        said = {c.sentence for c in cues.get(head, ()) if c.kind in ("verb", "role") and c.segment in chain}
        done = _relation_cue(r, rel, tail, found.evidence.sentence, found.evidence.start)
        if done is not None and not (rel is RelType.PRODUCED and done.sentence in said):
            cues.setdefault(head, []).append(done)
    return {index: list(dict.fromkeys(given)) for index, given in cues.items()}


# -- what the firm produces, runs or publishes


def _relation_cue(r: Reader, rel: RelType, tail: int, sentence: str, at: int) -> Cue | None:
    if rel is RelType.OPERATES:
        return Cue(Segment.BASES_SERVICES, "relation", "OPERATES", at)
    if rel is RelType.ISSUED and r.entities[tail].label is Label.REPORT:
        return Cue(Segment.DATA_SERVICES, "relation", "ISSUED", at)
    if rel is RelType.PRODUCED:
        # (when no word of the sentence says what the firm did) a firm that only releases a work
        # (发行, 上线) distributes it; 推出, 打造 and 出品 make it
        near = _words().near
        said = {near[w][0] for _, w in _scan(sentence) if near[w][1] == "verb"}
        platform = Segment.PLATFORM.value in said and Segment.PRODUCTION.value not in said
        return Cue(Segment.PLATFORM if platform else Segment.PRODUCTION, "relation", "PRODUCED", at)
    return None


# -- what the firm does or is in a sentence


def _scan(text: str) -> list[tuple[int, str]]:
    """(offset, word) of the segment words of a text; English words are found lower-cased."""
    w = _words()
    found = list(w.near_zh.scan(text))
    if LATIN.search(text):
        lowered = text.lower()
        if len(lowered) == len(text):
            found += w.near_en.scan(lowered)
    return sorted(found)


def _sentence_cues(r: Reader, sent: Sentence) -> list[tuple[int, Cue]]:
    near = _words().near
    titles = [(m.start(), m.end()) for m in _TITLES.finditer(sent.text)]
    out: list[tuple[int, Cue]] = []
    for off, word in _scan(sent.text):
        segment, cue = near[word]
        start, end = sent.start + off, sent.start + off + len(word)
        if segment == NONE or any(s <= off < e for s, e in titles):
            continue
        inside = [m for m in sent.mentions if m.start < end and start < m.end]
        if inside:  # a word of a name says nothing of who acts; 该平台 says what the firm it stands for is
            firms = [m for m in inside if m.anaphor and m.start <= start and end <= m.end and cue == "role"]
            firms = [m for m in firms if r.label(m) is Label.FIRM]
        elif cue == "verb":
            firms = [] if _listed_noun(r, sent, start, end) else _agent(r, sent, start)
            if segment == Segment.PLATFORM.value:  # 甲在平台上线新剧, 甲的新剧上线: 甲's work goes online
                firms = [m for m in firms if not _ELSEWHERE.search(r.text, m.end, start)]
        else:
            firms = _apposed(r, sent, start, end)
        out += [(m.entity, Cue(Segment(segment), cue, word, sent.start)) for m in firms]
    return out


def _listed_noun(r: Reader, sent: Sentence, start: int, end: int) -> bool:
    """整合剧本、演员、制作等资源: a verb listed with other words is a noun, and nobody's act; in
    甲出品、乙发行 a firm's name follows the 、 and the verb is 甲's."""
    if r.text[end : end + 1] in ("、", "等"):
        return not any(m.start == end + 1 and r.label(m) is Label.FIRM for m in sent.mentions)
    before = r.text[max(sent.start, start - 6) : start]
    if "、" not in before:
        return False
    cut = start - len(before) + before.rindex("、")
    return not any(cut < m.end <= start for m in sent.mentions)


def _agent(r: Reader, sent: Sentence, at: int) -> list[Mention]:
    """The firm (or firms listed together) that does what the verb at `at` says: the nearest one
    before it in its clause, or the one its sentence opens with; none when another actor (an
    office, an association, a place acting) or a work (甲出品的《某剧》上线: the work goes online)
    stands nearer, or when the firm is only spoken of (甲表示, 甲的场地适合拍摄)."""
    cuts = CLAUSE_SEP.finditer(sent.text, 0, at - sent.start)
    clause = max([sent.start] + [sent.start + c.end() for c in cuts])
    for m in reversed(sent.mentions):
        if m.end > at:
            continue
        label = r.label(m)
        if label in _NOT_AGENTS - {Label.WORK} or label is Label.REGION and (r.locative(m) or r.qualifies(m)):
            continue
        if label is not Label.FIRM or _spoken_of(r.text[m.end : at]):
            return []
        if m.start >= clause:
            return _listed(r, sent, m) if at - m.end <= _AGENT_REACH else []
        return _listed(r, sent, m) if _opens(r, sent, m) else []
    return []


def _spoken_of(gap: str) -> bool:
    """Whether what stands between a firm and a verb says the firm is only spoken of, or opens a
    quotation the verb stands in (甲经理举例:“园区企业参与制作…)."""
    gap = gap.removesuffix("“")  # 成功“出海”: the verb's own quotation marks
    return bool(_NOT_DONE.search(gap)) or gap.count("“") > gap.count("”")


def _opens(r: Reader, sent: Sentence, m: Mention) -> bool:
    """Whether the sentence is about `m`: it opens with it, after a few words of time or source."""
    first = next((x for x in sent.mentions if r.label(x) not in _NOT_AGENTS), None)
    return first is m and m.start - sent.start <= _OPENING


def _apposed(r: Reader, sent: Sentence, start: int, end: int) -> list[Mention]:
    """The firm (or firms listed together) a role noun stands beside: 甲、乙等平台, 出品方为甲."""
    before = [m for m in sent.mentions if m.end <= start]
    if before:
        m = before[-1]
        gap = r.text[m.end : start]
        if r.label(m) is Label.FIRM and _ROLE_AFTER_NAME.fullmatch(gap) and not _USES.search(gap):
            return _listed(r, sent, m)
    after = next((m for m in sent.mentions if m.start >= end), None)
    if after is None or r.label(after) is not Label.FIRM:
        return []
    gap = r.text[end : after.start]
    if (
        _ROLE_BEFORE_NAME.fullmatch(gap)
        or _AS_ROLE.search(r.text[sent.start : start])
        and _CLAUSE_END.fullmatch(gap)
    ):
        return _listed(r, sent, after)
    return []


def _listed(r: Reader, sent: Sentence, m: Mention) -> list[Mention]:
    """`m` and the firms listed with it (甲、乙和丙), not those only named beside it (甲与乙)."""
    return r.coordinated(sent, m, _LIST_EN if r.english else _LIST_ZH)


# -- the firm's own name, and what is known of it


def name_cues(entity: ExtractedEntity) -> list[Cue]:
    """The segments the industry words of a firm's names place it in: its name and the aliases that
    are no part of another of its names (广播影视 of 湖南广播影视集团 is no name of its own)."""
    forms = [entity.name, *entity.aliases]
    own = [entity.name] + [a for a in entity.aliases if not any(a != f and a in f for f in forms)]
    return list(dict.fromkeys(cue for form in own for cue in _form_cues(form)))


@lru_cache(maxsize=16384)
def _form_cues(form: str) -> tuple[Cue, ...]:
    words = _words()
    found = _zh_name_words(form) if _HAS_CJK.search(form) else _en_name_words(form)
    return tuple(Cue(Segment(words.names[w][0]), words.names[w][1], w) for w in found)


def _zh_name_words(form: str) -> list[str]:
    """The segment words a Chinese name ends with, read from its end: 中汇影视文化传播股份有限公司 →
    影视文化传播. A word that names no segment ends the reading and what a broad word said
    (三晋报刊传媒: newspapers, not production); of broad words only the last, the head, counts
    (科技传媒: media); a brand word counts only last (红果短剧, not 某某短剧科技); a trade name of
    two characters (or a place) always stays before the words."""
    words = _words()
    rest, legal = _BRACKETS.sub("", form), False
    for ending in resources().legal:
        if rest.endswith(ending) and len(rest) > len(ending) + 1:
            rest, legal = rest[: -len(ending)], True
            break
    found: list[str] = []
    last = True
    while word := next((w for w in words.endings if _ends(rest, w) and len(rest) - len(w) >= 2), None):
        segment, cue = words.names[word]
        if cue == PASS:
            rest = rest[: -len(word)]
            continue
        if segment == NONE:
            return [w for w in found if words.names[w][1] != WEAK]
        head = not any(words.names[w][1] == WEAK for w in found)  # 科技传媒: a media firm
        if (cue != "name_end" or last and not legal) and (cue != WEAK or head):
            found.append(word)
        rest, last = rest[: -len(word)], False
    return found


def _ends(name: str, word: str) -> bool:
    """Whether a name ends with a word, Latin letters in any case (芒果TV, 某某Tv)."""
    return name.endswith(word) or word.isascii() and name[-len(word) :].lower() == word


def _en_legal_stripped(form: str) -> list[str]:
    """The lower-cased words of an English name without the legal words it ends with (Co., Ltd.)."""
    tokens = form.lower().split()
    while len(tokens) > 1 and tokens[-1] in _LEGAL_EN:
        tokens.pop()
    return tokens


def _en_trade_name(form: str) -> str:
    """ByteDance Co. Ltd. → bytedance: an English name as organisations.tsv lists it (case folded)."""
    return " ".join(_en_legal_stripped(form)).casefold()


def _en_name_words(form: str) -> list[str]:
    """The segment word an English name ends with, legal words aside: Qianjiang Pictures Co., Ltd."""
    tokens = _en_legal_stripped(form)
    names = _words().names
    if len(tokens) > 1 and tokens[-1] in names and names[tokens[-1]][0] != NONE:
        return [tokens[-1]]
    return []


def known_cues(entity: ExtractedEntity) -> list[Cue]:
    """The segments known_segments.tsv gives a firm known by one of its names, or one of its apps."""
    res, known = resources(), _words().known
    out: list[Cue] = []
    for form in dict.fromkeys([entity.name, *entity.aliases]):
        entry = res.known.get(form)
        if entry is None and form.isascii():
            entry = res.known_folded.get(form.casefold()) or res.known_folded.get(_en_trade_name(form))
        if entry is not None and entry.name in known:
            out += [Cue(s, "known", entry.name) for s in known[entry.name]]
    return out
