"""Firm.segments, on sentences written for these tests (firms and works invented, none from a corpus)."""

from __future__ import annotations

import pytest

from mdkg.graph.ontology import Label, Segment
from mdkg.ingest.extract import extract
from mdkg.ingest.extract.segments import Cue, name_cues, placed
from mdkg.ingest.types import ExtractedEntity
from tests.ingest.test_extract import make_doc


def segments(body: str, language: str = "zh") -> dict[str, list[str]]:
    """Every firm the text names, with the segments it is given (none: an empty list)."""
    found = {}
    for e in extract(make_doc(body, language=language)).entities:
        given = e.properties.get("segments")
        if e.label is Label.FIRM:
            found[e.name] = [str(s) for s in given] if isinstance(given, list) else []
    return found


# what a firm does: the verb's agent is the nearest firm before it in its clause
VERB_CASES = [
    ("短剧《归途》由杭州星澜影业有限公司出品。", "杭州星澜影业有限公司", ["production"]),
    ("宁波青禾文化有限公司承制了这部短剧。", "宁波青禾文化有限公司", ["production"]),
    ("苏州澜庭文化有限公司专注短剧出海，作品覆盖东南亚。", "苏州澜庭文化有限公司", ["overseas"]),
    ("成都墨川文化有限公司负责这部短剧的投流与宣发。", "成都墨川文化有限公司", ["marketing"]),
    ("绍兴云帆文化有限公司承接了短剧的后期制作。", "绍兴云帆文化有限公司", ["post_production"]),
    # the firm a sentence opens with does what its later clauses say
    ("厦门远舟文化有限公司成立于2021年，主营短剧译制。", "厦门远舟文化有限公司", ["post_production"]),
    ("宁波云朵科技有限公司上线了一款短剧APP。", "宁波云朵科技有限公司", ["platform"]),
    ("苏州澜庭文化有限公司凭借精品短剧成功“出海”。", "苏州澜庭文化有限公司", ["overseas"]),
]


@pytest.mark.parametrize(("body", "firm", "expected"), VERB_CASES)
def test_a_firm_is_placed_by_what_it_does(body: str, firm: str, expected: list[str]) -> None:
    assert segments(body)[firm] == expected


# what a firm is: a role noun set beside its name
ROLE_CASES = [
    ("这部短剧的出品方为宁波青禾文化有限公司。", "宁波青禾文化有限公司", ["production"]),
    (
        "作品将上传至杭州星河网络有限公司、宁波云朵科技有限公司等短视频平台。",
        "杭州星河网络有限公司",
        ["platform"],
    ),
    (
        "作品将上传至杭州星河网络有限公司、宁波云朵科技有限公司等短视频平台。",
        "宁波云朵科技有限公司",
        ["platform"],
    ),
    ("苏州澜庭文化有限公司是国内领先的MCN机构。", "苏州澜庭文化有限公司", ["marketing"]),
    # a clause of 作为 says what the firm after it is
    ("作为本土的内容创作机构,宁波青禾网络有限公司深耕短剧赛道。", "宁波青禾网络有限公司", ["production"]),
    (
        "杭州星河网络有限公司、宁波云朵科技有限公司两大平台同步上线新剧。",
        "宁波云朵科技有限公司",
        ["platform"],
    ),
]


@pytest.mark.parametrize(("body", "firm", "expected"), ROLE_CASES)
def test_a_firm_is_placed_by_the_role_noun_beside_it(body: str, firm: str, expected: list[str]) -> None:
    assert segments(body)[firm] == expected


def test_a_verb_belongs_to_its_own_firm_not_to_every_firm_of_the_clause() -> None:
    found = segments("《归途》由杭州星澜影业有限公司出品、宁波青禾网络有限公司发行。")
    assert found["杭州星澜影业有限公司"] == ["production"]
    assert found["宁波青禾网络有限公司"] == ["platform"]


NEGATIVE_CASES = [
    # the verb's agent is the firm nearer to it, not the one signing with it
    ("苏州澜庭文化有限公司与青禾网络有限公司签约，由青禾网络有限公司负责拍摄。", "苏州澜庭文化有限公司"),
    # another actor (an office) stands between the firm and the verb
    ("宁波青禾网络有限公司表示，将配合区文旅局开展短剧人才培训。", "宁波青禾网络有限公司"),
    # the firm only uses the platform: it is no platform itself
    ("宁波青禾网络有限公司在平台上线了新剧。", "宁波青禾网络有限公司"),
    # the firm's drama goes online: the firm is no platform
    ("宁波青禾网络有限公司的新剧已经上线。", "宁波青禾网络有限公司"),
    # a work stands between: the work goes online, not the firm
    ("宁波青禾网络有限公司的新剧《归途》今日上线。", "宁波青禾网络有限公司"),
    # a verb listed with other nouns is nobody's act
    ("宁波青禾网络有限公司将整合剧本、演员、制作等资源。", "宁波青禾网络有限公司"),
    # a place that suits shooting says nothing of the firm that owns it
    ("宁波青禾网络有限公司的园区适合拍摄。", "宁波青禾网络有限公司"),
    # what the firm's manager says others do is no act of the firm
    ("宁波青禾网络有限公司经理举例:“园区很多企业参与短剧制作。", "宁波青禾网络有限公司"),
    # a service platform is no distribution platform
    ("宁波青禾网络有限公司搭建了公共服务平台。", "宁波青禾网络有限公司"),
]


@pytest.mark.parametrize(("body", "firm"), NEGATIVE_CASES)
def test_a_word_that_is_not_the_firms_does_not_place_it(body: str, firm: str) -> None:
    assert segments(body)[firm] == []


# what a firm produces, runs or publishes: the relationships read before
def test_what_a_firm_produces_runs_or_publishes_places_it() -> None:
    found = segments(
        "青禾影视基地由宁波青禾网络有限公司运营。苏州澜庭网络有限公司发布《2026短剧出海白皮书》。"
    )
    assert found["宁波青禾网络有限公司"] == ["bases_services"]
    assert found["苏州澜庭网络有限公司"] == ["data_services"]


NAME_CASES = [
    ("杭州星澜影视文化传播有限公司", ["production"]),  # 影视 before the broad 文化传播
    ("宁波青禾数据科技有限公司", ["data_services"]),  # 数据 places, 科技 is too broad beside it
    ("苏州澜庭广告有限公司", ["marketing"]),
    ("成都墨川版权服务有限公司", ["copyright"]),
    ("南湖广播电视台", ["platform"]),
    ("云朵短剧", ["platform"]),  # a brand ending in a platform word
    ("宁波青禾短剧科技有限公司", []),  # 短剧 within a registered name says nothing; 科技 is weak
    ("台州云帆科技传媒有限公司", []),  # two broad words: only the head, 传媒, counts (weakly)
    ("宁波青禾投资有限公司", []),  # an investor: no segment
    ("江城报刊传媒集团", []),  # newspapers: the broad 传媒 says nothing
    ("Qingshan Pictures Co., Ltd.", ["production"]),
    ("Lanting Data", ["data_services"]),
]


@pytest.mark.parametrize(("name", "expected"), NAME_CASES)
def test_the_industry_words_of_a_name_place_the_firm(name: str, expected: list[str]) -> None:
    cues = name_cues(ExtractedEntity(label=Label.FIRM, name=name))
    assert [s.value for s in {c.segment for c in cues if c.kind != "name_weak"}] == expected


def test_broad_name_words_count_only_when_nothing_else_places_the_firm() -> None:
    weak = Cue(Segment.TECHNOLOGY, "name_weak", "科技")
    assert placed([weak]) == [Segment.TECHNOLOGY]
    assert placed([weak, Cue(Segment.PRODUCTION, "verb", "出品", 0)]) == [Segment.PRODUCTION]
    found = segments("宁波青禾网络科技有限公司近日举办沙龙。宁波青禾文化科技有限公司出品了短剧《归途》。")
    assert found["宁波青禾网络科技有限公司"] == ["technology"]
    assert found["宁波青禾文化科技有限公司"] == ["production"]
    assert segments("台州云帆科技传媒有限公司今日开业。")["台州云帆科技传媒有限公司"] == ["production"]


def test_an_alias_cut_from_the_name_is_no_name_of_its_own() -> None:
    # 广播影视 is what is left of 江城广播影视集团 without its place: its 影视 places nothing
    entity = ExtractedEntity(label=Label.FIRM, name="江城广播影视集团", aliases=["广播影视"])
    assert {c.segment for c in name_cues(entity)} == {Segment.PLATFORM}


def test_a_known_app_places_its_operator() -> None:
    found = segments("深圳星澜互动科技有限公司(ReelShort)近日发布新剧。")
    assert found["深圳星澜互动科技有限公司"] == ["platform", "overseas"]


def test_english_role_nouns_and_verbs() -> None:
    found = segments(
        "Dramas reach viewers on platforms like Qingshan Technology. Lanting Culture Co., Ltd. produced it.",
        language="en",
    )
    assert found["Qingshan Technology"] == ["platform"]
    assert found["Lanting Culture Co., Ltd."] == ["production"]


def test_a_firm_may_be_in_several_segments_given_in_chain_order() -> None:
    found = segments("苏州澜庭文化有限公司出品的短剧由苏州澜庭文化有限公司发行并出海。")
    assert found["苏州澜庭文化有限公司"] == ["production", "platform", "overseas"]
