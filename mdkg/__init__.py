"""mdkg: a knowledge graph of China's micro-drama industry, built from news with evidence on every edge.

The client's top-level folders are linked in as subpackages: `mdkg.graph` (stores and the ontology),
`mdkg.ingest` (reading, extraction, resolution), `mdkg.api` (the HTTP API and pages); `mdkg.cli` is
the command line.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mdkg")
except PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0+unknown"
