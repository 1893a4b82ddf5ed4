"""Mentions: names found in a text by their structure and by gazetteers."""

from __future__ import annotations

import re

from mdkg.graph.ontology import Label
from mdkg.ingest.extract.english import english_names
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.nested import (
    ANNIVERSARY,
    FOUNDING,
    attach_bracket_aliases,
    dotted_places,
    split_region_chains,
)
from mdkg.ingest.extract.pinyin_titles import pinyin_titles
from mdkg.ingest.extract.places import name_regions, region_mentions
from mdkg.ingest.extract.resources import resources
from mdkg.ingest.extract.shapes import brands, link_brands, producers, trade_names, villages
from mdkg.ingest.extract.text import LATIN, LEADING_ORDINAL, NAME_CHAR
from mdkg.ingest.extract.titles import bodies_inside, bracketed, compound_events, titles_inside
from mdkg.ingest.extract.wording import (
    BARE_HEADS,
    MAX_NAME,
    QUOTED,
    common_phrase,
    extend_left,
    is_generic,
    opens_clause,
    past_conjunction,
    past_kind_noun,
    past_leading_clause,
    past_opening_verb,
    past_other_name,
    past_place_verb,
    specific,
    suffix_label,
)

_LEADING_JUNK = re.compile(
    r"^(?:[\d两一二三四五六七八九十几数多]+余?[部家个位项条场批名大座]|\d{1,2}月(?:\d{1,2}日)?|\d{1,2}日"
    r"|[\d.]+[万亿]?元|[(（][^()（）]{1,20}[)）]|暨)+"  # (记者某某)某大赛: a byline note opens no name
)
# English names need at least two Latin words in a row (Haizhu District)
_LATIN_PHRASE = re.compile(r"[A-Za-z]{2,}[ -][A-Za-z]{3,}")
# 长沙经开区, 上饶高铁经济试验区, 长沙铜官窑文化旅游度假区: a place, a few name characters and a zone word
_ZONE_SUFFIX = re.compile(
    r"(?P<mid>[\u4e00-\u9fff]{0,8}?)(?:高新技术产业开发区|经济技术开发区|开发区|高新区|经开区|新区|自贸区|新城"
    r"|保税区|综合保税区|示范区|试验区|实验区|度假区|自贸港|自由贸易试验区|片区|都市圈)"
)
# 某大学艺术与传媒学院: a university's school named by two fields joined by 与 or 和
_SCHOOLS = frozenset({"学院", "研究院", "研究所", "研究中心"})
_SCHOOL_OF = re.compile(r"(?:大学|学院)(?:[\u4e00-\u9fff](?<![院系所心])){2,6}[与和]$")
# 甲、乙等头部平台, 甲、乙、丙、丁四大平台, 以甲、乙等品牌活动为桥梁: the items of a list named by
# the kind that follows it
_KIND_LIST = re.compile(
    r"(?:等(?:多家|一批|几家|众多|\d+余?家|[一二三四五六七八九十百数]+[家个项])?(?:(?:(?!领域|行业|方面|地区|城市|类)[\u4e00-\u9fff]){2,6}(?<!地)的)?"
    r"|(?<![等、])(?:[两三四五六七八九十]大|\d+家))"
    r"(?:头部|知名|重点|龙头|优质|本地|影视|文化|科技|传媒|视频|短剧|网络|品牌|系列|主题|特色|新媒体|互联网|数字)*"
    r"(?P<kind>企业|公司|平台|机构|活动|赛事)"
)
_KIND_LABEL = {"活动": Label.EVENT, "赛事": Label.EVENT}
_VENUE_AFTER = ("中心", "大厦", "酒店", "广场", "场馆", "会堂")


def _gazetteer(text: str) -> list[Mention]:
    res, found = resources(), []
    matches = list(res.gazetteer.scan(text))
    if LATIN.search(text):
        lowered = text.lower()
        if len(lowered) == len(text):
            matches += [(at, text[at : at + len(w)]) for at, w in res.gazetteer_en.scan(lowered)]
    for at, form in matches:
        entry = res.known.get(form) or res.known_folded.get(form.casefold())
        if entry is not None and not (form.endswith("部") and text.startswith("门", at + len(form))):
            # 文旅部门 (culture and tourism departments) is no 文旅部 (the ministry)
            found.append(Mention(at, at + len(form), entry.label, form, known=entry))
    return found


def _suffix_names(text: str) -> list[Mention]:
    """Chinese names read leftwards from a type word (…有限公司, …协会, …基地)."""
    res, found = resources(), []
    hits = list(res.zh_suffixes.scan(text, overlapping=True))
    longer = {start + len(suffix) for start, suffix in hits if len(suffix) > 1}
    named: set[int] = set()  # ends at which a longer type word already read a name
    for start, suffix in sorted(hits, key=lambda h: (h[0] + len(h[1]), -len(h[1]))):
        end = start + len(suffix)
        if end in named or len(suffix) == 1 and end in longer:
            continue  # 股份有限公司 holds 公司, 广电局 holds 局: the longer type word reads the name
        if any(text.startswith(w, end - 1) for w in res.runs_on.get(suffix[-1], ())):
            continue  # 视听节目 is no 视听节
        if res.suffix_label[suffix] is Label.EVENT and text.startswith(_VENUE_AFTER, end):
            continue  # 北京会议中心, 国际会展中心: a venue, not an event
        if len(suffix) == 1 and (text[end - 2 : end] in res.words or text[start : start + 2] in res.words):
            continue  # 格局, 展厅, 局长: a one-character head inside an everyday word ends no name
        stops = res.stop_ends.get(suffix[-1], ())
        if any(k > len(suffix) and text[end - k : end] in res.stop for k in stops):
            continue  # 全资子公司 is no name ending in 公司
        begin = extend_left(text, start, max(0, start - MAX_NAME))
        if suffix in _SCHOOLS and _SCHOOL_OF.search(text, max(0, begin - 12), begin):
            begin = extend_left(text, begin - 1, max(0, start - MAX_NAME))
        elif begin < start and res.suffix_label[suffix] is Label.FIRM and suffix in res.legal:
            begin = _over_industry_verbs(text, begin, start)
        begin = past_other_name(text, past_leading_clause(text, begin, start), start)
        begin = past_conjunction(text, past_kind_noun(text, begin, start), start)
        if res.suffix_label[suffix] is not Label.FIRM:  # 深圳市创新投资集团: trade names hold verbs
            begin = past_place_verb(text, begin, start)
        name = text[begin:end]
        lead = _LEADING_JUNK.match(name)
        if lead:
            begin += lead.end()
            name = text[begin:end]
        begin = _at_quote(text, begin, start)
        if (dash := text.rfind("—", begin, start)) > begin and not _proper_side(text[begin:dash]):
            begin = dash + 1  # 基金产品—某某基金: a description before a dash is no part of the name
        if res.suffix_label[suffix] is Label.EVENT:
            begin = _from_edition(text, _over_anniversary(text, begin, start), start)
        elif res.suffix_label[suffix] is Label.BASE and (legal := _LEGAL_INSIDE.search(text, begin, start)):
            begin = legal.end()  # 某某传媒有限公司|微短剧译制基地: a firm's legal name ends before the base
        name = text[begin:end]
        core = name[: -len(suffix)]
        level_office = (core in _LEVELS or core == "自治区") and res.suffix_label[suffix] is Label.GOVERNMENT
        # 市广电和网络视听协会: an association of the article's city, named by level like an office
        level_office |= _LEVEL_BODY.match(core) is not None and res.suffix_label[suffix] is Label.ASSOCIATION
        if not level_office and (
            len(core) < 2 or is_generic(core) and not _launched_programme(text, begin, suffix, core)
        ):
            continue
        if (
            suffix in BARE_HEADS
            and common_phrase(core)
            or not level_office
            and _unnamed_head(text, begin, suffix, core)
        ):
            continue
        if suffix in _VERB_HEADS and _verb_use(text, core, end):
            continue  # 南通开发区计划3年打造…: the head is a verb here
        surface = name.replace("“", "").replace("”", "").strip('"')
        label = res.suffix_label[suffix]
        if label is Label.GOVERNMENT and suffix.endswith("委员会") and _OF_ASSOCIATION.search(core):
            label = Label.ASSOCIATION  # 中广联合会微短剧委员会: a committee of an association
        if label is Label.GOVERNMENT and (pair := _COMMITTEE_AND_GOVERNMENT.fullmatch(name)):
            found += _committee_and_government(pair, begin)
            continue
        if label is Label.EVENT and (where := _WHERE_AFTER.match(text, end)):
            # 某大会(广东·广州): where it is held is in its name
            end, name, surface = where.end(), name + where.group(), surface + where.group()
        found.append(Mention(begin, end, label, surface, aliases=[name] if surface != name else []))
        named.add(end)
    return found


_WHERE_AFTER = re.compile(r"[(（][\u4e00-\u9fff]{2,4}(?:[·・、][\u4e00-\u9fff]{2,4})*[)）]")


# 陕西省委省政府, 市委市政府: a party committee and a government written as one phrase are two bodies
_COMMITTEE_AND_GOVERNMENT = re.compile(r"(?P<place>[\u4e00-\u9fff]*?)(?P<level>[省市区县州])委(?P=level)政府")


def _committee_and_government(pair: re.Match[str], begin: int) -> list[Mention]:
    place, level = pair["place"], pair["level"]
    committee = f"{place}{level}委"
    government = f"{level}政府"
    return [
        Mention(begin, begin + len(committee), Label.GOVERNMENT, committee),
        Mention(
            begin + len(committee),
            begin + len(pair.group()),
            Label.GOVERNMENT,
            government,
            aliases=[place + government] if place else [],
        ),
    ]


_ANNIVERSARY = re.compile(ANNIVERSARY)
_FOUNDING = re.compile(FOUNDING + "$")


# 2025成都市文创产业“立园满园”投资促进考察活动——微短剧产业专场, “某某”启动暨《某剧》开机仪式: an
# event title that opens its clause with a year, an edition or a quoted launch joined by 暨 runs
# from there, over industry words and dashes, but over no verb of holding or launching
_EDITION_OPENING = re.compile(
    r"(?:^|(?<=[，,。；;：:\s]))(?:\d{4}年?|第[一二三四五六七八九十\d]+届|首届"
    r"|[“《][^”》\n]{2,30}[”》](?:启动|授牌|签约|揭牌|开机|开幕|启用|发布)暨)"
)
_HOLDING = re.compile(
    "举办|举行|召开|主办|承办|协办|开幕|启动|发布|成立|出台|印发|推出|宣布|参加|出席|在|于|由"
)


def _from_edition(text: str, begin: int, start: int) -> int:
    floor = max(0, start - 45)
    for m in _EDITION_OPENING.finditer(text, floor, begin):
        if not text[m.end() : begin].strip('“”《》"') or re.search(
            "[，,。；;：:\n]", text[m.start() : start]
        ):
            continue  # nothing to read over, or another clause
        between = re.sub("[“《][^”》]*[”》]", "", text[m.end() : begin])
        if not _HOLDING.search(between) and not _inner_event(text, m.start(), begin):
            return m.start()
    return begin


def _inner_event(text: str, begin: int, end: int) -> bool:
    """2025南通·微短剧周|活动之一…座谈会, 第五届“新媒体之夜”暨…: a whole event name inside is an event
    of its own, unless a dash makes what follows its subtitle (…考察活动——…专场)."""
    res = resources()
    for at, suffix in res.zh_suffixes.scan(text[begin:end], overlapping=True):
        after = begin + at + len(suffix)
        weak = suffix in res.quoted_heads  # 活动 inside a title is no event of its own
        if res.suffix_label[suffix] is Label.EVENT and not weak and not text.startswith("—", after):
            return True
    return False


def _proper_side(left: str) -> bool:
    """中国—东盟: what stands before a dash inside a name is a place or a proper name."""
    left = left.strip("—")
    return bool(left) and specific(left)  # a place, a quoted name or a proper noun


def _over_anniversary(text: str, begin: int, start: int) -> int:
    """某实验区成立20周年新闻发布会: an event named for an anniversary holds the founding verb and
    what was founded."""
    if not _ANNIVERSARY.match(text, begin, start) or not (
        verb := _FOUNDING.search(text, max(0, begin - 2), begin)
    ):
        return begin
    outer = extend_left(text, verb.start(), max(0, verb.start() - MAX_NAME))
    return outer if verb.start() - outer >= 2 else begin


_LEVELS = frozenset("省市区县乡镇")
_LEVEL_BODY = re.compile("^[省市区县](?![内外级委场民长])..")
_HONOUR = re.compile(
    r"(?:荣获|获评|获颁|获得|被评为|评为|授予|荣膺)了?(“[^“”\n]{2,40}”)(?=称号|荣誉|殊荣|特别奖|奖|[，,。；;、]|$)"
)
_LEGAL_INSIDE = re.compile("(?:股份|责任)?有限公司")
_OF_ASSOCIATION = re.compile("协会|联合会|学会|联盟|商会|促进会")


_LAUNCHED = re.compile(r"(?:启动|发布|出台|印发|推出|实施|制定)(?:了|实施)?$")


_VERB_HEADS = frozenset({"计划", "行动", "工程"})


def _unnamed_head(text: str, begin: int, suffix: str, core: str) -> bool:
    """An open-class head with nothing specific before it (开机仪式, 重磅举措), or a head that names
    only a quoted part with none (国际化布局), unless a verb of issuing takes it."""
    res = resources()
    if suffix in res.quoted_heads:
        return not QUOTED.search(core)
    return (
        suffix in res.open_heads and not specific(core) and not _launched_programme(text, begin, suffix, core)
    )


def _verb_use(text: str, core: str, end: int) -> bool:
    """计划 runs on into what is planned (计划3年打造) unless a quoted or titled name stands before it
    (“某某”创作计划推出…)."""
    return not QUOTED.search(core) and bool(NAME_CHAR.match(text, end)) and text[end] not in "的和与及"


def _at_quote(text: str, begin: int, start: int) -> int:
    """国家广电总局“跟着微短剧去旅行”创作计划, 共计114部“…”, 都市爱情剧《得偿》开机仪式: what stands
    before the opening quote or title of a quoted name is its issuer, a count or a description."""
    quote = min(
        (q for q in (text.find("“", begin, start), text.find("《", begin, start)) if q > begin), default=-1
    )
    if quote < 0:
        return begin
    lead = text[begin:quote]
    if LEADING_ORDINAL.fullmatch(lead):
        return begin  # 首届“繁星闪耀”…会议, 第五届“新媒体之夜”
    if suffix_label(lead) is not None or resources().known.get(lead) is not None or not specific(lead):
        return quote
    if text[quote] == "《" and re.search("(?:剧|片|作品|节目|电影)$", lead):
        return quote  # 房县文旅喜剧题材短剧《某》启动仪式: a genre before the title
    return begin


def _launched_programme(text: str, begin: int, suffix: str, core: str) -> bool:
    """启动微短剧创投计划 / 出台微短剧若干措施: a programme or measure package named by a compound
    type word, or described at length (发布促进微短剧产业发展系列新举措), is a name when a verb of
    issuing or launching takes it, even with a generic core."""
    res = resources()
    return (
        (len(suffix) >= 4 or len(core) >= 6)
        and not suffix.endswith("政策")  # 出台微短剧扶持政策: a kind of policy, not its name
        and res.suffix_label[suffix] is Label.POLICY
        and bool(_LAUNCHED.search(text, max(0, begin - 4), begin))
    )


_FUNCTION = re.compile("[的在与和及同以并或等为是将对向由从把被其之而且]")


def _over_industry_verbs(text: str, begin: int, start: int) -> int:
    """深圳市创新投资集团有限公司: a legal name (region + trade name + industry + form) reads on
    over industry words that are also verbs or stop words (投资, 建设, 创新) when it then opens
    with a place and holds no other type word."""
    res, floor, i = resources(), max(0, start - MAX_NAME), begin
    for _ in range(3):
        verb = next(
            (
                w
                for k in (4, 3, 2)
                if (w := text[max(floor, i - k) : i]) in res.stop and not _FUNCTION.search(w)
            ),
            None,
        )
        if verb is None:
            return begin
        i = extend_left(text, i - len(verb), floor)
        if next(res.zh_suffixes.scan(text, i, begin), None) is not None:
            return begin
        if name_regions(text[i:start]):
            return i
    return begin


# 国家广电总局|网络视听司: a department named right after a known national body (rule 17)
_UNIT_AFTER = re.compile(r"([\u4e00-\u9fff]{2,10}?)(司|局|处)(?!公司)")


def _units_of_known(text: str, known: list[Mention]) -> list[Mention]:
    found = []
    for k in known:
        if k.label is not Label.GOVERNMENT or (unit := _UNIT_AFTER.match(text, k.end)) is None:
            continue
        core = unit.group(1)
        if _has_stop(core) or re.search("[长记任员]|副|局|司|处", core):
            continue  # 局长, 副局长, 党组书记: titles, not departments
        found.append(Mention(k.start, unit.end(), Label.GOVERNMENT, text[k.start : unit.end()]))
    return found


def _shaped_names(text: str, known: list[Mention]) -> list[Mention]:
    """Zones named after a region (南通开发区), firms shaped region + trade name + industry
    (广州某某影视), the items of a list of firms (甲、乙等企业) and policy packages (28条措施)."""
    res, found = resources(), []
    zone_end = firm_end = 0
    starts = {m.start for m in known}
    for place in known:
        if place.label is not Label.REGION or place.surface.isascii():
            continue
        at, after = place.start, place.end
        zone = _ZONE_SUFFIX.match(text, after)
        if (
            zone
            and zone["mid"]
            and (
                after in starts
                or _has_stop(zone["mid"])
                or not specific(zone["mid"])
                and len(zone["mid"]) < 4
            )
        ):
            zone = None  # 陕西省|西咸新区 (a known zone), 深圳打造新区, 长沙市新城: no zone's name
        if zone and at >= zone_end:
            parent = place.known.adcode if place.known else ""
            if parent.startswith("Z-") and zone["mid"]:
                at = after  # 西咸新区|秦汉新城: a zone inside a zone is named without it
            found.append(Mention(at, zone.end(), Label.REGION, text[at : zone.end()], parent=parent))
            zone_end = zone.end()
        firm = res.region_firm_tail.match(text, after)
        if firm and at >= firm_end:
            trade = firm.group(1) or ""
            vague = is_generic(trade) or _has_stop(trade) or opens_clause(trade)
            if firm.group(3) is not None or not vague:
                found.append(Mention(at, firm.end(), Label.FIRM, text[at : firm.end()]))
                firm_end = firm.end()
    for m in _KIND_LIST.finditer(text):
        found.extend(_list_items(text, m.start(), _KIND_LABEL.get(m["kind"], Label.FIRM)))
    for m in re.finditer(r"\d+条(?:措施|政策|举措)", text):
        found.append(Mention(m.start(), m.end(), Label.POLICY, m.group(0)))
    return found


def _has_stop(text: str) -> bool:
    stop = resources().stop
    return any(text[i:j] in stop for i in range(len(text)) for j in range(i + 1, min(len(text), i + 4) + 1))


def _list_items(text: str, end: int, label: Label) -> list[Mention]:
    """The items of a list before its kind noun; events must be specific by themselves."""
    items, pos = [], end
    while pos > 0:
        begin = extend_left(text, pos, max(0, pos - 14))
        if pos - begin < 2:
            break
        first = begin == 0 or text[begin - 1] != "、"
        if first:
            begin = past_opening_verb(text, begin, pos)  # 坐拥|抖音、红果等平台
        item = text[begin:pos]
        if not is_generic(item) and (label is Label.FIRM or specific(item)):  # 影视制作、后期特效等企业
            items.append(Mention(begin, pos, label, item.strip('“”"')))
        if first:
            break
        pos = begin - 1
    return items if len(items) > 1 else []


def _reach_known(names: list[Mention], known: list[Mention]) -> list[Mention]:
    """中文在线集团股份有限公司: a name read leftwards that stops inside a known name (at 在)
    starts where the known name starts."""
    for m in names:
        k = next((k for k in known if k.start < m.start < k.end <= m.end), None)
        if k is not None:
            m.surface, m.start = k.surface + m.surface[k.end - m.start :], k.start
            m.aliases = []
    return names


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
    places, every_place = region_mentions(text)
    known = _gazetteer(text)
    cands = (
        bracketed(text)
        + places
        + known
        + _reach_known(_suffix_names(text), known)
        + _units_of_known(text, known)
        + _shaped_names(text, every_place)
        + brands(text)
        + trade_names(text)
        + villages(text)
        + producers(text)
    )
    if _LATIN_PHRASE.search(text):
        cands += english_names(text) + pinyin_titles(text)
    for c in cands:
        if c.label is Label.EVENT and c.rank and text.find("《", c.start, c.end) >= 0:
            c.rank = 0  # 《得偿》开机仪式: an event named by its work competes with the title by length
    honours = [(h.start(1), h.end(1)) for h in _HONOUR.finditer(text)]
    if honours:  # 荣获“某某拍摄基地”特别奖: an honour's title names nothing but places
        cands = [c for c in cands if c.label is Label.REGION or not any(a <= c.start < b for a, b in honours)]
    kept = _resolve_overlaps(cands)
    nested = titles_inside(text, cands, kept) + bodies_inside(cands, kept) + dotted_places(text, places, kept)
    ordered = sorted(kept + nested, key=lambda m: m.start)
    mentions = attach_bracket_aliases(text, split_region_chains(text, compound_events(text, ordered)))
    link_brands(text, mentions)
    return mentions
