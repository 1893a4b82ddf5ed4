"""graph.confidence: a relationship is surer the more independent outlets state it; reprints are copies."""

from __future__ import annotations

import pytest

from mdkg.graph.confidence import outlet_of, support
from mdkg.graph.ontology import Article, Relationship, RelType
from tests.support_graph import (
    ARTICLES,
    HUB,
    NANFANG,
    NANFANG_REPRINTED,
    NANSHAN,
    ONE_OUTLET,
    ONE_OUTLET_TWICE,
    REPRINTED,
    TEQU,
    TWO_OUTLETS,
    URL_AND_NAMELESS,
)

BY_ID = {a.id: a for a in ARTICLES}


@pytest.mark.parametrize(
    "rel, outlets, confidence",
    [
        (ONE_OUTLET, ["南方日报"], 0.8),
        (TWO_OUTLETS, ["南方日报", "深圳特区报"], 0.92),
        (REPRINTED, ["南方日报"], 0.8),
        (ONE_OUTLET_TWICE, ["南方日报"], 0.8),
        (URL_AND_NAMELESS, ["article:u3", "sz.gov.cn"], 0.9),
    ],
    ids=["one outlet", "two outlets", "a reprint", "two stories of one outlet", "outlets by URL or none"],
)
def test_support_counts_each_independent_outlet_once(
    rel: Relationship, outlets: list[str], confidence: float
) -> None:
    s = support(rel, BY_ID)
    assert (s.outlets, s.confidence) == (outlets, confidence)


def test_two_outlets_are_surer_than_either_and_a_reprint_is_not() -> None:
    assert support(TWO_OUTLETS, BY_ID).confidence > support(ONE_OUTLET, BY_ID).confidence
    assert support(REPRINTED, BY_ID) == support(ONE_OUTLET, BY_ID)
    assert NANFANG_REPRINTED.reprint_outlets == ["新华网", "人民网"]


@pytest.mark.parametrize(
    "article, outlet",
    [
        (Article(id="x", title="t", source=" Test  Daily "), "testdaily"),
        (Article(id="x", title="t", source="ＴＥＳＴ Daily"), "testdaily"),
        (Article(id="x", title="t", url="https://www.Example.org/a?b=1"), "example.org"),
        (Article(id="x", title="t", url="news.example.org/a"), "news.example.org"),
        (Article(id="x", title="t", url="http://[::1/broken"), "article:x"),
        (Article(id="x", title="t"), "article:x"),
        (TEQU, "深圳特区报"),
    ],
)
def test_the_outlet_of_an_article(article: Article, outlet: str) -> None:
    assert outlet_of(article) == outlet


def test_articles_of_unknown_outlets_count_once_each() -> None:
    rel = Relationship(
        type=RelType.LOCATED_IN,
        source=HUB.id,
        target=NANSHAN.id,
        evidence=[e.model_copy(update={"article_id": i}) for i in ("p", "q") for e in ONE_OUTLET.evidence],
    )
    nameless = {i: Article(id=i, title=i) for i in ("p", "q")}
    assert support(rel, nameless).outlets == ["article:p", "article:q"]
    assert support(rel, {}) == support(rel, nameless), "an article not at hand counts as its own outlet"
    assert support(rel, nameless).confidence == 0.96


def test_a_relationship_without_evidence_keeps_its_confidence() -> None:
    bare = Relationship(type=RelType.LOCATED_IN, source=HUB.id, target=NANSHAN.id, confidence=0.4)
    s = support(bare, {NANFANG.id: NANFANG})
    assert (s.outlets, s.confidence) == ([], 0.4)
