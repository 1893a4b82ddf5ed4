"""Party nouns after a copula (甲是乙的主办单位): on sentences written for these tests."""

from __future__ import annotations

import pytest

from mdkg.graph.ontology import RelType
from mdkg.ingest.extract import extract
from tests.ingest.test_extract import make_doc, relation_pairs

CASES = [
    (
        "澜庭文化有限公司是首届星河短剧大会的主办单位。",
        RelType.HOSTED,
        ("澜庭文化有限公司", "首届星河短剧大会"),
    ),
    ("青禾传媒有限公司也是《远山》的出品方之一。", RelType.PRODUCED, ("青禾传媒有限公司", "远山")),
    ("澜庭文化有限公司为澜庭影视基地的运营方。", RelType.OPERATES, ("澜庭文化有限公司", "澜庭影视基地")),
    # the plan named before is what 此项 refers to
    (
        "今年，国家广电总局启动“星河短剧”行动计划。澜庭文化有限公司是此项行动计划的发起单位之一。",
        RelType.ESTABLISHED,
        ("澜庭文化有限公司", "星河短剧行动计划"),
    ),
]


@pytest.mark.parametrize(("body", "rel", "pair"), CASES)
def test_a_party_noun_after_a_copula_states_the_role(body: str, rel: RelType, pair: tuple[str, str]) -> None:
    assert pair in relation_pairs(extract(make_doc(body)), rel)


def test_a_party_of_something_else_is_no_role() -> None:
    body = "澜庭文化有限公司是一家位于杭州的企业，青禾传媒有限公司的主办单位另有其人。"
    assert not relation_pairs(extract(make_doc(body)), RelType.HOSTED)


def test_the_drama_named_before_is_what_该剧_and_这部作品_refer_to() -> None:
    body = "《远山》今日上线。该剧由远山影业有限公司发行。这部作品由青禾影业有限公司出品。"
    pairs = relation_pairs(extract(make_doc(body)), RelType.PRODUCED)
    assert ("远山影业有限公司", "远山") in pairs and ("青禾影业有限公司", "远山") in pairs


def test_a_platform_that_shows_a_drama_did_not_produce_it() -> None:
    body = "湖南卫视独家播出《远山》。"  # rule 19: shown is not produced
    assert ("湖南卫视", "远山") not in relation_pairs(extract(make_doc(body)), RelType.PRODUCED)


LISTED = [
    # the parties listed after the role, of two labels
    (
        "首届星河短剧大会昨日开幕，主办单位为澜庭区委宣传部、青禾传媒有限公司。",
        {("澜庭区委宣传部", "首届星河短剧大会"), ("青禾传媒有限公司", "首届星河短剧大会")},
    ),
    # what they are parties to is named in the sentence before
    ("首届星河短剧大会昨日开幕。大会承办方：青禾传媒有限公司。", {("青禾传媒有限公司", "首届星河短剧大会")}),
    # 活动 alone is the event named before, whatever its kind
    (
        "“光影澜庭”短剧展映季日前开幕。活动由青禾传媒有限公司主办。",
        {("青禾传媒有限公司", "光影澜庭短剧展映季")},
    ),
]


@pytest.mark.parametrize(("body", "pairs"), LISTED)
def test_parties_listed_after_the_role(body: str, pairs: set[tuple[str, str]]) -> None:
    assert relation_pairs(extract(make_doc(body)), RelType.HOSTED) == pairs


def test_co_hosts_are_no_partners_unless_they_act_together() -> None:
    body = "首届星河短剧大会由澜庭区委宣传部、青禾传媒有限公司主办，远山影视有限公司协办。"
    extraction = extract(make_doc(body))
    assert len(relation_pairs(extraction, RelType.HOSTED)) == 3  # 协办 (co-organises) hosts too
    assert not relation_pairs(extraction, RelType.PARTNERS_WITH)
    together = extract(make_doc(body.replace("主办", "共同主办", 1)))
    assert ("澜庭区委宣传部", "青禾传媒有限公司") in relation_pairs(together, RelType.PARTNERS_WITH)


def test_a_chain_of_roles_before_the_event() -> None:
    body = (
        "由中国网络视听协会指导，滨州市委网信办主办，青禾传媒有限公司、滨城区委宣传部承办的"
        "“星河之夜”正能量网络微短剧之夜在滨州举行。"
    )
    hosts = {h for h, _ in relation_pairs(extract(make_doc(body)), RelType.HOSTED)}
    assert hosts == {"滨州市委网信办", "青禾传媒有限公司", "滨城区委宣传部"}  # 指导 gives nothing


def test_a_venue_named_like_a_meeting_is_no_event() -> None:
    extraction = extract(make_doc("大赛于10月29日在北京会议中心落下帷幕。"))
    assert not [e for e in extraction.entities if e.name.startswith("北京会议")]
