"""Extract: find entities and the relationships sentences state in one normalised document.

A rule extractor with no model: names are found by their structure (a type word such
as 有限公司 or 协会 ends a name, 《》 marks a title), by gazetteers (regions, known
firms and brands) and by a few name shapes; relationships come from trigger words
between or around two mentions of one sentence, never from mere co-occurrence, and
from region hierarchy and names (a firm named after a place sits in it).

All domain knowledge is data in `ingest/data/` (see the headers of its TSV files);
it is loaded once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from graph.ontology import RELATIONS, Evidence, Label, RegionLevel, RelType, allowed, name_key
from ingest.types import Document, ExtractedEntity, ExtractedRelation, Extraction

DATA_DIR = Path(__file__).parent / "data"
EXTRACTOR_NAME = "rules-v1"
MAX_NAME = 30

_CJK = r"\u3400-\u9fff"
_NAME_CHAR = re.compile(rf"[{_CJK}A-Za-z0-9·・\-+&]")
_SENTENCE_END = re.compile(r"[。！？；!?;\n]|\.(?=\s|$)|…{1,2}(?=\s)")
_LATIN = re.compile(r"[A-Za-z]{3}")
_SHIELD = re.compile(r"《[^《》\n]{0,80}》|“[^“”\n]{0,80}”")
_CLAUSE_SEP = re.compile(r"[，,；;：:]")
_PAIRS = {"《": "》", "“": "”", "「": "」", "(": ")", "（": "）"}
_LEADING_JUNK = re.compile(
    r"^(?:[\d两一二三四五六七八九十几数多]+[部家个位项条场批名大座]|\d{1,2}月(?:\d{1,2}日)?|\d{1,2}日)+"
)
_ORDINAL = re.compile(r"^(?:首届|第[\d一二三四五六七八九十]+届|\d{4}年?(?:度)?)")
_AMOUNT = re.compile(
    r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万亿|千万|百万|亿|万)(?:元|人民币)?"
    r"|(\d+(?:,\d{3})*(?:\.\d+)?)\s*(billion|million|thousand)?\s*(?:yuan|RMB)"
    r"|(?:RMB|CNY|¥)\s*(\d+(?:,\d{3})*(?:\.\d+)?)\s*(billion|million|thousand)?"
)
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
_MEASURES = re.compile(r"(\d+)条(?:措施|政策|举措|意见)?$")
_LOCATIVE = re.compile(r"(?:在|于|赴|至|到|来到|位于|落户|入驻|in|at)\s?$")
_ALIAS_NOTE = re.compile(r"^(?:简称|下称|以下简称|以下称)?[“\"「]?([^“”\"「」]{1,20})[”\"」]?$")
_ANAPHOR = re.compile(
    r"该(协会|联盟|基地|园区|产业园|公司|企业|平台|基金|政策|活动|大会|报告|学院|大学|研究院)"
)
_EN_LEAD = frozenset(
    "The A An In On At By For From With As This Its Our His Her Their Both And Of To".split()
)
_EN_JOIN = frozenset({"of", "for", "and", "&"})
_EN_LOWER_OK = frozenset({Label.GOVERNMENT, Label.REGION})
_ZONE_SUFFIX = re.compile(
    r"(?:高新技术产业开发区|经济技术开发区|开发区|高新区|经开区|新区|自贸区|新城|保税区|示范区)"
)
_ROLE_LIST_AFTER = re.compile(r"^\s*(?:[:：]|包括|有|为|是|are|include)")
_FIRM_LIST = re.compile(r"等(?:多家|一批|\d+家|几家)?(?:企业|公司|平台|机构|头部企业|影视公司)")


# --- the data ---------------------------------------------------------------------


def _rows(filename: str) -> list[dict[str, str]]:
    """The rows of a TSV data file; `#` lines are provenance, the first other line the header."""
    lines = [
        ln
        for ln in (DATA_DIR / filename).read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    header = lines[0].split("\t")
    return [
        dict(zip(header, (ln.split("\t") + [""] * len(header))[: len(header)], strict=True))
        for ln in lines[1:]
    ]


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _alternation(words: list[str], english: bool = False) -> str:
    escaped = [re.escape(w) for w in sorted(set(words), key=len, reverse=True)]
    body = "|".join(escaped)
    return rf"(?<![A-Za-z])(?:{body})(?![A-Za-z])" if english else f"(?:{body})"


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
    regions: dict[str, KnownName] = field(default_factory=dict)  # canonical name -> entry
    suffix_label: dict[str, Label] = field(default_factory=dict)
    title_words: list[tuple[str, str]] = field(default_factory=list)
    stop: frozenset[str] = frozenset()
    keep: frozenset[str] = frozenset()
    generic: frozenset[str] = frozenset()
    vague: frozenset[str] = frozenset()
    generic_re: re.Pattern[str] = re.compile("(?!)")
    not_names: frozenset[str] = frozenset()
    abbreviations: tuple[tuple[str, str], ...] = ()
    known_folded: dict[str, KnownName] = field(default_factory=dict)
    legal: tuple[str, ...] = ()
    industry: tuple[str, ...] = ()
    roles: dict[str, str] = field(default_factory=dict)
    triggers: dict[str, tuple[RelType, str]] = field(default_factory=dict)
    gazetteer_re: re.Pattern[str] = re.compile("(?!)")
    gazetteer_en_re: re.Pattern[str] = re.compile("(?!)")
    zh_suffix_re: re.Pattern[str] = re.compile("(?!)")
    en_suffix_re: re.Pattern[str] = re.compile("(?!)")
    region_firm_re: re.Pattern[str] = re.compile("(?!)")
    zone_re: re.Pattern[str] = re.compile("(?!)")
    trigger_re: re.Pattern[str] = re.compile("(?!)")
    role_re: re.Pattern[str] = re.compile("(?!)")


def _load_known(res: Resources) -> None:
    for row in _rows("regions.tsv"):
        entry = KnownName(
            Label.REGION,
            row["name"],
            tuple(_split(row["english"])),
            row["level"],
            row["adcode"],
            row["parent"],
            short=frozenset(_split(row["aliases"])),
        )
        stems = [e.rsplit(" ", 1)[0] for e in entry.english if e.endswith((" District", " County"))]
        entry = KnownName(
            entry.label,
            entry.name,
            entry.english,
            entry.level,
            entry.adcode,
            entry.parent,
            short=entry.short | frozenset(stems),
        )
        res.regions[entry.name] = entry
        for form in (entry.name, *entry.english, *entry.short):
            res.known.setdefault(form, entry)
    for row in _rows("organisations.tsv"):
        entry = KnownName(
            Label(row["label"]),
            row["name"],
            tuple(_split(row["english"])),
            operator=row["operator"],
            short=frozenset(_split(row["aliases"])),
        )
        for form in (entry.name, *entry.english, *entry.short):
            res.known.setdefault(form, entry)


@cache
def resources() -> Resources:
    """Everything `ingest/data/` says, compiled once."""
    res = Resources()
    _load_known(res)
    suffixes = _rows("name_suffixes.tsv")
    res.suffix_label = {r["suffix"]: Label(r["label"]) for r in suffixes}
    res.title_words = [(r["word"], r["label"]) for r in _rows("title_words.tsv")]
    words = _rows("boundary_words.tsv")
    res.keep = frozenset(
        [w["word"] for w in words if w["kind"] == "keep"]
        + list(res.regions)
        + [s for e in res.regions.values() for s in e.short if len(s) > 1]
    )
    res.generic = frozenset(w["word"] for w in words if w["kind"] == "generic")
    res.generic_re = re.compile(_alternation(list(res.generic)) + r"|[\d·・\-+&“”\"()（）\s]")
    res.vague = frozenset(w["word"] for w in words if w["kind"] == "vague")
    res.not_names = frozenset(w["word"] for w in words if w["kind"] == "not_name")
    res.abbreviations = tuple((r["full"], r["short"]) for r in _rows("abbreviations.tsv"))
    res.known_folded = {f.casefold(): e for f, e in res.known.items() if f.isascii()}
    firm_words = _rows("firm_words.tsv")
    res.legal = tuple(sorted((w["word"] for w in firm_words if w["kind"] == "legal"), key=len, reverse=True))
    res.industry = tuple(
        sorted((w["word"] for w in firm_words if w["kind"] == "industry"), key=len, reverse=True)
    )
    abbrev = [w["word"] for w in firm_words if w["kind"] == "abbrev"]
    res.roles = {r["term"]: r["role"] for r in _rows("roles.tsv")}
    for row in _rows("triggers.tsv"):
        res.triggers.setdefault(row["word"], (RelType(row["type"]), row["order"]))
    res.stop = (
        frozenset(
            [w["word"] for w in words if w["kind"] == "stop"] + [t for t in res.triggers if not t.isascii()]
        )
        - res.generic
        - res.keep
    )
    res.gazetteer_re = re.compile(_alternation([f for f in res.known if not f.isascii()]))
    res.gazetteer_en_re = re.compile(
        _alternation([f for f in res.known if f.isascii()], english=True), re.IGNORECASE
    )
    res.zh_suffix_re = re.compile(
        f"(?=({_alternation([r['suffix'] for r in suffixes if r['lang'] == 'zh'])}))"
    )
    res.en_suffix_re = re.compile(
        _alternation([r["suffix"] for r in suffixes if r["lang"] == "en"], english=True), re.IGNORECASE
    )
    region_forms = [f for f, e in res.known.items() if e.label is Label.REGION and not f.isascii()]
    res.region_firm_re = re.compile(
        f"({_alternation(region_forms)})(?:([{_CJK}]{{2,4}}?)({_alternation(list(res.industry))})"
        f"|(){_alternation(abbrev)})"
    )
    res.zone_re = re.compile(f"({_alternation(region_forms)}){_ZONE_SUFFIX.pattern}")
    res.trigger_re = re.compile(
        f"{_alternation([t for t in res.triggers if t.isascii()], english=True)}"
        f"|{_alternation([t for t in res.triggers if not t.isascii()])}",
        re.IGNORECASE,
    )
    res.role_re = re.compile(_alternation(list(res.roles)), re.IGNORECASE)
    return res


# --- sentences ----------------------------------------------------------------------


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end) offsets, never cut inside 《》 or quotes."""
    shielded = [(m.start(), m.end()) for m in _SHIELD.finditer(text)]
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


# --- mentions -----------------------------------------------------------------------


@dataclass
class Mention:
    start: int
    end: int
    label: Label
    surface: str
    rank: int = 1  # 0: titles and quoted names, which win over anything inside
    known: KnownName | None = None
    aliases: list[str] = field(default_factory=list)
    parent: str = ""  # a structural zone's region
    entity: int = -1  # index of its entity once grouped
    anaphor: bool = False


def _title_label(title: str) -> Label | None:
    """Report, Policy or Work by the words of a title; None for a newspaper or magazine."""
    words = [label for word, label in resources().title_words if word in title]
    if "-" in words:
        return None
    for label in ("Report", "Policy"):
        if label in words:
            return Label(label)
    return Label.WORK


def _bracketed(text: str) -> list[Mention]:
    """《titles》 and quoted names that end in a type word or count measures (“微短剧8条”)."""
    found = []
    for m in re.finditer(r"《([^《》\n]{1,60})》", text):
        title, label = m.group(1).strip(), _title_label(m.group(1))
        if label is not None:
            found.append(Mention(m.start(), m.end(), label, title, rank=0, aliases=[m.group(0)]))
    for m in re.finditer(r"[“\"「]([^“”\"「」\n]{2,40})[”\"」]", text):
        inner = m.group(1).strip()
        label = _suffix_label(inner)
        if label is not None and (_is_generic(inner[: -_suffix_size(inner)]) or label is Label.REGION):
            label = None
        if label is None and _MEASURES.search(inner) and not _MEASURES.match(inner):
            label = Label.POLICY
        if label is None and re.search(
            r"(?:drama|film|series|show|movie|play)\W{0,3}$",
            text[max(0, m.start() - 20) : m.start()],
            re.IGNORECASE,
        ):
            label = Label.WORK
        if label is not None:
            found.append(Mention(m.start(), m.end(), label, inner))
    return found


def _suffix_size(name: str) -> int:
    res = resources()
    return next((size for size in range(min(len(name), 8), 1, -1) if name[-size:] in res.suffix_label), 0)


def _suffix_label(name: str) -> Label | None:
    res = resources()
    for size in range(min(len(name), 8), 1, -1):
        label = res.suffix_label.get(name[-size:])
        if label is not None:
            return label
    return None


def _gazetteer(text: str) -> list[Mention]:
    res, found = resources(), []
    matches = list(res.gazetteer_re.finditer(text))
    if _LATIN.search(text):
        matches += res.gazetteer_en_re.finditer(text)
    for m in matches:
        entry = res.known.get(m.group(0)) or res.known_folded.get(m.group(0).casefold())
        if entry is not None:
            found.append(Mention(m.start(), m.end(), entry.label, m.group(0), known=entry))
    return found


def _extend_left(text: str, pos: int, floor: int) -> int:
    """Where a name that reaches `pos` from the right starts: over name characters, stopping at
    function words and verbs, keeping compounds such as region names whole."""
    res, i = resources(), pos
    while i > floor and pos - i < MAX_NAME:
        kept = next((k for k in range(8, 1, -1) if i - k >= floor and text[i - k : i] in res.keep), 0)
        if kept:
            i -= kept
            continue
        if any(text[i - k : i] in res.stop for k in range(1, 5) if i - k >= floor):
            break
        ch = text[i - 1]
        if _NAME_CHAR.match(ch):
            i -= 1
        elif ch in ")）" and (opening := _opening(text, i - 1, "(（")) > floor and pos - opening < MAX_NAME:
            i = opening
        elif ch in '”"' and (opening := _opening(text, i - 1, '“"')) >= floor and pos - opening < 25:
            i = opening
        else:
            break
    return i


def _opening(text: str, close: int, openers: str) -> int:
    for j in range(close - 1, max(close - 20, -1), -1):
        if text[j] in openers:
            return j
        if text[j] in "，,。；;\n":
            break
    return -1


def _is_generic(core: str) -> bool:
    """True when a name without its type word is only generic modifiers (微短剧产业 基地)."""
    res = resources()
    if any(word in core for word in res.vague):
        return True
    if re.search(r"“[^”]{2,}”", core):
        return False
    rest = res.generic_re.sub("", core)
    return len(rest) < 2 and not any(r in core for r in res.regions)


def _suffix_names(text: str) -> list[Mention]:
    """Chinese names read leftwards from a type word (…有限公司, …协会, …基地)."""
    res, found = resources(), []
    for m in res.zh_suffix_re.finditer(text):
        suffix = m.group(1)
        start, end = m.start(), m.start() + len(suffix)
        begin = _extend_left(text, start, max(0, start - MAX_NAME))
        name = text[begin:end]
        lead = _LEADING_JUNK.match(name)
        if lead:
            begin += lead.end()
            name = text[begin:end]
        core = name[: -len(suffix)]
        if len(core) < 2 or _is_generic(core):
            continue
        surface = name.replace("“", "").replace("”", "").strip('"')
        found.append(
            Mention(begin, end, res.suffix_label[suffix], surface, aliases=[name] if surface != name else [])
        )
    return found


def _shaped_names(text: str) -> list[Mention]:
    """Zones named after a region (南通开发区), firms shaped region + trade name + industry
    (广州某某影视), the items of a list of firms (甲、乙等企业) and policy packages (28条措施)."""
    res, found = resources(), []
    for m in res.zone_re.finditer(text):
        found.append(Mention(m.start(), m.end(), Label.REGION, m.group(0), parent=m.group(1)))
    for m in res.region_firm_re.finditer(text):
        trade = m.group(2) or ""
        if m.group(4) is not None or not (_is_generic(trade) or _has_stop(trade)):
            found.append(Mention(m.start(), m.end(), Label.FIRM, m.group(0)))
    for m in _FIRM_LIST.finditer(text):
        found.extend(_list_items(text, m.start()))
    for m in re.finditer(r"\d+条(?:措施|政策|举措)", text):
        found.append(Mention(m.start(), m.end(), Label.POLICY, m.group(0)))
    return found


def _has_stop(text: str) -> bool:
    stop = resources().stop
    return any(text[i:j] in stop for i in range(len(text)) for j in range(i + 1, min(len(text), i + 4) + 1))


def _list_items(text: str, end: int) -> list[Mention]:
    items, pos = [], end
    while pos > 0:
        begin = _extend_left(text, pos, max(0, pos - 14))
        if pos - begin < 2:
            break
        items.append(Mention(begin, pos, Label.FIRM, text[begin:pos]))
        if begin == 0 or text[begin - 1] != "、":
            break
        pos = begin - 1
    return items if len(items) > 1 else []


def _english_names(text: str) -> list[Mention]:
    """Capitalised English names that end in a type word (… Association, … District)."""
    res, found = resources(), []
    for m in res.en_suffix_re.finditer(text):
        label = next(lb for sfx, lb in res.suffix_label.items() if sfx.lower() == m.group(0).lower())
        if m.group(0)[0].islower() and label not in _EN_LOWER_OK:
            continue
        begin = _english_start(text, m.start(), lowercase_ok=m.group(0)[0].islower())
        words = text[begin : m.start()].split()
        while words and (words[0] in _EN_LEAD or words[0].lower() in _EN_JOIN):
            words.pop(0)
        if not words or not words[0][0].isupper() or words[0] in res.not_names:
            continue
        tail = re.match(r"(?:\s+(?:for|of)\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)", text[m.end() :])
        end = m.end() + (tail.end() if tail else 0)
        start = m.start() - len(" ".join(words)) - 1
        name = text[start:end]
        if name not in res.not_names:
            found.append(Mention(start, end, label, name))
    return found


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


def _resolve_overlaps(cands: list[Mention]) -> list[Mention]:
    """Keep titles first, then the longest mentions; drop what overlaps a kept one."""
    cands.sort(key=lambda c: (c.rank, -(c.end - c.start), c.known is None))
    taken: list[Mention] = []
    occupied = bytearray(max((c.end for c in cands), default=0) + 1)
    for c in cands:
        if any(occupied[c.start : c.end]):
            continue
        occupied[c.start : c.end] = b"\x01" * (c.end - c.start)
        taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def find_mentions(text: str) -> list[Mention]:
    cands = _bracketed(text) + _gazetteer(text) + _suffix_names(text) + _shaped_names(text)
    if _LATIN.search(text):
        cands += _english_names(text)
    mentions = _resolve_overlaps(cands)
    _attach_bracket_aliases(text, mentions)
    return mentions


def _attach_bracket_aliases(text: str, mentions: list[Mention]) -> None:
    """甲(乙) right after a name: 乙 is another form of it (brand, short name, 简称)."""
    for m in mentions:
        at = m.end + 1 if text[m.end : m.end + 1] == " " else m.end
        if at < len(text) and text[at] in "(（":
            close = text.find(")" if text[at] == "(" else "）", at, at + 30)
            note = _ALIAS_NOTE.match(text[at + 1 : close]) if close > 0 else None
            if note and m.label is not Label.REGION:
                m.aliases += [note.group(1), text[m.start : close + 1]]


# --- entities -------------------------------------------------------------------------


def _strip_region_prefix(name: str) -> str:
    """`深圳市慧动创想…` → `慧动创想…`: leading region names, full or short, removed."""
    res = resources()
    changed = True
    while changed:
        changed = False
        for size in range(min(len(name) - 2, 9), 1, -1):
            entry = res.known.get(name[:size])
            if entry is not None and entry.label is Label.REGION:
                name, changed = name[size:].lstrip("(（)）"), True
                break
    return name


def trade_names(name: str) -> list[str]:
    """Shorter forms of a firm's legal name: without region, legal form, industry words."""
    res = resources()
    forms, rest = [], re.sub(r"[(（][^()（）]*[)）]", "", _strip_region_prefix(name))
    for legal in res.legal:
        if rest.endswith(legal) and len(rest) > len(legal) + 1:
            rest = rest[: -len(legal)]
            forms.append(rest)
            break
    for word in res.industry:
        if rest.endswith(word) and len(rest) - len(word) >= 2:
            forms.append(rest[: -len(word)])
            break
    return [f for f in forms if f != name and len(f) >= 2]


def _merge_key(m: Mention) -> tuple[Label, str]:
    if m.known is not None:
        return (m.known.label, m.known.name)
    res, name = resources(), m.surface
    for size in range(min(len(name) - 2, 9), 1, -1):
        entry = res.known.get(name[:size])
        if entry is not None and entry.label is Label.REGION:
            name = min([entry.name, *entry.short], key=len) + name[size:]
            break
    return (m.label, name_key(name))


class _Groups:
    """Union-find over mentions."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _group(mentions: list[Mention]) -> _Groups:
    groups, by_form = _Groups(len(mentions)), dict[tuple[Label, str], int]()
    for i, m in enumerate(mentions):
        key = _merge_key(m)
        if key in by_form:
            groups.union(by_form[key], i)
        by_form.setdefault(key, i)
    for i, m in enumerate(mentions):
        if m.label is Label.FIRM and m.known is None and (trades := trade_names(m.surface)):
            key = (Label.FIRM, "trade:" + name_key(trades[-1]))
            if key in by_form:
                groups.union(by_form[key], i)
            by_form.setdefault(key, i)
    for i, m in enumerate(mentions):
        other_forms = list(m.aliases) + (trade_names(m.surface) if m.label is Label.FIRM else [])
        if m.known is not None and m.known.operator:
            other_forms += [m.known.operator, *trade_names(m.known.operator)]
        for form in other_forms:
            for label in (m.label, Label.FIRM):
                j = by_form.get((label, name_key(form)))
                if j is None and form in resources().known:
                    j = by_form.get(_merge_key(Mention(0, 0, m.label, form, known=resources().known[form])))
                if j is not None and mentions[j].label is m.label:
                    groups.union(i, j)
    return groups


def _ancestors(name: str) -> list[str]:
    res, chain = resources(), []
    entry = res.regions.get(name)
    while entry is not None and entry.parent and entry.parent not in chain:
        chain.append(entry.parent)
        entry = res.regions.get(entry.parent)
    return chain


def _drop_unanchored_short_regions(mentions: list[Mention]) -> list[Mention]:
    """Short district forms (坪山, 西湖) count only when the article names an enclosing region."""
    present = {m.known.name for m in mentions if m.known is not None and m.label is Label.REGION}
    present |= {m.parent for m in mentions if m.parent}
    kept = []
    for m in mentions:
        k = m.known
        if (
            k is not None
            and k.label is Label.REGION
            and k.level in ("District", "Town")
            and m.surface in k.short
            and not present.intersection(_ancestors(k.name))
        ):
            continue
        kept.append(m)
    return kept


def _build_entities(mentions: list[Mention], english: bool) -> list[ExtractedEntity]:
    groups = _group(mentions)
    members: dict[int, list[Mention]] = {}
    for i, m in enumerate(mentions):
        members.setdefault(groups.find(i), []).append(m)
    entities = []
    for index, group in enumerate(members.values()):
        for m in group:
            m.entity = index
        entities.append(_entity(group, english))
    return entities


def _entity(group: list[Mention], english: bool) -> ExtractedEntity:
    forms: list[str] = []
    for m in group:
        forms += [m.surface, *m.aliases]
        if m.known is not None:
            forms += [m.known.name, *m.known.english[:1]]
        if m.label is Label.FIRM:
            forms += trade_names(m.surface)
    forms = list(dict.fromkeys(f.strip() for f in forms if f.strip()))
    seen = [m.surface for m in group]
    cjk = [f for f in seen if re.search(f"[{_CJK}]", f)]
    ascii_ = [f for f in seen if f not in cjk]
    pool = (ascii_ or cjk) if english else (cjk or ascii_)
    name = max(pool, key=len)
    label = group[0].label
    return ExtractedEntity(
        label=label,
        name=name,
        aliases=[f for f in forms if f != name],
        properties=_entity_properties(label, group, forms),
        count=len(group),
    )


def _entity_properties(label: Label, group: list[Mention], forms: list[str]) -> dict:
    props: dict = {}
    known = next((m.known for m in group if m.known is not None), None)
    if label is Label.REGION:
        level = known.level if known else ("District" if any(m.parent for m in group) else "")
        if level in RegionLevel.__members__.values():
            props["level"] = level
        if known and known.adcode:
            props["adcode"] = known.adcode
    elif label is Label.FIRM:
        legal = [f for f in forms if f.endswith(resources().legal)]
        if legal:
            props["legal_name"] = max(legal, key=len)
    elif label is Label.POLICY:
        counts = [int(m.group(1)) for f in forms if (m := _MEASURES.search(f))]
        if counts:
            props["measures"] = counts[0]
    return props


# --- relationships ----------------------------------------------------------------------

_ANAPHOR_LABEL = {"企业": Label.FIRM, "平台": Label.FIRM, "政策": Label.POLICY, "活动": Label.EVENT}
_PARTY_SIDE = re.compile(r"(?:与|和|同|跟|with|and)\s?$")
_COORD = re.compile(r"^\s*(?:[(（][^()（）]{1,30}[)）])?\s*(?:、|和|及|以及|与|,\s|,?\s+and\s|，)\s*$")
_LIST_COORD = re.compile(r"^\s*(?:[(（][^()（）]{1,30}[)）])?\s*(?:、|及|以及|,\s|，)\s*$")
_MANY_PARTIES = re.compile(r"(?:三方|双方|多方|共同|联合|together|jointly)")
_HAPPENS_IN = re.compile(r"^(?:正式|隆重|盛大|顺利)?(?:举行|举办|召开|成立|开幕|揭牌|启动|落地|开业|落户)")


@dataclass
class _Sentence:
    start: int
    end: int
    text: str
    mentions: list[Mention]


def _amounts(text: str) -> list[tuple[int, float]]:
    """(offset, CNY) of every amount in a text: 5000万元, 2亿元, 100,000 yuan, 200 million yuan."""
    found = []
    for m in _AMOUNT.finditer(text):
        number = m.group(1) or m.group(3) or m.group(5)
        unit = m.group(2) or m.group(4) or m.group(6)
        if m.group(1) and not unit:
            continue
        found.append((m.start(), float(number.replace(",", "")) * _UNITS[unit]))
    return found


def amount_cny(text: str) -> float | None:
    """The first amount of money in a text, in yuan (5000万元 → 5e7)."""
    found = _amounts(text)
    return found[0][1] if found else None


class _Reader:
    """Reads the relationships of one document from its sentences and mentions."""

    def __init__(self, doc: Document, mentions: list[Mention], entities: list[ExtractedEntity]) -> None:
        self.doc, self.text, self.entities = doc, doc.text, entities
        self.mentions = mentions
        self.found: dict[tuple[RelType, int, int], ExtractedRelation] = {}
        self.sentences = [self._sentence(s, e) for s, e in sentence_spans(doc.text)]

    def _sentence(self, start: int, end: int) -> _Sentence:
        inside = [m for m in self.mentions if start <= m.start and m.end <= end]
        for a in _ANAPHOR.finditer(self.text, start, end):
            label = _ANAPHOR_LABEL.get(a.group(1)) or resources().suffix_label.get(a.group(1))
            before = [m for m in self.mentions if m.end <= a.start() and m.label is label]
            if before and label is not None:
                inside.append(
                    Mention(a.start(), a.end(), label, a.group(0), entity=before[-1].entity, anaphor=True)
                )
        inside.sort(key=lambda m: m.start)
        return _Sentence(start, end, self.text[start:end], inside)

    # -- recording

    def add(
        self,
        rel: RelType,
        head: Mention,
        tail: Mention,
        sent: _Sentence,
        confidence: float,
        props: dict | None = None,
    ) -> None:
        h, t = self.entities[head.entity], self.entities[tail.entity]
        if head.entity == tail.entity or not allowed(rel, h.label, t.label):
            return
        a, b = head.entity, tail.entity
        if RELATIONS[rel].symmetric and a > b:
            a, b = b, a
        if (rel, a, b) in self.found:
            return
        evidence = Evidence(
            article_id=self.doc.article.id,
            sentence=sent.text,
            start=sent.start,
            end=sent.end,
            extractor=EXTRACTOR_NAME,
            confidence=confidence,
        )
        self.found[(rel, a, b)] = ExtractedRelation(
            type=rel, head=h.key, tail=t.key, properties=props or {}, evidence=evidence
        )

    # -- helpers over one sentence

    def fits(self, m: Mention, labels: frozenset[Label]) -> bool:
        return self.entities[m.entity].label in labels

    def locative(self, m: Mention) -> bool:
        return bool(_LOCATIVE.search(self.text[max(0, m.start - 3) : m.start]))

    def coordinated(self, sent: _Sentence, m: Mention, joiners: re.Pattern[str] = _COORD) -> list[Mention]:
        """`m` and the mentions listed with it (甲、乙和丙)."""
        ms, label = sent.mentions, self.entities[m.entity].label
        i = ms.index(m)
        group = [m]
        for step in (-1, 1):
            j = i
            while 0 <= j + step < len(ms):
                a, b = (ms[j + step], ms[j]) if step < 0 else (ms[j], ms[j + step])
                other = ms[j + step]
                if self.entities[other.entity].label is not label or not joiners.match(
                    self.text[a.end : b.start]
                ):
                    break
                group.append(other)
                j += step
        return sorted(group, key=lambda x: x.start)

    def before(self, sent: _Sentence, pos: int, labels: frozenset[Label], limit: int = 200) -> Mention | None:
        for m in reversed(sent.mentions):
            if m.end <= pos and pos - m.end <= limit and self.fits(m, labels) and not self.locative(m):
                return m
        return None

    def after(
        self, sent: _Sentence, pos: int, labels: frozenset[Label], limit: int = 60, clause: bool = False
    ) -> Mention | None:
        for m in sent.mentions:
            if clause and m.start >= pos and _CLAUSE_SEP.search(_SHIELD.sub("", self.text[pos : m.start])):
                return None
            if m.start >= pos and m.start - pos <= limit and self.fits(m, labels):
                return self.innermost(sent, m)
        return None

    def innermost(self, sent: _Sentence, m: Mention) -> Mention:
        """杭州市临平区, 青岛西海岸新区: of places written one inside the other, the last."""
        label = self.entities[m.entity].label
        for nxt in sent.mentions:
            if nxt.start == m.end and label is Label.REGION and self.entities[nxt.entity].label is label:
                m = nxt
        return m

    # -- rules

    def read(self) -> list[ExtractedRelation]:
        for sent in self.sentences:
            if len(sent.mentions) < 1:
                continue
            self.triggers(sent)
            self.roles(sent)
            self.happens_in(sent)
            self.publisher_before_title(sent)
        self.from_names()
        self.region_hierarchy()
        return list(self.found.values())

    def triggers(self, sent: _Sentence) -> None:
        res = resources()
        shielded = [(m.start(), m.end()) for m in _SHIELD.finditer(sent.text)]
        for t in res.trigger_re.finditer(sent.text):
            if any(a < t.start() < b for a, b in shielded):
                continue
            word = t.group(0)
            rel, order = res.triggers.get(word) or res.triggers[word.lower()]
            pos, end = sent.start + t.start(), sent.start + t.end()
            if rel is RelType.PARTNERS_WITH:
                self.partners(sent, pos, end)
            elif rel is RelType.ESTABLISHED:
                self.established(sent, pos, end)
            else:
                self.directed(sent, rel, order, pos, end)

    def directed(self, sent: _Sentence, rel: RelType, order: str, pos: int, end: int) -> None:
        spec = RELATIONS[rel]
        if order == "th":
            tail, head = self.before(sent, pos, spec.targets, 30), self.after(sent, end, spec.sources, 20)
        elif order == "ht" or rel is RelType.SUPPORTS:
            head, tail = (
                self.before(sent, pos, spec.sources),
                self.after(sent, end, spec.targets, clause=True),
            )
        else:
            head = self.before(sent, pos, spec.sources) or self.after(sent, end, spec.sources, 30)
            tail = self.after(sent, end, spec.targets) or self.before(sent, pos, spec.targets, 80)
        if rel is RelType.SUBSIDIARY_OF and tail is None and head is not None:
            tail = self.before(sent, pos, frozenset({Label.FIRM}), 30)
        if head is None or tail is None:
            return
        props = {}
        if rel is RelType.SUPPORTS:
            money = [a for off, a in _amounts(self.text[end : sent.end])[:1]]
            props = {"amount_cny": money[0]} if money else {}
        for h in self.coordinated(sent, head):
            for t in self.coordinated(sent, tail):
                self.add(rel, h, t, sent, 0.6, props)

    def established(self, sent: _Sentence, pos: int, end: int) -> None:
        spec = RELATIONS[RelType.ESTABLISHED]
        tail = self.after(sent, end, spec.targets, 30, clause=True)
        if tail is not None:
            head = self.before(sent, pos, spec.sources)
        else:
            tail = self.before(sent, pos, spec.targets, 40)
            by = self.text.rfind("由", sent.start, tail.start) if tail else -1
            head = self.after(sent, by + 1, spec.sources, 3) if tail and by >= 0 else None
        if head is not None and tail is not None:
            for h in self.coordinated(sent, head):
                for t in self.coordinated(sent, tail):
                    self.add(RelType.ESTABLISHED, h, t, sent, 0.6)

    def partners(self, sent: _Sentence, pos: int, end: int) -> None:
        everyone = frozenset(Label)
        right_end = self.before(sent, pos, everyone, 40)
        if right_end is not None:
            right = self.coordinated(sent, right_end, _LIST_COORD)
            left_end = self.before(sent, right[0].start, everyone, 30)
            if left_end is not None and _PARTY_SIDE.search(self.text[left_end.end : right[0].start]):
                self.pair_all(sent, self.coordinated(sent, left_end, _LIST_COORD), right, within_right=True)
                return
            if _MANY_PARTIES.search(self.text[right[-1].end : pos]) and len(right) > 1:
                self.pair_all(sent, right, right, within_right=True)
                return
        head, tail = self.before(sent, pos, everyone), self.after(sent, end, everyone, 30)
        if head is not None and tail is not None:
            self.pair_all(sent, self.coordinated(sent, head), self.coordinated(sent, tail))

    def pair_all(
        self, sent: _Sentence, left: list[Mention], right: list[Mention], within_right: bool = False
    ) -> None:
        for a in left:
            for b in right:
                self.add(RelType.PARTNERS_WITH, a, b, sent, 0.6)
        if within_right:
            for i, a in enumerate(right):
                for b in right[i + 1 :]:
                    self.add(RelType.PARTNERS_WITH, a, b, sent, 0.5)

    def roles(self, sent: _Sentence) -> None:
        """…担任会长单位 / 副会长单位包括甲、乙 / with 甲 as the president unit."""
        res, spec = resources(), RELATIONS[RelType.MEMBER_OF]
        last = sent.start
        for r in res.role_re.finditer(sent.text):
            pos, end = sent.start + r.start(), sent.start + r.end()
            role = res.roles.get(r.group(0)) or res.roles[r.group(0).lower()]
            assoc = self.association_for(sent, pos)
            if _ROLE_LIST_AFTER.match(self.text[end : sent.end]):
                stop = next(
                    (
                        sent.start + x.start()
                        for x in res.role_re.finditer(sent.text)
                        if sent.start + x.start() > end
                    ),
                    sent.end,
                )
                members = [m for m in sent.mentions if end <= m.start < stop and self.fits(m, spec.sources)]
            else:
                clause = max(
                    last,
                    *(
                        sent.start + c.end()
                        for c in _CLAUSE_SEP.finditer(sent.text)
                        if sent.start + c.end() <= pos
                    ),
                    sent.start,
                )
                members = [
                    m
                    for m in sent.mentions
                    if clause <= m.start and m.end <= pos and self.fits(m, spec.sources)
                ]
            last = end
            if assoc is not None:
                for m in members:
                    self.add(RelType.MEMBER_OF, m, assoc, sent, 0.8, {"role": role})

    def association_for(self, sent: _Sentence, pos: int) -> Mention | None:
        assoc = [m for m in sent.mentions if self.entities[m.entity].label is Label.ASSOCIATION]
        if assoc:
            return min(assoc, key=lambda m: abs(m.start - pos))
        earlier = [m for m in self.mentions if m.end <= sent.start and m.label is Label.ASSOCIATION]
        return earlier[-1] if earlier else None

    def happens_in(self, sent: _Sentence) -> None:
        """甲在乙举行/成立/落户: 甲 LOCATED_IN 乙 (乙 a region or base)."""
        spec = RELATIONS[RelType.LOCATED_IN]
        for place in sent.mentions:
            if not self.fits(place, spec.targets) or not re.search(r"(?:在|于)$", self.text[: place.start]):
                continue
            rest = self.text[place.end : sent.end]
            verb = _HAPPENS_IN.search(rest) or re.match(r"^[^，,。]{0,6}?(?:举行|举办|召开|成立|开幕)", rest)
            if verb is None:
                continue
            inner = self.innermost(sent, place)
            verb = _HAPPENS_IN.search(self.text[inner.end : sent.end]) or verb
            thing = self.before(sent, place.start - 1, spec.sources, 30)
            if thing is None:
                thing = self.after(sent, place.end + verb.end(), frozenset({Label.EVENT}), 30)
            if thing is not None:
                self.add(RelType.LOCATED_IN, thing, inner, sent, 0.6)

    def publisher_before_title(self, sent: _Sentence) -> None:
        """甲《报告》: a publisher named right before a report or policy title issued it."""
        ms = sent.mentions
        for a, b in zip(ms, ms[1:], strict=False):
            if b.rank == 0 and self.text[b.start] == "《" and a.end == b.start:
                self.add(RelType.ISSUED, a, b, sent, 0.5)

    def first_sentence(self, *mentions: Mention) -> _Sentence | None:
        for sent in self.sentences:
            if all(any(m.entity == x.entity for x in sent.mentions) for m in mentions):
                return sent
        return None

    def from_names(self) -> None:
        """What names state: 深圳某某公司 sits in 深圳 (if 深圳 is named on its own); 芒果TV某某工作室
        belongs to 芒果TV; 《某区推动…措施》 was issued by 某区; 《支持某基地…政策》 supports 某基地."""
        by_key: dict[str, Mention] = {}
        for m in self.mentions:
            by_key.setdefault(name_key(m.surface), m)
            if m.known is not None:
                by_key.setdefault(name_key(m.known.name), m)
        seen: set[int] = set()
        for m in self.mentions:
            if m.entity in seen or m.known is not None:
                continue
            seen.add(m.entity)
            self.prefix_relations(m, by_key)

    def prefix_relations(self, m: Mention, by_key: dict[str, Mention]) -> None:
        label, name = self.entities[m.entity].label, _ORDINAL.sub("", m.surface)
        prefixes = [
            p
            for size in range(min(len(name) - 1, 12), 1, -1)
            if (p := by_key.get(name_key(name[:size]))) is not None and p.entity != m.entity
        ]
        inner = re.search(r"[(（]([^()（）]{2,6})[)）]", name)
        if inner and (p := by_key.get(name_key(inner.group(1)))) is not None:
            prefixes.append(p)
        sent = self.first_sentence(m)
        if sent is None:
            return
        for p in prefixes[:1] if label is not Label.REGION else []:
            p_label = self.entities[p.entity].label
            if p_label is Label.REGION and label is not Label.POLICY and not self.placed(m.entity):
                self.add(RelType.LOCATED_IN, m, p, sent, 0.5)
            elif p_label is Label.FIRM and label is Label.FIRM:
                self.add(RelType.SUBSIDIARY_OF, m, p, sent, 0.5)
            elif label is Label.POLICY:
                self.add(RelType.ISSUED, p, m, sent, 0.5)
        if label is Label.POLICY and re.search("支持|扶持|促进", name):
            for x in self.mentions:
                if x.entity != m.entity and m.start < x.start and x.end <= m.end:
                    self.add(RelType.SUPPORTS, m, x, sent, 0.5)

    def placed(self, entity: int) -> bool:
        return any(rel is RelType.LOCATED_IN and a == entity for rel, a, _ in self.found)

    def region_hierarchy(self) -> None:
        """PART_OF between two regions the article names, from the gazetteer's hierarchy."""
        regions: dict[str, Mention] = {}
        for m in self.mentions:
            if self.entities[m.entity].label is Label.REGION:
                regions.setdefault(m.known.name if m.known else m.surface, m)
                regions.setdefault(self.entities[m.entity].name, m)
        for name, m in regions.items():
            parents = ([m.parent] if m.parent else []) + _ancestors(name)
            parent = next(
                (regions[p] for p in parents if p in regions and regions[p].entity != m.entity), None
            )
            if parent is None:
                parent = next(
                    (
                        regions[x.name]
                        for p in parents
                        for x in [resources().known.get(p)]
                        if x is not None and x.name in regions
                    ),
                    None,
                )
            if parent is not None:
                sent = self.first_sentence(m, parent) or self.first_sentence(m)
                if sent is not None:
                    self.add(RelType.PART_OF, m, parent, sent, 0.7)


# --- the stage ------------------------------------------------------------------------------


def _money_properties(sentences: list[_Sentence], entities: list[ExtractedEntity]) -> None:
    """Policy.max_support_cny from 最高…万元 and Fund.amount_cny from the nearest amount."""
    for sent in sentences:
        start, inside = sent.start, [m for m in sent.mentions if not m.anaphor]
        amounts = _amounts(sent.text)
        if not amounts:
            continue
        top = [a for off, a in amounts if "最高" in sent.text[max(0, off - 8) : off]]
        for m in inside:
            entity = entities[m.entity]
            if entity.label is Label.POLICY and top:
                earlier = entity.properties.get("max_support_cny")
                entity.properties["max_support_cny"] = max(
                    top + ([earlier] if isinstance(earlier, float) else [])
                )
            if entity.label is Label.FUND and "amount_cny" not in entity.properties:
                off, value = min(amounts, key=lambda a: abs(start + a[0] - m.start))
                if abs(start + off - m.start) < 25:
                    entity.properties["amount_cny"] = value


class RuleExtractor:
    """Names by structure and gazetteers, relationships by trigger words in one sentence."""

    name = EXTRACTOR_NAME

    def run(self, doc: Document) -> Extraction:
        english = doc.article.language.startswith("en") or not re.search(f"[{_CJK}]", doc.text[:400])
        mentions = _drop_unanchored_short_regions(find_mentions(doc.text))
        entities = _build_entities(mentions, english)
        reader = _Reader(doc, mentions, entities)
        _money_properties(reader.sentences, entities)
        relations = reader.read()
        return Extraction(document=doc, entities=entities, relations=relations)


def extract(doc: Document) -> Extraction:
    """The entities and relationships one document states."""
    return RuleExtractor().run(doc)
