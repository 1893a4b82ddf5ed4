"""A word list compiled to one regex shaped like a trie (南(?:京|通|山区)?…), which the regex
engine walks without trying hundreds of alternatives at each position, so a scan costs
about as much as a character-class search."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_END = ""


def _trie_pattern(words: Iterable[str]) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    ends = _END in node
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body


class Lexicon:
    def __init__(self, words: Iterable[str], words_only: bool = False) -> None:
        """`words_only`: a match must not start or end inside a Latin word (for English)."""
        self.words = frozenset(w for w in words if w)
        body = _trie_pattern(self.words) or "(?!)"
        if words_only:
            body = f"(?<![A-Za-z])(?:{body})(?![A-Za-z])"
        self._re = re.compile(body)
        firsts = sorted({w[0] for w in self.words})
        # the characters words start with, found by a character class (the fast path of `re`)
        self._starts = re.compile("[" + "".join(re.escape(c) for c in firsts) + "]" if firsts else "(?!)")

    def match_at(self, text: str, i: int, end: int | None = None) -> str | None:
        """The longest word that starts at `i` (and ends by `end`)."""
        m = self._re.match(text, i, len(text) if end is None else end)
        return m.group(0) if m and m.group(0) else None

    def scan(
        self, text: str, start: int = 0, end: int | None = None, overlapping: bool = False
    ) -> Iterator[tuple[int, str]]:
        """(offset, word) of the words in text[start:end], leftmost-longest; without `overlapping`
        the scan resumes after each word, as `re.finditer` does."""
        stop = len(text) if end is None else end
        if overlapping:
            return self._overlapping(text, start, stop)
        return ((m.start(), m.group(0)) for m in self._re.finditer(text, start, stop) if m.group(0))

    def _overlapping(self, text: str, start: int, stop: int) -> Iterator[tuple[int, str]]:
        match = self._re.match
        for c in self._starts.finditer(text, start, stop):
            m = match(text, c.start(), stop)
            if m is not None and m.group(0):
                yield c.start(), m.group(0)
