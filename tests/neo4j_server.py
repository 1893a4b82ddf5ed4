"""A real Neo4j 5 Community server for the tests, without Docker.

`start_neo4j()` runs the embedded-Neo4j launcher in `tools/neo4j-launcher` (built with Maven on first
use) on a free localhost port with a throwaway database directory. `server_from_env()` points at a
server someone else runs instead (NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD).

The launcher serves until its stdin closes, so a test run that dies takes its server with it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

LAUNCHER_DIR = Path(__file__).resolve().parent.parent / "tools" / "neo4j-launcher"
LAUNCHER_CLASS = "mdkg.Neo4jLauncher"
READY_PREFIX = "NEO4J_READY "
# The page cache (64 MiB) is set inside the launcher and lives off-heap. Serial GC and C1-only JIT
# start the server in about half the time with a smaller footprint; test queries do not need C2.
JVM_FLAGS = ("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
# Benchmarks measure a server set up as a user would run one: the full JIT, a heap and page cache
# sized for a graph of 100,000 articles (Neo4j's memory recommendations for a few GB of store).
BENCH_JVM_FLAGS = ("-Xms2g", "-Xmx2g", "-XX:+UseG1GC")
BENCH_LAUNCHER_FLAGS = ("--pagecache-mb", "1024", "--tx-memory-mb", "1024")
STOP_TIMEOUT = 30.0
STDERR_TAIL_LINES = 40


class Neo4jServerError(RuntimeError):
    """The test Neo4j server could not be built or started; the message says why."""


@dataclass
class Neo4jServer:
    uri: str
    user: str
    password: str
    _stop: Callable[[], None] | None = field(default=None, repr=False)

    @property
    def auth(self) -> tuple[str, str] | None:
        """Driver auth: None for the launcher (auth disabled), basic auth otherwise."""
        return (self.user, self.password) if self.password else None

    def stop(self) -> None:
        """Stop the server if this process started it; a server from the environment is left alone."""
        if self._stop is not None:
            stop, self._stop = self._stop, None
            stop()


def server_from_env() -> Neo4jServer | None:
    """The server named by NEO4J_URI (with NEO4J_USER, default neo4j, and NEO4J_PASSWORD), if set."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return Neo4jServer(
        uri=uri,
        user=os.environ.get("NEO4J_USER", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD", ""),
    )


def start_neo4j(
    timeout: float = 180, home: Path | None = None, port: int | None = None, bench: bool = False
) -> Neo4jServer:
    """Build the launcher if needed and start Neo4j on a free 127.0.0.1 port.

    On a fresh throwaway database folder (deleted at stop), or on `home` (kept), e.g. one that
    `neo4j-admin database import` has filled. On `port` if given (a server started again where it
    was, for clients that must find it back). `bench` gives it the memory and JIT of a real server
    (BENCH_JVM_FLAGS) instead of the small, quick-starting test setup.
    Raises Neo4jServerError, with the reason and the tail of the launcher's stderr, when java or
    Maven is missing, the build fails, or the server is not ready within `timeout` seconds.
    """
    java = require_tool("java")
    _build_launcher()
    port = port or _free_port()
    owned = home is None
    home = Path(tempfile.mkdtemp(prefix="mdkg-neo4j-")) if home is None else home
    flags, extra = (BENCH_JVM_FLAGS, BENCH_LAUNCHER_FLAGS) if bench else (JVM_FLAGS, ())
    command = [java, *flags, "-cp", classpath(), LAUNCHER_CLASS, "--port", str(port), "--dir", str(home)]
    command += extra
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=LAUNCHER_DIR,
    )
    stderr_tail: deque[str] = deque(maxlen=STDERR_TAIL_LINES)
    ready: list[str] = []
    readers = [
        threading.Thread(target=_read_stdout, args=(process.stdout, ready), daemon=True),
        threading.Thread(target=_read_stderr, args=(process.stderr, stderr_tail), daemon=True),
    ]
    for reader in readers:
        reader.start()

    def stop() -> None:
        _stop_process(process, readers)
        if owned:
            shutil.rmtree(home, ignore_errors=True)

    try:
        uri = _await_ready(process, ready, timeout, stderr_tail)
    except BaseException:
        process.terminate()  # SIGTERM: a launcher still starting up does not read its stdin yet
        stop()
        raise
    return Neo4jServer(uri=uri, user="neo4j", password="", _stop=stop)


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise Neo4jServerError(f"'{name}' not found on PATH; the test Neo4j needs a JDK 17+ and Maven")
    return path


def _build_launcher() -> None:
    """Run build.sh, which returns at once when the launcher is already built."""
    result = subprocess.run(
        ["bash", str(LAUNCHER_DIR / "build.sh")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-STDERR_TAIL_LINES:])
        raise Neo4jServerError(f"building {LAUNCHER_DIR} failed (exit {result.returncode}):\n{tail}")


def classpath() -> str:
    # Java expands the `lib/*` wildcard itself; no shell is involved.
    target = LAUNCHER_DIR / "target"
    return os.pathsep.join([str(target / "classes"), str(target / "lib" / "*")])


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _read_stdout(stream: IO[str], ready: list[str]) -> None:
    """Record the READY line's URI, then keep draining so the launcher never blocks on a full pipe."""
    for line in stream:
        if not ready and line.startswith(READY_PREFIX):
            ready.append(line[len(READY_PREFIX) :].strip())


def _read_stderr(stream: IO[str], lines: deque[str]) -> None:
    for line in stream:
        lines.append(line.rstrip("\n"))


def _await_ready(
    process: subprocess.Popen[str], ready: list[str], timeout: float, stderr_tail: deque[str]
) -> str:
    """Wait for the launcher's READY line; return the Bolt URI it announced."""
    deadline = time.monotonic() + timeout
    while not ready:
        if process.poll() is not None:
            time.sleep(0.2)  # let the readers take what is left in the pipes
            if ready:
                break
            raise Neo4jServerError(_failure(f"launcher exited with code {process.returncode}", stderr_tail))
        if time.monotonic() > deadline:
            raise Neo4jServerError(_failure(f"launcher not ready after {timeout:.0f}s", stderr_tail))
        time.sleep(0.05)
    return ready[0]


def _failure(reason: str, stderr_tail: deque[str]) -> str:
    tail = "\n".join(stderr_tail) or "(no stderr output)"
    return f"test Neo4j: {reason}; stderr tail:\n{tail}"


def _stop_process(process: subprocess.Popen[str], readers: list[threading.Thread]) -> None:
    """Close stdin (the launcher's signal to shut down), wait, then kill if it hangs."""
    if process.stdin is not None and not process.stdin.closed:
        try:
            process.stdin.close()
        except OSError:
            pass
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    for reader in readers:  # they end at EOF, now that the process is gone
        reader.join(5)
