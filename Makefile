# DramaWired: `make demo` runs the offline demo, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
VNU    := $(VENV)/vnu/node_modules/vnu-jar/build/dist/vnu.jar
APT    := DEBIAN_FRONTEND=noninteractive apt-get install -y -q

.PHONY: demo test test-tools lint bench bench-site clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

# What the tests use beside Python: Debian's Chromium for the browser tests (never
# `playwright install`), and the Nu Html Checker (npm package vnu-jar, run with Java).
test-tools: $(STAMP) $(VNU)
	@if [ ! -x /usr/bin/chromium ]; then $(call apt,chromium); fi

$(VNU):
	npm install --silent --no-audit --no-fund --prefix $(VENV)/vnu vnu-jar@26.9.27

define apt
if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
  apt-get update -q && $(APT) $(1); \
else echo "error: install $(1) (Debian package)" >&2; exit 1; fi
endef

demo: $(STAMP)
	DRAMAWIRED_ALLOW_PRIVATE_NETWORKS=1 $(BIN)/dramawired demo

test: test-tools
	$(BIN)/ruff check dramawired bench
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check --fix dramawired bench

bench: bench-tools
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/serving.py

# Uses Redis db 15 on 127.0.0.1:6379 when it is running.
bench-site: bench-tools
	$(BIN)/python bench/serving.py

# nginx's page cache in front of two web instances, and 1 vs 2 workers (PostgreSQL + Redis).
bench-deploy: bench-tools
	$(BIN)/python bench/deploy.py

.PHONY: bench-deploy bench-tools
bench-tools: $(STAMP)
	@if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then \
	  $(call apt,wrk nginx-light); fi

clean:
	rm -rf $(VENV) var
