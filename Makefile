# The two commands a new user needs: `make run` and `make test`.
# Everything else (venv, packages, system libraries) is set up on the way.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSLIBS := $(VENV)/.syslibs
# yaml-language-server, for tests/test_lsp.py (the editors' view of our schemas); from the npm
# registry when npm is there, once. Without it that test is skipped and says why.
LSP := $(VENV)/.lsp
YAML_LANGUAGE_SERVER := yaml-language-server@1.25.0

.PHONY: setup run test lint fuzz bench clean schemas

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

# WeasyPrint needs Pango, and HarfBuzz's subsetter for fonts (without it WeasyPrint falls back
# to fontTools, whose output differs from run to run); install them when any is missing, with qpdf
# (tests/test_report_layout.py runs `qpdf --check` on the reports).
$(SYSLIBS):
	@if ! ldconfig -p 2>/dev/null | grep -q libpango-1.0 || ! ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || ! command -v qpdf >/dev/null 2>&1; then \
		if command -v apt-get >/dev/null 2>&1; then \
			SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
			$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core qpdf >/dev/null; \
		else \
			echo "Install Pango (libpango-1.0) for PDF output: https://doc.courtbouillon.org/weasyprint/stable/first_steps.html"; \
		fi; \
	fi
	@mkdir -p $(VENV) && touch $(SYSLIBS)

$(LSP):
	@mkdir -p $(VENV)
	@if command -v npm >/dev/null 2>&1; then \
		timeout 300 npm install --prefix $(VENV)/lsp --no-audit --no-fund --no-save --silent \
			$(YAML_LANGUAGE_SERVER) >/dev/null 2>&1 \
		|| echo "note: $(YAML_LANGUAGE_SERVER) could not be installed with npm; tests/test_lsp.py will be skipped"; \
	fi
	@touch $(LSP)

setup: $(STAMP) $(SYSLIBS) $(LSP)

run: setup
	$(BIN)/assess tui

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check assess tests bench
	$(BIN)/ruff format --check assess tests bench
	$(BIN)/mypy

fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_fuzz.py tests/test_crash_safety.py -p no:cacheprovider

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# The committed JSON Schemas (assess/schemas/, and the examples' answers schema beside them),
# regenerated from the models and the bundled questionnaire; tests/test_schema.py fails when stale.
schemas: setup
	for kind in answers questionnaire organisation result; do \
		$(BIN)/assess --quiet schema $$kind -o assess/schemas/$$kind.schema.json; done
	$(BIN)/assess --quiet schema answers -q sre-core -o examples/sre-core.v2.answers.schema.json
