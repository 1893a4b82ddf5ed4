"""What every page inlines: vis-network's script and stylesheet from the pyvis package, and the template.

pyvis's own `local` and `in_line` modes still reach CDNs (vis CSS, Bootstrap), so the pages use our
template, which inlines the vis-network files shipped inside pyvis and loads nothing from any host.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import NamedTuple

import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from mdkg.graph.errors import MdkgError

VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
TEMPLATES_DIR = Path(__file__).parent.parent / "templates"
FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
)


class PageAssetsError(MdkgError):
    """The vis-network files the pages inline are missing or cannot be inlined."""

    code = "page_assets"


class VisAssets(NamedTuple):
    script: Markup
    stylesheet: Markup


@cache
def vis_assets() -> VisAssets:
    """The vis-network script and stylesheet from the pyvis package, read once per process."""
    script = _read_asset("vis-network.min.js", closing="</script")
    stylesheet = _read_asset("vis-network.css", closing="</style")
    return VisAssets(Markup(script), Markup(stylesheet))


def _read_asset(name: str, closing: str) -> str:
    path = VIS_DIR / name
    if not path.is_file():
        raise PageAssetsError(f"{path} is missing: the pages need the vis-network files of pyvis 0.3.2")
    text = path.read_text(encoding="utf-8")
    if closing in text.lower():
        raise PageAssetsError(f"{path} contains {closing!r} and cannot be inlined in a page")
    return text


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # `tojson` still escapes < > & ' for use inside <script>; Chinese stays readable.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env
