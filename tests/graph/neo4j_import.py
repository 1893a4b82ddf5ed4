"""Run the real `neo4j-admin database import full` on an export folder, then serve the result.

The import tool (org.neo4j.cli.AdminTool with neo4j-import-tool) is already on the test launcher's
classpath, so a `neo4j-admin` shim on PATH runs the export's own import.sh unchanged. The imported
database is then served by the same launcher, on its own port, for the test to read over Bolt.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.neo4j_server import classpath, require_tool, start_neo4j

ADMIN_CLASS = "org.neo4j.cli.AdminTool"


def run_import_script(folder: Path, home: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`sh import.sh` with `neo4j-admin` being the import tool from the launcher's classpath."""
    java = require_tool("java")
    shims = home.parent / "bin"
    shims.mkdir(parents=True, exist_ok=True)
    shim = shims / "neo4j-admin"
    shim.write_text(f'#!/bin/sh\nexec "{java}" -Xmx512m -cp "{classpath()}" {ADMIN_CLASS} "$@"\n')
    shim.chmod(0o755)
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PATH": f"{shims}{os.pathsep}{os.environ['PATH']}", "NEO4J_HOME": str(home)}
    env.pop("NEO4J_DATABASE", None)
    return subprocess.run(
        ["sh", str(folder / "import.sh")], env=env, capture_output=True, text=True, timeout=timeout
    )


@contextmanager
def serve(home: Path, timeout: float = 180) -> Iterator[str]:
    """The launcher on the database folder `home`; yields its Bolt URI."""
    server = start_neo4j(timeout, home=home)
    try:
        yield server.uri
    finally:
        server.stop()
