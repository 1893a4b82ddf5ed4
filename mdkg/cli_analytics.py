"""`mdkg analytics` and `mdkg timeline`: networkx analytics and time views from the command line."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
