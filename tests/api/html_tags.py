"""Every start tag of an HTML page with its attributes, and the data a graph page draws (page tests)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def start_tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def page_data(html: str) -> dict[str, Any]:
    """The data a graph page draws (`var page = {...};` in its script)."""
    match = re.search(r"var page = (\{.*?\});\n", html)
    assert match, "the page's data"
    data: dict[str, Any] = json.loads(match.group(1))
    return data
