"""Works named in English text by the pinyin of their Chinese title (Jia Li Jia Wai, Gu Dao Wei Lie):
a run of two or more capitalised words that are all pinyin, named a work by a cue before it
(series, drama, season of …) or by an English title in brackets after it, which becomes an alias.
A person written in pinyin (Wang Jing) has neither."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from mdkg.graph.ontology import Label
from mdkg.ingest.extract.mention import Mention

_CAPITALISED = re.compile(r"[A-Z][a-z]{0,7}")
_CUE = re.compile(
    r"(?:series|drama|dramas|micro[- ]drama|short drama|season of|film|show|hit|titled|called)\s+$",
    re.IGNORECASE,
)
_ENGLISH_TITLE = re.compile(r"\s\(([A-Z][^()\n]{2,60})\)")


@cache
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (from pypinyin's dictionary, loaded once, only for English)."""
    from pypinyin.pinyin_dict import pinyin_dict

    found = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            plain = "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))
            found.add(plain.replace("ü", "v"))
    return frozenset(found)


@lru_cache(maxsize=8192)
def _pinyin_word(word: str) -> bool:
    """Whether a word is one to three pinyin syllables written together (Shengxia, Fendela)."""
    word, syllables = word.lower(), _syllables()
    reach = {0: 0}
    for i in range(len(word)):
        if i not in reach or reach[i] >= 3:
            continue
        for j in range(i + 1, min(len(word), i + 6) + 1):
            if word[i:j] in syllables:
                reach[j] = min(reach.get(j, 9), reach[i] + 1)
    return len(word) in reach


def pinyin_titles(text: str) -> list[Mention]:
    found: list[Mention] = []
    run: list[re.Match[str]] = []
    for word in [*_CAPITALISED.finditer(text), None]:
        joined = word is not None and run and text[run[-1].end() : word.start()] == " "
        if word is not None and (joined or not run) and _pinyin_word(word.group()):
            run.append(word)
            continue
        if len(run) >= 2:
            found += _titled(text, run[0].start(), run[-1].end())
        run = [word] if word is not None and _pinyin_word(word.group()) else []
    return found


def _titled(text: str, start: int, end: int) -> list[Mention]:
    english = _ENGLISH_TITLE.match(text, end)
    if english is None and not _CUE.search(text, max(0, start - 20), start):
        return []
    aliases = [english.group(1).strip()] if english else []
    return [Mention(start, end, Label.WORK, text[start:end], rank=0, aliases=aliases)]
