"""Exports read back: GraphML with networkx, CSV with the csv module, neo4j-admin files by a real import."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from neo4j import GraphDatabase

from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.errors import InvalidRequest
from mdkg.graph.export import Format, Snapshot, load_snapshot, write_export
from mdkg.graph.export.neo4j_admin import after_import_statements, node_records, relationship_records
from mdkg.graph.export.tables import inert
from mdkg.graph.neo4j_store import Neo4jStore
from mdkg.graph.ontology import Article, Entity, Evidence, Label, Relationship, RelType, Subgraph
from mdkg.graph.store import GraphStore
from tests.graph.export_graph import (
    ART_3,
    FUND,
    LATER_SENTENCE,
    QUOTED_SENTENCE,
    SEMICOLON_SENTENCE,
    STUDIO,
    export_batch,
    later_batch,
)
from tests.graph.neo4j_import import run_import_script, serve
from tests.neo4j_server import Neo4jServer
from tests.sample_graph import ART_1, FIRM_A, PINGSHAN, RELS


@pytest.fixture
def snapshot(store: GraphStore) -> Snapshot:
    store.write(export_batch())
    return load_snapshot(store)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_graphml_reads_back_with_attributes_and_chinese(snapshot: Snapshot, tmp_path: Path) -> None:
    result = write_export(snapshot, Format.GRAPHML, tmp_path / "g.graphml")
    graph = nx.read_graphml(result.path, force_multigraph=True)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (9, 7)
    firm = graph.nodes[FIRM_A.id]
    assert firm["label"] == firm["name"] == "深圳市甲乙科技有限公司"
    assert firm["type"] == "Firm"
    assert firm["aliases"] == "甲乙科技; Jiayi Tech"
    assert firm["segments"] == "data_services"
    assert graph.nodes[STUDIO.id]["studios"] == 12
    assert graph.nodes[PINGSHAN.id]["level"] == "District"
    [(key, support)] = graph.get_edge_data(FUND.id, FIRM_A.id).items()
    assert key == support["id"]
    assert support["label"] == support["type"] == "SUPPORTS"
    assert support["evidence"] == QUOTED_SENTENCE
    assert support["evidence_count"] == 1
    assert support["articles"] == ART_3.id
    assert support["amount_cny"] == 2_000_000.0
    assert isinstance(support["confidence"], float)
    assert support["first_seen"] == "2025-08-01"


def test_graphml_has_only_legal_types(snapshot: Snapshot, tmp_path: Path) -> None:
    text = write_export(snapshot, Format.GRAPHML, tmp_path).path.read_text(encoding="utf-8")
    assert 'attr.type="string"' in text
    assert "None" not in text
    assert "坪山影视文化城" in text


def test_csv_tables_survive_quotes_commas_and_line_breaks(snapshot: Snapshot, tmp_path: Path) -> None:
    result = write_export(snapshot, Format.CSV, tmp_path / "csv")
    assert result.files == ["nodes.csv", "relationships.csv", "evidence.csv", "articles.csv"]
    assert (tmp_path / "csv" / "nodes.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    nodes = {row["id"]: row for row in read_csv(tmp_path / "csv" / "nodes.csv")}
    assert len(nodes) == 9
    assert json.loads(nodes[FUND.id]["properties"]) == {"amount_cny": 50_000_000.0, "period": "2025-2027"}
    assert nodes[FIRM_A.id]["aliases"] == "甲乙科技; Jiayi Tech"
    rels = {row["type"]: row for row in read_csv(tmp_path / "csv" / "relationships.csv")}
    assert rels["MEMBER_OF"]["source_name"] == "深圳市甲乙科技有限公司"
    assert json.loads(rels["MEMBER_OF"]["properties"]) == {"role": "会长单位"}
    evidence = read_csv(tmp_path / "csv" / "evidence.csv")
    assert len(evidence) == len(RELS) + 2
    [support] = [e for e in evidence if e["relationship_id"] == rels["SUPPORTS"]["id"]]
    assert (support["sentence"], support["article_id"], support["start"]) == (QUOTED_SENTENCE, "a3", "5")
    articles = {row["id"]: row for row in read_csv(tmp_path / "csv" / "articles.csv")}
    assert json.loads(articles["a3"]["reprints"]) == [{"title": '转载: "基金, 拨付"', "source": "某网"}]


def test_as_of_keeps_what_was_seen_by_then(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "s.sqlite")
    store.write(export_batch())
    snapshot = load_snapshot(store, as_of="2025-03-31")
    assert {e.type.value for e in snapshot.graph.edges} == {"PART_OF", "MEMBER_OF", "LOCATED_IN"}
    assert {a.id for a in snapshot.articles} == {"a1"}
    with pytest.raises(InvalidRequest):
        load_snapshot(store, as_of="March 2025")


def test_as_of_forgets_what_later_articles_reported(store: GraphStore, tmp_path: Path) -> None:
    store.write(export_batch())
    store.write(later_batch())
    snapshot = load_snapshot(store, as_of="2025-03-31")
    assert {a.id for a in snapshot.articles} == {ART_1.id}
    [member] = [e for e in snapshot.graph.edges if e.type is RelType.MEMBER_OF]
    assert ([e.article_id for e in member.evidence], member.sources) == ([ART_1.id], [ART_1.id])
    assert member.last_seen == "2025-03-01"
    firm = next(n for n in snapshot.graph.nodes if n.id == FIRM_A.id)
    assert (firm.sources, firm.last_seen) == ([ART_1.id], "2025-03-01")
    write_export(snapshot, Format.CSV, tmp_path / "csv")
    assert not any(LATER_SENTENCE in row["sentence"] for row in read_csv(tmp_path / "csv" / "evidence.csv"))
    assert ART_3.id not in (tmp_path / "csv" / "nodes.csv").read_text(encoding="utf-8-sig")
    now = load_snapshot(store)
    assert ART_3.id in {a.id for a in now.articles}
    assert LATER_SENTENCE in {e.sentence for e in now.graph.edges for e in e.evidence}


FORMULAS = ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def test_csv_cells_that_would_run_as_formulas_are_text(tmp_path: Path) -> None:
    firm = Entity(id="firm:=1", label=Label.FIRM, name=FORMULAS[0], aliases=[FORMULAS[1]])
    sentence = FORMULAS[3]
    evidence = Evidence(article_id="x1", sentence=sentence, start=0, end=9, extractor="=t", confidence=0.5)
    edge = Relationship(type=RelType.PARTNERS_WITH, source=firm.id, target=firm.id, evidence=[evidence])
    article = Article(id="x1", title=FORMULAS[2], source="-报", published_at="2025-01-01")
    snapshot = Snapshot(graph=Subgraph(nodes=[firm], edges=[edge]), articles=[article])
    write_export(snapshot, Format.CSV, tmp_path)
    [node] = read_csv(tmp_path / "nodes.csv")
    assert (node["id"], node["name"], node["aliases"]) == ("firm:=1", "'" + FORMULAS[0], "'" + FORMULAS[1])
    [row] = read_csv(tmp_path / "evidence.csv")
    assert (row["sentence"], row["extractor"]) == ("'" + sentence, "'=t")
    assert (row["start"], row["confidence"]) == ("0", "0.5")  # numbers stay numbers
    [art] = read_csv(tmp_path / "articles.csv")
    assert (art["title"], art["source"]) == ("'" + FORMULAS[2], "'-报")


@pytest.mark.parametrize("text", FORMULAS)
def test_inert_prefixes_formula_text(text: str) -> None:
    assert inert(text) == "'" + text


@pytest.mark.parametrize("cell", [-1.5, -3, 0.0, "坪山", "a=b", "", None])
def test_inert_leaves_numbers_and_plain_text(cell: object) -> None:
    assert inert(cell) == cell


def test_labels_keep_their_nodes_and_the_edges_among_them(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "s.sqlite")
    store.write(export_batch())
    snapshot = load_snapshot(store, labels=[Label.REGION, Label.BASE])
    assert {n.label for n in snapshot.graph.nodes} == {Label.REGION, Label.BASE}
    assert {e.type.value for e in snapshot.graph.edges} == {"PART_OF", "LOCATED_IN"}


def test_limit_is_reported_as_truncation(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "s.sqlite")
    store.write(export_batch())
    snapshot = load_snapshot(store, limit=3)
    assert (len(snapshot.graph.nodes), snapshot.total_entities, snapshot.truncated) == (3, 9, True)
    assert not load_snapshot(store).truncated


@pytest.mark.parametrize(("sentence", "delimiter"), [(QUOTED_SENTENCE, ";"), (SEMICOLON_SENTENCE, "|")])
def test_neo4j_admin_headers_and_delimiter(tmp_path: Path, sentence: str, delimiter: str) -> None:
    store = EmbeddedStore(tmp_path / "s.sqlite")
    store.write(export_batch(sentence))
    folder = tmp_path / "admin"
    write_export(load_snapshot(store), Format.NEO4J_ADMIN, folder)
    fund = (folder / "nodes_Fund.csv").read_text(encoding="utf-8").splitlines()[0]
    assert fund.startswith('"id:ID(Entity)",":LABEL","name:string","aliases:string[]"')
    assert '"amount_cny:double"' in fund
    assert '"studios:long"' in (folder / "nodes_Base.csv").read_text(encoding="utf-8")
    rels = (folder / "relationships_SUPPORTS.csv").read_text(encoding="utf-8")
    assert rels.startswith('":START_ID(Entity)",":END_ID(Entity)",":TYPE"')
    assert '"evidence_starts:long[]"' in rels and '"evidence_confidences:double[]"' in rels
    assert f"--array-delimiter={delimiter}" in (folder / "import.sh").read_text(encoding="utf-8")
    assert f'"Entity{delimiter}Region{delimiter}District"' in (folder / "nodes_Region.csv").read_text()


def test_export_to_a_file_where_a_folder_is_needed_fails(snapshot: Snapshot, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x")
    with pytest.raises(InvalidRequest, match="folder"):
        write_export(snapshot, Format.CSV, tmp_path / "taken")


# --- a real `neo4j-admin database import full`, compared with what Neo4jStore wrote ----------------


def raw_graph(uri: str, auth: tuple[str, str] | None) -> dict[str, Any]:
    """Every node's labels and properties, every relationship's properties (MENTIONS without count).
    The ingest's books (the store version, file marks, an article's `seq`) are no part of the graph
    an export carries."""
    with GraphDatabase.driver(uri, auth=auth) as driver:
        nodes, _, _ = driver.execute_query(
            "MATCH (n) WHERE n:Entity OR n:Article RETURN labels(n) AS labels, n {.*, seq: null} AS props"
        )
        rels, _, _ = driver.execute_query(
            "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props"
        )
    return {
        "nodes": {n["props"]["id"]: (sorted(n["labels"]), n["props"]) for n in nodes},
        "relationships": {
            (r["type"], r["a"], r["b"]): {k: v for k, v in r["props"].items() if k != "count"} for r in rels
        },
    }


def run_after_import(uri: str, snapshot: Snapshot) -> None:
    statements = after_import_statements(node_records(snapshot), relationship_records(snapshot))
    with GraphDatabase.driver(uri, auth=None) as driver, driver.session() as session:
        for statement in statements:  # auto-commit: some run in transactions of their own
            session.run(statement).consume()


@pytest.mark.neo4j
@pytest.mark.parametrize("sentence", [QUOTED_SENTENCE, SEMICOLON_SENTENCE], ids=["quoted", "semicolon"])
def test_neo4j_admin_import_yields_the_graph_neo4j_store_writes(
    neo4j_server: Neo4jServer, tmp_path: Path, sentence: str
) -> None:
    written = Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    try:
        written.clear()
        written.write(export_batch(sentence))
        snapshot = load_snapshot(written)
        expected = raw_graph(neo4j_server.uri, neo4j_server.auth)
    finally:
        written.clear()
        written.close()
    write_export(snapshot, Format.NEO4J_ADMIN, tmp_path / "admin")
    done = run_import_script(tmp_path / "admin", tmp_path / "home")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "IMPORT DONE" in done.stdout + done.stderr
    with serve(tmp_path / "home") as uri:
        run_after_import(uri, snapshot)
        assert raw_graph(uri, None) == expected
        imported = Neo4jStore(uri, "neo4j", "")
        try:
            assert load_snapshot(imported) == snapshot
            assert imported.counts().mentions == 9
        finally:
            imported.close()


def test_neo4j_admin_export_leaves_out_empty_tables(tmp_path: Path) -> None:
    """neo4j-admin refuses a CSV file without a header: a graph without articles has no such files."""
    store = EmbeddedStore(tmp_path / "s.sqlite")
    batch = export_batch(QUOTED_SENTENCE)
    store.write(batch.model_copy(update={"articles": [], "mentions": []}))
    folder = tmp_path / "admin"
    result = write_export(load_snapshot(store), Format.NEO4J_ADMIN, folder)
    script = (folder / "import.sh").read_text(encoding="utf-8")
    assert "mentions.csv" not in result.files and "articles.csv" not in result.files
    assert "mentions.csv" not in script and "articles.csv" not in script
    assert all((folder / name).read_text(encoding="utf-8").strip() for name in result.files)
