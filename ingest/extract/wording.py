"""Where names start and whether a phrase names anything: the part of speech of everyday words
(words.tsv, from jieba's dictionary), the stop and keep words of boundary_words.tsv, and the
type words of name_suffixes.tsv."""

from __future__ import annotations

import re

from mdkg.graph.ontology import Label
from mdkg.ingest.extract.places import names_a_region
from mdkg.ingest.extract.resources import resources, tokens
from mdkg.ingest.extract.text import LEADING_ORDINAL, NAME_CHAR

MAX_NAME = 30
_DIGIT = re.compile(r"\d")
_MARKED = re.compile('[《“「"A-Za-z]')  # a quoted or titled part, or Latin letters
QUOTED = re.compile('[“”《》"]')


def suffix_size(name: str) -> int:
    res = resources()
    return next((size for size in range(min(len(name), 8), 1, -1) if name[-size:] in res.suffix_label), 0)


def suffix_label(name: str) -> Label | None:
    res = resources()
    for size in range(min(len(name), 8), 1, -1):
        label = res.suffix_label.get(name[-size:])
        if label is not None:
            return label
    return None


def extend_left(text: str, pos: int, floor: int) -> int:
    """Where a name that reaches `pos` from the right starts: over name characters, stopping at
    function words and verbs, keeping compounds such as region names whole."""
    res, i = resources(), pos
    keep, keep_ends, stop, stop_ends = res.keep, res.keep_ends, res.stop, res.stop_ends
    while i > floor and pos - i < MAX_NAME:
        ch = text[i - 1]
        kept = 0
        for k in keep_ends.get(ch, ()):
            if k > 1 and i - k >= floor and text[i - k : i] in keep:
                kept = k
                break
        if kept:
            i -= kept
            continue
        stopped = False
        for k in stop_ends.get(ch, ()):
            if i - k >= floor and text[i - k : i] in stop:
                stopped = True
                break
        if stopped:
            break
        if NAME_CHAR.match(ch):
            i -= 1
        elif ch == "—" and i - 2 > floor and NAME_CHAR.match(text[i - 2]) and text[i - 2] != "—":
            i -= 1  # 中国—东盟(南宁)微短剧大赛: one dash joins the two sides a name is of
        elif ch in "·・" and i - 2 > floor and NAME_CHAR.match(text[i - 2]):
            i -= 1  # 科岭荟·某某文化出海基地: a brand before a middle dot opens the name
        elif ch in ")）" and (opening := _opening(text, i - 1, "(（")) > floor and pos - opening < MAX_NAME:
            i = opening
        elif ch in '”"' and (opening := _opening(text, i - 1, '“"')) >= floor and pos - opening < 25:
            i = opening
        elif ch == "》" and (opening := _opening(text, i - 1, "《")) >= floor and pos - opening < 25:
            i = opening  # 《得偿》开机仪式: an event named by its work
        else:
            break
    return i


def _opening(text: str, close: int, openers: str) -> int:
    for j in range(close - 1, max(close - 20, -1), -1):
        if text[j] in openers:
            return j
        if text[j] in "，,。；;\n":
            break
    return -1


# parts of speech that open no name: verbs, adverbs, conjunctions, prepositions, pronouns,
# numerals, classifiers, time words (jieba's tags, words.tsv)
FUNCTION_TAGS = frozenset({"v", "vd", "d", "ad", "c", "p", "r", "u", "m", "q", "t", "f"})
_CLAUSE_TAGS = frozenset({"v", "vd", "d", "ad", "c", "p", "r"})  # not 首届, 2024年: events open so
_VERBAL = frozenset({"v", "vn", "vd"})
PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "eng"})
BARE_HEADS = frozenset({"公司", "工作室", "企业", "平台", "中心", "机构"})
NATIONAL = frozenset({"中国", "国家", "中央", "全国", "中共", "中华"})  # words that name the nation


def past_leading_clause(text: str, begin: int, start: int) -> int:
    """正如|烟台市文化和旅游局, 积极响应|国家广电总局, 走进|湖南某公司: a name read leftwards that
    took in a verb or adverb before a place or a national word starts after that word."""
    res = resources()
    quoted = "“" in text[begin:start]
    for p in range(begin + 2, start - 1):
        if quoted and text.count("“", begin, p) > text.count("”", begin, p):
            continue  # “走近天水”: a verb inside quotes is part of a title
        opens = any(text[p : p + k] in res.keep or text[p : p + k] in NATIONAL for k in (2, 3, 4))
        if opens and any(res.words.get(text[p - k : p]) in _CLAUSE_TAGS for k in (2, 3, 4) if p - k >= begin):
            return p
    return begin


_NO_UNITS = frozenset({Label.EVENT, Label.POLICY, Label.FUND})
_BATCH = re.compile(r"第[\d一二三四五六七八九十]+批")


def past_conjunction(text: str, begin: int, start: int) -> int:
    """第五届“新媒体之夜”暨2024“CBD之夏”启动仪式: 暨 joins two named events; a name read leftwards
    starts after it when what follows it is specific by itself."""
    joint = text.rfind("暨", begin, start)
    if joint > begin and specific(text[joint + 1 : start]):
        return joint + 1
    return begin


def past_other_name(text: str, begin: int, start: int) -> int:
    """首映仪式|大陆国台办新闻局: an event, policy or fund has no units, so a name read leftwards that
    took in one's type word starts after it."""
    res = resources()
    for at, suffix in res.zh_suffixes.scan(text, begin, start, overlapping=True):
        end = at + len(suffix)
        if end >= start - 1 or at <= begin or res.suffix_label[suffix] not in _NO_UNITS:
            continue
        runs_on = any(text.startswith(w, end - 1) for w in res.runs_on.get(suffix[-1], ()))
        if text[end] in '”"」》' or runs_on or _BATCH.match(text, end):
            continue  # “某措施”新闻发布活动 names the policy; 视听节目 holds no 视听节; 某计划第三批…发布活动
        if text[end] == "暨" and not specific(text[end + 1 : start]):
            continue  # 某启动仪式暨新闻发布会: a generic second part makes one compound event
        begin = end + (text[end] == "暨")
    return begin


def common_phrase(core: str) -> bool:
    """导致公司, 几年公司, 信息流广告公司: before a bare head such as 公司, a phrase that opens with a
    verb, adverb, numeral or pronoun, holds a digit, or is everyday nouns only is no trade name."""
    if not core or _DIGIT.search(core):
        return True
    if names_a_region(core):
        return False
    words, tags = tokens(core), resources().words
    if tags.get(words[0]) in FUNCTION_TAGS or words[0] in "他她它其该此这那各某每":
        return True
    if any(tags.get(w) == "v" for w in words):  # 新注册公司: a clause, not a trade name
        return True
    if core.endswith(resources().industry):  # 星云科技公司: a trade name and its line of business
        return False
    return all(len(w) > 1 and tags.get(w) not in PROPER_TAGS and w in tags for w in words)


_CLASSIFIERS = frozenset("次个座家项部位届场批")


def opens_clause(core: str) -> bool:
    """浙江省|充分发挥|文化, 横店|拉开发展|影视, 房县|首部|文旅: between a place and a line of business,
    a phrase holding a verb, adverb or numeral is a clause, not a trade name."""
    tags = resources().words
    words = [part for w in tokens(core) for part in ((w, w[:2], w[2:]) if len(w) == 4 else (w,))]
    return any(tags.get(w) in FUNCTION_TAGS for w in words if len(w) > 1)


def specific(core: str) -> bool:
    """Whether what stands before an open-class head (仪式, 党委, 片场) makes it a name: a place, a
    quoted or titled name, a proper noun or a word no dictionary has; not 开机仪式, 天然片场,
    次开机仪式 or 主持开机仪式."""
    if _MARKED.search(core) or names_a_region(core):
        return True
    core = LEADING_ORDINAL.sub("", core) or core  # 第二届星河短剧展播: the edition says nothing
    if not core:
        return False  # 开幕式暨|颁奖典礼: nothing at all before the head
    words, tags = tokens(core), resources().words
    if tags.get(words[0]) in FUNCTION_TAGS or words[0] in _CLASSIFIERS:
        return False
    return any(tags.get(w) in PROPER_TAGS or (w not in tags and len(w) > 1) for w in words) or (
        sum(len(w) == 1 for w in words) >= 2
    )


def past_opening_verb(text: str, begin: int, end: int) -> int:
    """坐拥|抖音: a name read leftwards that opens with a verb, preposition or adverb starts after it."""
    words = tokens(text[begin:end])
    if len(words) > 1 and len(words[0]) > 1 and resources().words.get(words[0]) in _CLAUSE_TAGS:
        return begin + len(words[0]) if end - begin - len(words[0]) >= 2 else begin
    return begin


_PLACE_END = re.compile("(?:村|镇|乡|区|县|市|省|社区|街道)$")
_PLACE_END_CHAR = re.compile("[村镇乡区县市省道]")


def past_place_verb(text: str, begin: int, start: int) -> int:
    """盐官镇月塘村|建起|月塘短剧拍摄基地: a name read leftwards that took in a place and the verb
    after it starts after the verb."""
    if not _PLACE_END_CHAR.search(text, begin, start):
        return begin  # no place word inside: the common case, without cutting words
    at, cut, quoted = begin, begin, False
    for w in tokens(text[begin:start]):
        quoted = quoted != (w in "“”" and w != "")  # “走近天水”: a verb inside quotes is part of a title
        if (
            len(w) > 1
            and not quoted
            and resources().words.get(w) == "v"
            and _PLACE_END.search(text, begin, at)
        ):
            cut = at + len(w)
        at += len(w)
    return cut if start - cut >= 2 else begin


def past_split_word(text: str, begin: int, end: int) -> int:
    """运营方|青文互娱: a name read leftwards that starts inside a word (运营方) starts after it."""
    words = resources().words
    for size in (4, 3, 2):
        for back in range(1, size):
            if (
                begin - back >= 0
                and begin - back + size < end
                and text[begin - back : begin - back + size] in words
            ):
                return begin - back + size
    return begin


_KIND_NOUN = re.compile("企业|机构|单位|平台|龙头|本土|本地")


def past_kind_noun(text: str, begin: int, start: int) -> int:
    """坪山区内企业|深圳市某公司, 本地企业|青禾影视: a name read leftwards that took in a noun saying
    what kind of organisation follows starts after that noun."""
    last = None
    for m in _KIND_NOUN.finditer(text, begin, start):
        if start - m.end() >= 2:
            last = m
    return last.end() if last is not None else begin


def is_generic(core: str) -> bool:
    """True when a name without its type word is only generic modifiers (微短剧产业 基地)."""
    res = resources()
    if res.vague_re.search(core):
        return True
    if re.search(r"“[^”]{2,}”", core):
        return False
    rest = res.generic_re.sub("", core)
    if len(rest) < 2 and not names_a_region(core):
        return True
    # 训练基地, 孵化基地: one verb (or verbal noun) alone only says what the place is for
    return res.words.get(core) in _VERBAL and core not in res.known
