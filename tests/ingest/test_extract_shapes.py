"""Names known by their shape, open-class heads, places from classifier and copula phrases, areas
and their members, towns and countries: on sentences written for these tests (not taken from any
corpus; firms and places are made up where they are not public bodies)."""

from __future__ import annotations

import pytest

from mdkg.graph.ontology import Label, RelType
from mdkg.ingest.extract import extract
from mdkg.ingest.types import Document
from tests.ingest.test_extract import make_doc, names, relation_pairs

FOUND = [
    # a trade name and a line of business, no legal form
    ("这部剧由澜庭传媒与青禾互娱联合出品。", Label.FIRM, "澜庭传媒"),
    ("这部剧由澜庭传媒与青禾互娱联合出品。", Label.FIRM, "青禾互娱"),
    # a station named after its province
    ("该剧将在湖南卫视播出。", Label.FIRM, "湖南卫视"),
    # brands shaped like ReelShort among Chinese text
    ("海外用户多在ShortReel上观看短剧。", Label.FIRM, "ShortReel"),
    # villages and communities by their type word
    ("剧组在汀兰镇月塘村取景。", Label.REGION, "月塘村"),
    # a producer named only by its part: before 出品, after 出品方为
    ("《远山》由青岚屿出品。", Label.FIRM, "青岚屿"),
    ("这部剧的出品方为青岚屿。", Label.FIRM, "青岚屿"),
    # every town of the statistics is a place (盐官镇 of 海宁)
    ("海宁市盐官镇建成一处拍摄基地。", Label.REGION, "盐官镇"),
    # open-class heads with a specific part: a ceremony named by its work, a party committee
    ("《远山》开机仪式在杭州举行。", Label.EVENT, "《远山》开机仪式"),
    ("东阳市委召开专题会议。", Label.GOVERNMENT, "东阳市委"),
    # a committee of an association is an association
    ("中国网络视听协会短剧工作委员会发布倡议。", Label.ASSOCIATION, "中国网络视听协会短剧工作委员会"),
    # a programme with a quoted name; what stands before the quote (its issuer) is not in it
    ("国家广电总局“短剧游乡村”创作计划推出第三批剧目。", Label.POLICY, "短剧游乡村创作计划"),
    # countries and world regions from CLDR
    ("这部剧在印度尼西亚和东南亚多国上线。", Label.REGION, "印度尼西亚"),
    # a place listed with 、 beside other places is a place, even when it is an everyday word too
    ("西安、济宁、黄山等城市入选。", Label.REGION, "黄山"),
    # a place set off by a middle dot inside a name is a place too
    ("2025南通・短剧周开幕。", Label.REGION, "南通"),
    # a world region needs a cue that it is a place (出海东南亚)
    ("这部剧将出海东南亚。", Label.REGION, "东南亚"),
    # the items of a list named by the kind after it, without 等 and after a verb
    ("青禾视频、澜庭剧场、远山小程序三大平台上线新剧。", Label.FIRM, "澜庭剧场"),
    ("这座城市坐拥青禾视频、澜庭剧场等头部平台。", Label.FIRM, "青禾视频"),
    # an app named in quotes and called an app after 的
    ("某公司上线了一款名为“青岚漫剧”的独立APP。", Label.FIRM, "青岚漫剧"),
    # an opening and an award ceremony joined by 暨 with nothing between them are one event
    ("第二届澜湖短剧节开幕式暨颁奖典礼在南湖区举行。", Label.EVENT, "第二届澜湖短剧节开幕式暨颁奖典礼"),
    # a plan named after a place (方案 needs a specific part: 解决方案 is none)
    ("南沙方案实施以来成效显著。", Label.POLICY, "南沙方案"),
    # a department named right after a national body is the entity (rule 17), not its titles
    ("国家广电总局网络视听司司长出席。", Label.GOVERNMENT, "国家广电总局网络视听司"),
    # an event about a batch of a programme holds the programme's name
    (
        "“星河短剧游”创作计划第三批推荐剧目发布活动在杭州举行。",
        Label.EVENT,
        "星河短剧游创作计划第三批推荐剧目发布活动",
    ),
    # one dash joins the two sides an event is of
    ("中国—东盟(南宁)微短剧大赛在南宁举行。", Label.EVENT, "中国—东盟(南宁)微短剧大赛"),
    # a list of events named by 等…活动 after it: the specific items are events
    ("当地以“澜庭之夜”、青禾短剧周等品牌活动为纽带。", Label.EVENT, "澜庭之夜"),
    # a town of the statistics wins over the county name written inside it (射阳 in 射阳湖镇)
    ("剧组在宝应县射阳湖镇取景。", Label.REGION, "射阳湖镇"),
    # centres by their kind: an innovation or service centre is an institution
    ("星河大学华南创新中心今天揭牌。", Label.INSTITUTION, "星河大学华南创新中心"),
    # an event named for an anniversary holds what was founded
    ("坪山区文化产业园成立10周年新闻发布会在深圳举行。", Label.EVENT, "坪山区文化产业园成立10周年新闻发布会"),
    # a party noun (运营方, 出品方) is no part of the name after it
    ("据基地运营方澜庭互娱测算，基地每年可接待百个剧组。", Label.FIRM, "澜庭互娱"),
    # English: the unit of a government runs on over "of the"
    (
        "The General Office of the Hubei Provincial Government issued new measures.",
        Label.GOVERNMENT,
        "General Office of the Hubei Provincial Government",
    ),
    # a bureau of any remit is a bureau; a centre that promotes or trains is an institution
    ("上海市文物局出席活动。", Label.GOVERNMENT, "上海市文物局"),
    ("本次活动由滨州市文化产业发展促进中心主办。", Label.INSTITUTION, "滨州市文化产业发展促进中心"),
    # a media centre is a firm, and kept where it acts (rule 14)
    ("首届滨州短剧大赛由滨州市融媒体中心承办。", Label.FIRM, "滨州市融媒体中心"),
    ("滨州市委新闻中心参加活动。", Label.GOVERNMENT, "滨州市委新闻中心"),
    ("市广电局在滨州召开“走近滨州”主题创作推进会。", Label.EVENT, "走近滨州主题创作推进会"),
    # a party committee and a government written as one phrase are two bodies
    ("滨州市委市政府高度重视。", Label.GOVERNMENT, "滨州市委"),
    ("滨州市委市政府高度重视。", Label.GOVERNMENT, "市政府"),
    # a list named by its kind after a quantity and a description (等众多业界领先的新媒体企业)
    ("区内聚集了青禾互娱、远山传媒等众多业界领先的新媒体企业。", Label.FIRM, "远山传媒"),
    ("华安证券分析师认为。", Label.FIRM, "华安证券"),
    ("项目与滨州电影制片厂达成合作意向。", Label.FIRM, "滨州电影制片厂"),
    # an event title that opens its clause with a year or a quoted launch joined by 暨 runs from
    # there, over industry words, quotes and a dash before its subtitle
    (
        "11月28日，2025滨州市文创产业“百园焕新”投资促进考察活动——微短剧产业专场在滨州开幕。",
        Label.EVENT,
        "2025滨州市文创产业百园焕新投资促进考察活动——微短剧产业专场",
    ),
    (
        "7月19日上午，“跟着微短剧游滨州”启动暨微短剧《远山》开机仪式在滨州市举行。",
        Label.EVENT,
        "跟着微短剧游滨州启动暨微短剧《远山》开机仪式",
    ),
    # …but not over a whole event of its own (第五届“某之夜”暨…: two events)
    ("8月2日晚，第五届“星河之夜”暨2024“滨州之夏”启动仪式在滨州举行。", Label.EVENT, "星河之夜"),
    # a brand before a middle dot opens the name
    ("双方合作运营科岭荟·滨州文化出海基地。", Label.BASE, "科岭荟·滨州文化出海基地"),
    # film and TV fairs are events; a verb before one (亮相) is no part of its name
    ("双方亮相第27届香港国际影视展。", Label.EVENT, "第27届香港国际影视展"),
    ("项目助力武汉都市圈发展。", Label.REGION, "武汉都市圈"),
    # 暨 joins two titles and opens neither
    ("授牌暨滨州短剧影视城集中开机。", Label.BASE, "滨州短剧影视城"),
]

NOT_FOUND = [
    # a generic word or a verb before 出品 is no producer
    ("今年共有份出品的微短剧上线。", Label.FIRM, "有份"),
    ("微短剧出品数量大增。", Label.FIRM, "微短剧"),
    # a ceremony or a set with nothing specific before the head is no name
    ("开机仪式结束后，剧组转场拍摄。", Label.EVENT, "开机仪式"),
    ("乡村入镜，成为天然片场。", Label.BASE, "天然片场"),
    # a verb or a count before a bare 公司 makes no trade name
    ("这一变化导致公司利润下滑。", Label.FIRM, "导致公司"),
    ("今年新注册公司超过两百家。", Label.FIRM, "新注册公司"),
    # 农村 and 本村 are no villages
    ("短剧走进农村，本村村民当上演员。", Label.REGION, "农村"),
    # a name read leftwards does not take in the verb before a place
    ("正如烟台市文化和旅游局所说，短剧带火了景点。", Label.GOVERNMENT, "正如烟台市文化和旅游局"),
    # nor a place and the verb after it
    ("汀兰镇月塘村建起月塘短剧拍摄基地。", Label.BASE, "汀兰镇月塘村建起月塘短剧拍摄基地"),
    # nor the kind of organisation before the name
    ("青岛本地企业澜庭影视有限公司参与拍摄。", Label.FIRM, "本地企业澜庭影视有限公司"),
    # a place and a line of business with a clause between them make no firm
    ("浙江省充分发挥文化资源优势。", Label.FIRM, "浙江省充分发挥文化"),
    ("房县首部文旅短剧开机。", Label.FIRM, "房县首部文旅"),
    # a byline note in brackets opens no name
    ("（记者林青）第三届星河短剧大赛颁奖典礼举行。", Label.EVENT, "(记者林青)第三届星河短剧大赛颁奖典礼"),
    # a place that opens an outlet's name is no place of the story (rule 14)
    ("来源：山西晚报。", Label.REGION, "山西"),
    # a firm's legal name ends before a base named after it
    ("星河大学与重庆澜庭传媒有限公司微短剧译制基地签约。", Label.BASE, "重庆澜庭传媒有限公司微短剧译制基地"),
    # nor are everyday items of such a list
    ("当地开展了文艺演出、广场舞比赛等活动。", Label.EVENT, "文艺演出"),
    # an honour's title is no base, however it ends
    ("澜庭影视基地荣获“全省微短剧优质拍摄基地”特别奖。", Label.BASE, "全省微短剧优质拍摄基地"),
    ("公司提供一站式解决方案。", Label.POLICY, "一站式解决方案"),
    # a signing of projects or a year's showcase is no named event
    ("活动现场举行了重点项目集中签约仪式。", Label.EVENT, "重点项目集中签约仪式"),
    ("芒果TV举办2026年度微短剧推介会。", Label.EVENT, "2026年度微短剧推介会"),
    ("国家电影局副局长出席会议。", Label.GOVERNMENT, "国家电影局副局"),
    # nor a town's (全国文明|村镇 holds no 明村镇)
    ("消泾村获评全国文明村镇。", Label.REGION, "明村镇"),
    # a village's name never starts inside a word (全国|文明村)
    ("消泾村获评全国文明村。", Label.REGION, "国文明村"),
    # a centre with nothing specific before its kind is no name
    ("市民可到政务服务中心办理。", Label.INSTITUTION, "政务服务中心"),
    # a one-character head (局, 厅) that ends an everyday word ends no name
    ("深圳形成双核驱动格局。", Label.GOVERNMENT, "深圳双核驱动格局"),
    ("西安凭借入局较早的优势领跑。", Label.GOVERNMENT, "西安凭借入局"),
    ("市广电局在滨州召开主题创作推进会。", Label.EVENT, "主题创作推进会"),
    # verbs of movement, superlatives and linking end a name read leftwards
    ("剧组一走进基地就开拍。", Label.BASE, "一走进基地"),
    ("这里有规模最大影视拍摄基地青禾影视城。", Label.BASE, "规模最大影视拍摄基地青禾影视城"),
    # the domains of a list (文化创意、广告传媒等领域的企业) are no firms
    ("吸引了约3540家文化创意、广告传媒等领域的文化传媒企业入驻。", Label.FIRM, "广告传媒"),
]

RELATIONS = [
    # a zone named by a place, a few name characters and a zone word; a zone inside a known zone
    # is named without it
    ("青禾影视有限公司落户长沙经开区。", RelType.LOCATED_IN, ("青禾影视有限公司", "长沙经开区")),
    (
        "上饶高铁经济试验区打造信江影视拍摄基地。",
        RelType.LOCATED_IN,
        ("信江影视拍摄基地", "上饶高铁经济试验区"),
    ),
    ("位于陕西省西咸新区秦汉新城的青禾短视频基地开园。", RelType.PART_OF, ("秦汉新城", "西咸新区")),
    # a cue word before a place holds even where the two read as a word (落户|长沙, not 户长)
    ("青禾影视有限公司落户长沙。", RelType.LOCATED_IN, ("青禾影视有限公司", "长沙")),
    # an autonomous region's office named by its level (自治区广电局), like a province's
    ("内蒙古发力微短剧。自治区广电局发布计划。", RelType.LOCATED_IN, ("内蒙古自治区广电局", "内蒙古")),
    # local bureaus go by abbreviations of their merged remits (文广旅局)
    ("嘉兴市发布新政。市文广旅局局长介绍。", RelType.LOCATED_IN, ("嘉兴市文广旅局", "嘉兴市")),
    # the association a founding meeting is named after is named too: its members join it
    (
        "嘉兴市微短剧产业协会成立大会在南湖区召开，澜庭文化有限公司当选会长单位。",
        RelType.MEMBER_OF,
        ("澜庭文化有限公司", "嘉兴市微短剧产业协会"),
    ),
    (
        "嘉兴市微短剧产业协会成立大会在南湖区召开，澜庭文化有限公司当选会长单位。",
        RelType.LOCATED_IN,
        ("嘉兴市微短剧产业协会成立大会", "南湖区"),
    ),
    # a village's name inside a base's name places the base there (the most specific place)
    ("盐官镇月塘村打造了月塘短剧拍摄基地。", RelType.LOCATED_IN, ("月塘短剧拍摄基地", "月塘村")),
    # an event named after a base takes place at it, also with the town's short form before it
    (
        "盐官镇月塘村打造了月塘短剧拍摄基地。盐官月塘短剧拍摄基地启用仪式举行。",
        RelType.LOCATED_IN,
        ("盐官月塘短剧拍摄基地启用仪式", "月塘短剧拍摄基地"),
    ),
    # township offices by level (乡团委) and community party branches are offices too
    ("剧组在盐官镇开机。盐官镇副镇长、镇团委书记出席。", RelType.LOCATED_IN, ("盐官镇团委", "盐官镇")),
    # an association named by level is the article's one city's, like an office (rule 10)
    ("重庆是山城。市广电和网络视听协会的人出席。", RelType.LOCATED_IN, ("重庆市广电和网络视听协会", "重庆")),
    # classifier and copula phrases (rule 9)
    ("青岛本地企业澜庭影视有限公司参与拍摄。", RelType.LOCATED_IN, ("澜庭影视有限公司", "青岛")),
    ("澜庭影视有限公司是坪山区一家短剧企业。", RelType.LOCATED_IN, ("澜庭影视有限公司", "坪山区")),
    # an office named by its level sits in the one region of that level (rule 10)
    ("2024年，烟台市发布扶持办法，市广电局负责实施。", RelType.LOCATED_IN, ("烟台市广电局", "烟台市")),
    # a member of an area named in the same paragraph (rule 16)
    ("粤港澳大湾区的广州、深圳短剧企业集聚。", RelType.PART_OF, ("广州", "粤港澳大湾区")),
    # uncoded places listed after a place each sit in it
    ("剧组在相城区月塘村、荷塘村取景。", RelType.PART_OF, ("荷塘村", "相城区")),
    # each of a listed subject sits where it is unveiled, in the base written after the place
    (
        "澜庭短剧联盟、青禾短剧协会在深圳前海星河数字小镇揭牌。",
        RelType.LOCATED_IN,
        ("青禾短剧协会", "星河数字小镇"),
    ),
    # a list named by the kind after it is the agent of the verb after the kind
    (
        "青禾视频、远山剧场两大平台同步启动第二届澜庭短剧展播。",
        RelType.HOSTED,
        ("远山剧场", "第二届澜庭短剧展播"),
    ),
    # a brand the text ties to its operator is that firm: its relations are the firm's
    (
        "Lanting Interactive Technology, the company behind ShortReel, is based in Shenzhen.",
        RelType.LOCATED_IN,
        ("Lanting Interactive Technology", "Shenzhen"),
    ),
]


def _doc(body: str) -> Document:
    """An English body gets an English title, as English articles have."""
    return make_doc(body, title="Test", language="en") if body.isascii() else make_doc(body)


@pytest.mark.parametrize(("body", "label", "name"), FOUND)
def test_names_by_shape_and_head(body: str, label: Label, name: str) -> None:
    assert name in names(extract(_doc(body)), label)


@pytest.mark.parametrize(("body", "label", "name"), NOT_FOUND)
def test_no_name_without_a_specific_part(body: str, label: Label, name: str) -> None:
    assert name not in names(extract(make_doc(body)), label)


@pytest.mark.parametrize(("body", "rel", "pair"), RELATIONS)
def test_relations_of_places_and_brands(body: str, rel: RelType, pair: tuple[str, str]) -> None:
    assert pair in relation_pairs(extract(_doc(body)), rel)


def test_a_brand_tied_to_its_operator_is_one_entity() -> None:
    body = "Lanting Interactive Technology, the company behind ShortReel, is based in Shenzhen."
    firms = [e for e in extract(_doc(body)).entities if e.label is Label.FIRM]
    assert len(firms) == 1 and "ShortReel" in firms[0].aliases


def test_a_town_short_form_counts_once_its_full_name_is_in_the_text() -> None:
    extraction = extract(make_doc("海宁市盐官镇建成拍摄基地，盐官还将新建影棚。"))
    towns = [e for e in extraction.entities if e.label is Label.REGION and e.name == "盐官镇"]
    assert towns and "盐官" in towns[0].aliases and towns[0].properties.get("level") == "Town"


CO_BUILT = [
    # firms listed as those that settled in a base
    (
        "首批入驻星河短剧基地的企业包括澜庭文化有限公司、青禾传媒有限公司。",
        RelType.LOCATED_IN,
        ("青禾传媒有限公司", "星河短剧基地"),
    ),
    (
        "星河短剧基地已吸引澜庭文化有限公司、青禾传媒有限公司等企业入驻。",
        RelType.LOCATED_IN,
        ("澜庭文化有限公司", "星河短剧基地"),
    ),
    (
        "星河短剧产业园日前开园，首批20家企业入驻，包括星澜科技、青岚传媒等。",
        RelType.LOCATED_IN,
        ("青岚传媒", "星河短剧产业园"),
    ),
    # parties that build a base together: a place sets it up, a firm runs it
    ("临平区与澜庭文化有限公司签约共建星河短剧基地。", RelType.ESTABLISHED, ("临平区", "星河短剧基地")),
    (
        "临平区与澜庭文化有限公司签约共建星河短剧基地。",
        RelType.OPERATES,
        ("澜庭文化有限公司", "星河短剧基地"),
    ),
    # an English report whose name opens with a year
    (
        "The China Netcasting Services Association released the 2025 Micro-drama Development Report.",
        RelType.ISSUED,
        ("China Netcasting Services Association", "2025 Micro-drama Development Report"),
    ),
]


@pytest.mark.parametrize(("body", "rel", "pair"), CO_BUILT)
def test_co_built_bases_and_year_reports(body: str, rel: RelType, pair: tuple[str, str]) -> None:
    assert pair in relation_pairs(extract(_doc(body)), rel)


def test_a_title_that_is_only_a_type_word_names_no_policy() -> None:
    """根据《办法》 refers back to the policy named before."""
    extraction = extract(make_doc("临平区发布《临平区微短剧扶持办法》。根据《办法》，企业可申请奖励。"))
    assert [e.name for e in extraction.entities if e.label is Label.POLICY] == ["临平区微短剧扶持办法"]


def test_an_english_name_without_its_leading_place_is_the_same_entity() -> None:
    body = "The Hangzhou Lanting Service Center opened. The Lanting Service Center trains writers."
    extraction = extract(make_doc(body, title="Test", language="en"))
    centres = [e for e in extraction.entities if e.label is Label.INSTITUTION]
    assert len(centres) == 1 and "Lanting Service Center" in centres[0].aliases


def test_an_event_named_with_its_organisers_acronym_is_the_same_event() -> None:
    body = "首届澜庭短剧盛典在烟台举行。在举行的LTV首届澜庭短剧盛典上，烟台获奖。"
    events = [e for e in extract(make_doc(body)).entities if e.label is Label.EVENT]
    assert len(events) == 1 and {events[0].name, *events[0].aliases} >= {
        "首届澜庭短剧盛典",
        "LTV首届澜庭短剧盛典",
    }


def test_of_two_places_one_inside_the_other_only_the_inner_one_holds_the_entity() -> None:
    body = "澜湖影视基地位于南湖区七星街道。据介绍，澜湖影视基地是嘉兴市首个微短剧拍摄基地。"
    places = relation_pairs(extract(make_doc(body)), RelType.LOCATED_IN)
    assert ("澜湖影视基地", "七星街道") in places and ("澜湖影视基地", "嘉兴市") not in places


def test_bare_pinyin_counties_inside_runs_of_capitalised_words_are_no_places() -> None:
    body = "Binjiang Police Affairs is a new series by the writer Duan Wuming. Hangzhou's Binjiang grows."
    places = names(extract(make_doc(body, title="Test", language="en")), Label.REGION)
    assert "Binjiang" in places and "Wuming" not in places
    first = extract(make_doc("Binjiang Police Affairs is a new series.", title="Test", language="en"))
    assert "Binjiang" not in names(first, Label.REGION)


def test_a_station_that_only_reports_is_no_entity_one_that_produces_is() -> None:
    extraction = extract(make_doc("江苏省广播电视总台出品的《远山》上线。河南广播电视台报道。"))
    firms = names(extraction, Label.FIRM)
    assert "江苏省广播电视总台" in firms and "河南广播电视台" not in firms


def test_an_english_dateline_in_capitals_is_no_place_and_titles_end_with_their_line() -> None:
    body = "BEIJING -- The agency spoke.\nNew Measures to Support Drama\nOn Monday it began."
    extraction = extract(make_doc(body, title="Test", language="en"))
    assert "BEIJING" not in names(extraction, Label.REGION)
    assert all("\n" not in name for name in names(extraction, Label.POLICY))
