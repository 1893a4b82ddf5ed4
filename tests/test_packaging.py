"""The package as a user installs it: one import namespace, every data file in the wheel, and a wheel
that works in a fresh virtual environment away from the checkout."""

from __future__ import annotations

import ast
import os
import socket
import subprocess
import sys
import time
import tomllib
import venv
import zipfile
from pathlib import Path

import httpx
import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("graph", "ingest", "api")  # the client's top-level folders, installed under mdkg
DATA_GLOBS = [
    "graph/*.sql", "ingest/data/*.tsv", "ingest/data/regions/*.tsv", "ingest/data/regions/*.md",
    "api/templates/*.html", "api/static/*", "queries/*.cypher",
]  # fmt: skip


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    (built,) = out.glob("*.whl")
    return built


def test_the_wheel_carries_every_data_file_under_mdkg(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"mdkg/{p.relative_to(ROOT)}" for pattern in DATA_GLOBS for p in ROOT.glob(pattern)}
    expected |= {f"mdkg/sample_corpus/{p.name}" for p in (ROOT / "samples" / "corpus").iterdir()}
    assert expected and expected <= names, sorted(expected - names)
    name, version = wheel.name.split("-")[:2]
    assert {n.split("/")[0] for n in names} == {"mdkg", f"{name}-{version}.dist-info"}
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


def test_no_module_imports_a_top_level_folder_by_its_bare_name() -> None:
    """From a checkout `import graph` would still work (the folder is there) and load a second copy of
    every module beside mdkg.graph: all code imports through mdkg."""
    bare = []
    for folder in (*FOLDERS, "mdkg", "tests", "benchmarks", "tools"):
        for path in (ROOT / folder).rglob("*.py"):
            if (ROOT / "mdkg") in path.parents and path.parent != ROOT / "mdkg":
                continue  # mdkg/graph/... is graph/... again
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                bare += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in FOLDERS]
    assert bare == []


def test_the_lock_pins_every_dependency_within_its_range() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(r) for r in [*project["dependencies"], *project["optional-dependencies"]["dev"]]]
    pinned = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith((" ", "#")):
            name, version = line.split(";")[0].strip(" \\").split("==")
            pinned.setdefault(name.lower().replace("_", "-"), []).append(version)
    for requirement in wanted:
        versions = pinned.get(requirement.name.lower().replace("_", "-"))
        assert versions, f"{requirement.name} is not in requirements.lock: run make lock"
        assert all(requirement.specifier.contains(v) for v in versions), (requirement, versions)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_an_installed_wheel_lists_queries_and_runs_the_demo_away_from_the_checkout(
    wheel: Path, tmp_path: Path
) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python, mdkg = env_dir / "bin" / "python", env_dir / "bin" / "mdkg"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr[-3000:]
    away = tmp_path / "elsewhere"  # not the checkout: nothing of it is on the path
    away.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MDKG_", "NEO4J_", "PYTHON"))}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=away, env=env, capture_output=True, text=True, timeout=300)

    site = run(str(python), "-c", "import mdkg, sysconfig; print(sysconfig.get_paths()['purelib'])")
    assert not any((Path(site.stdout.strip()) / folder).exists() for folder in FOLDERS)
    assert run(str(python), "-c", "import graph").returncode != 0
    assert run(str(mdkg), "--version").stdout.split()[-1] == wheel.name.split("-")[1]
    listed = run(str(mdkg), "query", "--list")
    assert listed.returncode == 0 and "company_connections" in listed.stdout, listed.stderr
    scored = run(str(mdkg), "eval")  # no checkout: the bundled sample corpus, and it says so
    assert scored.returncode == 0 and "| sample |" in scored.stdout, scored.stderr
    assert "skipped the shared sets" in scored.stderr and (away / "var" / "eval" / "eval.json").exists()
    port = _free_port()
    server = subprocess.Popen(
        [str(mdkg), "demo", "--port", str(port)], cwd=away, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                health = httpx.get(f"{base}/health", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                time.sleep(0.2)
        assert health.status_code == 200 and health.json()["counts"]["relationships"] > 20
        assert len(httpx.get(f"{base}/queries").json()["queries"]) >= 10
        assert httpx.get(f"{base}/pages/chain").status_code == 200
        for docs_file in ("/docs", "/redoc", "/static/swagger-ui-bundle.js", "/static/redoc.standalone.js"):
            assert httpx.get(f"{base}{docs_file}").status_code == 200, docs_file
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert (away / "var" / "mdkg.sqlite").exists()  # the default store, under the current folder
