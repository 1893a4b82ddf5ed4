"""What names hold or carry after them: places a name opens with (陕西西咸新区沣东新城某基地 names
陕西 and 西咸新区 too), places set off by a dot inside a name (2025南通・微短剧周), and the aliases a
name is given in brackets or by 简称/称为 after it."""

from __future__ import annotations

import re

from mdkg.graph.ontology import Label
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.places import name_regions
from mdkg.ingest.extract.wording import is_generic, suffix_size

_ALIAS_NOTE = re.compile(r"^(?:简称|下称|以下简称|以下称)?[“\"「]?([^“”\"「」]{1,20})[”\"」]?$")
# 某区成立20周年: the verbs that found something, and the anniversary after them
FOUNDING = "(?:成立|建校|建院|建馆|建所|创刊|创建|开业|开园)"
ANNIVERSARY = "[\\d一二三四五六七八九十百]+周年"
_FOUNDED_AGO = re.compile(FOUNDING + ANNIVERSARY)

_CHAIN_SPLIT = frozenset({Label.BASE, Label.GOVERNMENT, Label.EVENT})


_DOTS = "·・•"


def dotted_places(text: str, places: list[Mention], kept: list[Mention]) -> list[Mention]:
    """2025南通・微短剧周, 七彩云南·相约台湾: a place set off by a middle dot inside a name is named as a
    place too (ONTOLOGY rule 9: a place after or before ·)."""
    found = []
    for p in places:
        dotted = text[p.end : p.end + 1] in _DOTS or (p.start and text[p.start - 1] in _DOTS)
        if dotted and p not in kept and any(k.start <= p.start and p.end <= k.end for k in kept):
            found.append(p)
    return found


def split_region_chains(text: str, mentions: list[Mention]) -> list[Mention]:
    """陕西西咸新区沣东新城某基地, 长沙市开福区委宣传部: a name opening with places written one inside
    the other names those places too; the name keeps the innermost one (开福区委宣传部) unless
    what follows it is a proper name by itself (某基地). Firms, schools and associations carry
    their places in their registered names (浙江横店影视职业学院), which stay whole."""
    out = []
    for m in mentions:
        chain = name_regions(m.surface) if m.label in _CHAIN_SPLIT and m.known is None and m.rank else ()
        if len(chain) < 2 or text[m.start : m.end] != m.surface:
            out.append(m)
            continue
        cut = chain[-2][1]
        rest = m.surface[chain[-1][1] :]
        size = suffix_size(rest)
        whole = bool(_FOUNDED_AGO.match(rest))  # 某区成立20周年大会 is named for the place it holds
        if whole or size and len(rest) - size >= 2 and not is_generic(rest[:-size]):
            cut = chain[-1][1]
        begin = m.start
        for entry, end in chain:
            if end > cut:
                break
            out.append(
                Mention(begin, m.start + end, Label.REGION, m.surface[begin - m.start : end], known=entry)
            )
            begin = m.start + end
        if whole:
            out.append(m)
            continue
        out.append(Mention(m.start + cut, m.end, m.label, m.surface[cut:], aliases=[m.surface, *m.aliases]))
    return out


_CALLED = re.compile(
    r"[，,]?\s*(?:业内|外界|被|又|俗|也|并)?(?:称为|称作|简称|俗称|又称|昵称为?)[“\"「]([^“”\"「」\n]{2,20})[”\"」]"
)


def attach_bracket_aliases(text: str, mentions: list[Mention]) -> list[Mention]:
    """甲(乙) right after a name: 乙 is another form of it (brand, short name, 简称); so is 乙 in
    甲，业内称为“乙”. A name found inside such a note (DataEye in 某公司（DataEye剧查查）) is that
    form, not a name of its own."""
    notes: list[tuple[int, int, Mention]] = []
    for m in mentions:
        called = _CALLED.match(text, m.end)
        if called and m.label is not Label.REGION:
            m.aliases.append(called.group(1))
        at = m.end + 1 if text[m.end : m.end + 1] == " " else m.end
        if at < len(text) and text[at] in "(（":
            close = text.find(")" if text[at] == "(" else "）", at, at + 30)
            note = _ALIAS_NOTE.match(text[at + 1 : close]) if close > 0 else None
            if note and m.label is not Label.REGION:
                m.aliases += [note.group(1), text[m.start : close + 1]]
                notes.append((at, close, m))
    if not notes:
        return mentions
    kept = []
    for x in mentions:
        owner = next((m for s, e, m in notes if s < x.start and x.end <= e and x.label is m.label), None)
        if owner is None:
            kept.append(x)
        else:
            owner.aliases.append(x.surface)
    return kept
