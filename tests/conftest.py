"""Shared pytest fixtures.

The `neo4j_server` fixture gives every test that asks for it one real Neo4j 5 Community server per
session: the one named by NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD if set, otherwise a throwaway
server from the embedded launcher in tools/neo4j-launcher (see tests/neo4j_server.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.neo4j_server import Neo4jServer, Neo4jServerError, server_from_env, start_neo4j

NO_NEO4J_HINT = (
    "run `make test`, which builds the Neo4j launcher with Maven (needs a JDK 17+ and mvn), "
    "or set NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD to a running Neo4j 5"
)


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    """A Neo4j 5 server for the session; fails under CI=true when none can be had, skips elsewhere."""
    server = server_from_env() or _start_launcher_or_give_up()
    try:
        yield server
    finally:
        server.stop()


def _start_launcher_or_give_up() -> Neo4jServer:
    try:
        return start_neo4j()
    except Neo4jServerError as error:
        reason = f"no test Neo4j: {error}"
    # Outside the except block, so the report shows the reason without a chained traceback.
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(f"{reason}\nTo get one: {NO_NEO4J_HINT}")


# ---------------------------------------------------------------------------------------------------
# More shared fixtures go below this line.
#
# Fixtures that need the graph should depend on `neo4j_server` (session-scoped, one server for the
# whole run) and clean up what they write, e.g. a function-scoped fixture that yields a driver or a
# store and runs `MATCH (n) DETACH DELETE n` afterwards, so tests stay independent on a shared server.
# Mark such tests `@pytest.mark.neo4j` (the marker is declared in pyproject.toml).
# ---------------------------------------------------------------------------------------------------


from tests.stores import STORE_KINDS, open_test_store  # noqa: E402


@pytest.fixture(params=STORE_KINDS)
def store(request: pytest.FixtureRequest, tmp_path):  # type: ignore[no-untyped-def]
    """Each store implementation in turn: the contract tests run on both."""
    yield from open_test_store(request.param, request, tmp_path)


@pytest.fixture(scope="session")
def chromium():  # type: ignore[no-untyped-def]
    """Headless Chromium (playwright driving Debian's chromium) for the whole session."""
    from tests.browser import launch_chromium

    yield from launch_chromium()
