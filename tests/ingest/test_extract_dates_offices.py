"""Offices named by level alone take their region; founding and issuing relations take their date."""

from __future__ import annotations

import pytest

from mdkg.graph.ontology import Evidence, Label, RelType
from mdkg.ingest.extract.dates import date_in, date_relations
from mdkg.ingest.extract.offices import qualify_offices
from mdkg.ingest.types import ExtractedEntity, ExtractedRelation

DATES = [
    ("区委宣传部于2024年3月发布扶持办法。", 2025, "2024-03"),
    ("3月27日，联盟在临平成立。", 2025, "2025-03-27"),
    ("The association was founded on May 8, 2025 in Hangzhou.", None, "2025-05-08"),
    ("The plan was issued in June 2024.", None, "2024-06"),
    ("2025年，全区出台多项政策。", 2025, None),
    ("基地面积达12万平方米。", 2025, None),
]


@pytest.mark.parametrize(("sentence", "year", "expected"), DATES)
def test_date_in(sentence: str, year: int | None, expected: str | None) -> None:
    assert date_in(sentence, year) == expected


def _region(name: str, level: str) -> ExtractedEntity:
    return ExtractedEntity(label=Label.REGION, name=name, properties={"level": level})


OFFICE = ExtractedEntity(label=Label.GOVERNMENT, name="区委宣传部")
POLICY = ExtractedEntity(label=Label.POLICY, name="微短剧扶持办法")
EVIDENCE = Evidence(article_id="a", sentence="区委宣传部于2024年3月发布扶持办法。", start=0, end=18,
                    extractor="t", confidence=0.8)  # fmt: skip
ISSUED = ExtractedRelation(type=RelType.ISSUED, head=OFFICE.key, tail=POLICY.key, evidence=EVIDENCE)


def test_a_bare_district_office_takes_the_one_district_named() -> None:
    regions = [_region("南京市", "City"), _region("栖霞区", "District")]
    entities, relations = qualify_offices([*regions, OFFICE, POLICY], [ISSUED])
    office = next(e for e in entities if e.label is Label.GOVERNMENT)
    assert office.name == "栖霞区委宣传部" and office.aliases == ["区委宣传部"]
    assert relations[0].head == (Label.GOVERNMENT, "栖霞区委宣传部")


def test_a_bare_city_office_takes_the_one_municipality_named() -> None:
    office = ExtractedEntity(label=Label.GOVERNMENT, name="市广电局")
    chongqing = ExtractedEntity(
        label=Label.REGION, name="重庆", properties={"level": "Province", "adcode": "500000"}
    )
    sichuan = ExtractedEntity(
        label=Label.REGION, name="四川", properties={"level": "Province", "adcode": "510000"}
    )
    entities, _ = qualify_offices([chongqing, sichuan, office], [])
    assert any(e.name == "重庆市广电局" for e in entities)


@pytest.mark.parametrize(
    "regions",
    [[_region("南京市", "City")], [_region("栖霞区", "District"), _region("鼓楼区", "District")], []],
)
def test_no_single_region_of_that_level_leaves_the_name(regions: list[ExtractedEntity]) -> None:
    entities, relations = qualify_offices([*regions, OFFICE], [ISSUED])
    assert OFFICE in entities and relations == [ISSUED]


def test_dates_go_on_founding_and_issuing_only() -> None:
    partner = ISSUED.model_copy(update={"type": RelType.PARTNERS_WITH})
    dated, undated = date_relations([ISSUED, partner], "2025-04-01")
    assert dated.properties == {"date": "2024-03"} and undated.properties == {}


def test_every_role_term_passes_the_cheap_role_check() -> None:
    from mdkg.ingest.extract.patterns import _ROLE_HINT
    from mdkg.ingest.extract.resources import resources

    assert all(_ROLE_HINT.search(term) for term in resources().roles)
