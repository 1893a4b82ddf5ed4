"""The rule extractor on small sentences written for these tests (not taken from any corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdkg.graph.ontology import Article, Label, RelType, article_id
from mdkg.ingest.extract import RuleExtractor, amount_cny, extract, sentence_spans, trade_names
from mdkg.ingest.goldfmt import to_gold_line
from mdkg.ingest.types import Document, Extraction


def make_doc(body: str, title: str = "测试", language: str = "zh") -> Document:
    text = f"{title}\n{body}"
    article = Article(id=article_id(text), title=title, language=language)
    return Document(article=article, text=text, path=Path("test.txt"), position=1)


def names(extraction: Extraction, label: Label) -> set[str]:
    found = set()
    for e in extraction.entities:
        if e.label is label:
            found |= {e.name, *e.aliases}
    return found


def relation_pairs(extraction: Extraction, rel: RelType) -> set[tuple[str, str]]:
    pairs = {(r.head[1], r.tail[1]) for r in extraction.relations if r.type is rel}
    if rel is RelType.PARTNERS_WITH:
        pairs |= {(b, a) for a, b in pairs}
    return pairs


LABEL_CASES = [
    ("杭州星河映画文化传媒有限公司今年推出多部新剧。", Label.FIRM, "杭州星河映画文化传媒有限公司"),
    ("成都市网络视听产业协会近日召开年会。", Label.ASSOCIATION, "成都市网络视听产业协会"),
    ("苏州市文化广电和旅游局近日印发通知。", Label.GOVERNMENT, "苏州市文化广电和旅游局"),
    ("江南影视研究院的专家参加了讨论。", Label.INSTITUTION, "江南影视研究院"),
    ("新建的滨海短剧拍摄基地已经投用。", Label.BASE, "滨海短剧拍摄基地"),
    (
        "该区印发《关于支持网络微短剧繁荣发展的实施办法》。",
        Label.POLICY,
        "关于支持网络微短剧繁荣发展的实施办法",
    ),
    ("当地将设立2亿元的星火短剧产业基金。", Label.FUND, "星火短剧产业基金"),
    ("第二届云岭短剧创作大赛在昆明开幕。", Label.EVENT, "第二届云岭短剧创作大赛"),
    ("短剧《归途有光》上线三天播放破亿。", Label.WORK, "归途有光"),
    ("研究院发布《2026短剧出海白皮书》。", Label.REPORT, "2026短剧出海白皮书"),
    ("坪山区位于深圳市东部。", Label.REGION, "坪山区"),
    ("Officials from the Qixia District met producers in Nanjing.", Label.REGION, "Qixia District"),
    (
        "The Chengdu Micro Drama Industry Association was founded in May.",
        Label.ASSOCIATION,
        "Chengdu Micro Drama Industry Association",
    ),
]


@pytest.mark.parametrize(("body", "label", "name"), LABEL_CASES)
def test_names_by_label(body: str, label: Label, name: str) -> None:
    language = "en" if body.isascii() else "zh"
    assert name in names(extract(make_doc(body, language=language)), label)


GENERIC = [
    "近年来当地建成多个微短剧拍摄基地。",
    "上海市相关行业协会共同发起倡议。",
    "两大基地针对出海需求转型升级。",
]


@pytest.mark.parametrize("body", GENERIC)
def test_generic_phrases_are_no_names(body: str) -> None:
    extraction = extract(make_doc(body))
    assert not [e for e in extraction.entities if e.label in (Label.BASE, Label.ASSOCIATION)]


RELATION_CASES = [
    (
        "成都市网络视听产业协会成立,成都星火影业有限公司担任会长单位。",
        RelType.MEMBER_OF,
        ("成都星火影业有限公司", "成都市网络视听产业协会"),
    ),
    (
        "苏州市文化广电和旅游局设立苏州短剧发展基金。",
        RelType.ESTABLISHED,
        ("苏州市文化广电和旅游局", "苏州短剧发展基金"),
    ),
    ("江南影视研究院发布《2026短剧出海白皮书》。", RelType.ISSUED, ("江南影视研究院", "2026短剧出海白皮书")),
    (
        "《滨海区短剧扶持办法》支持滨海短剧拍摄基地建设。",
        RelType.SUPPORTS,
        ("滨海区短剧扶持办法", "滨海短剧拍摄基地"),
    ),
    (
        "杭州星河映画文化传媒有限公司去年落户滨江区。",
        RelType.LOCATED_IN,
        ("杭州星河映画文化传媒有限公司", "滨江区"),
    ),
    ("坪山区位于深圳市东部。", RelType.PART_OF, ("坪山区", "深圳市")),
    (
        "重庆光年影视有限公司投资建设云端短剧产业园。",
        RelType.OPERATES,
        ("重庆光年影视有限公司", "云端短剧产业园"),
    ),
    (
        "爱奇艺与重庆光年影视有限公司签署战略合作协议。",
        RelType.PARTNERS_WITH,
        ("爱奇艺", "重庆光年影视有限公司"),
    ),
    ("中国移动旗下的咪咕持续发力海外市场。", RelType.SUBSIDIARY_OF, ("咪咕", "中国移动")),
    (
        "北京麦田影业有限公司出品的《归途有光》昨日上线。",
        RelType.PRODUCED,
        ("北京麦田影业有限公司", "归途有光"),
    ),
    (
        "成都市网络视听产业协会主办的第二届云岭短剧创作大赛在昆明开幕。",
        RelType.HOSTED,
        ("成都市网络视听产业协会", "第二届云岭短剧创作大赛"),
    ),
    (
        "The Chengdu Micro Drama Industry Association was founded, "
        "with Jiuzhou Culture as the president unit.",
        RelType.MEMBER_OF,
        ("Jiuzhou Culture", "Chengdu Micro Drama Industry Association"),
    ),
]


@pytest.mark.parametrize(("body", "rel", "pair"), RELATION_CASES)
def test_relations_from_sentence_patterns(body: str, rel: RelType, pair: tuple[str, str]) -> None:
    language = "en" if body.isascii() else "zh"
    assert pair in relation_pairs(extract(make_doc(body, language=language)), rel)


def test_member_role_is_canonical() -> None:
    body = "成都市网络视听产业协会成立。副会长单位包括成都甲乙影视有限公司、成都丙丁传媒有限公司。"
    roles = {
        (r.head[1], r.properties.get("role"))
        for r in extract(make_doc(body)).relations
        if r.type is RelType.MEMBER_OF
    }
    assert roles == {("成都甲乙影视有限公司", "副会长单位"), ("成都丙丁传媒有限公司", "副会长单位")}


def test_co_occurrence_alone_is_no_relationship() -> None:
    body = "星火影业有限公司和网络视听产业协会的代表都来了。"
    assert not [r for r in extract(make_doc(body)).relations if r.type is not RelType.PART_OF]


def test_evidence_points_at_the_sentence() -> None:
    doc = make_doc("开场白。江南影视研究院发布《2026短剧出海白皮书》。结尾。")
    (rel,) = [r for r in extract(doc).relations if r.type is RelType.ISSUED]
    ev = rel.evidence
    assert doc.text[ev.start : ev.end] == ev.sentence
    assert "白皮书" in ev.sentence and ev.extractor == RuleExtractor.name and 0 < ev.confidence <= 1


AMOUNTS = [
    ("5000万元", 5e7),
    ("2亿元", 2e8),
    ("1.5亿", 1.5e8),
    ("200 million yuan", 2e8),
    ("100,000 yuan", 1e5),
    ("RMB 3 million", 3e6),
]


@pytest.mark.parametrize(("text", "value"), AMOUNTS)
def test_amounts_in_yuan(text: str, value: float) -> None:
    assert amount_cny(text) == pytest.approx(value)


def test_fund_and_policy_amounts() -> None:
    body = "当地将设立2亿元的星火短剧产业基金。《滨海区短剧扶持办法》对优质项目最高给予500万元奖励。"
    props = {e.name: e.properties for e in extract(make_doc(body)).entities}
    assert props["星火短剧产业基金"]["amount_cny"] == pytest.approx(2e8)
    assert props["滨海区短剧扶持办法"]["max_support_cny"] == pytest.approx(5e6)


def test_measure_packages_are_policies() -> None:
    extraction = extract(make_doc("该区发布“短剧十条”之后,又出台12条措施。"))
    policies = {e.name: e.properties for e in extraction.entities if e.label is Label.POLICY}
    assert policies["12条措施"]["measures"] == 12


MERGES = [
    (
        "深圳市云帆互动科技有限公司(云帆互动)今年成立。云帆互动随后推出新剧。",
        "深圳市云帆互动科技有限公司",
        "云帆互动",
    ),
    (
        "深圳市星云科技有限公司发布新品。星云科技公司表示将加大投入。",
        "深圳市星云科技有限公司",
        "星云科技公司",
    ),
    ("深圳市慧动创想科技有限公司(DataEye剧查查)出任会长单位。", "深圳市慧动创想科技有限公司", "DataEye"),
]


@pytest.mark.parametrize(("body", "legal", "short"), MERGES)
def test_short_names_merge_into_legal_names(body: str, legal: str, short: str) -> None:
    firms = [e for e in extract(make_doc(body)).entities if e.label is Label.FIRM]
    assert len(firms) == 1
    assert firms[0].name == legal and short in firms[0].aliases


def test_trade_names() -> None:
    assert "慧动创想" in trade_names("深圳市慧动创想科技有限公司")


def test_short_district_needs_its_city() -> None:
    assert not names(extract(make_doc("坪山的夜景很美。")), Label.REGION)
    assert "坪山区" in names(extract(make_doc("深圳坪山的夜景很美。")), Label.REGION)


def test_sentences_keep_titles_whole() -> None:
    text = "甲。《乙。丙》丁!戊"
    assert [text[a:b] for a, b in sentence_spans(text)] == ["甲。", "《乙。丙》丁!", "戊"]


def test_gold_line() -> None:
    body = "爱奇艺与重庆光年影视有限公司签署合作协议。重庆光年影视有限公司与爱奇艺合作。"
    line = to_gold_line(extract(make_doc(body, title="标题")))
    assert line["title"] == "标题"
    assert {"type": "Firm", "name": "爱奇艺", "aliases": ["iQIYI"]} in line["entities"]
    partners = [r for r in line["relations"] if r["type"] == "PARTNERS_WITH"]
    assert len(partners) == 1 and partners[0]["props"] == {}
