"""English names that end in a type word (… Association, … District)."""

from __future__ import annotations

import re

from graph.ontology import Label
from ingest.extract.mention import Mention
from ingest.extract.resources import resources

_EN_LEAD = frozenset(
    "The A An In On At By For From With As This Its Our His Her Their Both And Of To".split()
)
_EN_JOIN = frozenset({"of", "for", "and", "&"})
_EN_LOWER_OK = frozenset({Label.GOVERNMENT, Label.REGION})
_TAIL = re.compile(r"\s+(?:for|of)\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*")


def english_names(text: str) -> list[Mention]:
    """Capitalised English names that end in a type word (… Association, … District)."""
    res, found = resources(), list[Mention]()
    lowered = text.lower()
    if len(lowered) != len(text):
        return found
    for at, word in res.en_suffixes.scan(lowered):
        end = at + len(word)
        if _latin_letter(text, at - 1) or _latin_letter(text, end):
            continue
        label, first = res.en_suffix_label[word], text[at]
        if first.islower() and label not in _EN_LOWER_OK:
            continue
        begin = _english_start(text, at, lowercase_ok=first.islower())
        words = text[begin:at].split()
        while words and (words[0] in _EN_LEAD or words[0].lower() in _EN_JOIN):
            words.pop(0)
        if not words or not words[0][0].isupper() or words[0] in res.not_names:
            continue
        tail = _TAIL.match(text, end)
        end = tail.end() if tail else end
        start = at - len(" ".join(words)) - 1
        name = text[start:end]
        if name not in res.not_names:
            found.append(Mention(start, end, label, name))
    return found


def _latin_letter(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isascii() and text[i].isalpha()


def _english_start(text: str, pos: int, lowercase_ok: bool) -> int:
    """Where an English name ending at a type word starts: over capitalised words and joiners."""
    res, begin, seen_capital = resources(), pos, False
    window = max(0, pos - 120)
    for tok in reversed(list(re.finditer(r"[A-Za-z0-9][\w'’.&-]*", text[window:pos]))):
        word, gap = tok.group(0), text[window + tok.end() : begin]
        if gap.strip() or "\n" in gap or word.endswith(("'s", "’s")):
            break
        if word[0].isupper() or word[0].isdigit():
            begin, seen_capital = window + tok.start(), True
        elif word.lower() in _EN_JOIN and seen_capital:
            before = text[max(0, window + tok.start() - 30) : window + tok.start()].split()
            if word == "and" and before and res.en_suffix_re.fullmatch(before[-1]):
                break
            begin = window + tok.start()
        elif lowercase_ok and not seen_capital and word.islower() and pos - window - tok.start() < 40:
            begin = window + tok.start()
        else:
            break
    return begin
