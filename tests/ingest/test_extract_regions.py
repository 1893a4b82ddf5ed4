"""Regions in extraction: codes from the national gazetteer, context, chains of places opening a
name, namesakes, and names written in traditional characters (sentences written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdkg.graph.ontology import Article, Label, RelType, article_id
from mdkg.ingest.extract import extract
from mdkg.ingest.types import Document, ExtractedEntity, Extraction


def make_doc(body: str, original: str | None = None) -> Document:
    text = f"测试\n{body}"
    return Document(
        article=Article(id=article_id(text), title="测试", language="zh"),
        text=text,
        path=Path("test.txt"),
        position=1,
        original_text=f"測試\n{original}" if original else None,
    )


def entity(extraction: Extraction, label: Label, name: str) -> ExtractedEntity:
    return next(e for e in extraction.entities if e.label is label and name in (e.name, *e.aliases))


def pairs(extraction: Extraction, rel: RelType) -> set[tuple[str, str]]:
    return {(r.head[1], r.tail[1]) for r in extraction.relations if r.type is rel}


CODES = [
    ("南京栖霞区推出短剧扶持计划。", "栖霞区", "320113", "District"),
    ("烟台栖霞市举办苹果节。", "栖霞市", "370686", "District"),
    ("深圳南山区举办短剧论坛。", "南山区", "440305", "District"),
    ("浙江省出台短剧新政。", "浙江省", "330000", "Province"),
]


@pytest.mark.parametrize(("body", "name", "code", "level"), CODES)
def test_regions_carry_code_and_level(body: str, name: str, code: str, level: str) -> None:
    region = entity(extract(make_doc(body)), Label.REGION, name)
    assert region.properties == {"level": level, "adcode": code}


def test_a_namesake_without_context_is_a_place_without_code() -> None:
    region = entity(extract(make_doc("南山区举办短剧论坛。")), Label.REGION, "南山区")
    assert region.properties == {"level": "District"}


def test_part_of_only_between_named_levels() -> None:
    found = pairs(extract(make_doc("江苏南京市栖霞区举办短剧节。")), RelType.PART_OF)
    assert found == {("栖霞区", "南京市"), ("南京市", "江苏")}


def test_a_chain_of_places_opening_a_base_name() -> None:
    extraction = extract(make_doc("江苏南京市栖霞区星澜影视产业基地今日开园。"))
    base = entity(extraction, Label.BASE, "星澜影视产业基地")
    assert base.name == "星澜影视产业基地" and "江苏南京市栖霞区星澜影视产业基地" in base.aliases
    assert ("星澜影视产业基地", "栖霞区") in pairs(extraction, RelType.LOCATED_IN)


def test_a_government_keeps_its_innermost_place() -> None:
    extraction = extract(make_doc("江苏南京市栖霞区委宣传部发布通知。"))
    assert entity(extraction, Label.GOVERNMENT, "栖霞区委宣传部").name == "栖霞区委宣传部"
    assert entity(extraction, Label.REGION, "南京市").properties["adcode"] == "320100"


def test_english_names_open_with_a_place_named_on_its_own() -> None:
    body = "Qiantang District hosts the Qiantang Screen Industry Association, set up in May."
    doc = make_doc(body)
    doc.article.language = "en"
    found = pairs(extract(doc), RelType.LOCATED_IN)
    assert ("Qiantang Screen Industry Association", "Qiantang District") in found


def test_traditional_forms_are_aliases() -> None:
    body, original = "临平区文化和广电旅游体育局发布新政。", "臨平區文化和廣電旅遊體育局發布新政。"
    government = entity(extract(make_doc(body, original)), Label.GOVERNMENT, "临平区文化和广电旅游体育局")
    assert "臨平區文化和廣電旅遊體育局" in government.aliases


def test_holding_company_names_stay_whole() -> None:
    firm = entity(extract(make_doc("云帆影业控股有限公司发布新剧。")), Label.FIRM, "云帆影业控股有限公司")
    assert "云帆影业" in firm.aliases
