"""The store contract's versions, file marks and withdrawn stories, on both stores."""

from __future__ import annotations

import re
import sqlite3

import pytest

from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.errors import InvalidRequest, StaleWrite
from mdkg.graph.fingerprints import index_keys
from mdkg.graph.neo4j_store import Neo4jStore
from mdkg.graph.ontology import Article, Entity, GraphBatch, Mention, RelType
from mdkg.graph.store import FileMark, GraphStore, StoredStory
from tests.sample_graph import ASSOC, FIRM_A, FIRM_B, make_rel


def _story(article_id: str, date: str, fingerprint: str = "") -> Article:
    return Article(id=article_id, title=f"稿件{article_id}", source="测试报", published_at=date,
                   fingerprint=fingerprint or None)  # fmt: skip


def _named(entity: Entity, *articles: Article) -> Entity:
    dates = sorted(a.date for a in articles if a.date)
    return entity.model_copy(
        update={"sources": [a.id for a in articles], "first_seen": dates[0], "last_seen": dates[-1]}
    )


def _batch(article: Article, entities: list[Entity], rels: list[RelType]) -> GraphBatch:
    """An article naming `entities` and stating the relationships of `rels` between them."""
    pairs = {RelType.PARTNERS_WITH: (FIRM_A, FIRM_B), RelType.MEMBER_OF: (FIRM_A, ASSOC)}
    return GraphBatch(
        articles=[article],
        entities=[_named(e, article) for e in entities],
        relationships=[make_rel(t, *pairs[t], article, f"{article.id}说{t.value}。", 3) for t in rels],
        mentions=[Mention(article_id=article.id, entity_id=e.id) for e in entities],
    )


def test_every_write_raises_the_version_and_a_stale_one_writes_nothing(store: GraphStore) -> None:
    assert store.version() == 0
    first = store.write(GraphBatch(articles=[_story("s1", "2025-01-02", "aa11")]))
    assert first == 1 == store.version()
    assert store.write(GraphBatch(articles=[_story("s2", "2025-01-03")]), expect_version=1) == 2
    with pytest.raises(StaleWrite):
        store.write(GraphBatch(articles=[_story("s3", "2025-01-04", "cc33")]), expect_version=1)
    assert store.counts().articles == 2 and store.version() == 2


def test_stories_since_a_version(store: GraphStore) -> None:
    store.write(GraphBatch(articles=[_story("s1", "2025-01-02", "aa11")]))
    version = store.version()
    store.write(GraphBatch(articles=[_story("s2", "2025-01-03", "bb22"), _story("s3", "2025-01-04")]))
    assert set(store.stories_since(0).stories) == {"s1", "s2"}
    news = store.stories_since(version)
    assert news.version == 2 and news.retired == {}
    assert news.stories == {"s2": StoredStory(fingerprint="bb22", published_at="2025-01-03")}
    assert store.stories_since(2).stories == {}


def test_a_file_mark_is_written_with_its_batch_or_not_at_all(store: GraphStore) -> None:
    mark = FileMark(key="f" * 64, path="news/a.jsonl", done=200, total=450, at="2026-01-01T00:00:00+00:00")
    assert store.file_mark(mark.key) is None
    store.write(GraphBatch(articles=[_story("s1", "2025-01-02")]), mark=mark)
    assert store.file_mark(mark.key) == mark and not mark.complete
    dangling = make_rel(RelType.PARTNERS_WITH, FIRM_A, FIRM_B, _story("s1", "2025-01-02"), "甲与乙合作。")
    later = mark.model_copy(update={"done": 450})
    with pytest.raises(InvalidRequest):
        store.write(GraphBatch(relationships=[dangling]), mark=later)
    assert store.file_mark(mark.key) == mark
    store.write(GraphBatch(), mark=later)
    got = store.file_mark(mark.key)
    assert got is not None and got.complete


def test_a_replaced_story_is_withdrawn_and_what_others_state_stays(store: GraphStore) -> None:
    old, other, new = (
        _story("old", "2025-03-05", "aa"),
        _story("other", "2025-05-01"),
        _story("new", "2025-03-01"),
    )
    store.write(_batch(old, [FIRM_A, FIRM_B, ASSOC], [RelType.PARTNERS_WITH, RelType.MEMBER_OF]))
    store.write(_batch(other, [FIRM_A, FIRM_B], [RelType.PARTNERS_WITH]))
    version = store.version()
    taken = _batch(new, [FIRM_A, FIRM_B], [RelType.PARTNERS_WITH])
    store.write(taken.model_copy(update={"replaces": {"old": "new"}}))

    assert set(store.get_articles(["old", "other", "new"])) == {"other", "new"}
    assert store.get_entity(ASSOC.id) is None  # only the withdrawn story named it
    firm = store.get_entity(FIRM_A.id)
    assert firm is not None and sorted(firm.sources) == ["new", "other"]
    assert (firm.first_seen, firm.last_seen) == ("2025-03-01", "2025-05-01")
    counts = store.counts()
    assert (counts.relationships, counts.evidence, counts.mentions) == (1, 2, 4)
    (edge,) = store.neighbours(FIRM_A.id).edges
    assert [e.article_id for e in edge.evidence] == ["new", "other"]
    assert (edge.first_seen, edge.last_seen) == ("2025-03-01", "2025-05-01")
    assert store.stories_since(version).retired == {"old": "new"}


def test_withdrawing_the_only_story_leaves_nothing_of_it(store: GraphStore) -> None:
    store.write(_batch(_story("old", "2025-03-05"), [FIRM_A, FIRM_B, ASSOC], []))
    store.write(GraphBatch(articles=[_story("new", "2025-03-01")], replaces={"old": "new"}))
    counts = store.counts()
    assert (counts.articles, counts.entities, counts.relationships, counts.mentions) == (1, 0, 0, 0)


def test_withdrawing_a_story_reads_its_rows_by_index_not_whole_tables(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = EmbeddedStore(tmp_path / "plans.sqlite")
    store.write(_batch(_story("old", "2025-03-05"), [FIRM_A, FIRM_B, ASSOC], [RelType.PARTNERS_WITH]))
    run: list[str] = []
    store._db.set_trace_callback(run.append)
    store.write(GraphBatch(articles=[_story("new", "2025-03-01")], replaces={"old": "new"}))
    store._db.set_trace_callback(None)
    read = [s for s in run if s.lstrip().upper().startswith(("SELECT", "DELETE", "UPDATE"))]
    plans = [" ".join(r[3] for r in store._db.execute(f"EXPLAIN QUERY PLAN {s}")) for s in read]
    assert any("evidence" in p for p in plans) and any("mentions" in p for p in plans)
    whole = re.compile(r"\bSCAN (evidence|entity_sources|mentions)\b")
    assert [p for p in plans if whole.search(p)] == []  # each would grow with the store


def test_stories_of_a_store_older_than_versions_are_all_found(store: GraphStore) -> None:
    """Articles written before stores had versions carry no `seq` (Neo4j) or 0 (SQLite's new column)."""
    store.write(GraphBatch(articles=[_story("s1", "2025-01-02", "aa11")]))
    if isinstance(store, EmbeddedStore):
        with sqlite3.connect(store.path) as db:
            db.execute("UPDATE articles SET seq = 0")
    else:
        assert isinstance(store, Neo4jStore)
        store._driver.execute_query("MATCH (a:Article) REMOVE a.seq")
    assert set(store.stories_since(0).stories) == {"s1"}
    assert store.stories_since(1).stories == {}


# fingerprints of six-digit samples (graph/fingerprints.py): stories sharing `COMMON` share its keys
COMMON = "ab" * 12


def _fp(i: int) -> str:
    return COMMON + f"{i:06x}" * 3


def test_stories_are_found_by_their_fingerprint_keys(store: GraphStore) -> None:
    store.write(GraphBatch(articles=[_story("s1", "2025-01-02", _fp(1)), _story("s2", "2025-01-03")]))
    rare = index_keys(_fp(1))[-1]
    found = store.stories_by_keys([rare, "ffffffffffff"])
    assert found.holders == {rare: ["s1"]}
    assert found.stories == {"s1": StoredStory(fingerprint=_fp(1), published_at="2025-01-02")}
    store.write(GraphBatch(articles=[_story("s1", "2025-01-02")]))  # written again without a fingerprint
    assert store.stories_by_keys([rare]).holders == {rare: ["s1"]}
    assert store.stories_by_keys([]).stories == {}


def test_a_key_more_stories_hold_than_the_limit_names_none(store: GraphStore) -> None:
    """Boilerplate shared by many stories would make each new article a comparison with all of
    them; a story is still found by a rarer key."""
    store.write(GraphBatch(articles=[_story(f"s{i}", "2025-01-02", _fp(i)) for i in range(4)]))
    shared, rare = index_keys(COMMON)[0], index_keys(_fp(2))[-1]
    assert store.stories_by_keys([shared], limit=4).holders == {shared: ["s0", "s1", "s2", "s3"]}
    found = store.stories_by_keys([shared, rare], limit=3)
    assert found.holders == {rare: ["s2"]} and set(found.stories) == {"s2"}


def test_a_withdrawn_story_is_no_longer_found_by_its_keys(store: GraphStore) -> None:
    store.write(GraphBatch(articles=[_story("old", "2025-03-05", _fp(1))]))
    store.write(GraphBatch(articles=[_story("new", "2025-03-01", _fp(2))], replaces={"old": "new"}))
    assert store.stories_by_keys(index_keys(_fp(1))).stories.keys() == {"new"}  # by the shared keys only


def test_stories_written_before_story_keys_get_them_when_the_store_is_opened(store: GraphStore) -> None:
    store.write(GraphBatch(articles=[_story("s1", "2025-01-02", _fp(1))]))
    rare = index_keys(_fp(1))[-1]
    if isinstance(store, EmbeddedStore):
        with sqlite3.connect(store.path) as db:
            db.execute("DELETE FROM story_keys")
            db.execute("DELETE FROM store_meta WHERE key = 'story_keys'")  # as a file an older version wrote
        assert store.stories_by_keys([rare]).holders == {}
        store = EmbeddedStore(store.path)
    else:
        assert isinstance(store, Neo4jStore)
        store._driver.execute_query("MATCH (a:Article) REMOVE a.story_keys")
        store._driver.execute_query("MATCH (v:StoreVersion) REMOVE v.story_keys_indexed")  # as an older one
        assert store.stories_by_keys([rare]).holders == {}
        store.ensure_schema()  # what connecting runs
    assert store.stories_by_keys([rare]).holders == {rare: ["s1"]}
