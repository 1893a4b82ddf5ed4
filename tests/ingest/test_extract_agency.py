"""Founders and hosts read from the clause of their verb, topic continuity and names that are
no firms, on sentences written for these tests (not taken from any corpus)."""

from __future__ import annotations

import pytest

from mdkg.graph.ontology import Label, RelType
from mdkg.ingest.extract import extract
from tests.ingest.test_extract import make_doc, names, relation_pairs

FOUNDED = [
    # the agent before the verb, the object after it
    (
        "近日，云杉市文化广电和旅游局设立了总规模2亿元的云杉短剧产业基金。",
        ("云杉市文化广电和旅游局", "云杉短剧产业基金"),
    ),
    # co-founders joined by 与, across labels
    (
        "远山影视股份有限公司与星河传媒大学联合发起成立了云岭短剧研究院。",
        ("远山影视股份有限公司", "云岭短剧研究院"),
    ),
    (
        "远山影视股份有限公司与星河传媒大学联合发起成立了云岭短剧研究院。",
        ("星河传媒大学", "云岭短剧研究院"),
    ),
    # X牵头成立的Y
    ("青禾区委宣传部牵头成立的青禾短剧产业联盟当天揭牌。", ("青禾区委宣传部", "青禾短剧产业联盟")),
    # a clause of adverbs takes the subject opening the sentence
    (
        "远山影视有限公司与青禾区人民政府签约，共同成立青禾短剧研究院。",
        ("青禾区人民政府", "青禾短剧研究院"),
    ),
    (
        "The Nanhu District Government has launched the Nanhu Micro-drama Industry Fund.",
        ("Nanhu District Government", "Nanhu Micro-drama Industry Fund"),
    ),
    # objects listed together after one verb are all founded
    (
        "青禾区委宣传部近日成立了青禾短剧产业协会和青禾短剧产业发展基金。",
        ("青禾区委宣传部", "青禾短剧产业发展基金"),
    ),
    (
        "The Nanhu District Government set up the Nanhu Micro-drama Association and the Nanhu "
        "Micro-drama Development Fund on Monday.",
        ("Nanhu District Government", "Nanhu Micro-drama Development Fund"),
    ),
    # a programme with a generic core is a name when a verb launches it
    ("青禾区委宣传部启动微短剧创投计划。", ("青禾区委宣传部", "微短剧创投计划")),
]


@pytest.mark.parametrize(("body", "pair"), FOUNDED)
def test_founder_is_the_agent_of_the_clause(body: str, pair: tuple[str, str]) -> None:
    language = "en" if body.isascii() else "zh"
    assert pair in relation_pairs(extract(make_doc(body, language=language)), RelType.ESTABLISHED)


NOT_FOUNDED = [
    # the association was unveiled; the firm after it founded nothing and was not founded by it
    "青禾短剧产业协会在南山揭牌 远山互动科技有限公司任会长单位",
    # founded, with no founder named
    "青禾短剧产业联盟当天成立，远山影视有限公司当选理事长单位。",
    "远山科技有限公司成立于2012年，总部位于青禾区。",
    # a company is not founded by a ceremony
    "青禾区委宣传部为远山影视有限公司揭牌。",
]


@pytest.mark.parametrize("body", NOT_FOUNDED)
def test_no_founder_without_an_agent(body: str) -> None:
    assert not relation_pairs(extract(make_doc(body)), RelType.ESTABLISHED)


def test_a_generic_policy_kind_is_no_name() -> None:
    ext = extract(make_doc("青禾区委宣传部出台了微短剧扶持政策。"))
    assert "微短剧扶持政策" not in names(ext, Label.POLICY)


def test_a_place_written_before_an_agent_is_no_agent() -> None:
    body = "由苏州市吴江区委宣传部牵头成立的吴江短剧产业联盟正式揭牌。"
    extraction = extract(make_doc(body))
    assert relation_pairs(extraction, RelType.ESTABLISHED) == {("吴江区委宣传部", "吴江短剧产业联盟")}
    assert not relation_pairs(extraction, RelType.PARTNERS_WITH)


def test_a_sentence_without_subject_inherits_the_last_one() -> None:
    body = (
        "青禾区委宣传部近日召开短剧产业发布会。会上发布了《青禾区短剧扶持办法》，"
        "同时设立青禾短剧产业基金。\n远山影视有限公司表示欢迎。"
    )
    extraction = extract(make_doc(body))
    assert ("青禾区委宣传部", "青禾短剧产业基金") in relation_pairs(extraction, RelType.ESTABLISHED)
    assert ("青禾区委宣传部", "青禾区短剧扶持办法") in relation_pairs(extraction, RelType.ISSUED)


def test_no_inheritance_across_paragraphs() -> None:
    body = "青禾区委宣传部近日召开短剧产业发布会。\n同时设立青禾短剧产业基金。"
    assert not relation_pairs(extract(make_doc(body)), RelType.ESTABLISHED)


HOSTS = [
    (
        "此次论坛由青禾区人民政府主办，青禾短剧产业协会承办，云杉市委宣传部为指导单位。",
        set(),  # no event named: nothing
    ),
    (
        "青禾短剧发展论坛在南山举行。论坛由青禾区人民政府主办，青禾短剧产业协会承办，云杉市委宣传部指导。",
        {("青禾区人民政府", "青禾短剧发展论坛"), ("青禾短剧产业协会", "青禾短剧发展论坛")},
    ),
    (
        "日前，由青禾区人民政府主办、青禾短剧产业协会承办的青禾短剧发展大会在南山召开。",
        {("青禾区人民政府", "青禾短剧发展大会"), ("青禾短剧产业协会", "青禾短剧发展大会")},
    ),
    (
        "云杉市委宣传部指导、青禾区人民政府主办的青禾短剧创投大会日前落幕。",
        {("青禾区人民政府", "青禾短剧创投大会")},
    ),
    (
        "The Nanhu Micro-drama Summit was held in Nanhu on Friday, organised by the Nanhu District "
        "Government.",
        {("Nanhu District Government", "Nanhu Micro-drama Summit")},
    ),
]


@pytest.mark.parametrize(("body", "pairs"), HOSTS)
def test_hosts_are_the_agents_of_hosting_verbs(body: str, pairs: set[tuple[str, str]]) -> None:
    language = "en" if body.isascii() else "zh"
    assert relation_pairs(extract(make_doc(body, language=language)), RelType.HOSTED) == pairs


NO_FIRMS = [
    "本土影视制作公司抓住机遇，在深圳设立了研发中心。",
    "国内短剧公司普遍面临版权保护难题。",
    "他说，很多传统影视公司都在转型，十余家制作公司已经入局。",
    "该项目由本地一家文化传媒公司投资建设。",
]


@pytest.mark.parametrize("body", NO_FIRMS)
def test_descriptions_are_no_firms(body: str) -> None:
    assert not names(extract(make_doc(body)), Label.FIRM)


def test_a_type_word_inside_a_longer_word_ends_no_name() -> None:
    body = "云杉市网络视听节目管理处的专家出席。"
    assert not names(extract(make_doc(body)), Label.EVENT)


def test_a_name_read_leftwards_reaches_back_over_a_known_name() -> None:
    body = "中文在线集团股份有限公司旗下的枫叶互动发力海外。"
    assert "中文在线集团股份有限公司" in names(extract(make_doc(body)), Label.FIRM)


def test_list_items_before_a_counted_kind_are_firms() -> None:
    body = "园区已吸引远山科技、青禾文化、云杉互娱等30余家头部企业入驻。"
    assert {"远山科技", "青禾文化", "云杉互娱"} <= names(extract(make_doc(body)), Label.FIRM)


def test_based_is_no_part_of_an_english_name() -> None:
    body = "Beijing-based Yunshan Technology Co. released three dramas."
    firms = names(extract(make_doc(body, language="en")), Label.FIRM)
    assert "Yunshan Technology" in firms
    assert not [f for f in firms if "based" in f]


def test_an_english_apposition_stands_between_a_member_and_its_role() -> None:
    body = (
        "The Nanhu Micro-drama Industry Association was founded on Monday. Yunshan Culture, the "
        "Qiantang-based studio behind several hit dramas, was elected president unit, while Qinghe "
        "Media Co. became a vice-president unit."
    )
    extraction = extract(make_doc(body, language="en"))
    members = relation_pairs(extraction, RelType.MEMBER_OF)
    assert {m for m, _ in members} == {"Yunshan Culture", "Qinghe Media"}
    assert {a for _, a in members} == {"Nanhu Micro-drama Industry Association"}
    assert ("Yunshan Culture", "Qiantang") in relation_pairs(extraction, RelType.LOCATED_IN)


SUBSIDIARIES = [
    "云杉集团有限公司全资子公司青禾传媒有限公司今年推出多部短剧。",
    "云杉集团有限公司的控股子公司青禾传媒有限公司今年推出多部短剧。",
    "青禾传媒有限公司是云杉集团有限公司的全资子公司。",
    "青禾传媒有限公司为云杉集团有限公司旗下企业。",
]


@pytest.mark.parametrize("body", SUBSIDIARIES)
def test_a_subsidiary_is_read_on_either_side_of_its_parent(body: str) -> None:
    extraction = extract(make_doc(body))
    assert relation_pairs(extraction, RelType.SUBSIDIARY_OF) == {("青禾传媒有限公司", "云杉集团有限公司")}
    assert not [f for f in names(extraction, Label.FIRM) if f.endswith("子公司")]


def test_a_quoted_event_name_holding_a_title_stays_whole() -> None:
    body = "3月2日，由云杉市社会科学院主办的“《云杉文化蓝皮书(2026)》发布暨短剧产业研讨会”在南山举行。"
    extraction = extract(make_doc(body))
    event = "《云杉文化蓝皮书(2026)》发布暨短剧产业研讨会"
    assert event in names(extraction, Label.EVENT)
    assert relation_pairs(extraction, RelType.HOSTED) == {("云杉市社会科学院", event)}


def test_a_firm_that_built_a_title_produced_it() -> None:
    body = "云杉影业有限公司打造的短剧《白月光》播放量破亿。"
    pairs = relation_pairs(extract(make_doc(body)), RelType.PRODUCED)
    assert pairs == {("云杉影业有限公司", "白月光")}
