"""Coreference by short name (ingest/extract/coref.py): on sentences written for these tests."""

from __future__ import annotations

from mdkg.graph.ontology import RelType
from mdkg.ingest.extract import extract
from tests.ingest.test_extract import make_doc, relation_pairs


def test_a_later_short_form_states_the_firms_relationships() -> None:
    body = "北京澜青科技股份有限公司是一家短剧公司。同时期，澜青也出品了短剧《远山》。"
    assert ("北京澜青科技股份有限公司", "远山") in relation_pairs(extract(make_doc(body)), RelType.PRODUCED)


def test_an_everyday_word_is_no_short_form() -> None:
    # 星河 is a dictionary word: 星河 in the second sentence is no mention of the firm
    body = "杭州星河科技有限公司是一家短剧公司。星河出品了短剧《远山》。"
    assert not relation_pairs(extract(make_doc(body)), RelType.PRODUCED)
