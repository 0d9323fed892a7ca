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

# One table: DramaWired's pages uncached, cached and behind deploy/'s nginx, beside
# WordPress (Debian's packages, on MariaDB) and a static file, at 100,000 posts.
bench: bench-tools
	$(BIN)/python bench/compare.py

bench-ingest: $(STAMP)
	$(BIN)/python bench/ingest.py

# Uses Redis db 15 on 127.0.0.1:6379 when it is running.
bench-site: bench-tools
	$(BIN)/python bench/serving.py

# nginx's page cache in front of two web instances, and 1 vs 2 workers (PostgreSQL + Redis).
bench-deploy: bench-tools
	$(BIN)/python bench/deploy.py

# wrk and nginx for every serving bench; for the WordPress beside DramaWired in `make bench`,
# PHP-FPM with its MySQL driver, and MariaDB (its client, and a server unless one is
# installed). WordPress itself is unpacked into var/bench/ by the bench.
.PHONY: bench-deploy bench-ingest bench-tools
bench-tools: $(STAMP)
	@if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null \
	    || ! ls /usr/sbin/php-fpm* >/dev/null 2>&1 || ! php -m 2>/dev/null | grep -qx mysqli \
	    || ! command -v mariadb >/dev/null; then \
	  $(call apt,wrk nginx-light php-fpm php-mysql mariadb-client); fi
	@if [ ! -x /usr/sbin/mariadbd ] && [ ! -x /usr/sbin/mysqld ]; then \
	  $(call apt,mariadb-server); fi

clean:
	rm -rf $(VENV) var
