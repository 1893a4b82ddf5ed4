"""A small two-city graph for analytics and timelines: Shenzhen (with Pingshan, Nanshan) and Hangzhou.

Dates spread over 2024–2025 so that `as_of` and timelines have something to cut. Guangdong holds
Shenzhen, so Guangdong's own firm must never count for Shenzhen or Pingshan.
"""

from __future__ import annotations

from mdkg.graph.ontology import (
    Article,
    Entity,
    Evidence,
    GraphBatch,
    Label,
    Mention,
    Relationship,
    RelType,
    Subgraph,
    entity_id,
)

ARTICLES = [
    Article(id="t1", title="坪山出台扶持政策", source="深圳特区报", published_at="2024-03-05T08:00"),
    Article(id="t2", title="深圳微短剧大会开幕", source="南方日报", published_at="2024-09-10"),
    Article(id="t3", title="杭州设立产业基金", source="杭州日报", published_at="2025-01-15"),
    Article(id="t4", title="两地企业签约", source="证券时报", published_at="2025-06-20"),
]
T1, T2, T3, T4 = ARTICLES


def node(label: Label, name: str, seen: str | None, **props: object) -> Entity:
    return Entity(
        id=entity_id(label, name), label=label, name=name, properties=props, first_seen=seen, last_seen=seen
    )


GUANGDONG = node(Label.REGION, "广东省", "2024-03-05", level="Province", adcode="440000")
SHENZHEN = node(Label.REGION, "深圳市", "2024-03-05", level="City", adcode="440300")
PINGSHAN = node(Label.REGION, "坪山区", "2024-03-05", level="District", adcode="440310")
NANSHAN = node(Label.REGION, "南山区", "2024-09-10", level="District", adcode="440305")
HANGZHOU = node(Label.REGION, "杭州市", "2025-01-15", level="City", adcode="330100")
QIANTANG = node(Label.REGION, "钱塘区", "2025-01-15", level="District", adcode="330114")
CITY = node(Label.BASE, "坪山影视文化城", "2024-03-05")
PARK = node(Label.BASE, "智恒产业园", "2024-03-05")
FIRM_A = node(Label.FIRM, "深圳甲科技有限公司", "2024-03-05")
FIRM_B = node(Label.FIRM, "深圳乙文化有限公司", "2024-03-05")
FIRM_C = node(Label.FIRM, "深圳丙传媒有限公司", "2024-09-10")
FIRM_D = node(Label.FIRM, "杭州丁影视有限公司", "2025-01-15")
FIRM_E = node(Label.FIRM, "杭州戊网络有限公司", "2025-01-15")
FIRM_G = node(Label.FIRM, "广东己集团有限公司", "2024-03-05")
BUREAU = node(Label.GOVERNMENT, "坪山区文化广电旅游体育局", "2024-03-05")
HZ_GOV = node(Label.GOVERNMENT, "杭州市人民政府", "2025-01-15")
ASSOC = node(Label.ASSOCIATION, "深圳市微短剧产业协会", "2024-09-10")
POLICY_PS = node(Label.POLICY, "《坪山区微短剧扶持措施》", "2024-03-05", max_support_cny=5_000_000)
POLICY_QT = node(Label.POLICY, "《钱塘区微短剧十条》", "2025-01-15", max_support_cny=1_000_000)
POLICY_NS = node(Label.POLICY, "《南山区文化产业资助办法》", "2024-09-10")
FUND_HZ = node(Label.FUND, "杭州微短剧产业基金", "2025-01-15", amount_cny=50_000_000)
EVENT = node(Label.EVENT, "首届深圳微短剧大会", "2024-09-10")
UNDATED = node(Label.WORK, "《无日期》", None)

ENTITIES = [
    GUANGDONG, SHENZHEN, PINGSHAN, NANSHAN, HANGZHOU, QIANTANG, CITY, PARK,
    FIRM_A, FIRM_B, FIRM_C, FIRM_D, FIRM_E, FIRM_G, BUREAU, HZ_GOV, ASSOC,
    POLICY_PS, POLICY_QT, POLICY_NS, FUND_HZ, EVENT, UNDATED,
]  # fmt: skip

_position = iter(range(0, 10_000, 40))


def rel(kind: RelType, head: Entity, tail: Entity, article: Article, **props: object) -> Relationship:
    """A relationship stated by one made-up sentence of `article` (never corpus text)."""
    start = next(_position)
    sentence = f"{head.name}{kind.value.lower()}{tail.name}。"
    evidence = Evidence(
        article_id=article.id,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        extractor="test",
        confidence=0.9,
    )
    return Relationship(
        type=kind,
        source=head.id,
        target=tail.id,
        properties=props,
        evidence=[evidence],
        first_seen=article.date,
        last_seen=article.date,
    )


RELS = [
    rel(RelType.PART_OF, SHENZHEN, GUANGDONG, T1),
    rel(RelType.PART_OF, PINGSHAN, SHENZHEN, T1),
    rel(RelType.PART_OF, NANSHAN, SHENZHEN, T2),
    rel(RelType.PART_OF, QIANTANG, HANGZHOU, T3),
    rel(RelType.LOCATED_IN, CITY, PINGSHAN, T1),
    rel(RelType.PART_OF, PARK, CITY, T1),
    rel(RelType.LOCATED_IN, FIRM_A, PINGSHAN, T1),
    rel(RelType.LOCATED_IN, FIRM_B, PARK, T1),
    rel(RelType.LOCATED_IN, FIRM_C, NANSHAN, T2),
    rel(RelType.LOCATED_IN, FIRM_D, QIANTANG, T3),
    rel(RelType.LOCATED_IN, FIRM_E, HANGZHOU, T3),
    rel(RelType.LOCATED_IN, FIRM_G, GUANGDONG, T1),
    rel(RelType.LOCATED_IN, BUREAU, PINGSHAN, T1),
    rel(RelType.LOCATED_IN, HZ_GOV, HANGZHOU, T3),
    rel(RelType.LOCATED_IN, ASSOC, SHENZHEN, T2),
    rel(RelType.ISSUED, BUREAU, POLICY_PS, T1, date="2024-03-01"),
    rel(RelType.SUPPORTS, POLICY_PS, FIRM_A, T1, amount_cny=8_000_000),
    rel(RelType.SUPPORTS, POLICY_NS, NANSHAN, T2),
    rel(RelType.ISSUED, QIANTANG, POLICY_QT, T3),
    rel(RelType.ESTABLISHED, HZ_GOV, FUND_HZ, T3),
    rel(RelType.SUPPORTS, FUND_HZ, FIRM_D, T3),
    rel(RelType.HOSTED, ASSOC, EVENT, T2),
    rel(RelType.MEMBER_OF, FIRM_A, ASSOC, T2, role="会长单位"),
    rel(RelType.MEMBER_OF, FIRM_C, ASSOC, T2, role="副会长单位"),
    rel(RelType.MEMBER_OF, FIRM_B, ASSOC, T2, role="会员单位"),
    rel(RelType.PARTNERS_WITH, FIRM_A, FIRM_C, T2),
    rel(RelType.PARTNERS_WITH, FIRM_D, FIRM_E, T3),
    rel(RelType.PARTNERS_WITH, FIRM_A, FIRM_D, T4),
    rel(RelType.OPERATES, FIRM_A, CITY, T4),
]

BATCH = GraphBatch(
    articles=ARTICLES,
    entities=ENTITIES,
    relationships=RELS,
    mentions=[Mention(article_id="t1", entity_id=e.id) for e in ENTITIES[:3]],
)
GRAPH = Subgraph(nodes=ENTITIES, edges=RELS)
