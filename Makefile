# Two commands set everything up on a fresh machine: `make generate` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: generate check validate test test-fast fuzz bench clean corpus-report

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

generate: $(STAMP)
	$(BIN)/schemagen generate

check: $(STAMP)
	$(BIN)/schemagen check

validate: $(STAMP)
	$(BIN)/schemagen validate

test: $(TEST_STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -q -m "not live"

corpus-report: $(STAMP)
	$(BIN)/python tools/corpus_report.py

fuzz: $(TEST_STAMP)
	SCHEMAGEN_FUZZ_EXAMPLES=500 $(BIN)/python -m pytest -q tests/property

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache
