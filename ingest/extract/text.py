"""Text helpers: sentences, amounts of money, character classes."""

from __future__ import annotations

import re
from functools import lru_cache

from graph.ontology import name_key as _name_key

CJK = r"\u3400-\u9fff"
NAME_CHAR = re.compile(rf"[{CJK}A-Za-z0-9·・\-+&]")
_SENTENCE_END = re.compile(r"[。！？；!?;\n]|\.(?=\s|$)|…{1,2}(?=\s)")
LATIN = re.compile(r"[A-Za-z]{3}")
SHIELD = re.compile(r"《[^《》\n]{0,80}》|“[^“”\n]{0,80}”")
CLAUSE_SEP = re.compile(r"[，,；;：:]")
_PAIRS = {"《": "》", "“": "”", "「": "」", "(": ")", "（": "）"}
_AMOUNT = re.compile(
    r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万亿|千万|百万|亿|万)(?:元|人民币)?"
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
MEASURES = re.compile(r"(\d+)条(?:措施|政策|举措|意见)?$")


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
        number = m.group(1) or m.group(3) or m.group(5)
        unit = m.group(2) or m.group(4) or m.group(6)
        if m.group(1) and not unit:
            continue
        found.append((m.start(), float(number.replace(",", "")) * _UNITS[unit]))
    return found


def amount_cny(text: str) -> float | None:
    """The first amount of money in a text, in yuan (5000万元 → 5e7)."""
    found = amounts(text)
    return found[0][1] if found else None
