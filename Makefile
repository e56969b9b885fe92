# Two commands: `make build` (set up, then build the base site and every example agency) and
# `make test` (set up, type-check src/ with mypy, then run every test). Set-up happens on first use and when pins change.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
NODE_READY := node_modules/.ready
BUILD_SYSTEM_READY := build/.system-build-ready
TEST_SYSTEM_READY := build/.system-test-ready

.PHONY: build test serve check spelling fuzz bench clean setup

# Building needs only the Python packages, Pango and fonts: no npm, no browser, no Java.
build: $(READY) $(BUILD_SYSTEM_READY)
	$(BIN)/mentorkit build --all --bundle

test: $(READY) $(NODE_READY) $(TEST_SYSTEM_READY)
	$(BIN)/mypy
	$(BIN)/pytest

serve: $(READY)
	$(BIN)/mentorkit serve

check: $(READY)
	$(BIN)/mentorkit check --translations --agency agencies/*.yml

spelling: $(READY) $(TEST_SYSTEM_READY)
	$(BIN)/python scripts/spellcheck.py

# The property test of tests/test_property.py, unseeded and with many more examples than `make test` runs.
fuzz: $(READY)
	MENTORKIT_FUZZ_EXAMPLES=$(or $(FUZZ_EXAMPLES),5000) $(BIN)/pytest -q tests/test_property.py -k renders_safely

bench: $(READY) $(BUILD_SYSTEM_READY)
	$(BIN)/python scripts/benchmark.py $(BENCH_ARGS)

setup: $(READY) $(NODE_READY) $(TEST_SYSTEM_READY)

$(READY): pyproject.toml requirements.lock
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
