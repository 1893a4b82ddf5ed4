"""The region gazetteer: lookup, hierarchy, finding mentions in text and resolving them by context."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from graph.ontology import RegionLevel
from ingest.regions.model import MUNICIPALITIES, Region, RegionMention, ResolvedRegion
from ingest.regions.surfaces import Hit, SurfaceIndex

# Why a reading was chosen; the weight orders candidates.
ADJACENT, NAMED, ENCLOSED = "right after its parent", "named elsewhere", "an enclosing region is named"
ENCLOSES, SIBLING, CUE = "a region inside it is named", "a sibling is named", "a place cue is next to it"
_WEIGHTS = {ADJACENT: 8, NAMED: 4, ENCLOSED: 4, ENCLOSES: 2, SIBLING: 1, CUE: 1}

_LEVEL_RANK = {RegionLevel.PROVINCE: 3, RegionLevel.CITY: 2, RegionLevel.DISTRICT: 1, RegionLevel.TOWN: 1}
_STREET = re.compile(r"[东西南北中]?(?:路|大道|大街|街(?!道)|巷)")  # 中山路, 北京西路 are streets
_BACK_OFF = frozenset({"市场", "市值", "区域", "县域", "区块", "省份"})  # 深圳市场 is 深圳 + 市场
_LATIN_GAP = re.compile(r"(?:'s|’s)?\s*(?:,|of|in)?\s*")  # "Hangzhou's Linping", "Linping, Hangzhou"
_TITLE = re.compile(r"《[^《》\n]{0,80}》")
_BRACKETED = re.compile(r"[(（]([^()（）]{2,12})[)）]")
_LATIN_NAME = re.compile(
    r"(?:\s+[A-Z][\w'&-]*){0,4}\s+(?:University|College|Institute|Academy|Group|Company|Co\.|Corporation"
    r"|Association|Alliance|Daily|Television|TV|Pictures|Media|Studios?|Films?|Entertainment)\b"
)
_NOT_IN_NAME = "的地在是和与及等将把为了从对向到由"  # particles and prepositions end a name's lead


@dataclass
class _Context:
    """What the text surely names: region codes, their ancestors and parents, each with the
    indexes of the mentions that name them (a mention is no evidence for itself)."""

    named: dict[str, set[int]] = field(default_factory=dict)
    below: dict[str, set[int]] = field(default_factory=dict)
    parents: dict[str, set[int]] = field(default_factory=dict)

    @staticmethod
    def other(table: dict[str, set[int]], code: str, index: int) -> bool:
        found = table.get(code)
        return found is not None and (len(found) > 1 or index not in found)


class RegionGazetteer:
    """Regions by code and by every surface form, with context-based resolution."""

    def __init__(self, regions: Iterable[Region], cues: Iterable[tuple[str, str]] = ()) -> None:
        self._regions = {r.code: r for r in regions}
        self._ancestors = {code: self._chain(code) for code in self._regions}
        self._index = SurfaceIndex(self._regions.values())
        self._nested = {s: self._opening_ancestor(s, entries) for s, entries in self._index.cjk.items()}
        self._everyday_forms = frozenset(r.short for r in self._regions.values() if r.everyday)
        words = {
            side: "|".join(re.escape(w) for w, s in cues if s == side) or "(?!)"
            for side in ("before", "after", "name")
        }
        self._cue_before = re.compile(f"(?:{words['before']})$")
        self._cue_after = re.compile(words["after"])
        lead = f"(?:(?![{_NOT_IN_NAME}])[\\u4e00-\\u9fff]){{0,3}}?"
        self._name_after = re.compile(rf"{lead}(?:{words['name']})|\d{{1,2}}月\d{{1,2}}日电")

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

    # -- finding --------------------------------------------------------------------------------
    def find(self, text: str) -> list[RegionMention]:
        """Every surface that may name a region, in text order; a region name that opens a longer
        one (青岛 in 青岛西海岸新区) comes as a nested mention before it."""
        mentions = []
        for hit in self._index.scan(text):
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
        mentions.sort(key=lambda m: (m.start, not m.nested))
        return mentions

    def _mention(self, text: str, hit: Hit) -> RegionMention | None:
        surface, end, entries = hit.surface, hit.end, hit.entries
        if not surface.isascii():
            if text[end - 1 : end + 1] in _BACK_OFF:
                surface, end = surface[:-1], end - 1
                if (entries := self._index.cjk.get(surface)) is None:  # type: ignore[assignment]
                    return None
            if _STREET.match(text, end):
                return None
        codes = tuple(dict.fromkeys(code for code, _ in entries))
        return RegionMention(hit.start, end, surface, codes, any(full for _, full in entries))

    # -- resolving ------------------------------------------------------------------------------
    def resolve(self, text: str, names: Iterable[tuple[int, int]] = ()) -> list[ResolvedRegion]:
        """One region per mention that names a place, chosen by context; other mentions dropped.
        Mentions inside a title (《坪山区促进微短剧…》) or a name — one of `names` (spans the caller
        found) or one the cue words recognise (北京大学) — are kept with standalone False."""
        mentions = self.find(text)
        local = [self._local(text, mentions, i) for i in range(len(mentions))]
        sure = {i: m.candidates[0] for i, m in enumerate(mentions) if self._plain_full(m)}
        first = self._resolve_all(mentions, local, self._context(sure), final=False)
        context = self._context({i: r.region.code for i, r in first.items()})
        spans = [t.span() for t in _TITLE.finditer(text)] + list(names)
        out = []
        for r in self._resolve_all(mentions, local, context, final=True).values():
            inside = any(s <= r.start and r.end <= e and (s, e) != (r.start, r.end) for s, e in spans)
            out.append(replace(r, standalone=False) if inside or self._opens_name(text, r.mention) else r)
        return out

    def _resolve_all(
        self, mentions: list[RegionMention], local: list[tuple[set[str], bool]], ctx: _Context, final: bool
    ) -> dict[int, ResolvedRegion]:
        out = {}
        for i, m in enumerate(mentions):
            if m.nested:
                out[i] = ResolvedRegion(m, self._regions[m.candidates[0]], 0.9, "opens a longer name")
                continue
            if not final and self._plain_full(m):  # the first pass needs no reasons
                out[i] = ResolvedRegion(m, self._regions[m.candidates[0]], 0.9, "")
                continue
            adjacent, cue = local[i]
            scored = [(self._evidence(m, i, code, ctx, adjacent, cue), code) for code in m.candidates]
            scored.sort(key=lambda ec: (sum(_WEIGHTS[w] for w in ec[0]), self._prior(ec[1])), reverse=True)
            if (choice := self._accept(m, scored)) is not None:
                out[i] = choice
        return out

    def _plain_full(self, m: RegionMention) -> bool:
        """A full name of one region that is no everyday word (坪山区, not 城区)."""
        return m.full and len(m.candidates) == 1 and m.surface not in self._everyday_forms

    def _local(self, text: str, mentions: list[RegionMention], i: int) -> tuple[set[str], bool]:
        """What the mention's neighbourhood says: the candidates of the mention written right next
        to it, and whether a place cue touches it."""
        m = mentions[i]
        cue = not m.full and bool(
            self._cue_before.search(text, max(0, m.start - 4), m.start) or self._cue_after.match(text, m.end)
        )
        return self._adjacent(text, mentions, i), cue

    def _evidence(
        self, m: RegionMention, i: int, code: str, ctx: _Context, adjacent: set[str], cue: bool
    ) -> tuple[str, ...]:
        """What in the text supports reading mention i as `code`."""
        ancestors = self._ancestors[code]
        found = {
            ADJACENT: bool(adjacent) and not adjacent.isdisjoint(ancestors),
            NAMED: ctx.other(ctx.named, code, i),
            ENCLOSED: any(ctx.other(ctx.named, a, i) for a in ancestors),
            ENCLOSES: ctx.other(ctx.below, code, i),
            SIBLING: ctx.other(ctx.parents, self._regions[code].parent or "", i),
            CUE: cue,
        }
        return tuple(why for why, hit in found.items() if hit)

    def _accept(self, m: RegionMention, scored: list[tuple[tuple[str, ...], str]]) -> ResolvedRegion | None:
        """The best reading if the mention is a place: full names are, short forms need support
        unless they are provinces, cities or hand-picked zones and towns."""
        why, code = scored[0]
        score = sum(_WEIGHTS[w] for w in why)
        tied = [c for w, c in scored if sum(_WEIGHTS[x] for x in w) == score]
        if len(tied) > 1:
            best = self._break_tie(m, tied)
            reason = "; ".join(why) or "preferred among namesakes"
            return None if best is None else ResolvedRegion(m, self._regions[best], 0.6, reason)
        region, reason = self._regions[code], "; ".join(why)
        everyday = m.surface in self._everyday_forms
        if ADJACENT in why or (m.full and not everyday):
            return ResolvedRegion(m, region, 0.95 if why else 0.9, reason or "full name")
        if everyday:
            return ResolvedRegion(m, region, 0.7, reason) if NAMED in why or CUE in why else None
        if region.level in (RegionLevel.PROVINCE, RegionLevel.CITY) or region.curated or len(m.surface) >= 3:
            return ResolvedRegion(m, region, 0.9 if why else 0.8, reason or "known short form")
        return ResolvedRegion(m, region, 0.8, reason) if set(why) - {SIBLING} else None

    def _break_tie(self, m: RegionMention, tied: list[str]) -> str | None:
        """Namesakes with equal support: the one enclosing the others (长沙市 over 长沙县), a province
        (吉林), a full name in a municipality (朝阳区), a city (西安市 over two 西安区), a far better
        known city ("Suzhou": 苏州 over 宿州); else none (栖霞, "Pingshan")."""
        if m.surface in self._everyday_forms:
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
        earlier = (mentions[j] for j in range(i - 1, -1, -1))
        before = next((p for p in earlier if not p.nested and p.end <= m.start), None)
        if before is not None:
            gap = text[before.end : m.start]
            if not gap or (m.surface.isascii() and _LATIN_GAP.fullmatch(gap)):
                codes.update(before.candidates)
        later = (mentions[j] for j in range(i + 1, len(mentions)))
        after = next((n for n in later if n.start >= m.end), None) if m.surface.isascii() else None
        if after is not None:
            gap = text[m.end : after.start]
            if gap.strip() and _LATIN_GAP.fullmatch(gap):
                codes.update(after.candidates)
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
        for i, code in named.items():
            ctx.named.setdefault(code, set()).add(i)
            for a in self._ancestors[code]:
                ctx.below.setdefault(a, set()).add(i)
            if (parent := self._regions[code].parent) is not None:
                ctx.parents.setdefault(parent, set()).add(i)
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
        codes = [c for c, _ in hit.entries if above is None or above.code in self._ancestors[c]]
        regions = list({c: self._regions[c] for c in codes}.values())
        if len(regions) > 1:
            regions = [r for r in regions if r.level is RegionLevel.PROVINCE or r.parent in MUNICIPALITIES]
        if len(regions) != 1 or rest < 2:
            return None
        region = regions[0]
        full = any(f for c, f in hit.entries if c == region.code)
        known = region.acts_as_city or region.level is RegionLevel.PROVINCE or region.curated
        everyday = hit.surface in self._everyday_forms
        return region if full or above is not None or (known and not everyday) else None
