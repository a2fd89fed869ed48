# Two commands for a fresh machine: `make demo` and `make test`.
# Another interpreter gets its own venv: `make test PYTHON=python3.13 VENV=.venv-3.13`.
SHELL := bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The oldest supported Python, for the suite with the lowest allowed dependency versions.
LOWEST_PYTHON ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.10*/bin/python) python3.10)
LOWEST_VENV := .venv-lowest
LINTED := mkdocs_favicons tests benchmarks demo_site/hooks demo_site/visibility_pictures.py .ci

.PHONY: demo test test-lowest lint dist clean rfg

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@

demo: $(VENV)/.installed
	cd demo_site && ../$(BIN)/mkdocs build --strict
	@echo "Documentation site built: open $(CURDIR)/demo_site/site/index.html"

# RealFaviconGenerator's checker, which the tests run on built sites (tests/rfg.py); npm, pinned.
RFG := tests/.rfg/node_modules/@realfavicongenerator/check-favicon/package.json
$(RFG):
	mkdir -p tests/.rfg
	cd tests/.rfg && npm install --no-audit --no-fund --silent @realfavicongenerator/check-favicon@0.6.1

rfg: $(RFG)

test: $(VENV)/.installed $(RFG)
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy mkdocs_favicons demo_site/hooks demo_site/visibility_pictures.py .ci/lowest_constraints.py

# Every `>=` bound in pyproject.toml pinned exactly (.ci/lowest_constraints.py), so a new
# dependency is covered with no change here.
$(LOWEST_VENV)/.installed: pyproject.toml .ci/lowest_constraints.py
	rm -rf $(LOWEST_VENV)
	$(LOWEST_PYTHON) -m venv $(LOWEST_VENV)
	$(LOWEST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOWEST_VENV)/bin/python .ci/lowest_constraints.py test > $(LOWEST_VENV)/constraints.txt
	$(LOWEST_VENV)/bin/python -m pip install --quiet -c $(LOWEST_VENV)/constraints.txt -e '.[test]'
	touch $@

test-lowest: $(LOWEST_VENV)/.installed $(RFG)
	$(LOWEST_VENV)/bin/python --version
	@# What the constraints pinned, as installed:
	$(LOWEST_VENV)/bin/python -m pip freeze | grep -i -f <(sed -E 's/[-_.]/[-_.]/g; s/^/^/; s/==.*/==/' $(LOWEST_VENV)/constraints.txt)
	$(LOWEST_VENV)/bin/python -m pytest

# An sdist and a wheel an index would accept.
dist: $(VENV)/.installed
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	$(BIN)/twine check --strict dist/*

clean:
	rm -rf $(VENV) $(LOWEST_VENV) .venv-3.* dist demo_site/site .cache demo_site/.cache tests/.rfg
