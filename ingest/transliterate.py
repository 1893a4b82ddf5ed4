"""How an English organisation name spells a Chinese one: the pinyin of a trade name, or a translation.

English news writes Chinese firms as place + pinyin of the trade name + industry words
("Shenzhen Huidong Chuangxiang Technology" for 深圳市慧动创想科技有限公司, trade name 慧动创想)
and associations word by word ("Shenzhen Micro-drama Industry Association" for 深圳市微短剧产业协会).
Both sides are cut into *spellings*: a key (`py:` toneless pinyin, `zh:` Chinese words) with the
place codes the name opens with. An English and a Chinese spelling fit when their keys are equal
and, if the English one names a place, the Chinese one names the same place or one inside or
around it. The words are data: `ingest/data/transliteration.tsv` (English) and
`ingest/data/firm_words.tsv` (Chinese legal forms and industry words).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product

from mdkg.graph.names import syllables
from mdkg.graph.ontology import name_key
from mdkg.ingest.datafiles import DATA_DIR, read_tsv, values
from mdkg.ingest.regions import RegionMention, gazetteer

MIN_SYLLABLES = 2  # a one-syllable trade name (枫) sounds like too many others
_MAX_TRANSLATIONS = 16
_BRACKETS = re.compile(r"[(（][^()（）]*[)）]")
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[a-z]+(?:['’-][a-z]+)*")


@dataclass(frozen=True)
class Spelling:
    """One way a name may be written: `py:huidongchuangxiang` or `zh:微短剧产业协会`, and its place."""

    key: str
    places: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Words:
    drop: frozenset[str]  # folded English words left out before comparing pinyin
    gloss: dict[tuple[str, ...], tuple[str, ...]]  # folded English phrase -> Chinese alternatives
    longest: int
    legal: tuple[str, ...]  # Chinese legal forms, longest first
    industry: tuple[str, ...]  # Chinese industry words, longest first


def fold(word: str) -> str:
    """`Co.,` → `co`: an English word as the word lists hold it."""
    return word.casefold().strip(".,;:()'\"")


@cache
def _words() -> _Words:
    english = read_tsv(DATA_DIR / "transliteration.tsv")
    gloss = {tuple(fold(w) for w in r["word"].split()): values(r["chinese"]) for r in english}
    chinese = read_tsv(DATA_DIR / "firm_words.tsv")
    return _Words(
        drop=frozenset(fold(r["word"]) for r in english if r["kind"] == "drop"),
        gloss={k: v for k, v in gloss.items() if v},
        longest=max(len(k) for k in gloss),
        legal=_longest_first(r["word"] for r in chinese if r["kind"] == "legal"),
        industry=_longest_first(r["word"] for r in chinese if r["kind"] == "industry"),
    )


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


# -- the English side ---------------------------------------------------------------------------
@lru_cache(maxsize=4096)
def latin_spellings(name: str) -> frozenset[Spelling]:
    """The spellings of a latin name: without its leading place (kept as the place) and whole."""
    if _HAN.search(name):
        return frozenset()
    out: set[Spelling] = set()
    places, rest = _leading_place(name)
    readings = [(places, rest), (frozenset(), name)] if places and rest.strip() else [(frozenset(), name)]
    for codes, text in readings:
        words = [w for w in (fold(w) for w in text.split()) if w]
        out.update(Spelling(key, codes) for key in [*_pinyin_keys(words), *_translations(words)])
    return frozenset(out)


def _leading_place(name: str) -> tuple[frozenset[str], str]:
    """The region codes the name opens with (a chain, each inside the one before) and the rest."""
    g = gazetteer()
    codes: frozenset[str] = frozenset()
    end = 0
    for m in g.find(name):
        if m.start != (end + 1 if codes else 0) or (codes and not _inside_any(m, codes)):
            break
        codes, end = frozenset(m.candidates), m.end
    return codes, name[end:]


def _inside_any(m: RegionMention, codes: frozenset[str]) -> bool:
    return any(a.code in codes for c in m.candidates for a in gazetteer().ancestors(c))


def _pinyin_keys(words: list[str]) -> list[str]:
    """The words left after dropping industry words, run together, if they can be pinyin."""
    kept = [w for w in words if w not in _words().drop]
    if not kept or not all(_LATIN_WORD.fullmatch(w) for w in kept):
        return []
    return ["py:" + re.sub(r"['’-]", "", "".join(kept))]


def _translations(words: list[str]) -> list[str]:
    """The Chinese the words translate to when every one of them is in the glossary."""
    words_, parts, i = _words(), [], 0
    while i < len(words):
        size = next((n for n in range(words_.longest, 0, -1) if tuple(words[i : i + n]) in words_.gloss), 0)
        if not size:
            return []
        parts.append(words_.gloss[tuple(words[i : i + size])])
        i += size
    joined = ["".join(p) for p in product(*parts)][:_MAX_TRANSLATIONS] if parts else []
    return ["zh:" + j for j in joined if len(j) >= MIN_SYLLABLES]


# -- the Chinese side ---------------------------------------------------------------------------
@lru_cache(maxsize=16384)
def han_spellings(name: str) -> frozenset[Spelling]:
    """The spellings of a Chinese name: its core without place and legal form, then without each
    trailing industry word in turn (慧动创想科技 → 慧动创想), as Chinese and as toneless pinyin."""
    if not _HAN.search(name):
        return frozenset()
    region = gazetteer().is_region_prefix(name)
    places = frozenset([region.code]) if region else frozenset()
    bare = _BRACKETS.sub("", name)
    chain = gazetteer().prefix_chain(bare)
    stages = _stages(bare[chain[-1][1] :]) if chain else []
    out: set[Spelling] = set()
    for stage in stages or _stages(bare):
        out.add(Spelling("zh:" + stage, places))
        parts = syllables(stage)
        if len(parts) >= MIN_SYLLABLES and all(han for _, han in parts):
            out.add(Spelling("py:" + "".join(p for p, _ in parts), places))
    return frozenset(out)


def _stages(core: str) -> list[str]:
    """`慧动创想科技有限公司` → [慧动创想科技, 慧动创想]: legal forms cut, then industry words one by one."""
    words = _words()
    core = _cut(core, words.legal, repeat=True)
    stages = []
    while len(core) >= MIN_SYLLABLES:
        stages.append(core)
        shorter = _cut(core, words.industry, repeat=False)
        if shorter == core:
            break
        core = shorter
    return stages


def _cut(text: str, suffixes: tuple[str, ...], repeat: bool) -> str:
    while (end := next((s for s in suffixes if text.endswith(s)), None)) is not None:
        text = text[: -len(end)]
        if not repeat:
            break
    return text


def lookup_keys(spellings: Iterable[Spelling]) -> set[str]:
    """Name keys a Chinese twin of translated spellings may be stored under: the core alone and
    after each place the English names (深圳市微短剧产业协会, 深圳微短剧产业协会)."""
    out: set[str] = set()
    for s in spellings:
        if s.key.startswith("zh:"):
            core = s.key[3:]
            regions = [r for r in map(gazetteer().get, s.places) if r is not None]
            out.update(name_key(form + core) for r in regions for form in (r.name, r.short, ""))
    return out


def places_agree(english: frozenset[str], chinese: frozenset[str]) -> bool:
    """No place in the English name, or the same place (or one inside the other) in the Chinese one."""
    if not english:
        return True
    g = gazetteer()
    return any(
        e == c or e in {a.code for a in g.ancestors(c)} or c in {a.code for a in g.ancestors(e)}
        for e in english
        for c in chinese
    )


@dataclass(frozen=True)
class Forms:
    """What the Chinese names of one entity spell: their keys, and every place they name."""

    keys: frozenset[str]
    places: frozenset[str]


def chinese_forms(names: Iterable[str]) -> Forms:
    """The spellings of all an entity's Chinese names: a short name (慧动创想) takes the place its
    legal name opens with."""
    spellings = [s for name in names for s in han_spellings(name)]
    return Forms(frozenset(s.key for s in spellings), frozenset(p for s in spellings for p in s.places))


def fits(english: frozenset[Spelling], chinese: Forms) -> bool:
    """Does some English spelling write the Chinese names, in an agreeing place?"""
    return any(e.key in chinese.keys and places_agree(e.places, chinese.places) for e in english)
