"""Names known by their shape rather than a type word: brands written like ReelShort among Chinese
text, firms named by a trade name and a line of business (西影传媒), villages and communities."""

from __future__ import annotations

import re

from graph.ontology import Label
from ingest.extract.mention import Mention
from ingest.extract.places import names_a_region
from ingest.extract.resources import resources
from ingest.extract.text import CJK, NAME_CHAR
from ingest.extract.wording import (
    FUNCTION_TAGS,
    PROPER_TAGS,
    extend_left,
    past_split_word,
    specific,
    suffix_label,
)
from ingest.regions import gazetteer

# ReelShort, DataEye, FlexTV, TikTok: a Latin word with a capital inside it, written among Chinese
_CAMEL = re.compile(r"(?<![A-Za-z0-9])[A-Z][a-z]+(?:[A-Z][a-z]+|[A-Z]{2,3})+(?![A-Za-z0-9])")
_CJK_NEAR = re.compile(f"[{CJK}“”《》「」（），、：]")


def brands(text: str) -> list[Mention]:
    """Brand and app names shaped like ReelShort among Chinese text: firms (or their products,
    which merge with their operator when the text links them)."""
    found = []
    for m in _CAMEL.finditer(text):
        around = text[max(0, m.start() - 1) : m.start()] + text[m.end() : m.end() + 1]
        if _CJK_NEAR.search(around):
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
        found.append(Mention(begin, m.end(), Label.REGION, text[begin : m.end()]))
    return found
