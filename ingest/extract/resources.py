"""The domain knowledge of `ingest/data/`, loaded and compiled once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from mdkg.graph.ontology import Label, RelType
from mdkg.ingest.datafiles import DATA_DIR, read_tsv, values
from mdkg.ingest.extract.lexicon import Lexicon
from mdkg.ingest.extract.text import CJK, LATIN
from mdkg.ingest.regions import gazetteer
from mdkg.ingest.regions.model import load_word_tags


def rows(filename: str) -> list[dict[str, str]]:
    """The rows of a data file of `ingest/data/` (`mdkg.ingest.datafiles`)."""
    return read_tsv(DATA_DIR / filename)


def split_cell(cell: str) -> list[str]:
    """The values a cell lists between `|` (`mdkg.ingest.datafiles.values`)."""
    return list(values(cell))


def alternation(words: list[str], english: bool = False) -> str:
    escaped = [re.escape(w) for w in sorted(set(words), key=len, reverse=True)]
    body = "|".join(escaped)
    return rf"(?<![A-Za-z])(?=[A-Za-z])(?:{body})(?![A-Za-z])" if english else f"(?:{body})"


@dataclass(frozen=True)
class KnownName:
    """A gazetteer entry: a region or a known organisation."""

    label: Label
    name: str
    english: tuple[str, ...] = ()
    level: str = ""
    adcode: str = ""
    parent: str = ""
    operator: str = ""
    short: frozenset[str] = frozenset()


@dataclass
class Resources:
    known: dict[str, KnownName] = field(default_factory=dict)  # surface form -> entry
    suffix_label: dict[str, Label] = field(default_factory=dict)
    open_heads: frozenset[str] = frozenset()  # heads that name only with a specific part before
    quoted_heads: frozenset[str] = frozenset()  # heads that name only a quoted part (“某某”战略)
    title_words: list[tuple[str, str]] = field(default_factory=list)
    stop: frozenset[str] = frozenset()
    stop_ends: dict[str, tuple[int, ...]] = field(default_factory=dict)  # last char -> lengths
    keep_ends: dict[str, tuple[int, ...]] = field(default_factory=dict)
    keep: frozenset[str] = frozenset()
    generic: frozenset[str] = frozenset()
    vague: frozenset[str] = frozenset()
    vague_re: re.Pattern[str] = re.compile("(?!)")
    generic_re: re.Pattern[str] = re.compile("(?!)")
    not_names: frozenset[str] = frozenset()
    runs_on: dict[str, tuple[str, ...]] = field(default_factory=dict)  # first char -> words
    abbreviations: tuple[tuple[str, str], ...] = ()
    known_folded: dict[str, KnownName] = field(default_factory=dict)
    legal: tuple[str, ...] = ()
    industry: tuple[str, ...] = ()
    roles: dict[str, str] = field(default_factory=dict)
    triggers: dict[str, list[tuple[RelType, str]]] = field(default_factory=dict)
    gazetteer: Lexicon = field(default_factory=lambda: Lexicon(()))
    zh_suffixes: Lexicon = field(default_factory=lambda: Lexicon(()))
    zh_triggers: Lexicon = field(default_factory=lambda: Lexicon(()))
    en_trigger_re: re.Pattern[str] = re.compile("(?!)")
    en_suffix_label: dict[str, Label] = field(default_factory=dict)
    gazetteer_en: Lexicon = field(default_factory=lambda: Lexicon(()))
    en_suffix_re: re.Pattern[str] = re.compile("(?!)")
    en_suffixes: Lexicon = field(default_factory=lambda: Lexicon(()))
    region_firm_tail: re.Pattern[str] = re.compile("(?!)")
    role_re: re.Pattern[str] = re.compile("(?!)")
    anaphor_re: re.Pattern[str] = re.compile("(?!)")
    qualified_re: re.Pattern[str] = re.compile("(?!)")  # what a place written before it qualifies
    words: dict[str, str] = field(default_factory=dict)  # everyday word -> part-of-speech tag


def _load_known(res: Resources) -> None:
    for row in rows("organisations.tsv"):
        entry = KnownName(
            Label(row["label"]),
            row["name"],
            values(row["english"]),
            operator=row["operator"],
            short=frozenset(values(row["aliases"])),
        )
        for form in (entry.name, *entry.english, *entry.short):
            res.known.setdefault(form, entry)


@cache
def resources() -> Resources:
    """Everything `ingest/data/` says, compiled once."""
    res = Resources()
    _load_known(res)
    suffixes = rows("name_suffixes.tsv")
    res.suffix_label = {r["suffix"]: Label(r["label"]) for r in suffixes}
    res.open_heads = frozenset(r["suffix"] for r in suffixes if r["specific"] in ("1", "q"))
    res.quoted_heads = frozenset(r["suffix"] for r in suffixes if r["specific"] == "q")
    res.title_words = [(r["word"], r["label"]) for r in rows("title_words.tsv")]
    words = rows("boundary_words.tsv")
    known_names = [f for f in res.known if not f.isascii() and len(f) > 2]  # 中广联合会 inside a unit's name
    res.keep = frozenset(
        [w["word"] for w in words if w["kind"] == "keep"] + _region_keep_words() + known_names
    )
    res.generic = frozenset(w["word"] for w in words if w["kind"] == "generic")
    res.generic_re = re.compile(alternation(list(res.generic)) + r"|[\d·・\-+&“”\"()（）\s]")
    res.vague = frozenset(w["word"] for w in words if w["kind"] == "vague")
    res.vague_re = re.compile(alternation(list(res.vague)))
    res.qualified_re = re.compile(
        alternation([w["word"] for w in words if w["kind"] in ("vague", "generic", "qualified")])
    )
    res.not_names = frozenset(w["word"] for w in words if w["kind"] == "not_name")
    for w in (w["word"] for w in words if w["kind"] == "runs_on"):
        res.runs_on[w[0]] = (*res.runs_on.get(w[0], ()), w)
    res.abbreviations = tuple((r["full"], r["short"]) for r in rows("abbreviations.tsv"))
    res.known_folded = {f.casefold(): e for f, e in res.known.items() if f.isascii()}
    firm_words = rows("firm_words.tsv")
    res.legal = tuple(sorted((w["word"] for w in firm_words if w["kind"] == "legal"), key=len, reverse=True))
    res.industry = tuple(
        sorted((w["word"] for w in firm_words if w["kind"] == "industry"), key=len, reverse=True)
    )
    abbrev = [w["word"] for w in firm_words if w["kind"] == "abbrev"]
    res.roles = {r["term"]: r["role"] for r in rows("roles.tsv")}
    for row in rows("triggers.tsv"):
        res.triggers.setdefault(row["word"], []).append((RelType(row["type"]), row["order"]))
    res.stop = (
        frozenset(
            [w["word"] for w in words if w["kind"] == "stop"] + [t for t in res.triggers if not t.isascii()]
        )
        - res.generic
        - res.keep
    )
    res.stop_ends = _ends(res.stop, 4)
    res.keep_ends = _ends(res.keep, 12)
    res.gazetteer = Lexicon(f for f in res.known if not f.isascii())
    res.gazetteer_en = Lexicon((f.lower() for f in res.known if f.isascii()), words_only=True)
    res.zh_suffixes = Lexicon(r["suffix"] for r in suffixes if r["lang"] == "zh")
    res.en_suffix_label = {r["suffix"].lower(): Label(r["label"]) for r in suffixes if r["lang"] == "en"}
    res.en_suffixes = Lexicon(res.en_suffix_label)
    res.en_suffix_re = re.compile(
        alternation([r["suffix"] for r in suffixes if r["lang"] == "en"], english=True), re.IGNORECASE
    )
    res.region_firm_tail = re.compile(
        f"([{CJK}]{{2,4}}?)({alternation(list(res.industry))})|(){alternation(abbrev)}"
    )
    res.zh_triggers = Lexicon(t for t in res.triggers if not t.isascii())
    res.en_trigger_re = re.compile(
        alternation([t for t in res.triggers if t.isascii()], english=True), re.IGNORECASE
    )
    res.role_re = re.compile(_first_chars(list(res.roles)) + alternation(list(res.roles)), re.IGNORECASE)
    res.anaphor_re = _anaphor_re([r["word"] for r in rows("anaphors.tsv")])
    res.words = load_word_tags()
    return res


def tokens(text: str) -> list[str]:
    """text cut into everyday words, longest first from the left (a character that starts no word
    stands alone): enough to tell the part of speech a phrase opens or ends with."""
    words, out, i = resources().words, [], 0
    while i < len(text):
        size = next((k for k in (4, 3, 2) if text[i : i + k] in words), 1)
        out.append(text[i : i + size])
        i += size
    return out


def _first_chars(words: list[str]) -> str:
    """A lookahead for the characters words start with: lets `re` skip other positions fast."""
    firsts = {w[0].lower() for w in words} | {w[0].upper() for w in words}
    return "(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])"


def _region_keep_words() -> list[str]:
    """Region names that a name read leftwards keeps whole (和平区 holds 和): full names, longer
    aliases and the short forms that are no everyday words."""
    words: list[str] = []
    for region in gazetteer():
        words.append(region.name)
        words += [a for a in region.aliases if not a.isascii() and len(a) > 2]
        if not region.everyday and len(region.short) > 1:
            words.append(region.short)
    return words


def _anaphor_re(nouns: list[str]) -> re.Pattern[str]:
    """该协会, 此基地, 大会由…, the association: a type noun standing for a name said before.
    A bare Chinese noun counts where no name character precedes it or a function word does."""
    zh = alternation([n for n in nouns if not n.isascii()])
    en = alternation([n for n in nouns if n.isascii()], english=True)
    lead = _first_chars([*nouns, "该", "此", "这", "本", "上述", "双方", "The"])
    return re.compile(
        rf"{lead}(?:(?P<det>(?:该项?|此[次项]?|这[一次家个座项部]?|本[次届]?|上述)(?:[^，,。；;、“”《》\n]{{1,12}}?的)?|双方的?|[Tt]he\s)\s?"
        rf"|(?<![{CJK}A-Za-z0-9])|(?<=[和与及、由在为是将对同向照据于《]))"
        rf"(?P<noun>{zh}|{en})"
    )


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """(offset, word) of the trigger words of text[start:end]."""
    res = resources()
    found = list(res.zh_triggers.scan(text, start, end))
    if LATIN.search(text, start, len(text) if end is None else end):
        found += [(m.start(), m.group(0)) for m in res.en_trigger_re.finditer(text, start, end or len(text))]
        found.sort()
    return found


def trigger_at(text: str, i: int) -> str | None:
    """The trigger word that starts at offset `i`, if any."""
    res = resources()
    m = res.en_trigger_re.match(text, i)
    return m.group(0) if m else res.zh_triggers.match_at(text, i)


def _ends(words: frozenset[str], longest: int) -> dict[str, tuple[int, ...]]:
    """Last character → the lengths (longest first, at most `longest`) of the words ending in it."""
    ends: dict[str, set[int]] = {}
    for w in words:
        if w and len(w) <= longest:
            ends.setdefault(w[-1], set()).add(len(w))
    return {ch: tuple(sorted(ls, reverse=True)) for ch, ls in ends.items()}
