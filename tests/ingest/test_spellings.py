"""Spelling keys (`mdkg.ingest.spellings`): a name finds exactly the twins whose places agree with its own."""

from __future__ import annotations

import itertools
import random

import pytest

from mdkg.graph.ontology import Entity, GraphBatch, Label
from mdkg.graph.store import GraphStore
from mdkg.ingest.regions import gazetteer
from mdkg.ingest.spellings import (
    _asked,
    _written,
    chinese_asked_by,
    chinese_keys,
    english_asked_by,
    english_keys,
    stored_keys,
    written_keys,
)
from mdkg.ingest.transliterate import places_agree

# provinces, cities and districts along a few chains, and some unrelated ones
CHAINS = ["440307", "440300", "440000", "330110", "330100", "330000", "451203", "451200", "450000"]


def _codes() -> list[str]:
    g = gazetteer()
    rng = random.Random(3)
    near = {a.code for c in CHAINS for a in g.ancestors(c)} | set(CHAINS)
    return sorted(near | set(rng.sample(sorted(g._regions), 40)))  # noqa: SLF001 - a sample of the gazetteer


@pytest.mark.parametrize("key", ["py:hd", "en|zh:协会"])
def test_a_key_finds_exactly_the_places_that_agree(key: str) -> None:
    codes = _codes()
    for here, there in itertools.product(codes, repeat=2):
        written, asked = _written(key, frozenset([there])), _asked(key, frozenset([here]))
        assert bool(written & asked) == places_agree(frozenset([here]), frozenset([there])), (here, there)


def test_a_name_without_a_place_writes_and_asks_the_bare_key() -> None:
    assert _written("py:huidong", frozenset()) == {"py:huidong"}
    assert _asked("py:huidong", frozenset()) == {"py:huidong"}


def test_english_and_chinese_names_write_and_ask_across_the_scripts() -> None:
    english = english_keys("Shenzhen Huidong Chuangxiang Technology")
    assert english and all(k.startswith("en|") for k in english)
    chinese = chinese_keys(["深圳市慧动创想科技有限公司", "慧动创想"])
    assert "py:huidongchuangxiang" in chinese  # for English names naming no place
    assert "py:huidongchuangxiang@440300" in chinese and "py:huidongchuangxiang^440000" in chinese
    assert chinese_asked_by("Shenzhen Huidong Chuangxiang Technology") & chinese
    assert english_asked_by(["深圳市慧动创想科技有限公司", "慧动创想"]) & english
    hangzhou = chinese_keys(["杭州市慧动创想科技有限公司"])
    assert not chinese_asked_by("Shenzhen Huidong Chuangxiang Technology") & hangzhou
    assert not english_asked_by(["杭州市慧动创想科技有限公司"]) & english
    # an English name naming no place may be the twin of any of them
    assert chinese_asked_by("Huidong Chuangxiang Technology") & hangzhou


def test_an_english_name_translating_a_chinese_one_finds_it_in_its_place() -> None:
    dawu = english_keys("Dawu Micro-Drama Industry Association")  # 大悟县, in 孝感市, in 湖北省
    assert english_asked_by(["大悟县微短剧产业协会"]) & dawu
    assert english_asked_by(["孝感市微短剧产业协会"]) & dawu  # the city around it: places agree
    assert not english_asked_by(["深圳市微短剧产业协会"]) & dawu
    assert not chinese_keys(["深圳市微短剧产业协会"]) & chinese_asked_by("Micro-Drama Industry Association")


def test_only_firms_and_associations_are_spelled() -> None:
    assert written_keys(Label.BASE, "慧动创想基地", []) == set()
    base = Entity(id="base:x", label=Label.BASE, name="慧动创想基地")
    assert stored_keys(base) == []
    twin = Entity(
        id="firm:x", label=Label.FIRM, name="深圳市慧动创想科技有限公司",
        aliases=["Shenzhen Huidong Chuangxiang Technology"],
    )  # fmt: skip
    assert set(stored_keys(twin)) == english_keys(twin.aliases[0]) | chinese_keys([twin.name])


def test_an_english_name_asks_the_store_only_for_firms_in_an_agreeing_place(store: GraphStore) -> None:
    firms = [
        Entity(id=f"firm:{name}", label=Label.FIRM, name=name, properties={"legal_name": name})
        for name in ("深圳市慧动创想科技有限公司", "杭州市慧动创想科技有限公司", "慧动创想")
    ]
    store.write(GraphBatch(entities=firms, spellings={e.id: stored_keys(e) for e in firms}))
    near = store.find_by_spelling(Label.FIRM, chinese_asked_by("Shenzhen Huidong Chuangxiang Technology"))
    assert [e.name for e in near] == ["深圳市慧动创想科技有限公司"]
    anywhere = store.find_by_spelling(Label.FIRM, chinese_asked_by("Huidong Chuangxiang Technology"))
    assert len(anywhere) == 3
