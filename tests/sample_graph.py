"""A small graph shared by the store contract tests and the API tests."""

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
    entity_id,
)

ART_1 = Article(
    id="a1", title="坪山发布扶持措施", source="测试日报", published_at="2025-03-01T09:00", language="zh"
)
ART_2 = Article(
    id="a2", title="Pingshan signs studios", source="Test Daily", published_at="2025-06-01", language="en"
)


def make_entity(label: Label, name: str, *aliases: str, **props: object) -> Entity:
    return Entity(id=entity_id(label, name), label=label, name=name, aliases=list(aliases), properties=props)


SHENZHEN = make_entity(Label.REGION, "深圳市", "深圳", "Shenzhen", level="City", adcode="440300")
PINGSHAN = make_entity(Label.REGION, "坪山区", "坪山", "Pingshan District", level="District", adcode="440310")
ASSOC = make_entity(Label.ASSOCIATION, "深圳市微短剧产业协会", "深圳微短剧协会")
FIRM_A = make_entity(
    Label.FIRM, "深圳市甲乙科技有限公司", "甲乙科技", "Jiayi Tech", segments=["data_services"]
)
FIRM_B = make_entity(Label.FIRM, "深圳丙丁文化传媒有限公司", "丙丁文化")
BASE = make_entity(Label.BASE, "坪山影视文化城")
ISOLATED = make_entity(Label.WORK, "《孤岛》")
ENTITIES = [SHENZHEN, PINGSHAN, ASSOC, FIRM_A, FIRM_B, BASE, ISOLATED]


def make_evidence(article: Article, sentence: str, start: int) -> Evidence:
    return Evidence(
        article_id=article.id,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        extractor="test",
        confidence=0.8,
    )


def make_rel(
    kind: RelType,
    head: Entity,
    tail: Entity,
    article: Article,
    sentence: str,
    start: int = 0,
    **props: object,
) -> Relationship:
    return Relationship(
        type=kind,
        source=head.id,
        target=tail.id,
        properties=props,
        evidence=[make_evidence(article, sentence, start)],
        first_seen=article.date,
        last_seen=article.date,
    )


RELS = [
    make_rel(RelType.PART_OF, PINGSHAN, SHENZHEN, ART_1, "坪山区位于深圳市东部。"),
    make_rel(RelType.MEMBER_OF, FIRM_A, ASSOC, ART_1, "甲乙科技担任会长单位。", 10, role="会长单位"),
    make_rel(RelType.LOCATED_IN, FIRM_B, BASE, ART_1, "丙丁文化入驻坪山影视文化城。", 30),
    make_rel(RelType.LOCATED_IN, BASE, PINGSHAN, ART_1, "坪山影视文化城位于坪山区。", 50),
    make_rel(RelType.PARTNERS_WITH, FIRM_B, FIRM_A, ART_2, "Bingding signed with Jiayi.", 0),
]
BATCH = GraphBatch(
    articles=[ART_1, ART_2],
    entities=ENTITIES,
    relationships=RELS,
    mentions=[Mention(article_id="a1", entity_id=e.id, count=2) for e in ENTITIES[:6]],
)
