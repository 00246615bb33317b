# One entry point for every task. Each target does its own set-up on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Which engine `make build` / `make serve` use: mkdocs (default), properdocs or zensical.
# Each has its own hash-locked environment: .venv (mkdocs, also runs the tests), .venv-properdocs,
# .venv-zensical, from requirements.lock, requirements-properdocs.lock, requirements-zensical.lock.
ENGINE ?= mkdocs
ENGINES := mkdocs properdocs zensical
ifeq ($(filter $(ENGINE),$(ENGINES)),)
$(error ENGINE must be one of: $(ENGINES) (got '$(ENGINE)'))
endif
engine_venv = $(if $(filter mkdocs,$(1)),$(VENV),$(VENV)-$(1))
ENGINE_VENV := $(call engine_venv,$(ENGINE))
ENGINES_OUT := .engines

# Silence MkDocs-2.0 banners; pin build timestamps to the last commit for byte-identical builds.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1764288000)
export PYTHONDONTWRITEBYTECODE := 1
# Zensical imports macros/ as a module: the project root must be on the import path.
export PYTHONPATH := $(CURDIR)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PIP_QUIET := --quiet --disable-pip-version-check --no-input
# pip warns once per package about index folders a machine's pip.conf names but does not have.
PIP_FILTER := { grep -v "^WARNING: Location 'file:" || true; }
# Every step announces itself on one plain line.
step = @printf '\n==> %s\n' "$(1)"

.PHONY: help python setup browser bytecode build serve test test-fast test-mkdocs test-engine test-engines lint check gen bench clean lock mutation edition

help:
	@echo "make serve                  set up, build and serve the site at http://127.0.0.1:8000"
	@echo "make test                   set up and run the whole test suite (data, macros, build, HTML,"
	@echo "                            links, feed, browser) and the built-site tests on every engine"
	@echo "make test-fast              data, model and macro tests only: no site build, no browser (~1 min)"
	@echo "make build [ENGINE=...]     write the site to site/ with mkdocs (default), properdocs or zensical"
	@echo "make test-engines           build with each engine and run the built-site tests on each output"
	@echo "make gen                    regenerate pages and exports from data/ (after editing data)"
	@echo "make lock                   re-resolve the hash-locked requirements*.lock from requirements*.in"
	@echo "make bench                  Lighthouse and build-time benchmarks (writes BENCHMARKS.md)"
	@echo "make mutation               mutation score of validation, escaping, citations, exports (mutmut; ~30 min)"
	@echo "make edition [RELEASE=]     build a release from its tag v<RELEASE> into site/editions/<RELEASE>/"
	@echo "                            (RELEASE=all: every tagged release, as the deploy job does)"

# The locks are resolved for CPython 3.11 (pyproject: >= 3.11.5): say so before anything installs.
python:
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if (v.major, v.minor) == (3, 11) and v.micro >= 5 else 1)' 2>/dev/null || { \
	  echo "RSP Atlas needs Python 3.11 (3.11.5 or newer): '$(PYTHON)' is $$($(PYTHON) --version 2>&1 || echo missing)." >&2; \
	  echo "Install Python 3.11 and run e.g. 'make test PYTHON=python3.11'." >&2; exit 1; }

# One environment per lock file; pip is quiet, so say what is happening and roughly how long it takes.
$(VENV)/.installed: requirements.lock | python
	$(call step,Installing the hash-locked environment $(VENV) from requirements.lock (about a minute))
	@$(PYTHON) -m venv $(VENV)
	@set -o pipefail; $(VENV)/bin/python -m pip install $(PIP_QUIET) --require-hashes --no-deps -r requirements.lock 2>&1 | $(PIP_FILTER)
	@$(VENV)/bin/python -m pip check >/dev/null
	@touch $@

$(VENV)-%/.installed: requirements-%.lock | python
	$(call step,Installing the hash-locked environment $(VENV)-$* from requirements-$*.lock)
	@$(PYTHON) -m venv $(VENV)-$*
	@set -o pipefail; $(VENV)-$*/bin/python -m pip install $(PIP_QUIET) --require-hashes --no-deps -r requirements-$*.lock 2>&1 | $(PIP_FILTER)
	@$(VENV)-$*/bin/python -m pip check >/dev/null
	@touch $@

setup: $(STAMP)

# Debian's chromium, never a browser download. (Debian's launcher script prints a harmless
# "[: ... unexpected operator" on --version, so the version is read without it.)
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "==> Installing Debian's chromium (apt)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@echo "chromium: $$(dpkg-query -W -f='$${Version}' chromium 2>/dev/null || echo present)"

gen: $(STAMP)
	$(call step,Regenerating pages, exports, redirects and template page facts from data/)
	@$(PY) -m macros gen

check: $(STAMP)
	$(call step,Checking that generated files match data/ (python -m macros check))
	@$(PY) -m macros check && echo "generated files up to date"

# Build with one engine into $(1): mkdocs/properdocs take --site-dir; Zensical only builds inside
# the project, so it reads a throwaway config that inherits mkdocs.yml and names the output folder.
# Zensical keeps rendered pages in .cache/ keyed by their Markdown, not by the macros and extensions
# that shape them (`--clean` leaves it), so a code change would reuse stale pages: it goes first.
define build_with
	@set -eo pipefail; start=$$(date +%s%N); \
	case "$(2)" in \
	  mkdocs) $(call engine_venv,mkdocs)/bin/python -m mkdocs build --strict --clean --quiet --site-dir "$(1)" ;; \
	  properdocs) $(call engine_venv,properdocs)/bin/properdocs build --strict --clean --quiet --site-dir "$(1)" ;; \
	  zensical) cfg=.zensical-build.yml; trap 'rm -f "$$cfg"' EXIT; \
	    printf 'INHERIT: mkdocs.yml\nsite_dir: %s\n' "$(1)" > "$$cfg"; \
	    rm -rf "$(1)" .cache; $(call engine_venv,zensical)/bin/zensical build --strict --clean -f "$$cfg" | { grep -v '^Build \(started\|finished\)' || true; } ;; \
	esac; \
	echo "built with $(2) in $$(( ($$(date +%s%N) - start) / 1000000 )) ms"
endef

# macros/ byte-compiled ahead, as pip does for every installed package (Material's included): with
# PYTHONDONTWRITEBYTECODE (exported above) imports never write a cache, so every build compiled the
# 46 modules from source, about 0.1 s of CPU. Python checks each cache against its source's
# modification time and size, so an edited module is compiled afresh.
bytecode: $(STAMP)
	@$(PY) -m compileall -q macros

build: check bytecode $(ENGINE_VENV)/.installed
	$(call step,Building site/ with $(ENGINE) (strict))
	$(call build_with,site,$(ENGINE))

serve: check bytecode
	$(call step,Serving at http://127.0.0.1:8000 (Ctrl-C stops))
	@$(PY) -m mkdocs serve --strict --livereload --quiet -a 127.0.0.1:8000

lint: $(STAMP)
	$(call step,Lint (ruff) and strict type check of macros/ (mypy))
	@$(PY) -m ruff check --quiet macros tests scripts
	@$(PY) -m ruff format --check --quiet macros tests scripts && echo "ruff: clean"
	@$(PY) -m mypy

test: test-mkdocs
	@$(MAKE) --no-print-directory $(foreach e,$(filter-out mkdocs,$(ENGINES)),$(VENV)-$(e)/.installed) _engines

# The quick loop while editing data or macros: every test that needs neither a full build of the site
# (marker `build`: the built-site fixture or a test's own mkdocs build) nor a browser (`browser`).
test-fast: $(STAMP)
	$(call step,Fast tests: no site build, no browser (pytest -m "not browser and not build"))
	@$(PY) -m pytest -q -m "not browser and not build"

# The MkDocs half of `make test`: CI's per-engine jobs run it and `make test-engine` side by side.
test-mkdocs: $(STAMP) browser lint check bytecode
	$(call step,Test suite on MkDocs (pytest))
	@$(PY) -m pytest -q

# One engine's share of `make test-engines`, for a CI job of its own: builds MkDocs (the reference)
# and ENGINE, then runs the built-site tests on ENGINE's output. `make test-engine ENGINE=zensical`.
test-engine: $(STAMP) browser check
	@[ "$(ENGINE)" != mkdocs ] || { echo "make test-engine needs ENGINE=properdocs or ENGINE=zensical"; exit 2; }
	@$(MAKE) --no-print-directory $(VENV)-$(ENGINE)/.installed
	@$(MAKE) --no-print-directory _engines ENGINE_LIST="mkdocs $(ENGINE)"

# The same built-site tests (HTML, URL contract, links and anchors, citations, feed, browser) on
# every engine's output, plus an engine-by-engine comparison with the MkDocs build. The differences
# the project accepts are listed in tests/engine_differences.py; any other difference fails.
test-engines: $(STAMP) $(foreach e,$(filter-out mkdocs,$(ENGINES)),$(VENV)-$(e)/.installed) browser check
	@$(MAKE) --no-print-directory _engines

# ProperDocs' output is compared byte for byte with MkDocs' (tests/engine_differences.py), so the
# browser suite, which reads the same bytes, runs on the MkDocs and Zensical builds only.
SITE_TESTS := tests/test_engines.py tests/test_site.py tests/test_urls.py tests/test_feed.py

_engines:
	@rm -rf $(ENGINES_OUT) && mkdir -p $(ENGINES_OUT)
	$(call step,Building with each engine into $(ENGINES_OUT)/)
	@set -e; for e in $(or $(ENGINE_LIST),$(ENGINES)); do $(MAKE) --no-print-directory _build_one E=$$e; done
	@set -e; for e in $(filter-out mkdocs,$(or $(ENGINE_LIST),$(ENGINES))); do \
	  printf '\n==> %s\n' "Built-site tests on the $$e build"; \
	  ATLAS_ENGINE=$$e ATLAS_SITE=$(ENGINES_OUT)/$$e ATLAS_REFERENCE=$(ENGINES_OUT)/mkdocs \
	    $(PY) -m pytest -q -p no:cacheprovider $(SITE_TESTS) $$([ $$e = properdocs ] || echo tests/browser); \
	done

_build_one:
	$(call build_with,$(CURDIR)/$(ENGINES_OUT)/$(E),$(E))

# Re-resolve the locks with pip-tools in a throwaway environment; existing pins are kept unless
# an .in file asks for something else. Review the diff, then `make test`.
lock:
	$(call step,Resolving requirements*.lock with pip-tools (hashes for every file of each release))
	@$(PYTHON) -m venv /tmp/rsp-atlas-piptools && /tmp/rsp-atlas-piptools/bin/python -m pip install $(PIP_QUIET) pip-tools==7.6.2
	@set -e; for src in requirements*.in; do \
	  lock=$${src%.in}.lock; echo "$$src -> $$lock"; \
	  /tmp/rsp-atlas-piptools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-header \
	    --no-emit-index-url --no-emit-find-links -o "$$lock" "$$src"; \
	  { printf '# Hash-locked, resolved for Python 3.11 on Linux from %s; install with\n' "$$src"; \
	    printf '#   pip install --require-hashes --no-deps -r %s\n' "$$lock"; \
	    printf '# Regenerate with `make lock` (pip-tools, keeps existing pins unless %s changes them).\n\n' "$$src"; \
	    cat "$$lock"; } > "$$lock.tmp" && mv "$$lock.tmp" "$$lock"; \
	done

# Lighthouse comes from npm (package-lock.json); `npm ci` only when the lock is newer than node_modules.
bench: build browser
	@[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
	$(PY) scripts/bench.py

# Mutants of the validation, escaping, citation and export code against the fast in-process
# tests ([tool.mutmut] in pyproject.toml); prints killed/survived and the score (BENCHMARKS.md).
mutation: $(STAMP)
	rm -rf mutants
	$(VENV)/bin/mutmut run --max-children 2 >/dev/null
	$(VENV)/bin/mutmut export-cicd-stats >/dev/null
	@$(PY) -c "import json; s = json.load(open('mutants/mutmut-cicd-stats.json')); \
	  k, v = s['killed'], s['survived']; print(f'mutants: {s[\"total\"]}, killed {k}, survived {v}, ' \
	  f'no tests {s[\"no_tests\"]}; score {100 * k / (k + v):.1f} % of covered mutants')"

# A frozen edition of one release, built from its git tag (see docs/cite.md, "Editions").
# Run after `make build`: `mkdocs build --clean` empties site/, editions included.
RELEASE ?=
REF ?=
# RELEASE=all builds every release that has its v<release> tag (what the deploy job does).
edition: $(STAMP)
	$(PY) scripts/edition.py $(if $(filter all,$(RELEASE)),--all-tags,$(if $(RELEASE),--release $(RELEASE)) $(if $(REF),--ref $(REF)))

clean:
	rm -rf site .pytest_cache $(ENGINES_OUT) .cache mutants
