"""A firm with connections of every direction, several dates and confidences, for the connection tests."""

from __future__ import annotations

from mdkg.graph.ontology import Article, GraphBatch, Label, Relationship, RelType, Reprint
from tests.sample_graph import ART_1, ART_2, ASSOC, BATCH, FIRM_A, FIRM_B, PINGSHAN, make_entity, make_rel

ART_3 = Article(
    id="a3",
    title="甲乙科技落户坪山",
    source="测试晚报",
    published_at="2024-01-10",
    url="https://example.org/a3",
    reprints=[Reprint(title="甲乙科技落户坪山", source="转载报")],
)
HUB = FIRM_A
PARENT = make_entity(Label.FIRM, "甲乙控股集团有限公司")
PARTNER = make_entity(Label.FIRM, "杭州戊己影业有限公司")
CHILD = make_entity(Label.FIRM, "甲乙影视有限公司")


def _with_confidence(rel: Relationship, confidence: float) -> Relationship:
    evidence = [e.model_copy(update={"confidence": confidence}) for e in rel.evidence]
    return rel.model_copy(update={"confidence": confidence, "evidence": evidence})


# seen from 2024-01-10 (a3) to 2025-06-01 (a2): one edge, two pieces of evidence from two outlets (测试晚报,
# whose story 转载报 reprinted, and Test Daily), so its independent confidence is 1 - 0.5 × 0.5 = 0.75
LOCATED = [
    _with_confidence(make_rel(RelType.LOCATED_IN, HUB, PINGSHAN, ART_3, "甲乙科技落户坪山区。", 5), 0.5),
    _with_confidence(
        make_rel(RelType.LOCATED_IN, HUB, PINGSHAN, ART_2, "Jiayi is based in Pingshan.", 40), 0.5
    ),
]
SUBSIDIARY = _with_confidence(
    make_rel(RelType.SUBSIDIARY_OF, HUB, PARENT, ART_3, "甲乙科技隶属甲乙控股。", 20), 0.95
)
CHILD_OF = make_rel(RelType.SUBSIDIARY_OF, CHILD, HUB, ART_1, "甲乙影视是甲乙科技的子公司。", 90)
PARTNERS = make_rel(RelType.PARTNERS_WITH, HUB, PARTNER, ART_1, "甲乙科技与戊己影业签约。", 70)
EXTRA = GraphBatch(
    articles=[ART_3],
    entities=[PARENT, PARTNER, CHILD],
    relationships=[*LOCATED, SUBSIDIARY, CHILD_OF, PARTNERS],
)
# (type, direction, other) of every connection of HUB, in the order the API gives them
ORDER = [
    (RelType.LOCATED_IN, "out", PINGSHAN.id),
    (RelType.MEMBER_OF, "out", ASSOC.id),
    (RelType.PARTNERS_WITH, "both", PARTNER.id),  # 杭… sorts before 深…
    (RelType.PARTNERS_WITH, "both", FIRM_B.id),
    (RelType.SUBSIDIARY_OF, "in", CHILD.id),
    (RelType.SUBSIDIARY_OF, "out", PARENT.id),
]
BATCHES = [BATCH, EXTRA]
