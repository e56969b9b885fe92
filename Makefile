# Two commands: `make build` (set up, then build the base site and every example agency) and
# `make test` (set up, type-check src/ with mypy, then run every test). Set-up happens on first use and when pins change.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
NODE_READY := node_modules/.ready
BUILD_SYSTEM_READY := build/.system-build-ready
TEST_SYSTEM_READY := build/.system-test-ready

ZENSICAL_READY := $(VENV)/.zensical-ready

.PHONY: build test serve check spelling fuzz evidence bench clean setup ready zensical

# Building needs only the Python packages, Pango and fonts: no npm, no browser, no Java.
build: $(READY) $(BUILD_SYSTEM_READY)
	$(BIN)/mentorkit build --all --bundle

test: $(READY) $(NODE_READY) $(TEST_SYSTEM_READY)
	$(BIN)/mypy
	$(BIN)/pytest

serve: $(READY)
	$(BIN)/mentorkit serve

check: $(READY)
	$(BIN)/mentorkit check --translations $(patsubst %,--agency %,$(wildcard agencies/*.yml))

spelling: $(READY) $(TEST_SYSTEM_READY)
	$(BIN)/python scripts/spellcheck.py

# The property test of tests/test_property.py, unseeded and with many more examples than `make test` runs.
fuzz: $(READY)
	MENTORKIT_FUZZ_EXAMPLES=$(or $(FUZZ_EXAMPLES),5000) $(BIN)/pytest -q tests/test_property.py -k renders_safely

# Run the accessibility gates on the real content and record their runs in data/accessibility-evidence.yml,
# which the accessibility statement is built from (CONTENT.md, "The accessibility statement").
evidence: $(READY) $(NODE_READY) $(TEST_SYSTEM_READY)
	$(BIN)/pytest -q --record-evidence tests/test_browser.py::test_axe_finds_no_violation_on_any_page \
		tests/test_html.py::test_real_sites_are_valid_html tests/test_pdfua.py::test_checker_finds_nothing

# `make bench ROUND=100`: only one forced build of a generated round of 100 (time, peak memory, ratio to the PDF limit).
bench: $(READY) $(BUILD_SYSTEM_READY)
	$(BIN)/python scripts/benchmark.py $(if $(ROUND),--agencies $(ROUND) --round-only --json build/bench-$(ROUND).json) $(BENCH_ARGS)

setup: $(READY) $(NODE_READY) $(TEST_SYSTEM_READY)

# What ./mentorkit needs before it runs (the same set-up as `make build`; quick when done).
ready: $(READY) $(BUILD_SYSTEM_READY)

# The same staged trees built with Zensical instead of MkDocs, through the same quality gates
# (strict build, axe-core, the Nu checker, links, the language switch, Finnish search, no outside
# request, hostile names as text); prints each gate that differs (scripts/zensical_gates.py).
zensical: $(READY) $(NODE_READY) $(TEST_SYSTEM_READY) $(ZENSICAL_READY)
	$(BIN)/python scripts/zensical_gates.py

$(ZENSICAL_READY): requirements-zensical.lock $(READY)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.lock
	touch $@

$(READY): pyproject.toml requirements.lock
	@echo "Setting up the Python packages in $(VENV) (first use, or their pins changed): about a minute…"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(NODE_READY): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian packages, in two sets (scripts/install-system-deps.sh): `build` is Pango and the DejaVu
# fonts for WeasyPrint; `test` adds Chromium (browser tests), Voikko (spelling) and Java (the HTML
# checker). Installed only when missing (needs root or sudo on a fresh machine).
$(BUILD_SYSTEM_READY): scripts/install-system-deps.sh
	sh scripts/install-system-deps.sh build
	mkdir -p build && touch $@

$(TEST_SYSTEM_READY): scripts/install-system-deps.sh
	sh scripts/install-system-deps.sh test
	mkdir -p build && touch $@

clean:
	rm -rf dist build
