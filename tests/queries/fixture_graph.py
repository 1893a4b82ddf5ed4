"""The fixture graph the stored Cypher queries are tested on.

Richer than tests/sample_graph.py: a province, two cities, districts and a town in PART_OF chains,
firms of several segments in several regions and bases, an association with members of several ranks,
policies and funds with amounts, bases with operators, events, and six articles from four outlets
(one story reprinted by a fifth). Sentences are made up for the tests. Mentions, and the first and last
dates of every entity, follow from the relationships each article is evidence for, as after ingest.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from mdkg.graph.corrections import Correction, Kind
from mdkg.graph.neo4j_store import Neo4jStore
from mdkg.graph.ontology import (
    Article,
    Entity,
    Evidence,
    GraphBatch,
    Label,
    Mention,
    Relationship,
    RelType,
    Reprint,
    entity_id,
    relationship_id,
)

A1 = Article(id="q1", title="坪山区出台微短剧产业扶持措施", source="深圳特区报", published_at="2024-11-20")
A2 = Article(
    id="q2",
    title="深圳市微短剧产业协会成立",
    source="南方日报",
    published_at="2025-01-15T10:00",
    reprints=[Reprint(title="深圳微短剧协会成立", source="深圳新闻网", published_at="2025-01-16")],
)
A6 = Article(id="q6", title="深圳发布微短剧精品扶持计划", source="深圳特区报", published_at="2025-02-10")
A3 = Article(id="q3", title="天河区出台微短剧十条", source="广州日报", published_at="2025-04-01")
A4 = Article(id="q4", title="星河影视与红果平台签约", source="南方日报", published_at="2025-05-20")
A5 = Article(
    id="q5",
    title="Pingshan film city adds studios",
    source="Shenzhen Daily",
    published_at="2025-06-10",
    language="en",
    url="https://example.org/pingshan-studios",
)
ARTICLES = [A1, A2, A6, A3, A4, A5]


def make(label: Label, name: str, **props: object) -> Entity:
    """Ids as the resolver gives them: a region with a code is `region:<code>`."""
    ident = (
        f"region:{props['adcode']}" if label is Label.REGION and "adcode" in props else entity_id(label, name)
    )
    return Entity(id=ident, label=label, name=name, properties=props)


GUANGDONG = make(Label.REGION, "广东省", level="Province", adcode="440000")
SHENZHEN = make(Label.REGION, "深圳市", level="City", adcode="440300")
GUANGZHOU = make(Label.REGION, "广州市", level="City", adcode="440100")
PINGSHAN = make(Label.REGION, "坪山区", level="District", adcode="440310")
NANSHAN = make(Label.REGION, "南山区", level="District", adcode="440305")
TIANHE = make(Label.REGION, "天河区", level="District", adcode="440106")
KENGZI = make(Label.REGION, "坑梓街道", level="Town")

GOV_PINGSHAN = make(Label.GOVERNMENT, "深圳市坪山区人民政府", level="district")
GOV_SHENZHEN = make(Label.GOVERNMENT, "深圳市文化广电旅游体育局", level="city")
GOV_TIANHE = make(Label.GOVERNMENT, "广州市天河区人民政府", level="district")

BASE_PINGSHAN = make(Label.BASE, "坪山影视文化城", studios=12)
BASE_TIANHE = make(Label.BASE, "天河数字影视产业园")

XINGHE = make(Label.FIRM, "深圳市星河影视有限公司", segments=["production", "post_production"])
HONGGUO = make(Label.FIRM, "深圳市红果平台科技有限公司", segments=["platform"])
SHUYAN = make(Label.FIRM, "深圳市数眼科技有限公司", segments=["data_services", "technology"])
LIULIANG = make(Label.FIRM, "广州市流量营销有限公司", segments=["marketing"])
JUBEN = make(Label.FIRM, "广州市剧本工坊有限公司", segments=["ip_script"])
CHUHAI = make(Label.FIRM, "深圳市出海传媒有限公司", segments=["overseas", "marketing"])

ASSOC = make(Label.ASSOCIATION, "深圳市微短剧产业协会", founded="2025-01-15")
POLICY_PINGSHAN = make(
    Label.POLICY,
    "《坪山区促进微短剧产业发展若干措施》",
    issued="2024-11-20",
    measures=10,
    max_support_cny=5e6,
)
POLICY_SHENZHEN = make(Label.POLICY, "《深圳市微短剧精品扶持计划》", issued="2025-02-10", max_support_cny=1e6)
POLICY_TIANHE = make(
    Label.POLICY, "《天河区微短剧十条》", issued="2025-04-01", measures=10, max_support_cny=3e6
)
FUND_PINGSHAN = make(Label.FUND, "坪山区微短剧产业发展基金", amount_cny=1e8, period="2025-2027")
FUND_TIANHE = make(Label.FUND, "天河区网络视听产业引导资金", amount_cny=5e7)
WORK_GUITU = make(Label.WORK, "《归途》", kind="微短剧")
WORK_MINGYUE = make(Label.WORK, "《海上明月》", kind="微短剧")
SUMMIT = make(Label.EVENT, "首届深圳微短剧大会", date="2025-01-15")
CAMP = make(Label.EVENT, "天河微短剧创作营", date="2025-06-20")

_ENTITIES = [
    GUANGDONG, SHENZHEN, GUANGZHOU, PINGSHAN, NANSHAN, TIANHE, KENGZI,
    GOV_PINGSHAN, GOV_SHENZHEN, GOV_TIANHE, BASE_PINGSHAN, BASE_TIANHE,
    XINGHE, HONGGUO, SHUYAN, LIULIANG, JUBEN, CHUHAI, ASSOC,
    POLICY_PINGSHAN, POLICY_SHENZHEN, POLICY_TIANHE, FUND_PINGSHAN, FUND_TIANHE,
    WORK_GUITU, WORK_MINGYUE, SUMMIT, CAMP,
]  # fmt: skip

# (type, head, tail, properties, [(article, sentence), …]); offsets are made up per article.
_R = RelType
_FACTS: list[tuple[RelType, Entity, Entity, dict[str, object], list[tuple[Article, str]]]] = [
    (_R.PART_OF, SHENZHEN, GUANGDONG, {}, [(A1, "深圳市是广东省的副省级市。")]),
    (_R.PART_OF, PINGSHAN, SHENZHEN, {}, [(A1, "坪山区位于深圳市东北部。")]),
    (_R.LOCATED_IN, GOV_PINGSHAN, PINGSHAN, {}, [(A1, "坪山区人民政府设在坪山区。")]),
    (_R.ISSUED, GOV_PINGSHAN, POLICY_PINGSHAN, {"date": "2024-11-20"}, [(A1, "坪山区政府印发若干措施。")]),
    (_R.SUPPORTS, POLICY_PINGSHAN, BASE_PINGSHAN, {"amount_cny": 5e6}, [(A1, "措施给予影视城最高500万元。")]),
    (_R.SUPPORTS, POLICY_PINGSHAN, XINGHE, {"amount_cny": 2e6}, [(A1, "星河影视获得200万元扶持。")]),
    (_R.ESTABLISHED, GOV_PINGSHAN, FUND_PINGSHAN, {"date": "2024-12-01"}, [(A1, "区政府将于12月设立基金。")]),
    (_R.LOCATED_IN, XINGHE, BASE_PINGSHAN, {}, [(A1, "星河影视已入驻坪山影视文化城。")]),
    (_R.OPERATES, GOV_PINGSHAN, BASE_PINGSHAN, {}, [(A1, "影视文化城由区政府统筹建设。")]),
    (_R.PART_OF, NANSHAN, SHENZHEN, {}, [(A2, "南山区是深圳市的科技重镇。")]),
    (_R.LOCATED_IN, ASSOC, SHENZHEN, {}, [(A2, "协会设在深圳市。")]),
    (_R.LOCATED_IN, GOV_SHENZHEN, SHENZHEN, {}, [(A2, "市文广旅体局位于深圳市。")]),
    (_R.ESTABLISHED, GOV_SHENZHEN, ASSOC, {"date": "2025-01-15"}, [(A2, "市文广旅体局指导成立协会。")]),
    (_R.MEMBER_OF, SHUYAN, ASSOC, {"role": "会长单位"}, [(A2, "数眼科技当选会长单位。")]),
    (_R.MEMBER_OF, XINGHE, ASSOC, {"role": "副会长单位"}, [(A2, "星河影视为副会长单位。")]),
    (_R.MEMBER_OF, HONGGUO, ASSOC, {"role": "副会长单位"}, [(A2, "红果平台为副会长单位。")]),
    (_R.MEMBER_OF, BASE_PINGSHAN, ASSOC, {"role": "会员单位"}, [(A2, "坪山影视文化城为会员单位。")]),
    (_R.LOCATED_IN, HONGGUO, NANSHAN, {}, [(A2, "红果平台总部在南山区。")]),
    (_R.LOCATED_IN, SHUYAN, NANSHAN, {}, [(A2, "数眼科技位于南山区。")]),
    (_R.LOCATED_IN, SUMMIT, NANSHAN, {}, [(A2, "大会在南山区举行。")]),
    (_R.HOSTED, ASSOC, SUMMIT, {}, [(A2, "协会主办首届大会。")]),
    (_R.HOSTED, GOV_SHENZHEN, SUMMIT, {}, [(A2, "市文广旅体局联合主办大会。")]),
    (_R.PARTNERS_WITH, SHUYAN, HONGGUO, {}, [(A2, "数眼科技与红果平台达成数据合作。")]),
    (_R.ISSUED, GOV_SHENZHEN, POLICY_SHENZHEN, {"date": "2025-02-10"}, [(A6, "市文广旅体局发布扶持计划。")]),
    (_R.SUPPORTS, POLICY_SHENZHEN, SHUYAN, {"amount_cny": 8e5}, [(A6, "数眼科技获80万元支持。")]),
    (_R.SUPPORTS, POLICY_SHENZHEN, WORK_GUITU, {"amount_cny": 1e6}, [(A6, "《归途》获100万元奖励。")]),
    (_R.PRODUCED, XINGHE, WORK_GUITU, {}, [(A6, "《归途》由星河影视出品。")]),
    (_R.PART_OF, GUANGZHOU, GUANGDONG, {}, [(A3, "广州市是广东省省会。")]),
    (_R.PART_OF, TIANHE, GUANGZHOU, {}, [(A3, "天河区是广州市中心城区。")]),
    (_R.ISSUED, TIANHE, POLICY_TIANHE, {"date": "2025-04-01"}, [(A3, "天河区出台十条措施。")]),
    (_R.SUPPORTS, POLICY_TIANHE, LIULIANG, {"amount_cny": 3e5}, [(A3, "流量营销获30万元补贴。")]),
    (_R.LOCATED_IN, GOV_TIANHE, TIANHE, {}, [(A3, "天河区人民政府在天河区。")]),
    (_R.ESTABLISHED, GOV_TIANHE, FUND_TIANHE, {"date": "2025-04-01"}, [(A3, "区政府设立引导资金。")]),
    (_R.SUPPORTS, FUND_TIANHE, BASE_TIANHE, {"amount_cny": 2.5e6}, [(A3, "产业园获250万元资金。")]),
    (_R.LOCATED_IN, BASE_TIANHE, TIANHE, {}, [(A3, "产业园位于天河区。")]),
    (_R.OPERATES, GOV_TIANHE, BASE_TIANHE, {}, [(A3, "区政府运营产业园。")]),
    (_R.LOCATED_IN, LIULIANG, BASE_TIANHE, {}, [(A3, "流量营销入驻产业园。")]),
    (_R.LOCATED_IN, SHUYAN, BASE_TIANHE, {}, [(A3, "数眼科技在产业园设立分部。")]),
    (_R.LOCATED_IN, JUBEN, TIANHE, {}, [(A3, "剧本工坊扎根天河区。")]),
    (_R.PARTNERS_WITH, JUBEN, XINGHE, {}, [(A3, "剧本工坊与星河影视联合开发剧本。")]),
    (_R.PARTNERS_WITH, HONGGUO, LIULIANG, {}, [(A3, "红果平台携手流量营销推广新剧。")]),
    (
        _R.PARTNERS_WITH,
        XINGHE,
        HONGGUO,
        {},
        [(A4, "星河影视与红果平台签约。"), (A5, "Xinghe signed with Hongguo.")],
    ),
    (_R.SUBSIDIARY_OF, CHUHAI, HONGGUO, {}, [(A4, "出海传媒是红果平台的子公司。")]),
    (_R.LOCATED_IN, CHUHAI, PINGSHAN, {}, [(A4, "出海传媒落户坪山区。")]),
    (_R.MEMBER_OF, CHUHAI, ASSOC, {"role": "理事单位"}, [(A4, "出海传媒加入协会任理事单位。")]),
    (_R.PRODUCED, CHUHAI, WORK_MINGYUE, {}, [(A4, "出海传媒出品《海上明月》。")]),
    (_R.LOCATED_IN, XINGHE, TIANHE, {}, [(A4, "星河影视在天河区开设分公司。")]),
    (_R.PART_OF, KENGZI, PINGSHAN, {}, [(A5, "Kengzi is a subdistrict of Pingshan.")]),
    (_R.LOCATED_IN, BASE_PINGSHAN, KENGZI, {}, [(A5, "The film city lies in Kengzi.")]),
    (_R.OPERATES, XINGHE, BASE_PINGSHAN, {}, [(A5, "Xinghe runs two studios of the film city.")]),
    (_R.SUPPORTS, FUND_PINGSHAN, XINGHE, {"amount_cny": 1.5e6}, [(A5, "The fund put 1.5 million yuan in.")]),
    (_R.LOCATED_IN, CAMP, BASE_TIANHE, {}, [(A5, "The camp meets at Tianhe park.")]),
    (_R.HOSTED, GOV_TIANHE, CAMP, {}, [(A5, "Tianhe's government hosts the camp.")]),
]


def _relationship(
    fact: tuple[RelType, Entity, Entity, dict[str, object], list[tuple[Article, str]]],
) -> Relationship:
    kind, head, tail, props, said = fact
    evidence = [
        Evidence(
            article_id=a.id, sentence=s, start=10 * i, end=10 * i + len(s), extractor="test", confidence=0.9
        )
        for i, (a, s) in enumerate(said)
    ]
    dates = sorted(a.date for a, _ in said if a.date)
    return Relationship(
        type=kind, source=head.id, target=tail.id, properties=props, evidence=evidence,
        first_seen=dates[0], last_seen=dates[-1],
    )  # fmt: skip


RELATIONSHIPS = [_relationship(f) for f in _FACTS]


def _mentions() -> list[Mention]:
    counts: Counter[tuple[str, str]] = Counter()
    for _, head, tail, _, said in _FACTS:
        for article, _ in said:
            counts[(article.id, head.id)] += 1
            counts[(article.id, tail.id)] += 1
    return [Mention(article_id=a, entity_id=e, count=n) for (a, e), n in sorted(counts.items())]


MENTIONS = _mentions()


def _dated(entity: Entity) -> Entity:
    dates: dict[str, list[str]] = defaultdict(list)
    by_id = {a.id: a for a in ARTICLES}
    for m in MENTIONS:
        dates[m.entity_id].append(by_id[m.article_id].date or "")
    seen = sorted(dates[entity.id])
    sources = sorted({m.article_id for m in MENTIONS if m.entity_id == entity.id})
    return entity.model_copy(update={"first_seen": seen[0], "last_seen": seen[-1], "sources": sources})


ENTITIES = [_dated(e) for e in _ENTITIES]
BATCH = GraphBatch(articles=ARTICLES, entities=ENTITIES, relationships=RELATIONSHIPS, mentions=MENTIONS)


# a researcher vouches for one partnership (queries/confirmed_relationships.cypher)
CONFIRMED = Correction(
    kind=Kind.CONFIRM, target=relationship_id(_R.PARTNERS_WITH, SHUYAN.id, HONGGUO.id), who="林研究员",
    why="两家公司的公告都提到了这项合作", at="2025-07-01T08:00:00+00:00", id="c-000000000001",
)  # fmt: skip


def neo4j_with_fixture_graph(server: Any) -> Iterator[Neo4jStore]:
    """A store on the test server holding the fixture graph, emptied afterwards (for module fixtures:
    the stored queries only read, so one write serves a whole module)."""
    store = Neo4jStore(server.uri, server.user, server.password)
    store.clear()
    store.write(BATCH)
    store.correct(CONFIRMED)
    try:
        yield store
    finally:
        store.clear()
        store.close()
