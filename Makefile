# Two commands: `make build` (set up, then build the base site and every example agency) and
# `make test` (set up, type-check src/ with mypy, then run every test). Set-up happens on first use and when pins change.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
NODE_READY := node_modules/.ready
SYSTEM_READY := build/.system-ready

.PHONY: build test serve check spelling bench clean setup

build: $(READY) $(SYSTEM_READY)
	$(BIN)/mentorkit build --all

test: $(READY) $(NODE_READY) $(SYSTEM_READY)
	$(BIN)/mypy
	$(BIN)/pytest

serve: $(READY)
	$(BIN)/mentorkit serve

check: $(READY)
	$(BIN)/mentorkit check --translations --agency agencies/*.yml

spelling: $(SYSTEM_READY)
	$(PYTHON) scripts/spellcheck.py

bench: $(READY) $(SYSTEM_READY)
	$(BIN)/python scripts/benchmark.py

setup: $(READY) $(NODE_READY) $(SYSTEM_READY)

$(READY): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(NODE_READY): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian packages: Chromium for the browser tests, Voikko for Finnish spelling, fonts and Java
# for the HTML checker. Installed only when missing (needs root or sudo on a fresh machine).
$(SYSTEM_READY): scripts/install-system-deps.sh
	sh scripts/install-system-deps.sh
	mkdir -p build && touch $@

clean:
	rm -rf dist build
