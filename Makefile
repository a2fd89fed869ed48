# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench clean rfg

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@

demo: $(VENV)/.installed
	cd demo_site && ../$(BIN)/mkdocs build --strict
	@echo "Demo site built: open $(CURDIR)/demo_site/site/index.html"

# RealFaviconGenerator's checker, which the tests run on built sites (tests/rfg.py); npm, pinned.
RFG := tests/.rfg/node_modules/@realfavicongenerator/check-favicon/package.json
$(RFG):
	mkdir -p tests/.rfg
	cd tests/.rfg && npm install --no-audit --no-fund --silent @realfavicongenerator/check-favicon@0.6.1

rfg: $(RFG)

test: $(VENV)/.installed $(RFG)
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check mkdocs_favicons tests benchmarks
	$(BIN)/mypy mkdocs_favicons

clean:
	rm -rf $(VENV) demo_site/site .cache demo_site/.cache
