"""The test Neo4j server (launcher or NEO4J_URI) answers Bolt as Neo4j 5.26 Community."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver, GraphDatabase

from tests.neo4j_server import Neo4jServer

pytestmark = pytest.mark.neo4j

PROBE_LABEL = "MdkgServerProbe"


@pytest.fixture
def driver(neo4j_server: Neo4jServer) -> Iterator[Driver]:
    with GraphDatabase.driver(neo4j_server.uri, auth=neo4j_server.auth) as driver:
        yield driver
        driver.execute_query(f"MATCH (n:{PROBE_LABEL}) DETACH DELETE n")


def test_return_one(driver: Driver) -> None:
    records, _, _ = driver.execute_query("RETURN 1 AS one")

    assert records[0]["one"] == 1


def test_node_round_trip(driver: Driver) -> None:
    driver.execute_query(f"CREATE (:{PROBE_LABEL} {{name: $name}})", name="红果短剧")

    records, _, _ = driver.execute_query(f"MATCH (n:{PROBE_LABEL}) RETURN n.name AS name")

    assert [record["name"] for record in records] == ["红果短剧"]


def test_server_is_neo4j_5_26_community(driver: Driver) -> None:
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"
    )

    kernel = next(record for record in records if record["name"] == "Neo4j Kernel")
    assert kernel["versions"][0].startswith("5.26.")
    assert kernel["edition"] == "community"
