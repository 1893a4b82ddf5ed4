"""Resolution across articles, against each store: one node per real thing, apart when they differ."""

from __future__ import annotations

from pathlib import Path

from graph.ontology import Article, Label
from graph.store import GraphStore
from ingest.resolve import Resolver
from ingest.types import Document, ExtractedEntity, Extraction


def _extraction(n: int, *entities: ExtractedEntity) -> Extraction:
    article = Article(id=f"a{n}", title=f"第{n}篇", published_at=f"2025-0{n}-01")
    doc = Document(article=article, text=f"第{n}篇\n正文", path=Path("x.txt"), position=n)
    return Extraction(document=doc, entities=list(entities))


def _firm(name: str, *aliases: str, legal: bool = False) -> ExtractedEntity:
    props = {"legal_name": name} if legal else {}
    return ExtractedEntity(label=Label.FIRM, name=name, aliases=list(aliases), properties=props)


LEGAL = _firm("深圳市甲乙科技有限公司", "甲乙科技", legal=True)
SHORT = _firm("甲乙科技")
BRAND = _firm("深圳市甲乙科技有限公司", "甲乙剧场", legal=True)
ENGLISH = _firm("Jiayi Technology", "甲乙科技", "深圳市甲乙科技有限公司")
OTHER_LEGAL = _firm("杭州甲乙科技股份有限公司", "甲乙科技", legal=True)


def _ingest(store: GraphStore, *extractions: Extraction) -> None:
    store.write(Resolver(store.find_by_keys).resolve(list(extractions)))


def test_legal_short_brand_and_english_names_become_one_node(store: GraphStore) -> None:
    _ingest(store, _extraction(1, SHORT))
    _ingest(store, _extraction(2, LEGAL), _extraction(3, BRAND))
    _ingest(store, _extraction(4, ENGLISH))
    firms = store.search("甲乙", labels=[Label.FIRM])
    assert len(firms) == 1
    firm = firms[0]
    assert firm.name == "深圳市甲乙科技有限公司"
    assert {"甲乙科技", "甲乙剧场", "Jiayi Technology"} <= set(firm.aliases)
    assert firm.sources == ["a1", "a2", "a3", "a4"]
    assert (firm.first_seen, firm.last_seen) == ("2025-01-01", "2025-04-01")


def test_firms_sharing_a_short_name_stay_apart(store: GraphStore) -> None:
    _ingest(store, _extraction(1, LEGAL))
    _ingest(store, _extraction(2, OTHER_LEGAL))
    assert {e.name for e in store.search("甲乙科技", labels=[Label.FIRM])} == {
        "深圳市甲乙科技有限公司",
        "杭州甲乙科技股份有限公司",
    }
    # a bare short name now fits two firms equally: it is merged into neither
    _ingest(store, _extraction(3, SHORT))
    assert len(store.search("甲乙科技", labels=[Label.FIRM])) == 3


def test_regions_resolve_by_code(store: GraphStore) -> None:
    nanjing = ExtractedEntity(label=Label.REGION, name="栖霞区", aliases=["栖霞"],
                              properties={"level": "District", "adcode": "320113"})  # fmt: skip
    yantai = ExtractedEntity(label=Label.REGION, name="栖霞市", aliases=["栖霞"],
                             properties={"level": "District", "adcode": "370686"})  # fmt: skip
    _ingest(store, _extraction(1, nanjing), _extraction(2, yantai), _extraction(3, nanjing))
    found = {e.id: e for e in store.search("栖霞", labels=[Label.REGION])}
    assert set(found) == {"region:320113", "region:370686"}
    assert found["region:320113"].sources == ["a1", "a3"]


def test_within_one_file_the_same_firm_is_one_node(store: GraphStore) -> None:
    _ingest(store, _extraction(1, LEGAL), _extraction(2, SHORT))
    assert [e.sources for e in store.search("甲乙科技")] == [["a1", "a2"]]
