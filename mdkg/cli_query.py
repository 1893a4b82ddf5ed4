"""`mdkg query` and `mdkg cypher`: the stored Cypher library and ad-hoc read-only Cypher."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
