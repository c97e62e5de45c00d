# lmdocs — two commands matter: `make serve` (build and serve the site) and `make test` (everything).
# Each installs what it needs: a virtual environment in .venv, the pinned npm assets in node_modules,
# and for the tests Debian's chromium when it is missing and we are root.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build test check bench setup-site setup-test chromium clean help

help:
	@echo "make serve   build the site and serve it with live reload on http://127.0.0.1:8000"
	@echo "make test    install everything needed, build the site, run the whole test suite"
	@echo "make check   the unit tier only (tests/unit: in-process, no site build, no browser; under a minute)"
	@echo "make build   build the site into site/ (strict)"
	@echo "make bench   run the benchmarks (slow; prints ratios against the reference tools)"

serve: setup-site
	@echo "==> serving on http://127.0.0.1:8000 (Ctrl+C to stop)"
	$(VENV)/bin/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: setup-site
	@echo "==> building the site into site/"
	$(VENV)/bin/mkdocs build --strict

test: setup-test chromium
	@echo "==> running the test suite"
	$(VENV)/bin/pytest

check: setup-test
	@echo "==> running the unit tier (tests/unit)"
	$(VENV)/bin/pytest tests/unit -q

bench: setup-test chromium
	@for b in benchmarks/*.py; do case $$b in */_*) continue;; esac; \
	  echo "==> $$b"; $(PY) $$b || exit 1; done

setup-site: $(VENV)/.site-installed node_modules/.installed
setup-test: $(VENV)/.test-installed node_modules/.installed

$(VENV)/bin/python:
	@echo "==> creating the virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.site-installed: pyproject.toml | $(VENV)/bin/python
	@echo "==> installing lmdocs with the site extras"
	$(PY) -m pip install --quiet -e ".[site]"
	@touch $@

$(VENV)/.test-installed: pyproject.toml | $(VENV)/bin/python
	@echo "==> installing lmdocs with the test extras (torch CPU, KenLM builds from source: a minute or two)"
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $@ $(VENV)/.site-installed

node_modules/.installed: package.json package-lock.json
	@echo "==> installing the pinned front-end assets (npm ci)"
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

chromium:
	@if [ -x /usr/bin/chromium ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "==> installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "The browser tests need /usr/bin/chromium: run 'sudo apt-get install chromium' and try again."; exit 1; \
	fi

clean:
	rm -rf site .cache test-artifacts
