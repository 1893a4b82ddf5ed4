"""The region gazetteer: lookup, hierarchy, finding mentions in text and resolving them by context."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from mdkg.graph.ontology import RegionLevel
from mdkg.ingest.regions.model import MUNICIPALITIES, Region, RegionMention, ResolvedRegion
from mdkg.ingest.regions.surfaces import Hit, SurfaceIndex

# Why a reading was chosen; the weight orders candidates.
ADJACENT, NAMED, ENCLOSED = "right after its parent", "named elsewhere", "an enclosing region is named"
ENCLOSES, SIBLING, CUE = "a region inside it is named", "a sibling is named", "a place cue is next to it"
_WEIGHTS = {ADJACENT: 8, NAMED: 4, ENCLOSED: 4, ENCLOSES: 2, SIBLING: 1, CUE: 1}
# The reasons of a reading are the bits of a mask, in the order above; per mask its score and text.
_BIT = {why: 1 << n for n, why in enumerate(_WEIGHTS)}
_SCORE = [sum(w for why, w in _WEIGHTS.items() if mask & _BIT[why]) for mask in range(1 << len(_BIT))]
_REASON = ["; ".join(why for why in _WEIGHTS if mask & _BIT[why]) for mask in range(1 << len(_BIT))]
_ADJACENT, _NAMED, _ENCLOSED, _ENCLOSES, _SIBLING, _CUE = _BIT.values()

_LEVEL_RANK = {
    RegionLevel.COUNTRY: 4,
    RegionLevel.PROVINCE: 3,
    RegionLevel.CITY: 2,
    RegionLevel.DISTRICT: 1,
    RegionLevel.TOWN: 1,
}
_STREET = re.compile(r"[东西南北中]?(?:路|大道|大街|街(?!道)|巷)")  # 中山路, 北京西路 are streets
_LANDFORM = frozenset("山泉湖河江岛寺塔桥")  # 藏马山, 趵突泉, 苏州河: a short form opening a landmark's name
_BACK_OFF = frozenset({"市场", "市值", "区域", "县域", "区块", "省份"})  # 深圳市场 is 深圳 + 市场
_LATIN_GAP = re.compile(r"(?:'s|’s)?\s*(?:,|of|in)?\s*")  # "Hangzhou's Linping", "Linping, Hangzhou"
_TITLE = re.compile(r"《[^《》\n]{0,80}》")
_BRACKETED = re.compile(r"[(（]([^()（）]{2,12})[)）]")
_LATIN_NAME = re.compile(
    r"(?:\s+[A-Z][\w'&-]*){0,4}\s+(?:University|College|Institute|Academy|Group|Company|Co\.|Corporation"
    r"|Association|Alliance|Daily|Television|TV|Pictures|Media|Studios?|Films?|Entertainment)\b"
    r"|\s+(?:dialect|opera|cuisine|food|accent|style)\b"  # Sichuan dialect: a place word as an adjective
)
_NOT_IN_NAME = "的地在是和与及等将把为了从对向到由"  # particles and prepositions end a name's lead


@dataclass(slots=True)
class _Context:
    """What the text surely names: region codes, their ancestors and parents, each with the index
    of the one mention that names it, or -1 when several do (a mention is no evidence for itself:
    mention i is evidence of a code when the code's index is there and is not i)."""

    named: dict[str, int] = field(default_factory=dict)
    below: dict[str, int] = field(default_factory=dict)
    parents: dict[str, int] = field(default_factory=dict)


Choice = tuple[str, float, str]  # the region code a mention is read as, the confidence, the reason


class RegionGazetteer:
    """Regions by code and by every surface form, with context-based resolution."""

    def __init__(
        self,
        regions: Iterable[Region],
        cues: Iterable[tuple[str, str]] = (),
        joined: frozenset[str] = frozenset(),
    ) -> None:
        self._regions = {r.code: r for r in regions}
        self._ancestors = {code: self._chain(code) for code in self._regions}
        self._parent = {code: r.parent or "" for code, r in self._regions.items()}
        self._priors = {code: self._prior(code) for code in self._regions}
        cues = list(cues)
        openers = frozenset(w for w, side in cues if side == "before")
        self._index = SurfaceIndex(self._regions.values(), joined, openers)
        self._nested = {s: self._opening_ancestor(s, forms.entries) for s, forms in self._index.cjk.items()}
        self._everyday_forms = frozenset(r.short for r in self._regions.values() if r.everyday)
        words = {
            side: "|".join(re.escape(w) for w, s in cues if s == side) or "(?!)"
            for side in ("before", "after", "name")
        }
        self._cue_before = re.compile(f"(?:{words['before']})$")
        self._cue_after = re.compile(words["after"])
        lead = f"(?:(?![{_NOT_IN_NAME}])[\\u4e00-\\u9fff]){{0,3}}?"
        dateline = r"\d{1,2}月\d{1,2}日(?:电|讯|消息|(?=\s|$))"  # 新华社北京1月14日电, 人民网北京1月20日
        # “杭州发布”, 来源：杭州发布: a government's news account, not 郑州发布《某方案》
        account = r"发布(?=[”\"」]|[ \t]*(?:$|\n)|微信|公众号|客户端|微博|消息)"
        self._name_after = re.compile(rf"{lead}(?:{words['name']})|{dateline}|{account}")

    def __len__(self) -> int:
        return len(self._regions)

    def __iter__(self) -> Iterator[Region]:
        return iter(self._regions.values())

    def get(self, code: str) -> Region | None:
        return self._regions.get(code)

    def ancestors(self, code: str) -> list[Region]:
        """The enclosing regions, nearest first."""
        return [self._regions[c] for c in self._ancestors.get(code, ())]

    def part_of_pairs(self, codes: Iterable[str]) -> list[tuple[str, str]]:
        """(child, parent) for each of `codes` whose nearest ancestor among `codes` is the parent:
        PART_OF links between regions an article names, skipping levels it does not name."""
        present = dict.fromkeys(c for c in codes if c in self._regions)
        pairs = []
        for code in present:
            parent = next((a for a in self._ancestors[code] if a in present), None)
            if parent is not None:
                pairs.append((code, parent))
        return pairs

    def is_region_prefix(self, name: str) -> Region | None:
        """The region an organisation's name opens with, the most specific of a chain (南京市栖霞区委
        宣传部 → 栖霞区), or else the region it carries in brackets (漫森(深圳)文化… → 深圳市)."""
        chain = self.prefix_chain(name)
        found = chain[-1][0] if chain else None
        if found is None and (bracket := _BRACKETED.search(name)):
            hit = self._index.match_at(bracket.group(1), 0)
            if hit is not None and hit.surface == bracket.group(1):
                found = self._prefix_region(hit, None, 2)
        return found

    def prefix_chain(self, name: str) -> list[tuple[Region, int]]:
        """The regions an organisation's name opens with, outermost first, each with the offset
        where its surface ends (南京市栖霞区委宣传部 → [(南京市, 3), (栖霞区, 6)])."""
        chain: list[tuple[Region, int]] = []
        pos = 0
        while (hit := self._index.match_at(name, pos)) is not None:
            region = self._prefix_region(hit, chain[-1][0] if chain else None, len(name) - hit.end)
            if region is None:
                break
            chain.append((region, hit.end))
            pos = hit.end
        return chain

    def town_namesakes(self, text: str) -> list[Hit]:
        """Full names of towns that several towns share (盐官镇 in 海宁 and in 礼县)."""
        return [h for h in self._index.town_hits(text) if len(h.forms.codes) > 1]

    # -- finding --------------------------------------------------------------------------------
    def find(self, text: str) -> list[RegionMention]:
        """Every surface that may name a region, in text order; a region name that opens a longer
        one (青岛 in 青岛西海岸新区) comes as a nested mention before it."""
        mentions, unordered, last = [], False, -1
        for hit in self._index.scan(text):
            unordered, last = unordered or hit.start < last, hit.start  # Latin forms come last
            mention = self._mention(text, hit)
            if mention is None:
                continue
            if mention.full and (opening := self._nested.get(mention.surface)):
                length, code = opening
                mentions.append(
                    RegionMention(
                        hit.start, hit.start + length, hit.surface[:length], (code,), True, nested=True
                    )
                )
            mentions.append(mention)
        if unordered:
            mentions.sort(key=lambda m: (m.start, not m.nested))
        return mentions

    def _mention(self, text: str, hit: Hit) -> RegionMention | None:
        surface, end, forms = hit.surface, hit.end, hit.forms
        if not surface.isascii():
            if text[end - 1 : end + 1] in _BACK_OFF:
                surface, end = surface[:-1], end - 1
                if (shorter := self._index.cjk.get(surface)) is None:
                    return None
                forms = shorter
            if _STREET.match(text, end) or (not forms.full and text[end : end + 1] in _LANDFORM):
                return None
        return RegionMention(hit.start, end, surface, forms.codes, forms.full)

    # -- resolving ------------------------------------------------------------------------------
    def resolve(self, text: str, names: Iterable[tuple[int, int]] = ()) -> list[ResolvedRegion]:
        """One region per mention that names a place, chosen by context; other mentions dropped.
        Mentions inside a title (《坪山区促进微短剧…》) or a name — one of `names` (spans the caller
        found) or one the cue words recognise (北京大学) — are kept with standalone False."""
        mentions = self.find(text)
        local = [self._local(text, mentions, i) for i in range(len(mentions))]
        sure = {i: m.candidates[0] for i, m in enumerate(mentions) if self._plain_full(m)}
        first = self._choose_all(mentions, local, self._context(sure), final=False)
        context = self._context({i: code for i, (code, _, _) in first.items()})
        spans = [t.span() for t in _TITLE.finditer(text)] + list(names)
        out = []
        for i, (code, confidence, reason) in self._choose_all(mentions, local, context, final=True).items():
            m = mentions[i]
            standalone = not (_inside(m.start, m.end, spans) or self._opens_name(text, m))
            out.append(ResolvedRegion(m, self._regions[code], confidence, reason, standalone))
        return out

    def _choose_all(
        self, mentions: list[RegionMention], local: list[tuple[set[str], bool]], ctx: _Context, final: bool
    ) -> dict[int, Choice]:
        out = {}
        for i, m in enumerate(mentions):
            if m.nested:
                out[i] = (m.candidates[0], 0.9, "opens a longer name")
            elif not final and self._plain_full(m):  # the first pass needs no reasons
                out[i] = (m.candidates[0], 0.9, "")
            elif (choice := self._choose(m, i, ctx, *local[i])) is not None:
                out[i] = choice
        return out

    def _choose(
        self, m: RegionMention, i: int, ctx: _Context, adjacent: set[str], cue: bool
    ) -> Choice | None:
        scored = [(self._evidence(i, code, ctx, adjacent, cue), code) for code in m.candidates]
        if len(scored) > 1:
            priors = self._priors
            scored.sort(key=lambda ec: (_SCORE[ec[0]], priors[ec[1]]), reverse=True)
        return self._accept(m, scored)

    def _plain_full(self, m: RegionMention) -> bool:
        """A full name of one region that is no everyday word (坪山区, not 城区)."""
        return m.full and len(m.candidates) == 1 and m.surface not in self._everyday_forms

    def _local(self, text: str, mentions: list[RegionMention], i: int) -> tuple[set[str], bool]:
        """What the mention's neighbourhood says: the candidates of the mention written right next
        to it, and whether a place cue touches it."""
        m = mentions[i]
        cue = (not m.full or m.surface in self._everyday_forms) and bool(
            self._cue_before.search(text, max(0, m.start - 4), m.start)
            or self._cue_after.match(text, m.end)
            or _listed_with_places(text, mentions, i)
        )
        return self._adjacent(text, mentions, i), cue

    def _evidence(self, i: int, code: str, ctx: _Context, adjacent: set[str], cue: bool) -> int:
        """What in the text supports reading mention i as `code`, as a mask of reasons."""
        ancestors, named = self._ancestors[code], ctx.named
        mask = _CUE if cue else 0
        if adjacent and not adjacent.isdisjoint(ancestors):
            mask |= _ADJACENT
        if named.get(code, i) != i:
            mask |= _NAMED
        for a in ancestors:
            if named.get(a, i) != i:
                mask |= _ENCLOSED
                break
        if ctx.below.get(code, i) != i:
            mask |= _ENCLOSES
        if ctx.parents.get(self._parent[code], i) != i:
            mask |= _SIBLING
        return mask

    def _accept(self, m: RegionMention, scored: list[tuple[int, str]]) -> Choice | None:
        """The best reading if the mention is a place: full names are, short forms need support
        unless they are provinces, cities or hand-picked zones and towns."""
        why, code = scored[0]
        score = _SCORE[why]
        tied = [c for w, c in scored if _SCORE[w] == score] if len(scored) > 1 else [code]
        if len(tied) > 1:
            best = self._break_tie(m, tied, supported=bool(why & (_NAMED | _CUE)))
            return None if best is None else (best, 0.6, _REASON[why] or "preferred among namesakes")
        region, reason = self._regions[code], _REASON[why]
        everyday = m.surface in self._everyday_forms
        if why & _ADJACENT or (m.full and not everyday):
            return code, 0.95 if why else 0.9, reason or "full name"
        if everyday:
            return (code, 0.7, reason) if why & (_NAMED | _CUE) else None
        if region.level in (RegionLevel.PROVINCE, RegionLevel.CITY) or region.curated or len(m.surface) >= 3:
            return code, 0.9 if why else 0.8, reason or "known short form"
        return (code, 0.8, reason) if why & ~_SIBLING else None

    def _break_tie(self, m: RegionMention, tied: list[str], supported: bool = False) -> str | None:
        """Namesakes with equal support: the one enclosing the others (长沙市 over 长沙县), a province
        (吉林), a full name in a municipality (朝阳区), a city (西安市 over two 西安区), a far better
        known city ("Suzhou": 苏州 over 宿州); else none (栖霞, "Pingshan")."""
        if m.surface in self._everyday_forms and not supported:
            return None
        regions = [self._regions[c] for c in tied]
        if m.surface.isascii():  # pinyin namesakes span levels; a bare English name means the city
            regions = [r for r in regions if r.acts_as_city] or regions
        for narrowed in (
            regions,
            [r for r in regions if all(r.code in self._ancestors[o.code] for o in regions if o is not r)],
            [r for r in regions if r.level is RegionLevel.PROVINCE],
            [r for r in regions if m.full and r.parent in MUNICIPALITIES],
            [r for r in regions if not m.full and r.acts_as_city],
        ):
            if len(narrowed) == 1:
                return narrowed[0].code
        if all(r.level is RegionLevel.CITY for r in regions):
            first, second = sorted(regions, key=lambda r: r.freq, reverse=True)[:2]
            if first.freq >= 5 * max(second.freq, 20):
                return first.code
        return None

    def _adjacent(self, text: str, mentions: list[RegionMention], i: int) -> set[str]:
        """Candidates of the mention written right before mention i (南京|栖霞, "Hangzhou's
        Linping") or, in English, right after it ("Linping district of Hangzhou")."""
        m, codes = mentions[i], set[str]()
        latin = m.surface.isascii()
        for j in range(i - 1, -1, -1):
            before = mentions[j]
            if not before.nested and before.end <= m.start:
                gap = text[before.end : m.start]
                if not gap or (latin and _LATIN_GAP.fullmatch(gap)):
                    codes.update(before.candidates)
                break
        for j in range(i + 1, len(mentions) if latin else 0):
            after = mentions[j]
            if after.start >= m.end:
                gap = text[m.end : after.start]
                if gap.strip() and _LATIN_GAP.fullmatch(gap):
                    codes.update(after.candidates)
                break
        return codes

    def _opens_name(self, text: str, m: RegionMention) -> bool:
        """Whether the mention opens an organisation's or event's name or a dateline (北京大学,
        广州蓝迪影业, 海看网络科技(山东)股份有限公司, 中新网郑州1月13日电,
        "Shanghai Jiao Tong University")."""
        if m.surface.isascii():
            return bool(_LATIN_NAME.match(text, m.end))
        bracketed = m.start > 1 and text[m.start - 1] in "(（" and text[m.end : m.end + 1] in (")", "）")
        return bracketed or bool(self._name_after.match(text, m.end))

    def _context(self, named: dict[int, str]) -> _Context:
        ctx = _Context()
        seen, below, parents = ctx.named, ctx.below, ctx.parents
        for i, code in named.items():  # one mention adds a code to each table at most once
            seen[code] = -1 if code in seen else i
            for a in self._ancestors[code]:
                below[a] = -1 if a in below else i
            if (parent := self._regions[code].parent) is not None:
                parents[parent] = -1 if parent in parents else i
        return ctx

    def _prior(self, code: str) -> tuple[int, int]:
        region = self._regions[code]
        return (_LEVEL_RANK[region.level] if region.level else 2), region.freq

    # -- building -------------------------------------------------------------------------------
    def _chain(self, code: str) -> tuple[str, ...]:
        chain: list[str] = []
        parent = self._regions[code].parent
        while parent and parent in self._regions and parent not in chain:
            chain.append(parent)
            parent = self._regions[parent].parent
        return tuple(chain)

    def _opening_ancestor(
        self, surface: str, entries: tuple[tuple[str, bool], ...]
    ) -> tuple[int, str] | None:
        """The ancestor whose name or short form opens a zone's or town's `surface` (郑州 in
        郑州航空港经济综合实验区); not a division's (吉林市 and 长沙县 name no 吉林省 or 长沙市)."""
        if len({code for code, _ in entries}) != 1 or not self._regions[entries[0][0]].curated:
            return None
        for a in self._ancestors[entries[0][0]]:
            for form in (self._regions[a].name, self._regions[a].short):
                if 2 <= len(form) < len(surface) and surface.startswith(form):
                    return len(form), a
        return None

    def _prefix_region(self, hit: Hit, above: Region | None, rest: int) -> Region | None:
        """The region a name-opening surface stands for, if it surely is one: within `above` when a
        region opened the name already, and with at least two characters of name after it."""
        codes = [c for c, _ in hit.forms.entries if above is None or above.code in self._ancestors[c]]
        regions = list({c: self._regions[c] for c in codes}.values())
        if len(regions) > 1:
            regions = [r for r in regions if r.level is RegionLevel.PROVINCE or r.parent in MUNICIPALITIES]
        if len(regions) != 1 or rest < 2:
            return None
        region = regions[0]
        full = any(f for c, f in hit.forms.entries if c == region.code)
        known = region.acts_as_city or region.level is RegionLevel.PROVINCE or region.curated
        everyday = hit.surface in self._everyday_forms
        return region if full or above is not None or (known and not everyday) else None


def _listed_with_places(text: str, mentions: list[RegionMention], i: int) -> bool:
    """西安、济宁、苏州、黄山: a form listed with 、 right beside other place forms is a place too."""
    m = mentions[i]
    before = i > 0 and mentions[i - 1].end == m.start - 1 and text[m.start - 1] == "、"
    after = i + 1 < len(mentions) and mentions[i + 1].start == m.end + 1 and text[m.end : m.end + 1] == "、"
    return before or after


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether one of `spans` holds start..end and more."""
    for s, e in spans:
        if s <= start and end <= e and (s != start or e != end):
            return True
    return False
