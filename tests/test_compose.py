"""docker-compose.yml cannot run here (no Docker engine), so its structure is checked instead."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    return data


def test_neo4j_service(compose: dict[str, Any]) -> None:
    neo4j = compose["services"]["neo4j"]
    image = neo4j["image"]
    assert image.startswith("neo4j:5") and "community" in image
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD:?")
    volume = neo4j["volumes"][0].split(":")
    assert volume[1] == "/data" and volume[0] in compose["volumes"]
    assert {"test", "interval", "retries"} <= set(neo4j["healthcheck"])
    assert "7687:7687" in neo4j["ports"] and "7474:7474" in neo4j["ports"]


def test_neo4j_caps_what_cypher_may_reach_and_spend(compose: dict[str, Any]) -> None:
    env = compose["services"]["neo4j"]["environment"]
    assert env["NEO4J_dbms_security_allow__csv__import__from__file__urls"] == "false"
    assert env["NEO4J_db_transaction_timeout"] and env["NEO4J_db_memory_transaction_max"]


def test_api_service_waits_for_healthy_neo4j(compose: dict[str, Any]) -> None:
    api = compose["services"]["api"]
    assert api["build"] == "."
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = api["environment"]
    assert env["MDKG_STORE"] == "neo4j" and env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert env["NEO4J_PASSWORD"].startswith("${NEO4J_PASSWORD:?")


def test_dockerfile_copies_every_package_and_serves() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for package in ("graph", "ingest", "api", "mdkg", "queries"):
        assert f"COPY {package} {package}" in dockerfile
        assert (ROOT / package).is_dir()
    # what mdkg/ links in (mdkg/graph -> ../graph, mdkg/sample_corpus -> ../samples/corpus) is copied
    copied = {s for line in dockerfile.splitlines() if line.startswith("COPY ") for s in line.split()[1:-1]}
    for link in (ROOT / "mdkg").iterdir():
        if link.is_symlink():
            target = str(link.resolve().relative_to(ROOT))
            assert any(target == s or target.startswith(f"{s}/") for s in copied), (link.name, target)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert {project["readme"], *project["license-files"]} <= copied  # the build reads them
    assert 'CMD ["mdkg", "serve"]' in dockerfile
    # not root, and a health check on the API's own /health
    assert "\nUSER mdkg\n" in dockerfile and "HEALTHCHECK" in dockerfile and "/health" in dockerfile


def test_the_api_service_has_a_health_check(compose: dict[str, Any]) -> None:
    check = compose["services"]["api"]["healthcheck"]
    assert "http://127.0.0.1:8000/health" in " ".join(check["test"])
