"""English names that end in a type word (… Association, … District)."""

from __future__ import annotations

import re

from mdkg.graph.ontology import Label
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.places import known_region
from mdkg.ingest.extract.resources import KnownName, resources
from mdkg.ingest.regions import gazetteer

_EN_LEAD = frozenset(
    "The A An In On At By For From With As This Its Our His Her Their Both And Of To".split()
)
_BASED = re.compile(r"-(?:based|headquartered|born)$", re.IGNORECASE)
_EN_JOIN = frozenset({"of", "for", "and", "&"})
_EN_LOWER_OK = frozenset({Label.GOVERNMENT, Label.REGION})
_WORD = r"[A-Z][\w'-]*"
# of Science and Technology, for Publicity
_TAIL = re.compile(rf"[ \t]+(?:for|of)[ \t]+(?:the[ \t]+)?{_WORD}(?:[ \t]+(?:(?:and|&)[ \t]+)?{_WORD})*")
# a title runs on (within its line): Measures … to Promote the Development of the Micro-drama Industry
_SP = r"[ \t]+"  # names never run over a line's end
_TITLE_TAIL = re.compile(
    rf"(?:{_SP}(?:to|for|of|on|in){_SP}(?:the{_SP})?{_WORD}(?:{_SP}(?:(?:and|of|the|in){_SP})*{_WORD})*)+"
)
_TITLES = frozenset({Label.POLICY, Label.REPORT})
# fields of work that names list with commas and `and` (Culture, Tourism and Sports Bureau)
_FIELDS = frozenset(
    "culture media animation technology entertainment pictures tourism sports radio television film"
    " press publication broadcasting science education commerce industry information".split()
)


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
        begin = _english_start(text, at, lowercase_ok=first.islower(), firm=label is Label.FIRM)
        words = text[begin:at].split()
        while words and (words[0] in _EN_LEAD or words[0].lower() in _EN_JOIN or _BASED.search(words[0])):
            words.pop(0)  # Beijing-based Dianzhong Technology is Dianzhong Technology
        tail = (_TITLE_TAIL if label in _TITLES else _TAIL).match(text, end)
        if not words and label in _TITLES and first.isupper() and tail:
            found.append(Mention(at, tail.end(), label, text[at : tail.end()]))  # Plan for …
            continue
        if not words or not (words[0][0].isupper() or words[0][0].isdigit()) or words[0] in res.not_names:
            continue
        end = tail.end() if tail else end
        start = at - len(" ".join(words)) - 1
        name = text[start:end]
        if name not in res.not_names:
            known = _known_place(name) if label is Label.REGION else None
            found.append(Mention(start, end, label, name, known=known))
    return found


def _known_place(name: str) -> KnownName | None:
    """Qianhai district, Pingshan district: a place written with a lower-case type word is the
    region its first words name, when they name exactly one."""
    hits = [h for h in gazetteer().find(name) if h.start == 0]
    if len(hits) == 1 and len(hits[0].candidates) == 1:
        return known_region(hits[0].candidates[0])
    return None


def _latin_letter(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isascii() and text[i].isalpha()


def _english_start(text: str, pos: int, lowercase_ok: bool, firm: bool = True) -> int:
    """Where an English name ending at a type word starts: over capitalised words and joiners."""
    res, begin, seen_capital, closed = resources(), pos, False, 0
    window = max(0, pos - 120)
    for tok in reversed(list(re.finditer(r"[A-Za-z0-9][\w'’.&-]*", text[window:pos]))):
        word, gap = tok.group(0), text[window + tok.end() : begin]
        field_list = gap.strip() == "," and not firm and word.lower() in _FIELDS  # Culture, Tourism and …
        # Guangdong (Shenzhen) Game Overseas Service Center: a closed bracket inside a name
        bracket = gap.strip() == ")" or gap.strip() == "(" and closed > 0
        closed += (gap.strip() == ")") - (gap.strip() == "(")
        if (
            gap.strip()
            and not field_list
            and not bracket
            or "\n" in gap
            or word.endswith(("'s", "’s"))
            or _sentence_end(word)
        ):
            break
        if word[0].isupper() or word[0].isdigit():
            begin, seen_capital = window + tok.start(), True
        elif word.lower() in _EN_JOIN and seen_capital:
            before = text[max(0, window + tok.start() - 30) : window + tok.start()].split()
            if word == "and" and before:
                between = text[window + tok.end() : pos].split()
                fields = all(w.lower() in _FIELDS for w in between)
                if (
                    firm
                    and not fields
                    or before[-1].lower() not in _FIELDS
                    and res.en_suffix_re.fullmatch(before[-1])
                ):
                    break  # two names (X Association and Y Association, X and Y Pictures), not one
            begin = window + tok.start()
        elif lowercase_ok and not seen_capital and word.islower() and pos - window - tok.start() < 40:
            begin = window + tok.start()
        else:
            break
    return begin


def _sentence_end(word: str) -> bool:
    """May. Harbor Group: a full stop ends the sentence before a name (Co. and Ltd. do not)."""
    return word.endswith(".") and word not in ("Co.", "Ltd.", "Inc.", "No.", "St.")
