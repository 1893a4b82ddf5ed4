"""The docs tell the truth: every command, endpoint and setting is documented, and SCHEMA.md is current."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdkg.api.app import create_app
from mdkg.cli import cli
from mdkg.graph.schema_doc import render
from mdkg.graph.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_schema_doc_is_generated_from_the_ontology() -> None:
    assert (ROOT / "docs" / "SCHEMA.md").read_text(encoding="utf-8") == render(), (
        "run: python -m mdkg.graph.schema_doc > docs/SCHEMA.md"
    )


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"mdkg {command}" in README


def _endpoints() -> list[str]:
    """Every path of the API, from its OpenAPI schema (`app.routes` holds included routers unexpanded)."""
    return sorted(create_app(Settings()).openapi()["paths"])


def test_the_endpoint_list_is_complete() -> None:
    assert {"/health", "/entities/search", "/pages/chain", "/queries"} <= set(_endpoints())


@pytest.mark.parametrize("path", _endpoints())
def test_every_endpoint_is_in_the_readme(path: str) -> None:
    assert path.replace("{entity_id}", "{id}") in README, path


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_in_the_readme(field: str) -> None:
    alias = Settings.model_fields[field].validation_alias
    names = [c for c in getattr(alias, "choices", [])] or [f"MDKG_{field.upper()}"]
    assert any(f"`{name}`" in README for name in names), field


def test_quickstart_is_the_two_commands() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("```")[1]
    assert quickstart.split() == ["sh", "make", "demo", "make", "test"]


def _error_codes() -> set[str]:
    import importlib

    from mdkg.graph.errors import MdkgError

    modules = (
        "mdkg.api.errors",
        "mdkg.api.pages.assets",
        "mdkg.graph.cypher",
        "mdkg.ingest.errors",
        "mdkg.ingest.pipeline",
        "mdkg.ingest.distributed",
    )
    for module in modules:
        importlib.import_module(module)  # each defines errors of its own

    found, todo = set(), [MdkgError]
    while todo:
        kind = todo.pop()
        todo.extend(kind.__subclasses__())
        found.add(kind.code)
    return found - {MdkgError.code}


@pytest.mark.parametrize("code", sorted(_error_codes() | {"invalid_parameters", "internal_error"}))
def test_every_error_code_is_in_the_operations_guide(code: str) -> None:
    guide = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    assert f"| `{code}` |" in guide, code
