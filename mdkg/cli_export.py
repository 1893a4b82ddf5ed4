"""`mdkg export`: GraphML, CSV and neo4j-admin import files."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
