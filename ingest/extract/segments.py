"""Firm.segments: the industry-chain segments that words next to a firm's name place it in."""

from __future__ import annotations

from functools import cache

from mdkg.graph.ontology import Label
from mdkg.ingest.extract.lexicon import Lexicon
from mdkg.ingest.extract.reader import Reader
from mdkg.ingest.extract.resources import rows
from mdkg.ingest.extract.text import CLAUSE_SEP


@cache
def _segment_words() -> tuple[Lexicon, dict[str, str]]:
    table = {r["word"]: r["segment"] for r in rows("segments.tsv")}
    return Lexicon(table), table


def firm_segments(r: Reader) -> None:
    """A firm is in a segment when one of the segment's words stands in the clause of its name."""
    lexicon, table = _segment_words()
    found: dict[int, set[str]] = {}
    for sent in r.sentences:
        firms = [m for m in sent.mentions if r.label(m) is Label.FIRM]
        if not firms:
            continue
        words = list(lexicon.scan(sent.text))
        if not words:
            continue
        cuts = [0, *(c.end() for c in CLAUSE_SEP.finditer(sent.text)), len(sent.text) + 1]
        for m in firms:
            at = m.start - sent.start
            begin = max(c for c in cuts if c <= at)
            end = min(c for c in cuts if c > at)
            for off, word in words:
                if begin <= off < end and _whole_word(sent.text, off, word):
                    found.setdefault(m.entity, set()).add(table[word])
    for entity, segments in found.items():
        r.entities[entity].properties["segments"] = sorted(segments)


def _whole_word(text: str, off: int, word: str) -> bool:
    """An English word is not part of a longer one (data in database, AI in SAIC)."""
    if not word.isascii():
        return True
    before = text[off - 1 : off]
    after = text[off + len(word) : off + len(word) + 1]
    return not (before.isascii() and before.isalpha()) and not (after.isascii() and after.isalpha())
