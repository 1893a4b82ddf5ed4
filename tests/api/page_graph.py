"""The graph the page tests draw: the shared sample graph, firms along the chain, and a crowded district."""

from __future__ import annotations

from mdkg.graph.ontology import Article, GraphBatch, Label, Relationship, RelType
from tests.sample_graph import (
    ART_1,
    ART_2,
    BATCH,
    FIRM_A,
    FIRM_B,
    PINGSHAN,
    make_entity,
    make_evidence,
    make_rel,
)

ART_3 = Article(
    id="a3",
    title="星河影业签约红果",
    source="测试晚报",
    published_at="2025-09-01T08:00",
    url="https://example.com/news/3",
)
PRODUCER = make_entity(Label.FIRM, "杭州星河影业有限公司", "星河影业", segments=["production"])
PLATFORM = make_entity(Label.FIRM, "北京红果科技有限公司", "红果短剧", segments=["platform"])
MARKETER = make_entity(Label.FIRM, "上海流量营销有限公司", "流量营销", segments=["marketing", "overseas"])
SIGNED = "星河影业与红果短剧签约独家分发。"

CHAIN_RELS = [
    make_rel(RelType.PARTNERS_WITH, PRODUCER, PLATFORM, ART_3, SIGNED),
    make_rel(RelType.PARTNERS_WITH, MARKETER, PLATFORM, ART_2, "Liuliang markets Hongguo dramas.", 40),
    make_rel(RelType.PARTNERS_WITH, FIRM_A, PRODUCER, ART_1, "甲乙科技为星河影业提供数据服务。", 70),
    make_rel(RelType.LOCATED_IN, PRODUCER, PINGSHAN, ART_3, "星河影业落户坪山区。", 30),
]
PAGE_BATCH = GraphBatch(
    articles=[*BATCH.articles, ART_3],
    entities=[*BATCH.entities, PRODUCER, PLATFORM, MARKETER],
    relationships=[*BATCH.relationships, *CHAIN_RELS],
)

# A chain whose longest names sit at its edges: the first column, the last, and the services beneath.
WRITER = make_entity(
    Label.FIRM, "上海阅文集团网络文学版权运营股份有限公司", segments=["ip_script", "copyright"]
)
REELSHORT = make_entity(
    Label.FIRM, "Shenzhen Maple Leaf Interactive Technology Co., Ltd.", "ReelShort", segments=["overseas"]
)
RIGHTS = make_entity(Label.FIRM, "北京市数字版权交易与保护服务中心有限公司", segments=["copyright"])
STUDIOS = make_entity(Label.FIRM, "横店影视城微短剧拍摄基地运营服务有限公司", segments=["bases_services"])
EDITORS = make_entity(Label.FIRM, "杭州剪辑师后期制作有限公司", segments=["post_production"])
CHAIN_EDGES = [
    (WRITER, PRODUCER, "阅文集团将网文改编权授予星河影业。"),
    (PRODUCER, EDITORS, "星河影业委托剪辑师公司完成后期制作。"),
    (PLATFORM, REELSHORT, "红果短剧与ReelShort合作出海发行。"),
    (RIGHTS, WRITER, "版权中心为阅文集团提供版权登记。"),
    (STUDIOS, PRODUCER, "星河影业在横店基地拍摄。"),
]
CHAIN_BATCH = GraphBatch(
    articles=[ART_3],
    entities=[WRITER, REELSHORT, RIGHTS, STUDIOS, EDITORS],
    relationships=[make_rel(RelType.PARTNERS_WITH, a, b, ART_3, text) for a, b, text in CHAIN_EDGES],
)

# A district with more actors than a page draws: every firm sits in it, every tenth partners with the next.
CROWDED = make_entity(Label.REGION, "拥挤区", level="District")
CROWDED_FIRMS = 1500


def crowded_batch(firms: int = CROWDED_FIRMS) -> GraphBatch:
    entities = [make_entity(Label.FIRM, f"拥挤影视{i:04d}有限公司") for i in range(firms)]
    evidence = make_evidence(ART_1, "入驻拥挤区。", 90)
    rels = [
        Relationship(type=RelType.LOCATED_IN, source=e.id, target=CROWDED.id, evidence=[evidence])
        for e in entities
    ]
    rels += [
        Relationship(type=RelType.PARTNERS_WITH, source=a.id, target=b.id, evidence=[evidence])
        for a, b in zip(entities[::10], entities[1::10], strict=False)
    ]
    return GraphBatch(entities=[CROWDED, *entities], relationships=rels)


__all__ = ["CHAIN_BATCH", "FIRM_B", "PAGE_BATCH", "crowded_batch"]
