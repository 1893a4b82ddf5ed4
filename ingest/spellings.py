"""Spelling keys: how resolution finds, in the store, the twin of a name in the other script.

An English name (Shenzhen Huidong Chuangxiang Technology) and the Chinese firm it spells
(深圳市慧动创想科技有限公司, trade name 慧动创想) meet on the pinyin of the trade name; an English name
that translates (Dawu Micro-Drama Industry Association) meets its Chinese twin (大悟县微短剧产业协会) on
the translation (`mdkg.ingest.transliterate`: `py:<pinyin>`, `zh:<core>`). The store keeps keys for each
entity (`GraphBatch.spellings`, `GraphStore.find_by_spelling`):

- Chinese names write each spelling at each place they name (`py:huidongchuangxiang@440300`) and
  within each region around one (`…^440000`), and a pinyin also unplaced;
- an English name writes each spelling after `en|`, placed the same way when it names a place.

A name then asks only for what can fit it (`mdkg.ingest.transliterate.places_agree`: no place in the
English name, or the same place or one inside the other): at its place (`@code`), inside it
(`^code`), or at a region around it (`@ancestor`). An English name asks for Chinese keys, a Chinese
name for English ones, so a trade name's pinyin held by firms all over the country brings back only
those in an agreeing place. Stores written under an older scheme are re-keyed once (`SCHEME`,
`GraphStore.respell`).
"""

from __future__ import annotations

from collections.abc import Iterable

from mdkg.graph.ontology import Entity, Label
from mdkg.ingest.regions import gazetteer
from mdkg.ingest.transliterate import chinese_forms, latin_spellings

SCHEME = "placed-2"
"""The key scheme below; a store whose keys another scheme wrote is re-keyed once (`respell`)."""
SPELLED = frozenset({Label.FIRM, Label.ASSOCIATION})  # the labels an English name may spell in Chinese
ENGLISH = "en|"  # what an English name's keys start with: `en|py:huidongchuangxiang@440300`


def _around(places: Iterable[str]) -> set[str]:
    return {a.code for c in places for a in gazetteer().ancestors(c)}


def _written(key: str, places: frozenset[str]) -> set[str]:
    """`key` at each of `places` and within each region around one; `key` alone without places."""
    if not places:
        return {key}
    return {f"{key}@{c}" for c in places} | {f"{key}^{a}" for a in _around(places)}


def _asked(key: str, places: frozenset[str]) -> set[str]:
    """What finds `key` written at a place agreeing with `places` (the same, one inside, one around);
    `key` alone without places."""
    if not places:
        return {key}
    return {f"{key}{mark}{c}" for c in places for mark in "@^"} | {f"{key}@{a}" for a in _around(places)}


def english_keys(name: str) -> set[str]:
    """The keys an English name writes: each of its spellings, at its place when it names one."""
    return {k for s in latin_spellings(name) for k in _written(ENGLISH + s.key, s.places)}


def chinese_keys(names: Iterable[str]) -> set[str]:
    """The keys a Chinese entity's names write: at the places they name, and a pinyin also unplaced
    (for English names naming no place; a translation unplaced would be held by every such body)."""
    forms = chinese_forms(names)
    unplaced = {k for k in forms.keys if k.startswith("py:")}
    return unplaced | {k for key in forms.keys for k in _written(key, forms.places) if forms.places}


def written_keys(label: Label, name: str, aliases: Iterable[str]) -> set[str]:
    """The keys an extracted entity writes: of an English name, its own; of a Chinese one, all its
    names' (the Chinese names a firm is known by take the place its legal name opens with)."""
    if label not in SPELLED:
        return set()
    if latin_spellings(name):
        return english_keys(name)
    return chinese_keys([name, *aliases])


def stored_keys(entity: Entity) -> list[str]:
    """The keys of a stored entity, from every name it has (to re-key a store once)."""
    if entity.label not in SPELLED:
        return []
    names = [entity.name, *entity.aliases]
    latin = [n for n in names if latin_spellings(n)]
    chinese = [n for n in names if n not in latin]
    keys = {k for n in latin for k in english_keys(n)} | (chinese_keys(chinese) if chinese else set())
    return sorted(keys)


def chinese_asked_by(name: str) -> set[str]:
    """What an English name asks for: the Chinese names it may spell or translate to."""
    return {k for s in latin_spellings(name) for k in _asked(s.key, s.places)}


def english_asked_by(names: Iterable[str]) -> set[str]:
    """What a Chinese entity's names ask for: the stored English names that may spell them."""
    forms = chinese_forms(names)
    unplaced = {ENGLISH + k for k in forms.keys}  # English names naming no place fit anywhere
    if not forms.places:
        return unplaced  # a Chinese name without a place fits only English ones without
    return unplaced | {k for key in forms.keys for k in _asked(ENGLISH + key, forms.places)}
