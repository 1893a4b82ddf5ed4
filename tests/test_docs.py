"""The docs tell the truth: every command, endpoint and setting is documented, SCHEMA.md is current, and
help texts name only commands, ids and formats that exist."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest

from mdkg.api.app import create_app
from mdkg.cli import cli
from mdkg.graph.ontology import Label, name_key
from mdkg.graph.schema_doc import render
from mdkg.graph.settings import Settings
from mdkg.ingest.read import SUPPORTED_SUFFIXES

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


# --- help texts that match the code --------------------------------------------------------------------

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "queries" / "README.md"]
# `mdkg X` (and `mdkg GROUP Y`) as code: inline, a line of a code block or of a help text, an example
COMMAND = re.compile(r"(?:`|^[ \t]*|Example: )(?:\S*/)?mdkg ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?", re.MULTILINE)
ENTITY_ID = re.compile(rf"\b({'|'.join(label.value.lower() for label in Label)}):([^\s,;&|`'\")\]]+)")
PLACEHOLDERS = {"…", "a", "b"}


def _helps(command: click.Command = cli, path: tuple[str, ...] = ("mdkg",)) -> dict[str, str]:
    """Every command's --help as a user sees it, by its command line."""
    with click.Context(command, info_name=" ".join(path)) as context:
        helps = {" ".join(path): command.get_help(context)}
    for name, sub in getattr(command, "commands", {}).items():
        helps |= _helps(sub, (*path, name))
    return helps


def _named_commands(text: str, pattern: re.Pattern[str]) -> set[tuple[str, str]]:
    return {(m.group(1), m.group(2) or "") for m in pattern.finditer(text)}


def _missing(named: set[tuple[str, str]]) -> list[str]:
    missing = []
    for name, sub in sorted(named):
        command = cli.commands.get(name)
        if command is None:
            missing.append(f"mdkg {name}")
        elif isinstance(command, click.Group) and sub and sub not in command.commands:
            missing.append(f"mdkg {name} {sub}")
    return missing


def test_every_command_named_in_help_and_docs_exists() -> None:
    in_help = set().union(*(_named_commands(text, COMMAND) for text in _helps().values()))
    in_docs = set().union(*(_named_commands(p.read_text(encoding="utf-8"), COMMAND) for p in DOCS))
    assert {("ingest", ""), ("analytics", "compare-regions")} <= in_help | in_docs
    assert _missing(in_help) == [] and _missing(in_docs) == []


def test_example_ids_in_help_and_docs_have_the_form_the_store_gives() -> None:
    """A region's id is its GB/T 2260 code (`mdkg.ingest.resolve`); other ids are the name key."""
    from mdkg.ingest.regions import gazetteer

    texts = {**_helps(), "openapi": json.dumps(create_app(Settings()).openapi(), ensure_ascii=False)}
    texts |= {p.name: p.read_text(encoding="utf-8") for p in DOCS}
    found, wrong = 0, []
    for where, text in texts.items():
        for match in ENTITY_ID.finditer(text):
            label, rest = match.groups()
            if rest in PLACEHOLDERS or rest.startswith("<"):
                continue
            found += 1
            fits = gazetteer().get(rest) is not None if label == "region" else rest == name_key(rest)
            if not fits:
                wrong.append(f"{where}: {match.group(0)}")
    assert found >= 10 and wrong == []


def test_help_lists_every_input_format() -> None:
    helps = _helps()
    for command in ("mdkg ingest", "mdkg extract"):
        text = " ".join(helps[command].split())
        assert [s for s in SUPPORTED_SUFFIXES if s not in text] == [], command
    assert [s for s in SUPPORTED_SUFFIXES if f"`{s}`" not in README] == []
