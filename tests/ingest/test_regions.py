"""The region gazetteer on its vendored data and on small sentences written for these tests."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from mdkg.graph.ontology import RegionLevel
from mdkg.ingest.regions import MUNICIPALITIES, gazetteer

SHARED_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

# -- the data ---------------------------------------------------------------------------------
PRESENT = [  # code, name, short, level, parent
    ("440310", "坪山区", "坪山", RegionLevel.DISTRICT, "440300"),
    ("330114", "钱塘区", "钱塘", RegionLevel.DISTRICT, "330100"),
    ("330113", "临平区", "临平", RegionLevel.DISTRICT, "330100"),
    ("320113", "栖霞区", "栖霞", RegionLevel.DISTRICT, "320100"),
    ("370686", "栖霞市", "栖霞", RegionLevel.DISTRICT, "370600"),
    ("500157", "两江新区", "两江", RegionLevel.DISTRICT, "500000"),  # set up in November 2025
    ("653229", "和安县", "和安", RegionLevel.DISTRICT, "653200"),  # set up in 2024
    ("110105", "朝阳区", "朝阳", RegionLevel.DISTRICT, "110000"),  # districts of a municipality
    ("110000", "北京市", "北京", RegionLevel.PROVINCE, None),
    ("440300", "深圳市", "深圳", RegionLevel.CITY, "440000"),
    ("441900", "东莞市", "东莞", RegionLevel.CITY, "440000"),  # a city without counties
    ("429004", "仙桃市", "仙桃", RegionLevel.DISTRICT, "420000"),  # county-level, under the province
    ("422800", "恩施土家族苗族自治州", "恩施", RegionLevel.CITY, "420000"),
    ("150000", "内蒙古自治区", "内蒙古", RegionLevel.PROVINCE, None),
    ("410104", "管城回族区", "管城", RegionLevel.DISTRICT, "410100"),
    ("150724", "鄂温克族自治旗", "鄂温克", RegionLevel.DISTRICT, "150700"),
    ("320322", "沛县", "沛县", RegionLevel.DISTRICT, "320300"),  # never shortened to one character
    ("Z-420100-DH", "东湖新技术开发区", "光谷", RegionLevel.DISTRICT, "420100"),
    ("Z-610100-FD", "沣东新城", "沣东", RegionLevel.DISTRICT, "Z-610100-XX"),
    ("Z-000000-GBA", "粤港澳大湾区", "大湾区", None, None),
    ("330783123", "横店镇", "横店", RegionLevel.TOWN, "330783"),
]
GONE = ["500105", "500112"]  # 江北区 and 渝北区 became 两江新区

ENGLISH = [
    ("440310", "Pingshan District", "Pingshan"),
    ("610100", "Xi'an", "Xi'an"),
    ("610000", "Shaanxi", "Shanxi"),
    ("110105", "Chaoyang District", "Chaoyang"),
]


@pytest.mark.parametrize("code,name,short,level,parent", PRESENT, ids=[p[1] for p in PRESENT])
def test_region_rows(code, name, short, level, parent):
    region = gazetteer().get(code)
    assert region is not None
    assert (region.name, region.short, region.level, region.parent) == (name, short, level, parent)


@pytest.mark.parametrize("code", GONE)
def test_abolished_divisions_are_absent(code):
    assert gazetteer().get(code) is None


@pytest.mark.parametrize("code,english,pinyin", ENGLISH)
def test_english_and_pinyin(code, english, pinyin):
    region = gazetteer().get(code)
    assert region is not None and (region.english, region.pinyin) == (english, pinyin)


def test_counts_and_hierarchy_are_whole():
    regions = list(gazetteer())
    admin = [r for r in regions if r.kind == "admin"]
    levels = {level: sum(r.level is level for r in admin) for level in RegionLevel}
    assert levels[RegionLevel.PROVINCE] == 34 and levels[RegionLevel.CITY] == 333
    assert 2800 < levels[RegionLevel.DISTRICT] < 2900
    assert all(r.parent is None or gazetteer().get(r.parent) is not None for r in regions)
    assert all(len(r.short) >= 2 for r in regions)
    assert all(gazetteer().get(m).level is RegionLevel.PROVINCE for m in MUNICIPALITIES)


ANCESTORS = [
    ("440310", ["440300", "440000"]),
    ("110105", ["110000"]),
    ("330783123", ["330783", "330700", "330000"]),
    ("Z-610100-FD", ["Z-610100-XX", "610100", "610000"]),
    ("Z-000000-YRD", []),
]


@pytest.mark.parametrize("code,expected", ANCESTORS)
def test_ancestors_nearest_first(code, expected):
    assert [r.code for r in gazetteer().ancestors(code)] == expected


# -- resolution -------------------------------------------------------------------------------
# Sentences written for these tests; each with the codes resolve must return (as a set).
RESOLVE = [
    ("南京栖霞区启动了一项创投计划。", {"320100", "320113"}),
    ("栖霞位于南京东北部，是江苏的老工业区。", {"320113", "320100", "320000"}),
    ("烟台下辖的栖霞盛产苹果。", {"370600", "370686"}),
    ("山东栖霞的苹果很出名。", {"370000", "370686"}),
    ("栖霞是个好地方。", set()),
    ("深圳坪山打造影视文化城。", {"440300", "440310"}),
    ("杭州市临平区和钱塘区都在发力微短剧。", {"330100", "330113", "330114"}),
    ("浙江省杭州市临平区", {"330000", "330100", "330113"}),
    ("北京朝阳的一家公司", {"110000", "110105"}),
    ("长春市朝阳区的一家公司", {"220100", "220104"}),
    ("朝阳区的一家公司", {"110105"}),
    ("武汉东湖高新区发布新政。", {"420100", "Z-420100-DH"}),
    ("光谷的企业越来越多。", {"Z-420100-DH"}),
    ("陕西西咸新区沣东新城的基地", {"610000", "Z-610100-XX", "Z-610100-FD"}),
    ("青岛西海岸新区的基地", {"370200", "Z-370200-XHA"}),
    ("郑州航空港区出台支持政策。", {"410100", "Z-410100-HKG"}),  # 郑州 opens the name: nested
    ("粤港澳大湾区和长三角的城市", {"Z-000000-GBA", "Z-000000-YRD"}),
    ("他在横店拍戏。", {"330783123"}),
    ("多家企业落户光明。", {"440311"}),
    ("深圳市场很大。", {"440300"}),
    ("重庆两江新区", {"500000", "500157"}),
    ("吉林市的冬天很冷。", {"220200"}),
    ("长沙县的一家影视公司", {"430121"}),
    # a town right after its county, as a short form (嘉定安亭) or in full where the two read as one
    # word (东莞市|南城街道, not 市南)
    ("上海嘉定安亭的一家公司", {"310000", "310114", "310114103"}),
    ("这家公司位于东莞市南城街道。", {"441900", "441900004"}),
]
NOT_PLACES = [  # short forms that are everyday words, streets, ambiguous names: no region
    "这是一个朝阳产业。",
    "光明日报记者采访了导演。",
    "东方卫视播出了这部剧。",
    "他走在中山路上。",
    "双方签署合作协议，整合资源。",
    "短剧的东风吹到了这里。",
    "城区的影院爆满。",
    "Pingshan District announced new measures.",
    "Taizhou hosted the event.",
    "Zhang Jian directed the series.",
]
ENGLISH_RESOLVE = [
    ("Pingshan District in Shenzhen opened a film city.", {"440310", "440300"}),
    ("Shenzhen's Pingshan District opened a film city.", {"440300", "440310"}),
    ("The park in Pingshan District is large. Shenzhen leads the way.", {"440310", "440300"}),
    ("Pingshan County in Hebei Province", {"130131", "130000"}),
    ("Hangzhou's Linping district set up a base.", {"330100", "330113"}),
    ("The Linping district of Hangzhou", {"330113", "330100"}),
    ("Firms in Xi'an and Suzhou", {"610100", "320500"}),
    ("the Guangdong-Hong Kong-Macao Greater Bay Area", {"Z-000000-GBA"}),
    ("Optics Valley in Wuhan", {"Z-420100-DH", "420100"}),
]


@pytest.mark.parametrize(
    "text,codes", RESOLVE + ENGLISH_RESOLVE, ids=[t for t, _ in RESOLVE + ENGLISH_RESOLVE]
)
def test_resolve_by_context(text, codes):
    assert {r.region.code for r in gazetteer().resolve(text)} == codes


@pytest.mark.parametrize("text", NOT_PLACES)
def test_not_places(text):
    assert gazetteer().resolve(text) == []


def test_find_lists_every_candidate():
    mentions = gazetteer().find("栖霞和Pingshan")
    assert [(m.start, m.end, m.surface) for m in mentions] == [(0, 2, "栖霞"), (3, 11, "Pingshan")]
    assert set(mentions[0].candidates) == {"320113", "370686"}
    assert {"440310", "130131", "511529", "210502"} <= set(mentions[1].candidates)


def test_find_keeps_text_order_across_scripts():
    mentions = gazetteer().find("Pingshan, 青岛西海岸新区")
    assert [(m.start, m.surface, m.nested) for m in mentions] == [
        (0, "Pingshan", False),
        (10, "青岛", True),
        (10, "青岛西海岸新区", False),
    ]


STANDALONE = [  # text, surface, standalone
    ("北京大学的专家发言。", "北京", False),
    ("《坪山区促进微短剧产业发展若干措施》发布。深圳", "坪山区", False),
    ("新华网北京1月14日电 北京的影视企业很多。", "北京", False),
    ("央广网西安12月1日消息 西安的影视企业很多。", "西安", False),
    ("信网青岛4月19日讯 青岛的影视企业很多。", "青岛", False),
    ("据“浙江发布”消息，浙江的影视企业很多。", "浙江", False),
    ("来源：杭州发布\n杭州的影视企业很多。", "杭州", False),
    ("郑州发布《微短剧扶持方案》。", "郑州", True),
    ("人民网西安1月20日\n西安的影视企业很多。", "西安", False),
    ("海看网络科技(山东)股份有限公司", "山东", False),
    ("Researchers at Shanghai Jiao Tong University", "Shanghai", False),
    ("It is performed in Sichuan dialect.", "Sichuan", False),
    ("厦门的影视企业正在出海。", "厦门", True),
]


@pytest.mark.parametrize("text,surface,standalone", STANDALONE)
def test_mentions_inside_names(text, surface, standalone):
    first = next(r for r in gazetteer().resolve(text) if r.surface == surface)
    assert first.standalone is standalone


def test_names_given_by_the_caller():
    text = "杭州星河映画公司"
    assert [r.standalone for r in gazetteer().resolve(text, names=[(0, len(text))])] == [False]


PREFIXES = [
    ("深圳市微短剧产业协会", "440300"),
    ("南京市栖霞区委宣传部", "320113"),
    ("杭州星河映画文化传媒有限公司", "330100"),
    ("漫森(深圳)文化传媒有限公司", "440300"),
    ("上海市文化和旅游局", "310000"),
    ("中山大学", None),
    ("光明日报社", None),
    ("红果短剧", None),
]


@pytest.mark.parametrize("name,code", PREFIXES)
def test_is_region_prefix(name, code):
    region = gazetteer().is_region_prefix(name)
    assert (region.code if region else None) == code


PART_OF = [
    (["440310", "440300", "440000"], [("440310", "440300"), ("440300", "440000")]),
    (["440310", "440000"], [("440310", "440000")]),  # 深圳 not named: straight to the province
    (["Z-610100-FD", "Z-610100-XX", "610100"], [("Z-610100-FD", "Z-610100-XX"), ("Z-610100-XX", "610100")]),
    (["330783123", "330783"], [("330783123", "330783")]),
    (["440310", "320113"], []),
]


@pytest.mark.parametrize("codes,pairs", PART_OF)
def test_part_of_pairs(codes, pairs):
    assert gazetteer().part_of_pairs(codes) == pairs


# -- the shared gold sets ---------------------------------------------------------------------
_FOLD = re.compile(r"[\s\W_]+", re.UNICODE)


def _norm(text: str) -> str:
    return _FOLD.sub("", unicodedata.normalize("NFKC", text).casefold())


@pytest.mark.parametrize("name", ["000_c1d3601ce5bf4ed0", "news-dev"])
def test_region_quality_on_gold(name):
    """Standalone regions per article against the gold Region entities: precision and recall floors."""
    from mdkg.ingest.normalise import normalise
    from mdkg.ingest.read import read_path

    gold_path = SHARED_CORPUS / f"{name}.gold.jsonl"
    if not gold_path.exists():
        pytest.skip(f"{gold_path} is absent: the shared gold sets are only on the project's own machines")
    gold = {
        _norm(row["title"])[:60]: row for row in map(json.loads, gold_path.read_text("utf-8").splitlines())
    }
    tp = fp = fn = 0
    for doc in map(normalise, read_path(SHARED_CORPUS / f"{name}.txt")):
        row = gold[_norm(doc.original_title or doc.article.title)[:60]]
        wanted = [
            {_norm(f) for f in [e["name"], *e["aliases"]]} for e in row["entities"] if e["type"] == "Region"
        ]
        found: dict[str, set[str]] = {}
        for r in gazetteer().resolve(doc.text):
            if r.standalone:
                found.setdefault(r.region.code, set()).update(
                    _norm(f) for f in (r.surface, r.region.name, r.region.short, r.region.english)
                )
        matched = {i for forms in found.values() for i, w in enumerate(wanted) if forms & w}
        tp, fp, fn = tp + len(matched), fp + len(found) - len(matched), fn + len(wanted) - len(matched)
    assert tp / (tp + fp) >= 0.9 and tp / (tp + fn) >= 0.9, (tp, fp, fn)
