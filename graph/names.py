"""The forms an entity is searched by: name keys, pinyin, initials and full-text words.

Both stores index the same forms, computed here, so a query finds the same entities
on either. Full-text tokens copy what Lucene's CJK analyzer (the Neo4j index's
`cjk` analyzer) makes of the same text: overlapping bigrams of CJK runs (a lone
CJK character stays a unigram), latin and digit runs as lower-case words, and the
analyzer's English stop words dropped.

Pinyin is only for finding: `find_by_keys` (entity resolution) never sees it,
or two firms whose names sound alike would merge.
"""

from __future__ import annotations

import re
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

from pydantic import BaseModel, Field
from pypinyin import lazy_pinyin

from mdkg.graph.ontology import name_key

# Han (with extension A and compatibility ideographs), kana and hangul: what CJKBigramFilter bigrams.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_RUN = re.compile(rf"[{CJK}]+|[^\W_{CJK}]+")
_CJK_RUN = re.compile(rf"[{CJK}]+")
_NOT_WORD = re.compile(r"[\W_]+")
# Lucene 9's CJKAnalyzer default stop set (org/apache/lucene/analysis/cjk/stopwords.txt);
# tests/graph/test_search.py checks it against the server's `db.index.fulltext.listAvailableAnalyzers`.
STOPWORDS = frozenset(
    "a and are as at be but by for if in into is it no not of on or s such t that the their then there "
    "these they this to was will with www".split()
)


def clean(text: str) -> str:
    """NFKC, case-folded, every run of punctuation or spaces one space: words only."""
    return _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def tokens(text: str) -> list[str]:
    """Full-text tokens of `text`, in order, as Lucene's CJK analyzer makes them."""
    out: list[str] = []
    for run in _RUN.findall(clean(text)):
        if _CJK_RUN.fullmatch(run):
            out.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
        elif run not in STOPWORDS:
            out.append(run)
    return out


Syllables = tuple[tuple[str, bool], ...]

MEMO_SIZE = 65536
"""Names whose syllables are kept: re-ingesting meets the same names again, and pypinyin is slow."""
# oldest first; a dict's first key is slow to find once many were deleted before it, this one's is not
_memo: OrderedDict[str, Syllables] = OrderedDict()
_asked: list[set[str]] = []  # the texts asked for inside `recording()` blocks


def syllables(text: str) -> Syllables:
    """Toneless pinyin of each Han character in `text` (flagged True), other words whole; () without Han."""
    for asked in _asked:
        asked.add(text)
    found = _memo.get(text)
    if found is None:
        found = _syllables(text)
        _keep(text, found)
    return found


def _syllables(text: str) -> Syllables:
    if not _HAN.search(text):
        return ()
    out: list[tuple[str, bool]] = []
    for run in _RUN.findall(clean(text)):
        if _HAN.search(run):
            pairs = zip(lazy_pinyin(run), _chars(run), strict=False)
            out.extend((s, bool(_HAN.fullmatch(c))) for s, c in pairs)
        else:
            out.append((run, False))
    return tuple(out)


def _keep(text: str, value: Syllables) -> None:
    if len(_memo) >= MEMO_SIZE:
        _memo.popitem(last=False)  # the oldest first
    _memo[text] = value


@contextmanager
def recording() -> Iterator[dict[str, Syllables]]:
    """Collect the syllables of every text asked for inside the block, into the dict given (filled at
    its end): an extraction worker hands them to the writer (`remember`), which then need not run
    pypinyin again for the names it resolves and indexes."""
    asked: set[str] = set()
    got: dict[str, Syllables] = {}
    _asked.append(asked)
    try:
        yield got
    finally:
        _asked.remove(asked)
        got.update((text, syllables(text)) for text in asked)


def remember(known: Mapping[str, Syllables]) -> None:
    """Take syllables computed elsewhere (another process, see `recording`)."""
    for text, value in known.items():
        if text not in _memo:
            _keep(text, value)


def _chars(run: str) -> list[str]:
    """The characters `lazy_pinyin` gives one syllable each; a non-Han stretch inside a run is one item."""
    return re.findall(rf"{_HAN.pattern}|[^{_HAN.pattern[1:-1]}]+", run)


def initials(parts: Iterable[tuple[str, bool]]) -> str:
    """`坪山区` → `psq`: the first letter of each Han syllable; other words kept whole."""
    return "".join(p[0] if han else p for p, han in parts)


class NameForms(BaseModel):
    """What an entity is found by. `keys` are the `name_key`s of its names (also used for resolution)."""

    keys: list[str] = Field(default_factory=list)
    pinyin: list[str] = Field(default_factory=list, description="full pinyin keys: pingshanqu")
    initials: list[str] = Field(default_factory=list, description="pinyin initials: psq")
    words: list[str] = Field(default_factory=list, description="text for the full-text index")


def name_forms(names: Iterable[str]) -> NameForms:
    """The search forms of an entity's name and aliases."""
    names = [n for n in dict.fromkeys(names) if n]
    keys, pinyin, firsts, words = set(), set(), set(), set()
    for name in names:
        keys.add(name_key(name))
        words.add(clean(name))
        parts = syllables(name)
        if parts:
            pinyin.add(name_key("".join(p for p, _ in parts)))
            firsts.add(name_key(initials(parts)))
            words.add(" ".join(p for p, _ in parts))
    return NameForms(
        keys=sorted(keys - {""}),
        pinyin=sorted(pinyin - {""}),
        initials=sorted(firsts - {""}),
        words=sorted(words - {""}),
    )


def index_tokens(forms: NameForms) -> list[str]:
    """Every full-text token of an entity's words, once, sorted: what the embedded index stores."""
    return sorted({t for word in forms.words for t in tokens(word)})
