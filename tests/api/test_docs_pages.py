"""The API's docs pages, /docs (Swagger UI) and /redoc (ReDoc), on the files shipped in the package:
the pages name only the app's own files, and in headless Chromium with the network off they draw
every operation. Screenshots go to /tmp/mdkg-docs-<name>.png."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mdkg.api.app import create_app
from mdkg.api.docs import STATIC_DIR
from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.settings import Settings
from tests.browser import OfflinePage, serve_app, wait_until

REDOC_OPERATIONS = '[data-section-id^="operation/"] h2'  # ReDoc's heading of each operation
DOCS_FILES = ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "redoc.standalone.js"]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    store = EmbeddedStore(tmp_path_factory.mktemp("docs") / "store.sqlite")
    try:
        yield create_app(Settings(), store)
    finally:
        store.close()


@pytest.fixture(scope="module")
def operations(app: Any) -> list[str]:
    """The summary of every operation the schema documents."""
    return [op["summary"] for ops in app.openapi()["paths"].values() for op in ops.values()]


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_the_docs_pages_name_only_the_app_s_own_files(app: Any, path: str) -> None:
    with TestClient(app) as client:
        html = client.get(path).text
        assert "http://" not in html and "https://" not in html, html
        assert "/openapi.json" in html
        for name in [n for n in DOCS_FILES if n in html]:
            served = client.get(f"/static/{name}")
            assert served.status_code == 200 and served.content == (STATIC_DIR / name).read_bytes()


def test_the_oauth2_redirect_page_is_served(app: Any) -> None:
    with TestClient(app) as client:
        page = client.get("/docs/oauth2-redirect")
    assert page.status_code == 200 and "oauth2" in page.text


def test_each_file_says_where_it_comes_from() -> None:
    readme = (STATIC_DIR / "README.md").read_text(encoding="utf-8")
    for name in DOCS_FILES:
        assert f"`{name}`" in readme, name
    assert "swagger-ui-dist" in readme and "Apache-2.0" in readme and "| MIT |" in readme
    assert (STATIC_DIR / "swagger-ui-dist.LICENSE").is_file() and (STATIC_DIR / "redoc.LICENSE").is_file()


# --- in Chromium, the network off -------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(app: Any) -> Iterator[str]:
    """The app served by uvicorn on a free port of 127.0.0.1."""
    yield from serve_app(app)


@pytest.fixture
def offline(chromium: Any) -> Iterator[OfflinePage]:
    page = OfflinePage(chromium)
    page.page.set_viewport_size({"width": 1400, "height": 900})
    yield page
    assert page.external == [], "a request left 127.0.0.1"
    assert page.errors == []
    page.page.close()


def _requested(offline: OfflinePage) -> list[str]:
    """What the page asked of the server, by path."""
    urls = offline.page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
    return sorted({u.split("/", 3)[3] for u in urls if u.startswith("http")})


@pytest.mark.browser
def test_swagger_ui_draws_every_operation_offline(
    base_url: str, offline: OfflinePage, operations: list[str]
) -> None:
    page = offline.page
    page.goto(f"{base_url}/docs")
    wait_until(page, f"() => document.querySelectorAll('.opblock').length === {len(operations)}")
    assert "micro-drama knowledge graph" in page.locator(".info .title").inner_text()
    summaries = page.locator(".opblock-summary-description").all_inner_texts()
    assert sorted(summaries) == sorted(operations)
    assert page.locator(".opblock-tag").count() >= 6  # one section a tag
    assert {"static/swagger-ui-bundle.js", "static/swagger-ui.css", "openapi.json"} <= set(
        _requested(offline)
    )
    page.screenshot(path="/tmp/mdkg-docs-swagger.png")


@pytest.mark.browser
def test_redoc_draws_every_operation_offline(
    base_url: str, offline: OfflinePage, operations: list[str]
) -> None:
    page = offline.page
    page.goto(f"{base_url}/redoc")
    wait_until(page, f"() => document.querySelectorAll('{REDOC_OPERATIONS}').length === {len(operations)}")
    headings = page.locator(REDOC_OPERATIONS).all_inner_texts()
    assert sorted(h.strip() for h in headings) == sorted(operations)
    assert "micro-drama knowledge graph" in page.locator("h1").first.inner_text()
    assert {"static/redoc.standalone.js", "openapi.json"} <= set(_requested(offline))
    page.screenshot(path="/tmp/mdkg-docs-redoc.png")


def test_the_fetch_script_pins_what_the_readme_names() -> None:
    script = Path(__file__).resolve().parents[2] / "tools" / "fetch_docs_assets.py"
    spec = importlib.util.spec_from_file_location("fetch_docs_assets", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    readme = (STATIC_DIR / "README.md").read_text(encoding="utf-8")
    for package in module.PACKAGES:
        for name in package.files.values():
            assert (STATIC_DIR / name).is_file(), name
            assert f"| `{name}` | [{package.name}]" in readme and f"| {package.version} |" in readme
