"""Titles (《…》), quoted names, and the events named after a work or joined by 暨."""

from __future__ import annotations

import re

from mdkg.graph.ontology import Label
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.resources import resources
from mdkg.ingest.extract.text import MEASURES
from mdkg.ingest.extract.wording import is_generic, specific, suffix_label, suffix_size


def _title_label(title: str) -> Label | None:
    """Report, Policy or Work by the words of a title; None for a newspaper or magazine."""
    words = [label for word, label in resources().title_words if word in title]
    if "-" in words:
        return None
    for label in ("Report", "Policy"):
        if label in words:
            return Label(label)
    return Label.WORK


_PUBLISHED = re.compile(r"(?:发布|印发|公布|出台|发表)(?:了|的)?$")


_RANKING = re.compile("排行|榜单|排名|指数|白皮书|蓝皮书")
_EDITION = re.compile(r"(?:首届|第[\d一二三四五六七八九十百]+[届期季]|\d{4}年?)$")
# “某某”APP, “某某”的独立APP
_APP_AFTER = re.compile(r"(?:的(?:独立|手机|移动|短剧|漫剧|视频)?)?(?:APP|App|app|应用|小程序|平台)")
_APP_BEFORE = re.compile(r"(?:APP|App|app|应用|小程序|平台)$")


def _label_from_context(text: str, start: int, end: int) -> Label | None:
    """A quoted name with no type word, labelled by what stands around it: an edition before it
    makes an event (第五届“新媒体之夜”), an app word beside it a firm (“某某漫剧”APP, 平台“某某”)."""
    if _EDITION.search(text, max(0, start - 6), start):
        return Label.EVENT
    if _APP_AFTER.match(text, end) or _APP_BEFORE.search(text, max(0, start - 4), start):
        return Label.FIRM
    return None


def bracketed(text: str) -> list[Mention]:
    """《titles》 and quoted names that end in a type word or count measures (“微短剧8条”)."""
    found = []
    for m in re.finditer(r"《([^《》\n]{1,60})》", text):
        title, label = m.group(1).strip(), _title_label(m.group(1))
        if suffix_size(title) == len(title) or any(title == word for word, _ in resources().title_words):
            continue  # 根据《措施》: a bare type word refers back to a name (an anaphor), names nothing
        if label is Label.WORK and _PUBLISHED.search(text, max(0, m.start() - 6), m.start()):
            label = Label.REPORT  # 发布的《某某2025综合实力城市》: what is published is no drama
        if label is not None:
            found.append(Mention(m.start(), m.end(), label, title, rank=0, aliases=[m.group(0)]))
    for m in re.finditer(r"[“\"「]([^“”\"「」\n]{2,40})[”\"」]", text):
        inner = m.group(1).strip()
        label = suffix_label(inner)
        if label is not None and (is_generic(inner[: -suffix_size(inner)]) or label is Label.REGION):
            label = None
        if label is None and MEASURES.search(inner) and not MEASURES.match(inner):
            label = Label.POLICY
        if label is None and re.search(
            r"(?:drama|film|series|show|movie|play)\W{0,3}$",
            text[max(0, m.start() - 20) : m.start()],
            re.IGNORECASE,
        ):
            label = Label.WORK
        if label is None and _RANKING.search(inner):
            label = Label.REPORT  # “某某指数·2024年某某排行TOP10”: a ranking or index is a report
        if label is None:
            label = _label_from_context(text, m.start(), m.end())
        if label is not None:
            # “《某报告》发布暨某研讨会”: a quoted event name holding a title stays whole
            rank = (
                0 if label is Label.EVENT and re.search(r"《[^》]+》", inner) or _RANKING.search(inner) else 1
            )
            found.append(Mention(m.start(), m.end(), label, inner, rank=rank))
    return found


_COMPOUND = re.compile(r"暨([^，,。；;、“”《》\s]{2,10})")


def compound_events(text: str, mentions: list[Mention]) -> list[Mention]:
    """某启动仪式暨新闻发布会: an event joined by 暨 to a generic one (新闻发布会) is one compound event;
    joined to a named one (暨2024“某某之夏”) they stay two."""
    starts = {m.start for m in mentions}
    for m in mentions:
        if m.label is not Label.EVENT:
            continue
        more = _COMPOUND.match(text, m.end)
        if more is None or m.end + 1 in starts:
            continue
        for stop in range(m.end + 3, more.end() + 1):  # the shortest event name after 暨
            tail = text[m.end + 1 : stop]
            size = suffix_size(tail)
            if size and resources().suffix_label.get(tail[-size:]) is Label.EVENT:
                if not specific(tail[:-size]):
                    m.end, m.surface = stop, m.surface + text[m.end : stop]
                break
    events = [m for m in mentions if m.label is Label.EVENT]
    return [m for m in mentions if m.label is not Label.EVENT or not _inside_other(m, events)]


def _inside_other(m: Mention, others: list[Mention]) -> bool:
    return any(o is not m and o.start <= m.start and m.end <= o.end for o in others)


def titles_inside(text: str, cands: list[Mention], kept: list[Mention]) -> list[Mention]:
    """The work inside an event named after it (《得偿》 in 《得偿》开机仪式) is named too."""
    events = [k for k in kept if k.label is Label.EVENT and text.find("《", k.start, k.end) >= 0]
    inside = [
        c
        for c in cands
        if c.rank == 0 and text[c.start] == "《" and c.label is not Label.EVENT
        and any(e.start <= c.start and c.end < e.end for e in events)
    ]  # fmt: skip
    return sorted({id(c): c for c in inside}.values(), key=lambda c: c.start)


_FOUNDING_EVENT = re.compile(r"(?:成立|揭牌|启动|开园|开业|授牌)?(?:大会|仪式|典礼|年会|会员大会)$")
_FOUNDED = frozenset({Label.ASSOCIATION, Label.BASE, Label.INSTITUTION, Label.FUND, Label.FIRM})


def bodies_inside(cands: list[Mention], kept: list[Mention]) -> list[Mention]:
    """The body an event is the founding or meeting of (某协会 in 某协会成立大会, 某基地 in 某基地
    揭牌仪式) is named too: the text speaks of it through the event."""
    events = [k for k in kept if k.label is Label.EVENT]

    def founds(e: Mention, c: Mention) -> bool:
        return (
            e.start == c.start
            and c.end < e.end
            and bool(_FOUNDING_EVENT.fullmatch(e.surface[c.end - e.start :]))
        )

    inside = [c for c in cands if c.label in _FOUNDED and any(founds(e, c) for e in events)]
    return sorted({(c.start, c.end): c for c in inside}.values(), key=lambda c: c.start)
