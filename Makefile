# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@

demo: $(VENV)/.installed
	cd demo_site && ../$(BIN)/mkdocs build --strict
	@echo "Demo site built: open $(CURDIR)/demo_site/site/index.html"

test: $(VENV)/.installed
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check mkdocs_favicons tests benchmarks
	$(BIN)/mypy mkdocs_favicons

clean:
	rm -rf $(VENV) demo_site/site .cache demo_site/.cache
