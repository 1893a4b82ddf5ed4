"""Text helpers: sentences, amounts of money, character classes."""

from __future__ import annotations

import re
from functools import lru_cache

from mdkg.graph.ontology import name_key as _name_key

CJK = r"\u3400-\u9fff"
NAME_CHAR = re.compile(rf"[{CJK}A-Za-z0-9·・\-+&]")
# a full stop followed by a lower-case word ends an abbreviation (Co., Ltd.), not a sentence
_SENTENCE_END = re.compile(r"[。！？；!?;\n]|\.(?=\s+(?![a-z])|$)|…{1,2}(?=\s)")
LATIN = re.compile(r"[A-Za-z]{3}")
SHIELD = re.compile(r"《[^《》\n]{0,80}》|“[^“”\n]{0,80}”")
CLAUSE_SEP = re.compile(r"[，,；;：:]")
ORDINAL = "(?:首届|第[\\d一二三四五六七八九十百]+届|\\d{4}年?(?:度)?)"  # an edition opens an event's name
LEADING_ORDINAL = re.compile(f"^{ORDINAL}")
_PAIRS = {"《": "》", "“": "”", "「": "」", "(": ")", "（": "）"}
_CN_DIGITS = "零〇一二两三四五六七八九十百千"
_AMOUNT = re.compile(
    rf"(\d+(?:,\d{{3}})*(?:\.\d+)?|[{_CN_DIGITS}]+)\s*(万亿|千万|百万|亿|万)(?:元|人民币)?"
    r"|(\d+(?:,\d{3})*(?:\.\d+)?)\s*(billion|million|thousand)?\s*(?:yuan|RMB)"
    r"|(?:RMB|CNY|¥)\s*(\d+(?:,\d{3})*(?:\.\d+)?)\s*(billion|million|thousand)?"
)
_MONEY = re.compile(r"[万亿元¥]|yuan|RMB|CNY")
_UNITS = {
    "万亿": 1e12,
    "千万": 1e7,
    "百万": 1e6,
    "亿": 1e8,
    "万": 1e4,
    "billion": 1e9,
    "million": 1e6,
    "thousand": 1e3,
    None: 1.0,
    "": 1.0,
}
# the key two names are compared by, cached: the same names are keyed many times an article
name_key = lru_cache(maxsize=1 << 16)(_name_key)
MEASURES = re.compile(rf"(\d+|[{_CN_DIGITS}]+)条(?:措施|政策|举措|意见)?$")
_CN_VALUE = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}


def number(text: str) -> float | None:
    """An Arabic or Chinese numeral as a number: 12, 1,000, 3.5, 十 (10), 二十八 (28), 五千 (5000)."""
    if text[:1].isdigit():
        return float(text.replace(",", ""))
    total, digit = 0, None
    for ch in text:
        if ch in _CN_VALUE:
            digit = _CN_VALUE[ch]
        elif ch in _CN_UNIT:
            total += (1 if digit is None else digit) * _CN_UNIT[ch]
            digit = None
        else:
            return None
    return float(total + (digit or 0)) if total or digit is not None else None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end) offsets, never cut inside 《》 or quotes."""
    shielded = [(m.start(), m.end()) for m in SHIELD.finditer(text)]
    spans, start, k = [], 0, 0
    for m in _SENTENCE_END.finditer(text):
        cut = m.end()
        while k < len(shielded) and shielded[k][1] <= m.start():
            k += 1
        if k < len(shielded) and shielded[k][0] < m.start() < shielded[k][1]:
            continue
        if text[start:cut].strip():
            spans.append(_strip_span(text, start, cut))
        start = cut
    if text[start:].strip():
        spans.append(_strip_span(text, start, len(text)))
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def amounts(text: str) -> list[tuple[int, float]]:
    """(offset, CNY) of every amount in a text: 5000万元, 2亿元, 100,000 yuan, 200 million yuan."""
    found: list[tuple[int, float]] = []
    if not _MONEY.search(text):
        return found
    for m in _AMOUNT.finditer(text):
        digits = m.group(1) or m.group(3) or m.group(5)
        unit = m.group(2) or m.group(4) or m.group(6)
        if m.group(1) and not unit or not digits[0].isdigit() and not m.group(0).endswith(("元", "币")):
            continue  # a bare number, or a Chinese numeral not said to be money (十万观众)
        value = number(digits)
        if value is not None:
            found.append((m.start(), value * _UNITS[unit]))
    return found


def amount_cny(text: str) -> float | None:
    """The first amount of money in a text, in yuan (5000万元 → 5e7)."""
    found = amounts(text)
    return found[0][1] if found else None
