"""What a document as a whole tells a sentence: the lead actor of a numbered list, the place its
title names, the issuer a policy title opens with; and names of schools, departments and lists.
All sentences are written for these tests (not taken from any corpus)."""

from __future__ import annotations

import pytest

from mdkg.graph.ontology import Label, RelType
from mdkg.ingest.extract import extract
from tests.ingest.test_extract import make_doc, names, relation_pairs

MEASURES_TITLE = "云杉省广电局发布五大措施，推动微短剧高质量发展"
MEASURES_BODY = (
    "近日，《云杉省广播电视局推动微短剧高质量发展》发布，全文如下：\n"
    "一是加强调研交流。围绕产业链各环节开展调研。组织召开云杉省微短剧行业座谈会。\n"
    "二是完善扶持机制。设立云杉短剧产业基金。"
)


def test_list_items_act_through_the_lead_actor_of_the_title() -> None:
    extraction = extract(make_doc(MEASURES_BODY, title=MEASURES_TITLE))
    assert ("云杉省广电局", "云杉短剧产业基金") in relation_pairs(extraction, RelType.ESTABLISHED)
    assert ("云杉省广电局", "云杉省微短剧行业座谈会") in relation_pairs(extraction, RelType.HOSTED)


def test_a_policy_title_opening_with_an_abbreviated_issuer_names_it() -> None:
    extraction = extract(make_doc(MEASURES_BODY, title=MEASURES_TITLE))
    assert relation_pairs(extraction, RelType.ISSUED) == {
        ("云杉省广电局", "云杉省广播电视局推动微短剧高质量发展")
    }


def test_another_subject_ends_the_lead_actor() -> None:
    body = "远山影视有限公司近日召开发布会。\n同时设立远山短剧产业基金。"
    title = "青禾区委宣传部发布短剧扶持措施"
    extraction = extract(make_doc(body, title=title))
    assert ("青禾区委宣传部", "远山短剧产业基金") not in relation_pairs(extraction, RelType.ESTABLISHED)


def test_the_first_sentence_leads_only_a_numbered_list() -> None:
    body = "青禾区委宣传部近日召开短剧产业发布会。\n（一）设立青禾短剧产业基金。"
    pairs = relation_pairs(extract(make_doc(body)), RelType.ESTABLISHED)
    assert pairs == {("青禾区委宣传部", "青禾短剧产业基金")}


def test_co_agent_after_a_time_word() -> None:
    body = "为了留住剧组，青禾区委宣传部日前会同青禾区文化和旅游局印发《青禾区支持短剧发展的十条措施》。"
    pairs = relation_pairs(extract(make_doc(body)), RelType.ISSUED)
    assert ("青禾区委宣传部", "青禾区支持短剧发展的十条措施") in pairs
    assert ("青禾区文化和旅游局", "青禾区支持短剧发展的十条措施") in pairs


def test_a_base_placed_in_a_city_sits_in_the_district_the_title_names() -> None:
    title = "滨江短剧拍摄基地落户杭州滨江区"
    body = "滨江短剧拍摄基地位于杭州，规划面积约2平方公里。"
    extraction = extract(make_doc(body, title=title))
    located = relation_pairs(extraction, RelType.LOCATED_IN)
    assert ("滨江短剧拍摄基地", "滨江区") in located
    assert ("滨江短剧拍摄基地", "杭州") not in located


def test_a_firm_first_named_by_its_brand_sits_where_its_legal_name_says() -> None:
    title = "青禾短剧协会揭牌 DataEye剧查查任会长单位"
    body = "协会由深圳市慧动创想科技有限公司（DataEye剧查查）牵头发起。这是深圳首个短剧行业组织。"
    located = relation_pairs(extract(make_doc(body, title=title)), RelType.LOCATED_IN)
    assert ("深圳市慧动创想科技有限公司", "深圳") in located


ENTITY_CASES = [
    (
        "坪山区政府与深圳市创新投资集团有限公司共同发起设立短剧产业基金。",
        Label.FIRM,
        "深圳市创新投资集团有限公司",
    ),
    ("创作营由云杉海洋大学文学与新闻传播学院主办。", Label.INSTITUTION, "云杉海洋大学文学与新闻传播学院"),
    ("海南省旅游和文化广电体育厅启动短剧创作季。", Label.GOVERNMENT, "海南省旅游和文化广电体育厅"),
    (
        "青禾新区管委会与陕西文化产业投资控股（集团）有限公司签署合作协议。",
        Label.FIRM,
        "陕西文化产业投资控股（集团）有限公司",
    ),
]


@pytest.mark.parametrize(("body", "label", "name"), ENTITY_CASES)
def test_names_with_joined_fields(body: str, label: Label, name: str) -> None:
    assert name in names(extract(make_doc(body)), label)


def test_two_schools_joined_by_and_stay_two() -> None:
    found = names(extract(make_doc("云杉大学新闻学院和青禾戏剧学院签约。")), Label.INSTITUTION)
    assert {"云杉大学新闻学院", "青禾戏剧学院"} <= found


NO_FIRMS = [
    "陕西省远山负责人张三照例来到公司。",
    "目前，园区已入驻影视制作、后期特效、演员经纪等企业86家。",
    "该基地由当地国有平台公司投资建设。",
]


@pytest.mark.parametrize("body", NO_FIRMS)
def test_lines_of_business_are_no_firms(body: str) -> None:
    assert not names(extract(make_doc(body)), Label.FIRM)


def test_a_programme_is_launched_and_a_document_issued() -> None:
    body = "远山影视有限公司推出10亿元“星河扶持计划”。青禾区委宣传部发布《青禾区短剧扶持办法》。"
    extraction = extract(make_doc(body))
    assert ("远山影视有限公司", "星河扶持计划") in relation_pairs(extraction, RelType.ESTABLISHED)
    assert not relation_pairs(extraction, RelType.ISSUED) - {("青禾区委宣传部", "青禾区短剧扶持办法")}


NO_NAMES = [
    "此次活动是青禾区打造“短剧之都”的重要举措。",
    "当地将持续完善扶持政策体系。",
    "该平台将投入10亿元专项资金扶持优质内容。",
]


@pytest.mark.parametrize("body", NO_NAMES)
def test_descriptions_of_policies_and_funds_are_no_names(body: str) -> None:
    assert not [e for e in extract(make_doc(body)).entities if e.label in (Label.POLICY, Label.FUND)]


def test_two_legal_names_with_one_trade_name_are_two_firms() -> None:
    extraction = extract(make_doc("远山集团的子公司远山影视有限公司负责承制。"))
    assert {"远山集团", "远山影视有限公司"} <= names(extraction, Label.FIRM)
    assert relation_pairs(extraction, RelType.SUBSIDIARY_OF) == {("远山影视有限公司", "远山集团")}


def test_subsidiaries_are_listed_with_commas_not_with_and() -> None:
    body = "远山网络科技有限公司旗下星河影视有限公司与云杉科技有限公司旗下青禾传媒有限公司展开竞争。"
    pairs = relation_pairs(extract(make_doc(body)), RelType.SUBSIDIARY_OF)
    assert pairs == {("星河影视有限公司", "远山网络科技有限公司"), ("青禾传媒有限公司", "云杉科技有限公司")}


def test_the_office_named_in_the_body_issues_the_policy_not_the_headline_place() -> None:
    body = (
        "为了扶持剧组，义乌市委宣传部日前印发《义乌市关于支持微短剧产业发展的八条措施》，业内称为“新八条”。"
    )
    extraction = extract(make_doc(body, title="义乌出台微短剧“新八条”"))
    issuers = {head for head, _ in relation_pairs(extraction, RelType.ISSUED)}
    assert issuers == {"义乌市委宣传部"}
