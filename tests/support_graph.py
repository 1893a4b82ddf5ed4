"""A firm whose relationships are stated by one outlet, two, a reprinted story, two stories of one
outlet and outlets known only by a URL or not at all: for the tests of independent confidence."""

from __future__ import annotations

from mdkg.graph.ontology import Article, Entity, Evidence, GraphBatch, Label, Relationship, RelType, Reprint
from tests.sample_graph import make_entity

NANFANG = Article(
    id="n1",
    title="星河短剧落户南山",
    source="南方日报",
    published_at="2025-01-05",
    url="https://www.nfnews.com/1",
)
NANFANG_AGAIN = Article(id="n2", title="星河短剧的母公司", source=" 南方 日报 ", published_at="2025-02-05")
NANFANG_REPRINTED = Article(
    id="n3",
    title="星河短剧加入协会",
    source="南方日报",
    published_at="2025-03-05",
    reprints=[
        Reprint(title="星河短剧加入协会", source="新华网"),
        Reprint(title="星河短剧加入协会", source="人民网"),
    ],
)
TEQU = Article(id="t1", title="星河与银河签约", source="深圳特区报", published_at="2025-04-05")
BY_URL = Article(id="u1", title="基地成立", published_at="2025-05-05", url="https://www.sz.gov.cn/a")
BY_URL_AGAIN = Article(id="u2", title="基地成立（二）", published_at="2025-05-06", url="https://SZ.gov.cn/b")
NAMELESS = Article(id="u3", title="基地成立（三）", published_at="2025-05-07")
ARTICLES = [NANFANG, NANFANG_AGAIN, NANFANG_REPRINTED, TEQU, BY_URL, BY_URL_AGAIN, NAMELESS]

HUB = make_entity(Label.FIRM, "深圳市星河短剧有限公司", "星河短剧")
NANSHAN = make_entity(Label.REGION, "南山区", level="District")
PARTNER = make_entity(Label.FIRM, "深圳市银河影业有限公司", "银河影业")
ASSOCIATION = make_entity(Label.ASSOCIATION, "深圳市网络视听协会")
PARENT = make_entity(Label.FIRM, "星河控股集团有限公司")
BASE = make_entity(Label.BASE, "南山微短剧基地")


def _stated(kind: RelType, head: Entity, tail: Entity, *statements: tuple[Article, float]) -> Relationship:
    evidence = [
        Evidence(article_id=a.id, sentence=f"{a.title}。", start=0, end=len(a.title) + 1, extractor="test",
                 confidence=c)
        for a, c in statements
    ]  # fmt: skip
    days = sorted(a.date or "" for a, _ in statements)
    return Relationship(
        type=kind, source=head.id, target=tail.id, evidence=evidence, first_seen=days[0], last_seen=days[-1]
    )


# other party → (relationship, outlets, independent confidence)
ONE_OUTLET = _stated(RelType.LOCATED_IN, HUB, NANSHAN, (NANFANG, 0.8))
TWO_OUTLETS = _stated(RelType.PARTNERS_WITH, HUB, PARTNER, (NANFANG, 0.8), (TEQU, 0.6))
REPRINTED = _stated(RelType.MEMBER_OF, HUB, ASSOCIATION, (NANFANG_REPRINTED, 0.8))
ONE_OUTLET_TWICE = _stated(RelType.SUBSIDIARY_OF, HUB, PARENT, (NANFANG, 0.7), (NANFANG_AGAIN, 0.8))
URL_AND_NAMELESS = _stated(
    RelType.ESTABLISHED, HUB, BASE, (BY_URL, 0.8), (BY_URL_AGAIN, 0.8), (NAMELESS, 0.5)
)
SUPPORT = {
    NANSHAN.id: (ONE_OUTLET, 1, 0.8),
    PARTNER.id: (TWO_OUTLETS, 2, 0.92),  # 1 - 0.2 × 0.4
    ASSOCIATION.id: (REPRINTED, 1, 0.8),  # the reprints by 新华网 and 人民网 add nothing
    PARENT.id: (ONE_OUTLET_TWICE, 1, 0.8),  # 南方日报's best sentence, once
    BASE.id: (URL_AND_NAMELESS, 2, 0.9),  # sz.gov.cn once, the nameless article once: 1 - 0.2 × 0.5
}
SUPPORT_BATCH = GraphBatch(
    articles=ARTICLES,
    entities=[HUB, NANSHAN, PARTNER, ASSOCIATION, PARENT, BASE],
    relationships=[rel for rel, _, _ in SUPPORT.values()],
)
