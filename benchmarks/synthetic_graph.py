"""A deterministic synthetic industry graph of any size, for benchmarks of the read side.

Shaped like the real one: provinces → cities → districts (PART_OF), bases in districts, firms in
districts or bases with segments, associations with members by role, policies issued by districts
that support firms with amounts, partnerships between firms; every edge has one evidence sentence
from one of a pool of articles with dates spread over two years.
"""

from __future__ import annotations

import random

from mdkg.graph.ontology import (
    Article,
    Entity,
    Evidence,
    GraphBatch,
    Label,
    MemberRole,
    Relationship,
    RelType,
    Segment,
    entity_id,
)

OUTLETS = ("南方日报", "深圳特区报", "Sixth Tone", "第一财经", "澎湃新闻")
SYLLABLES = "华星光影天海辰越云帆智创新锐禾嘉宏远泰和文博乐享鼎盛信达启明"


def _name(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


def _date(i: int) -> str:
    return f"{2024 + (i // 12) % 2}-{1 + i % 12:02d}-{1 + (i * 7) % 28:02d}"


def _entity(label: Label, name: str, *aliases: str, **props: object) -> Entity:
    return Entity(id=entity_id(label, name), label=label, name=name, aliases=list(aliases), properties=props)


class _Builder:
    def __init__(self, seed: int, articles: int) -> None:
        self.rng = random.Random(seed)
        self.articles = [
            Article(id=f"bench{i:05d}", title=f"基准报道 {i}", source=OUTLETS[i % len(OUTLETS)],
                    published_at=_date(i), url=f"https://example.org/bench/{i}")
            for i in range(articles)
        ]  # fmt: skip
        self.entities: list[Entity] = []
        self.rels: list[Relationship] = []

    def add(self, entity: Entity) -> Entity:
        self.entities.append(entity)
        return entity

    def link(self, kind: RelType, head: Entity, tail: Entity, **props: object) -> None:
        article = self.rng.choice(self.articles)
        sentence = f"{head.name}与{tail.name}相关({kind.value})。"
        start = self.rng.randrange(0, 2000)
        evidence = Evidence(article_id=article.id, sentence=sentence, start=start, end=start + len(sentence),
                            extractor="bench", confidence=round(self.rng.uniform(0.4, 0.95), 2))  # fmt: skip
        self.rels.append(
            Relationship(
                type=kind,
                source=head.id,
                target=tail.id,
                properties=props,
                evidence=[evidence],
                first_seen=article.date,
                last_seen=article.date,
            )  # fmt: skip
        )


def synthetic_graph(firms: int = 5000, seed: int = 11) -> GraphBatch:
    """About `firms` firms and a tenth as many other entities; roughly four edges per firm."""
    b = _Builder(seed, articles=max(50, firms // 10))
    rng = b.rng
    provinces = [b.add(_entity(Label.REGION, f"{_name(rng, 2)}{i}省", level="Province")) for i in range(3)]
    cities = []
    for i in range(max(6, firms // 800)):
        city = b.add(_entity(Label.REGION, f"{_name(rng, 2)}{i}市", level="City"))
        b.link(RelType.PART_OF, city, provinces[i % len(provinces)])
        cities.append(city)
    districts = []
    for i in range(max(20, firms // 100)):
        district = b.add(_entity(Label.REGION, f"{_name(rng, 2)}{i}区", level="District"))
        b.link(RelType.PART_OF, district, cities[i % len(cities)])
        districts.append(district)
    bases = []
    for i in range(max(10, firms // 100)):
        base = b.add(_entity(Label.BASE, f"{_name(rng, 3)}{i}微短剧基地"))
        b.link(RelType.LOCATED_IN, base, rng.choice(districts))
        bases.append(base)
    associations = [b.add(_entity(Label.ASSOCIATION, f"{_name(rng, 2)}{i}微短剧产业协会")) for i in range(10)]
    policies = []
    for i in range(max(10, firms // 100)):
        policy = b.add(_entity(Label.POLICY, f"《{_name(rng, 2)}{i}微短剧扶持办法》", issued=_date(i)))
        b.link(RelType.ISSUED, rng.choice(districts), policy)
        policies.append(policy)
    segments, roles = list(Segment), list(MemberRole)
    made: list[Entity] = []
    for i in range(firms):
        trade = f"{_name(rng, 2)}{i}"
        firm = b.add(_entity(Label.FIRM, f"{trade}文化传媒有限公司", trade,
                             segments=rng.sample(segments, rng.randint(1, 2))))  # fmt: skip
        b.link(RelType.LOCATED_IN, firm, rng.choice(bases) if rng.random() < 0.4 else rng.choice(districts))
        if rng.random() < 0.3:
            b.link(RelType.MEMBER_OF, firm, rng.choice(associations), role=rng.choice(roles).value)
        if rng.random() < 0.2:
            b.link(
                RelType.SUPPORTS, rng.choice(policies), firm, amount_cny=float(rng.randrange(1, 500) * 10_000)
            )
        if made and rng.random() < 0.5:
            b.link(RelType.PARTNERS_WITH, firm, rng.choice(made))
        made.append(firm)
    return GraphBatch(articles=b.articles, entities=b.entities, relationships=b.rels)
