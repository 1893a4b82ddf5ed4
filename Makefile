# Two commands: `make demo` and `make test`. Each does its own setup and is safe to run twice.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_DB ?= var/demo.sqlite
BENCH_ARTICLES ?= 100000

.PHONY: help setup demo test eval bench lint lock system launcher clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

# the locked dependency set (requirements.lock, with hashes), then the project itself: pyproject.toml
# keeps ranges for those who install the package; `make lock` re-resolves them
$(STAMP): pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

setup: $(STAMP)  ## Python virtual environment with the project and its dev tools

system:  ## Debian packages for page tests (chromium, CJK fonts)
	@bash tools/setup-system.sh

launcher:  ## build the test Neo4j launcher (first run downloads Neo4j from Maven Central)
	@bash tools/neo4j-launcher/build.sh

demo: $(STAMP)  ## ingest the sample corpus into the embedded store and serve the API and pages
	MDKG_SQLITE_PATH=$(DEMO_DB) $(BIN)/mdkg demo --store embedded --host $(HOST) --port $(PORT)

test: $(STAMP) system launcher lint  ## lint, then every test, with a real Neo4j and headless Chromium
	$(BIN)/python -m pytest

eval: $(STAMP)  ## score the extractor on every corpus with a gold file; report in reports/ (var/eval/ if a set is missing)
	$(BIN)/mdkg eval

bench: $(STAMP) launcher  ## ingest, read-side and load (hey against mdkg serve) benchmarks; figures go in BENCHMARKS.md
	@bash tools/setup-system.sh hey
	$(BIN)/python -m benchmarks.bench_ingest
	$(BIN)/python -m benchmarks.bench_graph
	$(BIN)/python -m benchmarks.bench_write
	$(BIN)/python -m benchmarks.bench_corrections
	$(BIN)/python -m benchmarks.bench_pages
	$(BIN)/python -m benchmarks.bench_memory --articles 10000
	$(BIN)/python -m benchmarks.bench_serve --articles $(BENCH_ARTICLES)

lock:  ## re-resolve requirements.lock from pyproject.toml's ranges (with uv), for every platform
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 --generate-hashes \
		--quiet -o $(LOCK)

lint: $(STAMP)  ## ruff (lint and format) and mypy
	$(BIN)/ruff check mdkg graph ingest api tests benchmarks
	$(BIN)/ruff format --check --quiet mdkg graph ingest api tests benchmarks
	$(BIN)/mypy mdkg benchmarks

clean:  ## remove the virtual environment, build output and demo data
	rm -rf $(VENV) tools/neo4j-launcher/target var
