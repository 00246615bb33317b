# One entry point for every task. Each target does its own set-up on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Silence MkDocs-2.0 banners; pin build timestamps to the last commit for byte-identical builds.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1764288000)
export PYTHONDONTWRITEBYTECODE := 1

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help setup browser build serve test lint check gen bench clean edition

help:
	@echo "make serve   set up, build and serve the site at http://127.0.0.1:8000"
	@echo "make test    set up and run the whole test suite (data, macros, build, HTML, browser)"
	@echo "make build   write the site to site/"
	@echo "make gen     regenerate pages and exports from data/ (after editing data)"
	@echo "make bench   Lighthouse and build-time benchmarks (writes BENCHMARKS.md)"
	@echo "make edition build release RELEASE (default: newest) from tag v<RELEASE> into site/editions/<RELEASE>/"

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
	$(PY) -m pip check
	touch $@

setup: $(STAMP)

# Debian's chromium, never a browser download.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Debian's chromium"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@/usr/bin/chromium --version

gen: $(STAMP)
	$(PY) -m macros gen

check: $(STAMP)
	$(PY) -m macros check

build: check
	$(PY) -m mkdocs build --strict --clean

serve: check
	$(PY) -m mkdocs serve --strict --livereload -a 127.0.0.1:8000

lint: $(STAMP)
	$(PY) -m ruff check macros tests scripts
	$(PY) -m ruff format --check macros tests scripts

test: $(STAMP) browser lint
	$(PY) -m pytest

# Lighthouse comes from npm (package-lock.json); `npm ci` only when the lock is newer than node_modules.
bench: build browser
	@[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
	$(PY) scripts/bench.py

# A frozen edition of one release, built from its git tag (see docs/cite.md, "Editions").
# Run after `make build`: `mkdocs build --clean` empties site/, editions included.
RELEASE ?=
REF ?=
edition: $(STAMP)
	$(PY) scripts/edition.py $(if $(RELEASE),--release $(RELEASE)) $(if $(REF),--ref $(REF))

clean:
	rm -rf site .pytest_cache
