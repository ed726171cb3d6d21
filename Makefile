# Two commands set everything up on a fresh machine: `make brief` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The installed console script doubles as the stamp: when it is missing, install again.
STAMP := $(BIN)/brief

.PHONY: brief check test reference clean

# Build every brief in briefs/ (or one: make brief BRIEF=name) into out/.
brief: $(STAMP)
	$(BIN)/brief build $(BRIEF)

check: $(STAMP)
	$(BIN)/brief check

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Regenerate the house-style reference document from builder/house_style.py.
reference: $(STAMP)
	$(BIN)/python -m builder.house_style templates/reference.docx

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf out .pytest_cache
