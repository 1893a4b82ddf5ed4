"""Names known by their shape rather than a type word: brands written like ReelShort among Chinese
text, firms named by a trade name and a line of business (西影传媒), villages and communities."""

from __future__ import annotations

import re

from mdkg.graph.ontology import Label
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.places import names_a_region
from mdkg.ingest.extract.resources import resources
from mdkg.ingest.extract.text import CJK, NAME_CHAR
from mdkg.ingest.extract.wording import (
    FUNCTION_TAGS,
    PROPER_TAGS,
    extend_left,
    is_generic,
    past_kind_noun,
    past_split_word,
    specific,
    suffix_label,
)
from mdkg.ingest.regions import gazetteer

# ReelShort, DataEye, FlexTV, TikTok: a Latin word with a capital inside it, written among Chinese
_CAMEL = re.compile(r"(?<![A-Za-z0-9])[A-Z][a-z]+(?:[A-Z][a-z]+|[A-Z]{2,3})+(?![A-Za-z0-9])")
_CJK_NEAR = re.compile(f"[{CJK}“”《》「」（），、：]")


def brands(text: str) -> list[Mention]:
    """Brand and app names shaped like ReelShort (in English text, or among Chinese): firms (or
    their products, which merge with their operator when the text links them)."""
    found = []
    english = not re.search(f"[{CJK}]", text[:400])
    for m in _CAMEL.finditer(text):
        around = text[max(0, m.start() - 1) : m.start()] + text[m.end() : m.end() + 1]
        if english or _CJK_NEAR.search(around):
            found.append(Mention(m.start(), m.end(), Label.FIRM, m.group(0)))
    return found


# a trade name ends in a line of business: 西影传媒, 卓渊影视, 点众科技, 青文互娱
_TRADE_HEADS = re.compile("传媒|影视|影业|互娱|娱乐|科技|动漫|制片厂|卫视")
_VILLAGE = re.compile("村|社区")
_NOT_VILLAGE = frozenset("本该全各每新山乡农此一两多这那")


def trade_names(text: str) -> list[Mention]:
    """Firms named by a trade name and a line of business, with no legal form: the trade name must
    be specific (a word no dictionary has, or a proper noun), and two to four characters long."""
    found = []
    for m in _TRADE_HEADS.finditer(text):
        if NAME_CHAR.match(text, m.end()) and text[m.end() : m.end() + 2] not in ("有限", "股份", "集团"):
            if suffix_label(text[m.end() : m.end() + 4]) is not None:
                continue  # 某某影视基地: the longer type word names it
        begin = past_split_word(text, extend_left(text, m.start(), max(0, m.start() - 8)), m.start())
        begin = past_kind_noun(text, begin, m.start())
        trade = text[begin : m.start()]
        if not 2 <= len(trade) <= 4 or re.search(r"[\d年月日]", trade):
            continue
        placed = bool(gazetteer().find(trade)) or resources().words.get(trade) == "ns"
        if placed if m.group(0) != "卫视" else not placed:
            continue  # 湖南卫视 is a station; a place before another line of business is no trade name
        if specific(trade):
            found.append(Mention(begin, m.end(), Label.FIRM, text[begin : m.end()]))
    return found


def villages(text: str) -> list[Mention]:
    """邱台村, 大马圈社区: villages and communities by their type word, with a name of two or three
    characters that is no everyday word (农村, 乡村, 本村 are none)."""
    found, words = [], resources().words
    for m in _VILLAGE.finditer(text):
        begin = extend_left(text, m.start(), max(0, m.start() - 3))
        cut = max((i + 1 for i in range(begin, m.start()) if text[i] in "镇乡区县市"), default=begin)
        begin, core = cut, text[cut : m.start()]
        common = core in words and words[core] not in PROPER_TAGS  # 冯梦龙村 is named after a person
        if len(core) < 2 or core[0] in _NOT_VILLAGE or common or core + m.group(0) in words:
            continue
        if re.search(r"\d", core) or names_a_region(core):
            continue
        if words.get(core[:2]) in FUNCTION_TAGS or not specific(core):
            continue
        if begin and text[begin - 1 : begin + 1] in words:
            continue  # 全国文明村: a name never starts inside a word (全国)
        found.append(Mention(begin, m.end(), Label.REGION, text[begin : m.end()]))
    return found


# what links an app or brand to the firm that runs it (rule 13), written between the two names
_BRAND_THEN_FIRM = re.compile(
    r"^(?:,\s*(?:the|an?)\s+(?:\w+[\s-]){0,3}?(?:app|application|platform|brand|product|service|arm|unit)\s+of"
    r"|,?\s*(?:which\s+is\s+)?(?:operated|owned|run|developed|launched|made)\s+by"
    r"|的?运营(?:主体|方|公司|商)(?:为|是)|(?:的)?母公司(?:为|是))\s*(?:Beijing-based\s+|\w+'s\s+)?$",
    re.IGNORECASE,
)
_FIRM_THEN_BRAND = re.compile(
    r"^(?:,\s*the\s+(?:company|firm|developer|operator|owner)\s+(?:behind|of)"
    r"|(?:运营|推出|开发|打造|出品)的(?:海外)?(?:APP|应用|平台|产品)?|旗下(?:的)?(?:海外)?(?:APP|应用|平台|产品)?)\s*$",
    re.IGNORECASE,
)


def link_brands(text: str, mentions: list[Mention]) -> None:
    """ReelShort, the app of Shenzhen Fengye Interactive Technology; 点众科技运营的DramaBox: a brand
    the text ties to its operator is another name of that firm (ONTOLOGY rule 13)."""
    for i, b in enumerate(mentions):
        if b.label is not Label.FIRM or not _CAMEL.fullmatch(b.surface):
            continue
        after = next((m for m in mentions[i + 1 : i + 3] if m.label is Label.FIRM), None)
        before = next((m for m in reversed(mentions[max(0, i - 2) : i]) if m.label is Label.FIRM), None)
        if after is not None and _BRAND_THEN_FIRM.match(text[b.end : after.start]):
            b.aliases.append(after.surface)
        elif before is not None and _FIRM_THEN_BRAND.match(text[before.end : b.start]):
            b.aliases.append(before.surface)


# 听花岛出品的《…》, 出品方为海鱼星空: a short name right before a verb of producing or owning, or after
# the word for a producer, is a firm even with no type word
_PRODUCER_AFTER = re.compile(r"(?:出品方|制作方|承制方|发行方|运营方|出品公司)(?:为|是|：|:)?")
_PRODUCER_BEFORE = re.compile(r"(?:联合)?(?:出品|承制|旗下)")


def producers(text: str) -> list[Mention]:
    """Firms named only by the part they play: before 出品/承制/旗下, after 出品方(为)."""
    found = []
    for m in _PRODUCER_BEFORE.finditer(text):
        begin = past_kind_noun(
            text,
            past_split_word(text, extend_left(text, m.start(), max(0, m.start() - 6)), m.start()),
            m.start(),
        )
        name = text[begin : m.start()]
        if 2 <= len(name) <= 5 and _a_firm_name(name):
            found.append(Mention(begin, m.start(), Label.FIRM, name))
    for m in _PRODUCER_AFTER.finditer(text):
        end = m.end()
        while end < len(text) and end - m.end() < 6 and NAME_CHAR.match(text, end):
            end += 1
        name = text[m.end() : end]
        if 2 <= len(name) <= 5 and _a_firm_name(name):
            found.append(Mention(m.end(), end, Label.FIRM, name))
    return found


def _a_firm_name(name: str) -> bool:
    if name[0] in _NOT_FIRST or is_generic(name) or name in resources().words:
        return False  # 有份出品, 微短剧出品
    return specific(name) and not names_a_region(name) and not gazetteer().find(name)


_NOT_FIRST = frozenset("有是在为和与及的了把被让给也都还将已并其该此这那各")
