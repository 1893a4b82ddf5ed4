"""Search on both stores: the same query finds the same entities in the same order.

Ranks: exact name/alias/pinyin/initials, then prefix, then contains, then every full-text token
(CJK bigrams, latin words) present; within a rank the more connected entity, then the shorter name.
Degrees in the sample graph: 坪山区, 甲乙科技, 丙丁文化 and the base 2; 深圳市 and the association 1.
"""

from __future__ import annotations

import random
import sqlite3

import pytest

from mdkg.graph import embedded_search
from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.names import STOPWORDS, name_forms, tokens
from mdkg.graph.neo4j_store import Neo4jStore
from mdkg.graph.ontology import Entity, GraphBatch, Label, Mention, RelType
from mdkg.graph.search import MANY, escape_lucene, parse, ranked
from mdkg.graph.store import GraphStore
from tests.neo4j_server import Neo4jServer
from tests.sample_graph import (
    ART_1,
    ART_2,
    ASSOC,
    BASE,
    BATCH,
    FIRM_A,
    FIRM_B,
    ISOLATED,
    PINGSHAN,
    SHENZHEN,
    make_entity,
    make_rel,
)

SEARCHES = [
    ("坪山", [PINGSHAN.id, BASE.id]),  # alias exact, then a name beginning with it
    ("psq", [PINGSHAN.id]),  # initials of 坪山区
    ("pingshanqu", [PINGSHAN.id]),  # full pinyin
    ("pingshan", [PINGSHAN.id, BASE.id]),  # pinyin of the alias 坪山, then of 坪山影视文化城
    ("ping shan", [PINGSHAN.id, BASE.id]),  # spaces do not matter
    ("PingShan", [PINGSHAN.id, BASE.id]),
    ("Jiayi Tech", [FIRM_A.id]),  # English alias
    ("tech", [FIRM_A.id]),  # part of a latin word
    ("深圳", [SHENZHEN.id, FIRM_A.id, FIRM_B.id, ASSOC.id]),  # exact; then prefixes by degree, name length
    ("shenzhen", [SHENZHEN.id, FIRM_A.id, FIRM_B.id, ASSOC.id]),
    ("szs", [SHENZHEN.id, FIRM_A.id, ASSOC.id]),  # initials: 深圳市 exact, then as a prefix
    ("协会", [ASSOC.id]),  # two characters inside a longer name
    ("协 会", [ASSOC.id]),  # the same two characters as two words
    ("微短剧", [ASSOC.id]),
    ("丙丁文化", [FIRM_B.id]),  # the alias
    ("文化", [BASE.id, FIRM_B.id]),  # inside both names, both of degree 2: the shorter name first
    ("坪山 文化城", [BASE.id]),  # not one substring: every full-text token (坪山, 文化, 化城)
    ("district pingshan", [PINGSHAN.id]),  # English words in another order
    ("孤岛", [ISOLATED.id]),  # 《孤岛》 without its brackets
    ('jiayi AND (tech"', [FIRM_A.id]),  # Lucene syntax in the query is only text
    ("Jiayi Technology", []),
    ("the", []),  # a stop word, in no name
    ("*", []),
    ("没有这个", []),
]


@pytest.mark.parametrize("query, expected", SEARCHES, ids=[q for q, _ in SEARCHES])
def test_search_finds_the_same_entities_in_the_same_order(
    loaded: GraphStore, query: str, expected: list[str]
) -> None:
    assert [e.id for e in loaded.search(query)] == expected


def test_search_limit_and_labels(loaded: GraphStore) -> None:
    assert [e.id for e in loaded.search("深圳", limit=2)] == [SHENZHEN.id, FIRM_A.id]
    assert [e.id for e in loaded.search("shenzhen", labels=[Label.ASSOCIATION])] == [ASSOC.id]
    assert [e.id for e in loaded.search("坪山 文化城", labels=[Label.REGION])] == []


def test_search_forms_are_not_properties_and_pinyin_never_resolves(loaded: GraphStore) -> None:
    got = loaded.get_entity(PINGSHAN.id)
    assert got is not None and got.properties == PINGSHAN.properties
    assert loaded.find_by_keys(Label.REGION, ["pingshan", "psq", "pingshanqu"]) == []
    assert [e.id for e in loaded.find_by_keys(Label.REGION, ["坪山"])] == [PINGSHAN.id]


def test_new_aliases_are_searchable(loaded: GraphStore) -> None:
    loaded.write(BATCH.model_copy(update={"entities": [BASE.model_copy(update={"aliases": ["东部影视城"]})]}))
    assert [e.id for e in loaded.search("dongbu")] == [BASE.id]
    assert [e.id for e in loaded.search("psyswhc")] == [BASE.id]


def test_an_embedded_file_without_search_forms_gets_them_on_open(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "old.sqlite"
    EmbeddedStore(path).write(BATCH)
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM search_text")
        db.execute("DELETE FROM search_forms")
        db.execute("DELETE FROM store_meta WHERE key = 'search_forms'")  # as a file an older version wrote
    assert [e.id for e in EmbeddedStore(path).search("psq")] == [PINGSHAN.id]


def test_degrees_are_read_after_every_write(loaded: GraphStore) -> None:
    assert [e.id for e in loaded.search("文化")] == [BASE.id, FIRM_B.id]
    rel = make_rel(RelType.LOCATED_IN, FIRM_B, SHENZHEN, ART_2, "Bingding is in Shenzhen.", 40)
    loaded.write(GraphBatch(relationships=[rel]))
    assert [e.id for e in loaded.search("文化")] == [FIRM_B.id, BASE.id]


def test_an_embedded_rewrite_with_the_same_names_leaves_the_search_index_alone(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = EmbeddedStore(tmp_path / "g.sqlite")
    store.write(BATCH)
    statements: list[str] = []
    store._db.set_trace_callback(statements.append)
    store.write(BATCH)
    store.write(GraphBatch(entities=[BASE.model_copy(update={"aliases": ["东部影视城"]})]))
    store._db.set_trace_callback(None)
    touched = [s for s in statements if "search_" in s and not s.startswith("--")]  # not FTS5 inside
    assert touched and all(BASE.id in s for s in touched)  # only the entity that gained an alias
    assert [e.id for e in store.search("dongbu")] == [BASE.id]


def test_an_embedded_file_keeping_name_keys_in_search_forms_is_reindexed_on_open(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "old.sqlite"
    EmbeddedStore(path).write(BATCH)
    with sqlite3.connect(path) as db:  # the table as the first version with search created it
        db.execute("DROP TABLE search_forms")
        db.execute(
            "CREATE TABLE search_forms (form TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN"
            " ('name', 'pinyin', 'initials')), label TEXT NOT NULL, entity_id TEXT NOT NULL,"
            " PRIMARY KEY (form, kind, entity_id))"
        )
        db.execute("INSERT INTO search_forms VALUES ('坪山区', 'name', 'Region', ?)", (PINGSHAN.id,))
    store = EmbeddedStore(path)
    assert [e.id for e in store.search("psq")] == [PINGSHAN.id]
    assert [e.id for e in store.search("坪山")] == [PINGSHAN.id, BASE.id]
    assert store._db.execute("SELECT COUNT(*) FROM search_forms WHERE kind = 'name'").fetchone()[0] == 0


@pytest.mark.neo4j
def test_neo4j_entities_without_search_forms_get_them_on_connect(neo4j_server: Neo4jServer) -> None:
    store = Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    try:
        store.clear()
        store.write(BATCH)
        with store._driver.session() as session:
            session.run("MATCH (n:Entity) REMOVE n.search_words, n.pinyin_keys, n.initials_keys").consume()
            session.run("MATCH (v:StoreVersion) REMOVE v.search_forms_indexed").consume()  # as an older one
        assert store.search("psq") == []
        again = Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
        assert [e.id for e in again.search("psq")] == [PINGSHAN.id]
        assert [e.id for e in again.search("坪山 文化城")] == [BASE.id]
        again.close()
    finally:
        store.clear()
        store.close()


@pytest.mark.neo4j
def test_neo4j_degrees_follow_writes_and_reprints_and_come_on_connect(neo4j_server: Neo4jServer) -> None:
    store = Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    kept = "MATCH (n:Entity) RETURN n.id AS id, n.degree AS degree ORDER BY id"
    counted = (
        "MATCH (n:Entity) RETURN n.id AS id, COUNT { (n)-->(:Entity) } + COUNT { (n)<--(:Entity) } AS degree "
        "ORDER BY id"
    )
    try:
        store.clear()
        crowd = _crowd(300)
        mentioned = [Mention(article_id=ART_1.id, entity_id=e.id) for e in crowd.entities]
        store.write(crowd.model_copy(update={"mentions": mentioned}))
        firms = crowd.entities[:41]
        later = [
            make_rel(RelType.PARTNERS_WITH, a, b, ART_2, f"{a.name}与{b.name}合作。", 1)
            for a, b in zip(firms, reversed(firms), strict=True)
        ]  # a self-loop among them: the middle pair is one firm twice
        store.write(
            GraphBatch(
                articles=[ART_2], entities=firms, relationships=later,
                mentions=[Mention(article_id=ART_2.id, entity_id=e.id) for e in firms],
            )
        )  # fmt: skip
        before = store.read(kept)
        store.write(GraphBatch(replaces={ART_1.id: ART_2.id}))  # ART_1 is found a reprint of ART_2
        assert store.read(kept) == store.read(counted) != before
        assert any(r["degree"] for r in store.read(kept))
        with store._driver.session() as session:
            session.run("MATCH (n:Entity) REMOVE n.degree").consume()
            session.run("MATCH (v:StoreVersion) REMOVE v.degrees_indexed").consume()  # as an older one
        again = Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
        assert again.read(kept) == again.read(counted)
        again.close()
    finally:
        store.clear()
        store.close()


@pytest.mark.neo4j
def test_neo4j_index_is_cjk_full_text_with_our_stop_words(neo4j_server: Neo4jServer) -> None:
    store = Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    try:
        index = store.read(
            "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, options "
            "WHERE name = 'entity_search' RETURN *"
        )[0]
        assert index["options"]["indexConfig"]["fulltext.analyzer"] == "cjk"
        assert (index["labelsOrTypes"], index["properties"]) == (["Entity"], ["name", "search_words"])
        analyzers = store.read(
            "CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer, stopwords "
            "WHERE analyzer = 'cjk' RETURN stopwords"
        )
        assert set(analyzers[0]["stopwords"]) == STOPWORDS
    finally:
        store.close()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("坪山区", ["坪山", "山区"]),
        ("《孤岛》", ["孤岛"]),
        ("DataEye剧查查", ["dataeye", "剧查", "查查"]),
        ("2025年 5G", ["2025", "年", "5g"]),
        ("Ｂａｎｋ of China", ["bank", "china"]),
    ],
)
def test_tokens_are_cut_like_lucenes_cjk_analyzer(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


def test_name_forms_hold_pinyin_and_initials() -> None:
    forms = name_forms(["坪山区", "Pingshan District"])
    assert forms.keys == ["pingshandistrict", "坪山区"]
    assert (forms.pinyin, forms.initials) == (["pingshanqu"], ["psq"])
    assert forms.words == ["ping shan qu", "pingshan district", "坪山区"]


def test_user_input_is_escaped_for_lucene() -> None:
    assert escape_lucene('a+b:"c"') == 'a\\+b\\:\\"c\\"'
    parsed = parse("坪山 AND district")
    assert parsed is not None and parsed.lucene == '+"坪山" +"district"'
    assert parse("  ,.") is None


def test_respell_replaces_the_spelling_keys_once_a_scheme(loaded: GraphStore) -> None:
    loaded.write(
        GraphBatch(entities=[FIRM_A, FIRM_B], spellings={FIRM_A.id: ["py:old"], FIRM_B.id: ["py:old"]})
    )
    spelled: list[str] = []

    def spell(e: Entity) -> list[str]:
        spelled.append(e.id)
        return [f"en:{e.id}@1", "py:new"]

    assert loaded.respell("test-1", [Label.FIRM], spell) == len(spelled) >= 2
    assert {FIRM_A.id, FIRM_B.id} <= set(spelled) and len(set(spelled)) == len(spelled)
    assert loaded.find_by_spelling(Label.FIRM, ["py:old"]) == []  # replaced, not added to
    assert [e.id for e in loaded.find_by_spelling(Label.FIRM, [f"en:{FIRM_B.id}@1"])] == [FIRM_B.id]
    assert FIRM_A.id in {e.id for e in loaded.find_by_spelling(Label.FIRM, ["py:new"])}
    assert loaded.respell("test-1", [Label.FIRM], spell) == 0  # once a scheme
    assert loaded.respell("test-2", [Label.REPORT], spell) == 0  # no such entities: only noted
    assert FIRM_A.id in {e.id for e in loaded.find_by_spelling(Label.FIRM, ["py:new"])}


def test_find_by_spelling_finds_the_keys_written_with_an_entity(loaded: GraphStore) -> None:
    assert loaded.find_by_spelling(Label.FIRM, ["py:jiayi"]) == []
    loaded.write(GraphBatch(entities=[FIRM_A], spellings={FIRM_A.id: ["py:jiayi"]}))
    loaded.write(
        GraphBatch(entities=[FIRM_A, FIRM_B], spellings={FIRM_A.id: ["py:jy"], FIRM_B.id: ["py:bd"]})
    )
    assert [e.id for e in loaded.find_by_spelling(Label.FIRM, ["py:jiayi", "py:nothing"])] == [FIRM_A.id]
    assert [e.id for e in loaded.find_by_spelling(Label.FIRM, ["py:jy", "py:bd"])] == sorted(
        [FIRM_A.id, FIRM_B.id]
    )
    assert loaded.find_by_spelling(Label.ASSOCIATION, ["py:jiayi"]) == []  # another label
    assert loaded.find_by_keys(Label.FIRM, ["py:jiayi"]) == []  # no name key
    assert [e.id for e in loaded.search("jiayi")] == [FIRM_A.id]  # found by its English alias only


def _crowd(size: int, seed: int = 7) -> GraphBatch:
    """`size` firms all holding 影视 (one named so, some starting with it, most containing it), with
    degrees drawn at random, many equal: what a two-character query meets in a big store."""
    rng = random.Random(seed)
    firms = [make_entity(Label.FIRM, "影视")]
    for i in range(1, size):
        where = rng.random()
        name = f"影视{i}有限公司" if where < 0.05 else f"测{i}影视{'传媒' * (i % 3)}有限公司"
        firms.append(make_entity(Label.FIRM, name, *([f"{i}号影视"] if where > 0.97 else [])))
    hubs = firms[:: max(1, size // 40)]
    rels = [
        make_rel(RelType.PARTNERS_WITH, firm, rng.choice(hubs), ART_1, f"{firm.name}与伙伴合作。", i)
        for i, firm in enumerate(firms)
        if rng.random() < 0.6
    ]
    return GraphBatch(articles=[ART_1], entities=firms, relationships=rels)


def test_two_characters_held_by_thousands_rank_as_every_candidate_judged(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = EmbeddedStore(tmp_path / "crowd.sqlite")
    store.write(_crowd(MANY + 500))  # enough for the walk down the rank index
    query = parse("影视")
    assert query is not None
    for limit in (1, 20, embedded_search.PAGE + 7):
        judged = ranked(embedded_search.hits(store._db, query, None), limit)
        assert embedded_search.top(store._db, query, None, limit) == judged
        assert [e.id for e in store.search("影视", limit=limit)] == judged
    assert embedded_search.top(store._db, query, [Label.REGION], 20) == []


def test_degrees_kept_by_triggers_match_the_relationships(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "degrees.sqlite"
    store = EmbeddedStore(path)
    store.write(_crowd(300))
    loop = make_rel(RelType.PARTNERS_WITH, FIRM_A, FIRM_A, ART_1, "甲乙与自己。", 1)
    store.write(GraphBatch(articles=[ART_1], entities=[FIRM_A], relationships=[loop]))
    counted = (
        "SELECT id FROM entities WHERE degree <> (SELECT COUNT(*) FROM relationships"
        " WHERE source = entities.id) + (SELECT COUNT(*) FROM relationships WHERE target = entities.id)"
    )
    assert store._db.execute("SELECT degree FROM entities WHERE id = ?", (FIRM_A.id,)).fetchone()[0] == 2
    store._db.execute("DELETE FROM relationships WHERE rowid % 3 = 0")
    store._db.execute("UPDATE relationships SET target = source WHERE rowid % 5 = 0")
    assert store._db.execute(counted).fetchall() == []
    store.close()
    with sqlite3.connect(path) as db:  # as a file an older version wrote: no degrees
        for trigger in ("added", "removed", "moved"):
            db.execute(f"DROP TRIGGER relationships_degree_{trigger}")
        db.execute("DROP INDEX entities_rank")
        db.execute("ALTER TABLE entities DROP COLUMN degree")
        db.execute("DELETE FROM store_meta WHERE key = 'degrees'")
    reopened = EmbeddedStore(path)
    assert reopened._db.execute(counted).fetchall() == []
    assert reopened._db.execute("SELECT MAX(degree) FROM entities").fetchone()[0] > 2


def test_two_characters_held_by_thousands_rank_alike_on_both_stores(store: GraphStore) -> None:
    store.write(_crowd(MANY + 500))
    first = [e.id for e in store.search("影视")]
    assert len(first) == 20 and first[0] == "firm:影视"
    judged = EmbeddedStore(":memory:")
    judged.write(_crowd(MANY + 500))
    assert first == [e.id for e in judged.search("影视")]
