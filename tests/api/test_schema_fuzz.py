"""Schemathesis against the real app on a store with the sample graph: no 5xx, and every status, media
type, header and body is what the OpenAPI schema documents. Derandomized, so a run is reproducible."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from pydantic import SecretStr
from schemathesis import APIOperation, BaseSchema, Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from mdkg.api.app import create_app
from mdkg.api.deps import API_KEY_HEADER
from mdkg.graph.settings import Settings
from mdkg.graph.store import GraphStore
from mdkg.graph.stored_queries import load_all
from tests.sample_graph import BATCH, ENTITIES, FIRM_A, PINGSHAN, SHENZHEN

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
# Per operation and generation mode (positive, negative); operations with nothing to vary run fewer.
EXAMPLES = 36
MIN_CASES = 1000
API_KEY = "fuzz-key"
# The embedded store has no Cypher: these answer 501 `needs_neo4j` there, by design and documented.
CYPHER_OPERATIONS = {"POST /cypher", "POST /queries/{name}"}

# Random ids only find 404s: as many cases again use what the graph and the query library hold, so the
# answers to requests that succeed are checked too.
Overrides = dict[str, Any]
KNOWN_BODY = {"cypher": "MATCH (e) RETURN e.name AS name ORDER BY name LIMIT 5"}


def known(path: str) -> list[Overrides]:
    if "{entity_id}" in path:
        return [{"path_parameters": {"entity_id": entity.id}} for entity in ENTITIES]
    if path == "/paths":
        return [{"query": {"from": FIRM_A.id, "to": SHENZHEN.id}}]
    if path == "/analytics/regions/compare":
        return [{"query": {"ids": f"{SHENZHEN.id},{PINGSHAN.id}"}}]
    if path.startswith("/export/"):
        return [{"headers": {API_KEY_HEADER: API_KEY}}]
    if path == "/queries/{name}":
        return [
            {"path_parameters": {"name": q.name}, "body": {"params": {p.name: p.example for p in q.params}}}
            for q in load_all(None).values()
        ]
    if path == "/cypher":
        return [{"body": KNOWN_BODY}]
    return []


@pytest.fixture
def api_schema(store: GraphStore) -> BaseSchema:
    store.write(BATCH)
    app = create_app(Settings(api_key=SecretStr(API_KEY)), store)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def strategy(operation: APIOperation, mode: GenerationMode) -> st.SearchStrategy[Case]:
    free = operation.as_strategy(generation_mode=mode)
    fixed = [operation.as_strategy(generation_mode=mode, **o) for o in known(operation.path)]
    return st.one_of(free, st.one_of(fixed)) if fixed else free


def fuzz(case_strategy: st.SearchStrategy[Case], check: Callable[[Case], None]) -> int:
    """Run `check` on up to EXAMPLES cases; the number run (0 when no case of the kind exists)."""
    ran = 0

    @given(case=case_strategy)
    @hypothesis.settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Case) -> None:
        nonlocal ran
        ran += 1
        check(case)

    try:
        run()
    except Unsatisfiable:  # e.g. no invalid request exists for an operation without parameters
        pass
    return ran


def conforms(store: GraphStore, operation: APIOperation, statuses: Counter[int]) -> Callable[[Case], None]:
    """Send a case and run the checks on the answer, counting its status."""
    expect_501 = store.name == "embedded" and operation.label in CYPHER_OPERATIONS

    def check(case: Case) -> None:
        response = case.call()
        statuses[response.status_code] += 1
        if expect_501 and response.status_code >= 500:
            assert response.status_code == 501 and response.json()["error"]["code"] == "needs_neo4j"
            case.validate_response(response, checks=[c for c in CHECKS if c is not not_a_server_error])
        else:
            case.validate_response(response, checks=CHECKS)

    return check


def test_every_answer_is_documented(api_schema: BaseSchema, store: GraphStore) -> None:
    cases: Counter[str] = Counter()
    statuses: dict[str, Counter[int]] = {}
    failures: dict[str, str] = {}
    for result in api_schema.get_all_operations():
        assert isinstance(result, Ok), result.err()
        operation = result.ok()
        seen = statuses.setdefault(operation.label, Counter())
        for mode in GenerationMode:
            try:
                cases[operation.label] += fuzz(strategy(operation, mode), conforms(store, operation, seen))
            # collected, so that one run reports every operation (check failures are BaseExceptionGroups)
            except (Exception, BaseExceptionGroup) as failure:
                failures[f"{operation.label} ({mode.value})"] = str(failure)
    summary = "\n".join(
        f"{n:5} {label}  {dict(sorted(statuses[label].items()))}" for label, n in sorted(cases.items())
    )
    print(f"schemathesis on the {store.name} store: {cases.total()} cases\n{summary}")
    assert not failures, "\n\n".join(f"== {where}\n{what}" for where, what in failures.items())
    assert cases.total() >= MIN_CASES, summary
    assert all(cases.values()), summary
