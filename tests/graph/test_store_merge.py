"""Merging two entities and splitting them again, through the store contract, on both stores."""

from __future__ import annotations

from typing import Any

import pytest

from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.errors import InvalidRequest, NotFound
from mdkg.graph.ontology import Article, GraphBatch, Label, Mention, RelType
from mdkg.graph.store import GraphStore
from tests.sample_graph import (
    ART_1,
    ART_2,
    ASSOC,
    BASE,
    BATCH,
    FIRM_A,
    FIRM_B,
    SHENZHEN,
    make_entity,
    make_rel,
)

# FIRM_A's English twin, stored apart before anyone knew they were one firm
TWIN = make_entity(Label.FIRM, "Jiayi Technology", "Jiayi", segments=["platform"]).model_copy(
    update={"sources": ["a2"], "first_seen": "2025-06-01", "last_seen": "2025-06-01"}
)
SAID_BY_BOTH = "Jiayi Technology (甲乙科技) is based in Shenzhen."
TWIN_RELS = [
    make_rel(RelType.MEMBER_OF, TWIN, ASSOC, ART_2, "Jiayi Technology joined the association.", 100),
    make_rel(RelType.PARTNERS_WITH, TWIN, FIRM_B, ART_2, "Jiayi Technology works with Bingding.", 200),
    make_rel(RelType.PARTNERS_WITH, TWIN, FIRM_A, ART_2, "Jiayi Technology and 甲乙科技 cooperate.", 300),
    make_rel(RelType.LOCATED_IN, TWIN, SHENZHEN, ART_2, SAID_BY_BOTH, 400),  # the same span as below
    make_rel(RelType.LOCATED_IN, FIRM_A, SHENZHEN, ART_2, SAID_BY_BOTH, 400),
]
TWIN_BATCH = GraphBatch(
    entities=[TWIN],
    relationships=TWIN_RELS,
    mentions=[Mention(article_id="a2", entity_id=TWIN.id, count=3),
              Mention(article_id="a2", entity_id=FIRM_A.id, count=1),
              Mention(article_id="a1", entity_id=TWIN.id, count=1)],
    spellings={TWIN.id: ["py:jiayi"]},
)  # fmt: skip


@pytest.fixture
def twins(loaded: GraphStore) -> GraphStore:
    loaded.write(TWIN_BATCH)
    return loaded


def dump(store: GraphStore) -> dict[str, Any]:
    """Everything a merge and a split may touch, as sorted plain data."""
    whole = store.subgraph()
    if isinstance(store, EmbeddedStore):
        rows = store._query("SELECT article_id, entity_id, count FROM mentions")
        mentions = sorted(tuple(r) for r in rows)
    else:
        cypher = "MATCH (a:Article)-[m:MENTIONS]->(n:Entity) RETURN a.id AS a, n.id AS n, m.count AS c"
        mentions = sorted((r["a"], r["n"], r["c"]) for r in store.read(cypher))  # type: ignore[attr-defined]
    entities = sorted(whole.nodes, key=lambda e: e.id)
    return {
        "counts": store.counts().model_dump(),
        "entities": [e.model_dump(mode="json") for e in entities],
        "relationships": [r.model_dump(mode="json") for r in sorted(whole.edges, key=lambda r: r.id)],
        "mentions": mentions,
        "found": {e.id: [f.id for f in store.search(n)] for e in entities for n in [e.name, *e.aliases]},
        "spelled": [e.id for e in store.find_by_spelling(Label.FIRM, ["py:jiayi"])],
    }


def test_a_merge_then_a_split_leaves_every_count_and_evidence_item_as_before(twins: GraphStore) -> None:
    before = dump(twins)
    twins.merge_entities(FIRM_A.id, TWIN.id)
    merged = dump(twins)
    assert merged != before
    twins.split_entity(TWIN.id)
    assert dump(twins) == before


def test_a_merge_moves_relationships_evidence_mentions_and_names(twins: GraphStore) -> None:
    before = twins.counts()
    record = twins.merge_entities(FIRM_A.id, TWIN.id)
    assert record.keep_id == FIRM_A.id and record.other.id == TWIN.id
    after = twins.counts()
    # one entity fewer; MEMBER_OF, PARTNERS_WITH (with B) and LOCATED_IN (Shenzhen) became duplicates
    # of FIRM_A's and merged; the twins' own PARTNERS_WITH is set aside
    assert (before.entities - after.entities, before.relationships - after.relationships) == (1, 4)
    assert before.evidence - after.evidence == 2  # the set-aside one, and the span both stated
    assert before.mentions - after.mentions == 2  # a1 and a2 named both: one mention each, counts added
    firm = twins.get_entity(FIRM_A.id)
    assert firm is not None and firm.name == FIRM_A.name
    assert {"Jiayi Technology", "Jiayi"} <= set(firm.aliases)
    assert firm.properties["segments"] == ["data_services", "platform"]
    assert firm.sources == ["a2"]
    edges = twins.neighbours(FIRM_A.id).edges
    member = next(e for e in edges if e.type is RelType.MEMBER_OF)
    assert [e.start for e in member.evidence] == [10, 100] and member.sources == ["a1", "a2"]
    assert not [e for e in edges if e.source == e.target]
    assert twins.search("Jiayi Technology")[0].id == FIRM_A.id
    assert [e.id for e in twins.find_by_spelling(Label.FIRM, ["py:jiayi"])] == [FIRM_A.id]


def test_the_merged_id_answers_with_the_kept_entity(twins: GraphStore) -> None:
    twins.merge_entities(FIRM_A.id, TWIN.id)
    assert twins.get_entity(TWIN.id) == twins.get_entity(FIRM_A.id)
    assert twins.neighbours(TWIN.id) == twins.neighbours(FIRM_A.id)
    path = twins.shortest_path(TWIN.id, SHENZHEN.id)
    assert path is not None and [n.id for n in path.nodes] == [FIRM_A.id, SHENZHEN.id]
    assert twins.redirects([TWIN.id, FIRM_A.id, "firm:nothing"]) == {TWIN.id: FIRM_A.id}
    twins.split_entity(TWIN.id)
    assert twins.get_entity(TWIN.id).name == TWIN.name  # type: ignore[union-attr]
    assert twins.redirects([TWIN.id]) == {}


def test_redirects_follow_a_chain_and_splits_go_back_in_order(twins: GraphStore) -> None:
    before = dump(twins)
    twins.merge_entities(FIRM_A.id, TWIN.id)
    twins.merge_entities(FIRM_B.id, FIRM_A.id)  # nonsense, but a researcher may do it
    assert twins.get_entity(TWIN.id).id == FIRM_B.id  # type: ignore[union-attr]
    assert twins.redirects([TWIN.id]) == {TWIN.id: FIRM_B.id}
    with pytest.raises(InvalidRequest, match="split 'firm:"):
        twins.split_entity(TWIN.id)
    twins.split_entity(FIRM_A.id)
    twins.split_entity(TWIN.id)
    assert dump(twins) == before


def test_two_merges_into_one_entity_split_in_either_order(twins: GraphStore) -> None:
    third = make_entity(Label.FIRM, "甲乙", "JY")
    twins.write(GraphBatch(entities=[third], relationships=[
        make_rel(RelType.MEMBER_OF, third, ASSOC, ART_1, "甲乙入会。", 500)]))  # fmt: skip
    before = dump(twins)
    twins.merge_entities(FIRM_A.id, TWIN.id)
    twins.merge_entities(FIRM_A.id, third.id)
    twins.split_entity(TWIN.id)  # not the latest merge into FIRM_A
    twins.split_entity(third.id)
    assert dump(twins) == before


def test_what_is_written_after_a_merge_stays_on_the_kept_entity(twins: GraphStore) -> None:
    original = dump(twins)
    twins.merge_entities(FIRM_A.id, TWIN.id)
    later = make_rel(RelType.MEMBER_OF, FIRM_A, ASSOC, ART_2, "Jiayi leads the association.", 600)
    newer = FIRM_A.model_copy(update={"aliases": ["JY Tech"], "sources": ["a1"]})
    twins.write(GraphBatch(entities=[newer], relationships=[later],
                           mentions=[Mention(article_id="a2", entity_id=FIRM_A.id, count=9)]))  # fmt: skip
    twins.split_entity(TWIN.id)
    after = dump(twins)
    assert _entity(after, TWIN.id) == _entity(original, TWIN.id)
    assert [r for r in after["relationships"] if TWIN.id in (r["source"], r["target"])] == [
        r for r in original["relationships"] if TWIN.id in (r["source"], r["target"])
    ]
    firm = twins.get_entity(FIRM_A.id)
    assert firm is not None and set(firm.aliases) == {*FIRM_A.aliases, "JY Tech"}
    assert firm.sources == ["a1"] and firm.properties == FIRM_A.properties
    member = next(e for e in twins.neighbours(FIRM_A.id).edges if e.type is RelType.MEMBER_OF)
    assert [e.start for e in member.evidence] == [10, 600]  # the twin's went back, the later one stays
    assert (member.first_seen, member.last_seen, member.sources) == ("2025-03-01", "2025-06-01", ["a1", "a2"])
    assert ("a2", FIRM_A.id, 9) in after["mentions"] and ("a2", TWIN.id, 3) in after["mentions"]
    counts = after["counts"]
    assert (counts["entities"], counts["relationships"]) == (original["counts"]["entities"],
                                                           original["counts"]["relationships"])  # fmt: skip
    assert counts["evidence"] == original["counts"]["evidence"] + 1


def test_merging_the_ends_of_a_relationship_sets_it_aside_until_the_split(loaded: GraphStore) -> None:
    before = dump(loaded)
    loaded.merge_entities(FIRM_B.id, FIRM_A.id)  # they partner: no self-loop afterwards
    assert loaded.counts().by_type.get("PARTNERS_WITH", 0) == 0
    assert {e.type for e in loaded.neighbours(FIRM_B.id).edges} == {RelType.LOCATED_IN, RelType.MEMBER_OF}
    loaded.split_entity(FIRM_A.id)
    assert dump(loaded) == before


def test_a_self_loop_of_the_merged_entity_moves_as_one(loaded: GraphStore) -> None:
    loop = make_rel(RelType.PARTNERS_WITH, BASE, BASE, ART_1, "坪山影视文化城自我合作。", 700)
    other_base = make_entity(Label.BASE, "坪山影视城")
    loaded.write(GraphBatch(entities=[other_base], relationships=[loop]))
    before = dump(loaded)
    loaded.merge_entities(other_base.id, BASE.id)
    edges = loaded.neighbours(other_base.id).edges
    assert [(e.source, e.target) for e in edges if e.type is RelType.PARTNERS_WITH] == [(other_base.id,) * 2]
    loaded.split_entity(BASE.id)
    assert dump(loaded) == before


@pytest.mark.parametrize(
    "keep, other, error",
    [
        (FIRM_A.id, FIRM_A.id, InvalidRequest),
        (FIRM_A.id, "firm:nothing", NotFound),
        ("firm:nothing", FIRM_A.id, NotFound),
        (FIRM_A.id, ASSOC.id, InvalidRequest),  # two labels
    ],
)
def test_a_merge_that_cannot_be_done_changes_nothing(
    loaded: GraphStore, keep: str, other: str, error: type[Exception]
) -> None:
    before, version = dump(loaded), loaded.version()
    with pytest.raises(error):
        loaded.merge_entities(keep, other)
    assert dump(loaded) == before and loaded.version() == version


def test_merging_twice_or_splitting_what_was_not_merged_is_refused(twins: GraphStore) -> None:
    with pytest.raises(NotFound):
        twins.split_entity(TWIN.id)
    twins.merge_entities(FIRM_A.id, TWIN.id)
    with pytest.raises(InvalidRequest, match="already merged"):
        twins.merge_entities(FIRM_B.id, TWIN.id)
    with pytest.raises(InvalidRequest, match="already one entity"):
        twins.merge_entities(TWIN.id, FIRM_A.id)
    twins.split_entity(TWIN.id)
    with pytest.raises(NotFound):
        twins.split_entity(TWIN.id)


def test_writing_the_merged_entity_again_does_not_undo_the_merge(twins: GraphStore) -> None:
    """A re-ingest names the merged id again: the store writes it to the kept entity (`redirects`)."""
    before = dump(twins)
    twins.merge_entities(FIRM_A.id, TWIN.id)
    merged = dump(twins)
    again = GraphBatch(  # both articles ingested again, naming the twin and the firm as before
        articles=BATCH.articles, entities=[*BATCH.entities, *TWIN_BATCH.entities],
        relationships=[*BATCH.relationships, *TWIN_BATCH.relationships],
        mentions=[*BATCH.mentions, *TWIN_BATCH.mentions], spellings=TWIN_BATCH.spellings,
    )  # fmt: skip
    twins.write(again)
    assert dump(twins) == merged
    later = make_rel(
        RelType.PARTNERS_WITH, TWIN, BASE, ART_2, "Jiayi Technology runs tours of the base.", 700
    )
    twins.write(
        GraphBatch(relationships=[later], mentions=[Mention(article_id="a2", entity_id=TWIN.id, count=2)])
    )
    assert twins.get_entity(TWIN.id).id == FIRM_A.id  # type: ignore[union-attr]
    partners = twins.neighbours(FIRM_A.id, types=[RelType.PARTNERS_WITH]).edges
    assert any({e.source, e.target} == {FIRM_A.id, BASE.id} for e in partners)
    assert dump(twins)["counts"]["entities"] == merged["counts"]["entities"]
    twins.split_entity(TWIN.id)  # the later statement stays with the kept entity
    after = dump(twins)
    assert _entity(after, TWIN.id) == _entity(before, TWIN.id)
    assert any({r["source"], r["target"]} == {FIRM_A.id, BASE.id} for r in after["relationships"])


def _entity(data: dict[str, Any], entity_id: str) -> dict[str, Any]:
    return next(e for e in data["entities"] if e["id"] == entity_id)


def test_a_merge_and_a_split_are_writes(twins: GraphStore) -> None:
    version = twins.version()
    twins.merge_entities(FIRM_A.id, TWIN.id)
    twins.split_entity(TWIN.id)
    assert twins.version() == version + 2


def test_a_story_withdrawn_between_the_merge_and_the_split_does_not_come_back(twins: GraphStore) -> None:
    # a2 names every end of what it states, as an ingested article does (Neo4j withdraws by mentions)
    ends = [ASSOC, FIRM_B, SHENZHEN]
    twins.write(GraphBatch(mentions=[Mention(article_id=ART_2.id, entity_id=e.id) for e in ends]))
    twins.merge_entities(FIRM_A.id, TWIN.id)
    newer = Article(id="a9", title="The same story, published earlier", source="Other Daily",
                    published_at="2025-05-01")  # fmt: skip
    twins.write(GraphBatch(articles=[newer], replaces={ART_2.id: newer.id}))  # a2 is now its reprint
    back = twins.split_entity(TWIN.id)
    assert back.sources == []  # it was named by a2 alone
    twin_edges = [e for e in twins.neighbours(TWIN.id).edges if TWIN.id in (e.source, e.target)]
    assert twin_edges == []  # every one was stated by a2
    assert all(ev.article_id != ART_2.id for e in twins.subgraph().edges for ev in e.evidence)
    assert twins.counts().articles == 2  # a1 and a9
