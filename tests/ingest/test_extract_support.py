"""Support, money, agents and generic phrases, on sentences written for these tests (not taken
from any corpus)."""

from __future__ import annotations

import pytest

from mdkg.graph.ontology import Label, RelType
from mdkg.ingest.extract import extract
from mdkg.ingest.extract.text import amounts, number
from mdkg.ingest.goldfmt import to_gold_line
from tests.ingest.test_extract import make_doc, names, relation_pairs

SUPPORT_CASES = [
    (
        "《滨海区微短剧扶持办法》提出，对滨海短剧拍摄基地的摄影棚改造给予最高800万元支持。",
        ("滨海区微短剧扶持办法", "滨海短剧拍摄基地"),
        8_000_000,
    ),
    (
        "滨海区印发《滨海区微短剧扶持办法》。办法还明确，云帆影视城新建竖屏摄影棚，按面积给予补助，"
        "最高不超过六百万元。",
        ("滨海区微短剧扶持办法", "云帆影视城"),
        6_000_000,
    ),
    (
        "滨海区设立总规模3亿元的滨海微短剧产业基金，首期5000万元将用于云帆短剧产业园的公共摄影棚建设。",
        ("滨海微短剧产业基金", "云帆短剧产业园"),
        50_000_000,
    ),
    (
        "The Binhai Measures to Promote Micro-drama Development were issued on Monday. "
        "It sets aside up to 20 million yuan for the Yunfan Film Base.",
        ("Binhai Measures to Promote Micro-drama Development", "Yunfan Film Base"),
        20_000_000,
    ),
]


@pytest.mark.parametrize(("body", "pair", "amount"), SUPPORT_CASES)
def test_supports_with_amount(body: str, pair: tuple[str, str], amount: int) -> None:
    extraction = extract(make_doc(body, language="en" if body.isascii() else "zh"))
    assert pair in relation_pairs(extraction, RelType.SUPPORTS)
    props = [r.properties for r in extraction.relations if r.type is RelType.SUPPORTS]
    assert props[0]["amount_cny"] == amount


NO_SUPPORT = [
    # the places only say where: 在…拍摄的作品, 新落户…的企业
    "《滨海区微短剧扶持办法》提出，对新落户滨海区的微短剧企业给予最高300万元奖励。",
    "《滨海区微短剧扶持办法》提出，在滨海区拍摄的作品每部奖励30万元。",
    # a place that only qualifies the noun after it
    "为支持上海微短剧产业发展，上海将设立5000万元的上海网络微短剧产业引导经费。",
    # 给予 what is no help (a role, a position) supports nothing
    "《临平区微短剧扶持办法》给予澜庭影视基地新的定位。",
    # the issuer does not receive its own policy
    "滨海区出台微短剧“12条” 单个项目最高支持1000万元",
]


@pytest.mark.parametrize("body", NO_SUPPORT)
def test_no_support_for_places_that_say_where(body: str) -> None:
    assert not relation_pairs(extract(make_doc(body)), RelType.SUPPORTS)


def test_a_fund_that_invests_in_a_work_supports_it() -> None:
    body = "澜庭短剧产业基金将重点投资《远山》等精品短剧。"
    assert ("澜庭短剧产业基金", "远山") in relation_pairs(extract(make_doc(body)), RelType.SUPPORTS)


@pytest.mark.parametrize(
    "body",
    [
        "青禾资本有限公司投资了澜庭短剧产业基金。",  # the fund is what is invested in
        "澜庭短剧产业基金由海南青禾投资集团有限公司发起。",  # 投资 inside a name is no verb
    ],
)
def test_investing_in_a_fund_or_a_name_with_invest_is_no_support(body: str) -> None:
    assert not relation_pairs(extract(make_doc(body)), RelType.SUPPORTS)


SELECTION_CASES = [
    # works that are the subject of 入选 a programme
    ("《远山》《归舟》等12部作品入选“滨海出品”精品短剧扶持计划。", {"远山", "归舟"}),
    # the programme is named in the sentence before; the work is 榜上有名 in the next
    (
        "滨海区文旅局日前公布了滨海精品短剧扶持计划第二批名单。在上榜的30部作品中，由本地团队拍摄的《归舟》榜上有名。",
        {"归舟"},
    ),
]


@pytest.mark.parametrize(("body", "works"), SELECTION_CASES)
def test_a_programme_supports_the_works_it_selects(body: str, works: set[str]) -> None:
    pairs = relation_pairs(extract(make_doc(body)), RelType.SUPPORTS)
    assert {w for p, w in pairs if p.startswith("滨海") and p.endswith("扶持计划")} == works


def test_a_work_that_is_no_subject_of_the_selection_is_not_supported() -> None:
    body = "《滨海区短剧扶持计划》公布入选名单，滨海区同时上映了《远山》。"
    assert not relation_pairs(extract(make_doc(body)), RelType.SUPPORTS)


def test_support_amount_is_an_integer_in_the_gold_format() -> None:
    line = to_gold_line(extract(make_doc(SUPPORT_CASES[0][0])))
    supports = [r for r in line["relations"] if r["type"] == "SUPPORTS"]
    assert supports[0]["props"] == {"amount_cny": 8000000}
    assert isinstance(supports[0]["props"]["amount_cny"], int)


@pytest.mark.parametrize(
    ("text", "value"),
    [("三年安排三亿元", 3e8), ("总规模五千万元", 5e7), ("最高1000万元", 1e7), ("RMB 50 million", 5e7)],
)
def test_amounts_in_arabic_and_chinese_numerals(text: str, value: float) -> None:
    assert amounts(text)[0][1] == value


def test_a_chinese_numeral_is_money_only_with_yuan() -> None:
    assert amounts("吸引了十万观众") == []


@pytest.mark.parametrize(("text", "value"), [("十", 10), ("十二", 12), ("二十八", 28), ("两百", 200)])
def test_chinese_numbers(text: str, value: int) -> None:
    assert number(text) == value


def test_measures_counted_in_chinese_numerals() -> None:
    extraction = extract(make_doc("滨海区委宣传部印发《滨海区支持微短剧产业发展的十条措施》。"))
    policy = next(e for e in extraction.entities if e.label is Label.POLICY)
    assert policy.properties["measures"] == 10


def test_a_nickname_is_an_alias() -> None:
    body = "滨海区委宣传部印发《滨海区支持微短剧产业发展的十条措施》，业内称为“新十条”。"
    extraction = extract(make_doc(body))
    assert [e.name for e in extraction.entities if e.label is Label.POLICY] == [
        "滨海区支持微短剧产业发展的十条措施"
    ]
    assert "新十条" in names(extraction, Label.POLICY)


def test_a_named_issuer_wins_over_the_place_in_the_title() -> None:
    extraction = extract(make_doc("滨海区委宣传部印发《滨海区微短剧扶持办法》。"))
    assert relation_pairs(extraction, RelType.ISSUED) == {("滨海区委宣传部", "滨海区微短剧扶持办法")}


def test_a_place_describing_unnamed_founders_founds_nothing() -> None:
    body = "由重庆市相关行业协会共同发起的西部微短剧产业联盟当天揭牌。"
    assert not relation_pairs(extract(make_doc(body)), RelType.ESTABLISHED)


GENERIC = [
    ("本次大会为期两天。", Label.EVENT),
    ("本届论坛聚焦出海。", Label.EVENT),
    ("剧组在区内基地拍摄可申请补贴。", Label.BASE),
    ("全市文旅部门加强协作。", Label.GOVERNMENT),
    ("按照措施，新落户企业可获奖励。", Label.POLICY),
    # a verb of conversion or movement ends a name read leftwards; what is left is generic
    ("这座老厂房被盘活改造成微短剧拍摄基地。", Label.BASE),
    ("创作团队深入训练基地采风。", Label.BASE),
]


@pytest.mark.parametrize(("body", "label"), GENERIC)
def test_descriptions_are_no_names(body: str, label: Label) -> None:
    assert not names(extract(make_doc(body)), label)


ENGLISH_CASES = [
    (
        "The Riverside Film Base is run by Harbor Culture Group together with Bluewave Pictures.",
        RelType.OPERATES,
        {("Harbor Culture Group", "Riverside Film Base"), ("Bluewave Pictures", "Riverside Film Base")},
    ),
    (
        "The Riverside Film Base is run by Harbor Culture Group together with Bluewave Pictures.",
        RelType.PARTNERS_WITH,
        {("Harbor Culture Group", "Bluewave Pictures")},
    ),
    (
        "The Plan for Micro-drama Development was issued by the Nanhu District Culture and Tourism Bureau.",
        RelType.ISSUED,
        {("Nanhu District Culture and Tourism Bureau", "Plan for Micro-drama Development")},
    ),
    (
        "The Nanhu Micro-drama Festival was hosted by the Nanhu District Government and organised by "
        "the Nanhu Micro-drama Industry Association.",
        RelType.HOSTED,
        {
            ("Nanhu District Government", "Nanhu Micro-drama Festival"),
            ("Nanhu Micro-drama Industry Association", "Nanhu Micro-drama Festival"),
        },
    ),
    (
        "Bluewave Pictures, in collaboration with Harbor Culture Group, launched the Nanhu Drama Awards.",
        RelType.HOSTED,
        {
            ("Bluewave Pictures", "Nanhu Drama Awards"),
            ("Harbor Culture Group", "Nanhu Drama Awards"),
        },
    ),
]


@pytest.mark.parametrize(("body", "rel", "pairs"), ENGLISH_CASES)
def test_english_agents(body: str, rel: RelType, pairs: set[tuple[str, str]]) -> None:
    assert pairs <= relation_pairs(extract(make_doc(body, language="en")), rel)


def test_two_firms_joined_by_and_are_two_names() -> None:
    extraction = extract(make_doc("Byline Culture and Winsome Animation opened offices.", language="en"))
    assert {"Byline Culture", "Winsome Animation"} <= names(extraction, Label.FIRM)


def test_hosted_by_one_and_organised_by_another_are_no_partners() -> None:
    extraction = extract(make_doc(ENGLISH_CASES[3][0], language="en"))
    assert not relation_pairs(extraction, RelType.PARTNERS_WITH)


def test_segments_from_words_beside_a_firm() -> None:
    body = "杭州星河映画文化传媒有限公司专注微短剧出海。北京麦田影业有限公司承制了多部短剧。"
    firms = {e.name: e.properties.get("segments") for e in extract(make_doc(body)).entities}
    assert firms["杭州星河映画文化传媒有限公司"] == ["production", "overseas"]  # 映画 of its name: film
    assert firms["北京麦田影业有限公司"] == ["production"]
