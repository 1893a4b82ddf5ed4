"""Corrections through the store contract, on both stores: each kind applied, kept against later
writes that repeat the error, listed in the log, and undone by id."""

from __future__ import annotations

import pytest

from mdkg.graph.corrections import CitedSource, Correction, CorrectionQuery, Kind, NewRelationship, kept_apart
from mdkg.graph.errors import InvalidRequest, NotFound
from mdkg.graph.ontology import Article, GraphBatch, Label, RelType, entity_id
from mdkg.graph.store import GraphStore
from tests.graph.test_store_merge import TWIN, TWIN_BATCH, dump
from tests.sample_graph import ASSOC, BASE, BATCH, FIRM_A, FIRM_B, PINGSHAN, RELS, SHENZHEN, make_rel

PARTNERS = RELS[4]  # FIRM_B partners with FIRM_A, stated by a2
ART_3 = Article(id="a3", title="Another paper says it again", source="Other Daily", published_at="2025-07-01")
SAID_AGAIN = make_rel(RelType.PARTNERS_WITH, FIRM_A, FIRM_B, ART_3, "甲乙科技与丙丁文化再度合作。", 5)


# both articles as an ingest writes them: each article's mentions in one batch
BOTH = GraphBatch(
    articles=BATCH.articles, entities=[*BATCH.entities, *TWIN_BATCH.entities],
    relationships=[*BATCH.relationships, *TWIN_BATCH.relationships],
    mentions=[*BATCH.mentions, *TWIN_BATCH.mentions], spellings=TWIN_BATCH.spellings,
)  # fmt: skip


def c(kind: Kind, **fields: object) -> Correction:
    return Correction(kind=kind, who="tester", why=f"a test of {kind.value}", **fields)  # type: ignore[arg-type]


@pytest.fixture
def twins(loaded: GraphStore) -> GraphStore:
    loaded.write(TWIN_BATCH)
    return loaded


def edge_ids(store: GraphStore) -> set[str]:
    return {e.id for e in store.subgraph().edges}


def test_a_rejected_relationship_stays_out_when_written_again_from_any_article(loaded: GraphStore) -> None:
    entry = loaded.correct(c(Kind.REJECT, target=PARTNERS.id))
    assert entry.id.startswith("c-") and entry.before is not None and entry.before.id == PARTNERS.id
    assert PARTNERS.id not in edge_ids(loaded)
    loaded.write(BATCH)  # a re-ingest of the same article
    loaded.write(GraphBatch(articles=[ART_3], relationships=[SAID_AGAIN]))  # a new article repeating it
    assert SAID_AGAIN.id == PARTNERS.id and PARTNERS.id not in edge_ids(loaded)
    assert loaded.counts().relationships == len(RELS) - 1


def test_a_rejection_holds_after_a_merge_changes_the_relationships_id(twins: GraphStore) -> None:
    partners = TWIN_BATCH.relationships[1]  # the twin partners with FIRM_B
    twins.correct(c(Kind.REJECT, target=partners.id))
    twins.correct(c(Kind.MERGE, target=TWIN.id, into=FIRM_A.id))  # it would be FIRM_A's partnership now
    before = dump(twins)
    twins.write(GraphBatch(relationships=[partners]))  # the twin's article again, naming the twin
    assert dump(twins) == before


def test_undoing_a_rejection_gives_the_relationship_back(loaded: GraphStore) -> None:
    before = dump(loaded)
    entry = loaded.correct(c(Kind.REJECT, target=PARTNERS.id))
    undone = loaded.undo_correction(entry.id, "reviewer", "it was right after all")
    assert undone.undone is not None and undone.undone.who == "reviewer" and not undone.active
    assert dump(loaded) == before
    loaded.write(GraphBatch(articles=[ART_3], relationships=[SAID_AGAIN]))
    assert len(loaded.neighbours(FIRM_A.id, types=[RelType.PARTNERS_WITH]).edges[0].evidence) == 2


def test_a_confirmation_changes_nothing_but_the_log(loaded: GraphStore) -> None:
    before = dump(loaded)
    entry = loaded.correct(c(Kind.CONFIRM, target=PARTNERS.id))
    assert dump(loaded) == before
    assert [e.id for e in loaded.corrections(CorrectionQuery(kinds=[Kind.CONFIRM], active=True))] == [
        entry.id
    ]
    with pytest.raises(InvalidRequest, match="already confirmed"):
        loaded.correct(c(Kind.CONFIRM, target=PARTNERS.id))
    with pytest.raises(NotFound):
        loaded.correct(c(Kind.CONFIRM, target="partners_with:0000000000000000"))
    loaded.undo_correction(entry.id, "tester", "")
    assert loaded.corrections(CorrectionQuery(kinds=[Kind.CONFIRM], active=True)) == []


def test_a_merge_stays_merged_through_rewrites_and_its_undo_splits(twins: GraphStore) -> None:
    before = dump(twins)
    entry = twins.correct(c(Kind.MERGE, target=TWIN.id, into=FIRM_A.id))
    merged = dump(twins)
    twins.write(BOTH)  # the articles again, naming the twin
    assert dump(twins) == merged
    twins.undo_correction(entry.id, "tester", "they are two firms")
    assert dump(twins) == before
    assert kept_apart(twins.corrections(), FIRM_A.id, TWIN.id)


def test_a_split_stands_and_keeps_the_pair_apart(twins: GraphStore) -> None:
    before = dump(twins)
    merge = twins.correct(c(Kind.MERGE, target=TWIN.id, into=FIRM_A.id))
    log = twins.corrections()
    assert not kept_apart(log, FIRM_A.id, TWIN.id)
    split = twins.correct(c(Kind.SPLIT, target=TWIN.id))
    assert split.into == FIRM_A.id and dump(twins) == before
    assert kept_apart(twins.corrections(), FIRM_A.id, TWIN.id)
    twins.undo_correction(split.id, "tester", "")
    assert twins.redirects([TWIN.id]) == {TWIN.id: FIRM_A.id}
    assert merge.id in {e.id for e in twins.corrections(CorrectionQuery(ref=FIRM_A.id))}


def test_a_rename_keeps_the_new_name_when_articles_use_the_old_one(loaded: GraphStore) -> None:
    before = dump(loaded)
    entry = loaded.correct(c(Kind.RENAME, target=FIRM_B.id, name="丙丁传媒集团"))
    assert entry.names_before == [FIRM_B.name, *FIRM_B.aliases]
    renamed = loaded.get_entity(FIRM_B.id)
    assert renamed is not None and renamed.name == "丙丁传媒集团" and FIRM_B.name in renamed.aliases
    loaded.write(BATCH)
    again = loaded.get_entity(FIRM_B.id)
    assert again is not None and again.name == "丙丁传媒集团"
    assert loaded.search("丙丁传媒集团")[0].id == FIRM_B.id and loaded.search(FIRM_B.name)[0].id == FIRM_B.id
    loaded.undo_correction(entry.id, "tester", "")
    assert dump(loaded) == before


def test_a_relabel_moves_the_entity_to_its_new_label_and_back(loaded: GraphStore) -> None:
    before = dump(loaded)
    entry = loaded.correct(c(Kind.RELABEL, target=BASE.id, label=Label.INSTITUTION))
    new_id = entity_id(Label.INSTITUTION, BASE.name)
    assert entry.into == new_id and entry.created
    moved = loaded.get_entity(BASE.id)
    assert moved is not None and moved.id == new_id and moved.label is Label.INSTITUTION
    assert loaded.counts().by_label.get("Base", 0) == 0
    assert {e.id for e in loaded.neighbours(new_id).nodes} == {new_id, FIRM_B.id, PINGSHAN.id}
    after = dump(loaded)
    loaded.write(BATCH)  # the article calls it a base again: it stays an institution
    assert dump(loaded) == after
    loaded.undo_correction(entry.id, "tester", "")
    assert dump(loaded) == before


def test_an_added_relationship_cites_its_source_and_survives_rewrites(loaded: GraphStore) -> None:
    before = dump(loaded)
    source = CitedSource(
        quote="甲乙科技落户坪山影视文化城。", url="https://example.org/news/1", outlet="Example News",
        published_at="2025-08-01",
    )  # fmt: skip
    new = NewRelationship(type=RelType.LOCATED_IN, source=FIRM_A.id, target=BASE.id)
    entry = loaded.correct(c(Kind.ADD, relationship=new, source=source))
    edge = next(e for e in loaded.neighbours(FIRM_A.id).edges if e.id == entry.target)
    assert [ev.sentence for ev in edge.evidence] == [source.quote] and edge.first_seen == "2025-08-01"
    assert edge.evidence[0].extractor == "curator:tester"
    article = loaded.get_articles([source.article_id])[source.article_id]
    assert (article.url, article.source) == (source.url, "Example News")
    loaded.write(BATCH)
    assert entry.target in edge_ids(loaded)
    loaded.undo_correction(entry.id, "tester", "")
    assert dump(loaded) == before and loaded.get_articles([source.article_id]) == {}


def test_an_addition_must_fit_the_ontology_and_not_be_rejected(loaded: GraphStore) -> None:
    source = CitedSource(quote="深圳市位于坪山区。")
    wrong = NewRelationship(type=RelType.MEMBER_OF, source=SHENZHEN.id, target=PINGSHAN.id)
    with pytest.raises(InvalidRequest, match="does not go from a Region"):
        loaded.correct(c(Kind.ADD, relationship=wrong, source=source))
    loaded.correct(c(Kind.REJECT, target=PARTNERS.id))
    again = NewRelationship(type=RelType.PARTNERS_WITH, source=FIRM_A.id, target=FIRM_B.id)
    with pytest.raises(InvalidRequest, match="rejected"):
        loaded.correct(c(Kind.ADD, relationship=again, source=source))
    with pytest.raises(NotFound):
        missing = NewRelationship(type=RelType.MEMBER_OF, source="firm:nobody", target=ASSOC.id)
        loaded.correct(c(Kind.ADD, relationship=missing, source=source))


def test_the_log_keeps_who_when_why_and_filters(loaded: GraphStore) -> None:
    first = loaded.correct(c(Kind.CONFIRM, target=RELS[0].id))
    second = loaded.correct(
        Correction(kind=Kind.REJECT, target=PARTNERS.id, who="someone else", why="no such deal")
    )
    log = loaded.corrections()
    assert [e.id for e in log] == [first.id, second.id] and log[0].seq < log[1].seq
    assert (log[1].who, log[1].why, log[1].at[:2]) == ("someone else", "no such deal", "20")
    assert [e.id for e in loaded.corrections(CorrectionQuery(who="tester"))] == [first.id]
    assert [e.id for e in loaded.corrections(CorrectionQuery(kinds=[Kind.REJECT]))] == [second.id]
    assert [e.id for e in loaded.corrections(CorrectionQuery(ref=PARTNERS.id))] == [second.id]
    assert loaded.corrections(CorrectionQuery(since="2999-01-01")) == []
    loaded.undo_correction(second.id, "tester", "")
    assert [e.id for e in loaded.corrections(CorrectionQuery(active=False))] == [second.id]
    with pytest.raises(InvalidRequest, match="undone already"):
        loaded.undo_correction(second.id, "tester", "")
    with pytest.raises(NotFound):
        loaded.undo_correction("c-nothing", "tester", "")


def test_a_failed_correction_writes_nothing(loaded: GraphStore) -> None:
    before, version = dump(loaded), loaded.version()
    with pytest.raises(InvalidRequest):
        loaded.correct(c(Kind.MERGE, target=BASE.id, into=FIRM_A.id))  # two labels
    assert dump(loaded) == before and loaded.corrections() == [] and loaded.version() == version
