# Two commands set everything up on a fresh machine: `make brief` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The installed console script doubles as the stamp: when it is missing, install again.
STAMP := $(BIN)/brief

.PHONY: brief check fmt status test render-check bench reference clean system-tools

# Build every brief in briefs/ (or one: make brief BRIEF=name) into out/.
brief: $(STAMP)
	$(BIN)/brief build $(BRIEF)

# The consistency check over all data and briefs (exit 1 on errors).
check: $(STAMP)
	$(BIN)/brief check

# The canonical layout of data/ (CI runs `brief fmt --check`).
fmt: $(STAMP)
	$(BIN)/brief fmt

# The coordinators' view: out/status.html, one page to open in a browser.
status: $(STAMP)
	$(BIN)/brief status --format html --output out/status.html

# The full suite, the LibreOffice render check included. As root (CI) the system tools are
# installed and required; as another user without them, their tests are skipped with the reason.
test: $(STAMP) system-tools
	@# deduce builds its name lists on first use (about 90 s, once per install): here, not in one test's time.
	$(BIN)/python -c 'from builder.woo.names import prepare; prepare()'
	$(REQUIRE_TOOLS) $(BIN)/python -m pytest -q

# Only the render check: LibreOffice turns each out/*.docx into a PDF and pdftoppm page 1 into
# out/render/NAME-1.png; the test checks pages, footers, footnotes and fonts.
render-check: $(STAMP) system-tools
	$(REQUIRE_TOOLS) $(BIN)/python -m pytest -q -m render

# Debian's packages the tests need, installed when absent: Chromium shows the status dashboard
# (driven by Playwright from the test extra, never its own browser download), LibreOffice and
# poppler render the examples. Only root can install them: another user gets a note, not the
# apt lock's error, and the tests that need them skip.
SYSTEM_TOOLS_PRESENT = command -v chromium >/dev/null && command -v soffice >/dev/null && command -v pdftoppm >/dev/null
REQUIRE_TOOLS = $(if $(filter 0,$(shell id -u)),BRIEF_SYSTEM_TOOLS=required,)
system-tools:
	@$(SYSTEM_TOOLS_PRESENT) || \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium libreoffice-writer poppler-utils fonts-dejavu-core; \
	  else \
	    echo "note: chromium, LibreOffice or poppler-utils is missing and only root can install them (sudo make system-tools); the tests that need them are skipped"; \
	  fi

# The benchmark at ministry scale: a synthetic repository (5,000 commitments, 1,000 motions,
# 3,000 documents, 300 briefs), timed; prints a table and writes bench/results.md.
bench: $(STAMP)
	$(BIN)/python bench/run.py

# Regenerate the house-style reference document from builder/house_style.py.
reference: $(STAMP)
	$(BIN)/python -m builder.house_style templates/reference.docx

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf out .pytest_cache
