"""A small graph for the export tests: the shared sample graph plus what CSV quoting must survive
(commas, quotes, a line break and, in one variant, a `;` inside a sentence), typed properties and an
article with a reprint that has no URL."""

from __future__ import annotations

from mdkg.graph.ontology import Article, Entity, GraphBatch, Label, Mention, RelType, Reprint
from tests.sample_graph import ART_1, ART_2, ASSOC, ENTITIES, FIRM_A, RELS, make_entity, make_rel

QUOTED_SENTENCE = '坪山基金向"甲乙科技"拨付资金, 用于\n微短剧制作。'
SEMICOLON_SENTENCE = "The fund paid Jiayi Tech; the money goes to production."

ART_3 = Article(
    id="a3",
    title="基金拨付 (转载)",
    source="测试晚报",
    published_at="2025-08-01",
    url="https://example.org/a3",
    reprints=[Reprint(title='转载: "基金, 拨付"', source="某网")],
)
FUND = make_entity(Label.FUND, "坪山微短剧产业基金", "坪山基金", amount_cny=50_000_000.0, period="2025-2027")
STUDIO = make_entity(Label.BASE, "甲乙摄影棚", studios=12, area_sqm=3500.5)


def seen_in(entity: Entity, article: Article) -> Entity:
    return entity.model_copy(
        update={"sources": [article.id], "first_seen": article.date, "last_seen": article.date}
    )


def export_batch(sentence: str = QUOTED_SENTENCE) -> GraphBatch:
    """Every entity cites (and is mentioned by) a1; the fund and the studio only a3."""
    entities = [seen_in(e, ART_1) for e in ENTITIES] + [seen_in(FUND, ART_3), seen_in(STUDIO, ART_3)]
    support = make_rel(RelType.SUPPORTS, FUND, FIRM_A, ART_3, sentence, 5, amount_cny=2_000_000.0)
    located = make_rel(RelType.OPERATES, FIRM_A, STUDIO, ART_3, "甲乙科技运营甲乙摄影棚。", 80)
    return GraphBatch(
        articles=[ART_1, ART_2, ART_3],
        entities=entities,
        relationships=[*RELS, support, located],
        mentions=[Mention(article_id=e.sources[0], entity_id=e.id, count=1) for e in entities],
    )


LATER_SENTENCE = "甲乙科技连任深圳市微短剧产业协会会长单位。"


def later_batch() -> GraphBatch:
    """What a3 (2025-08-01) adds to things first seen in a1 (2025-03-01): a second sentence for the
    MEMBER_OF edge and a second source for the firm."""
    member = make_rel(RelType.MEMBER_OF, FIRM_A, ASSOC, ART_3, LATER_SENTENCE, 120, role="会长单位")
    return GraphBatch(
        articles=[ART_3],
        entities=[seen_in(FIRM_A, ART_3), seen_in(ASSOC, ART_3)],
        relationships=[member],
        mentions=[Mention(article_id=ART_3.id, entity_id=FIRM_A.id, count=1)],
    )
