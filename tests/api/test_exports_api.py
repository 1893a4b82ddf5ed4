"""The export downloads on both stores."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from mdkg.api.app import create_app
from mdkg.graph.store import GraphStore
from tests.graph.export_graph import LATER_SENTENCE, QUOTED_SENTENCE, export_batch, later_batch
from tests.sample_graph import ART_1


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    store.write(export_batch())
    with TestClient(create_app(store=store)) as c:
        yield c


def test_graphml_download(client: TestClient) -> None:
    response = client.get("/export/graphml")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/graphml+xml"
    assert 'filename="mdkg.graphml"' in response.headers["content-disposition"]
    graph = nx.parse_graphml(response.content, force_multigraph=True)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (9, 7)


def test_csv_zip_download(client: TestClient) -> None:
    response = client.get("/export/csv", params={"label": ["Fund", "Firm"]})
    assert response.status_code == 200 and response.headers["x-mdkg-truncated"] == "false"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == ["articles.csv", "evidence.csv", "nodes.csv", "relationships.csv"]
    text = archive.read("evidence.csv").decode("utf-8-sig")
    sentences = [row["sentence"] for row in csv.DictReader(io.StringIO(text, newline=""))]
    assert QUOTED_SENTENCE in sentences


def test_neo4j_admin_zip_download(client: TestClient) -> None:
    response = client.get("/export/neo4j-admin", params={"as_of": "2025-03-31"})
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert {"import.sh", "after-import.cypher", "articles.csv", "relationships_PART_OF.csv"} <= set(names)
    assert "relationships_SUPPORTS.csv" not in names


def test_bad_parameters_answer_the_error_shape(client: TestClient) -> None:
    bad_date = client.get("/export/graphml", params={"as_of": "soon"})
    assert bad_date.status_code == 422 and bad_date.json()["error"]["code"] == "invalid_parameters"
    bad_label = client.get("/export/csv", params={"label": "Person"})
    assert bad_label.status_code == 422 and bad_label.json()["error"]["code"] == "invalid_parameters"


def test_an_export_as_of_a_date_has_no_later_article(store: GraphStore) -> None:
    store.write(export_batch())
    store.write(later_batch())
    with TestClient(create_app(store=store)) as client:
        response = client.get("/export/csv", params={"as_of": "2025-03-31"})
    archive = zipfile.ZipFile(io.BytesIO(response.content))

    def rows(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"), newline="")))

    assert [row["id"] for row in rows("articles.csv")] == [ART_1.id]
    assert {row["article_id"] for row in rows("evidence.csv")} == {ART_1.id}
    assert LATER_SENTENCE not in {row["sentence"] for row in rows("evidence.csv")}
