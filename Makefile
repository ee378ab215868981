# The two commands of the README: `make site` and `make test`.
SWIFT ?= swift
PLANSITE = .build/debug/plansite

.PHONY: opendata-test import-roundtrip nginx-test fuzz bench bench-import site check serve test deps browser-deps build strict-site browser-test clean

## Install libcmark-dev (and the cmark CLI) when missing, then build the site into public/.
## In CI: `make site BUILD_FLAGS=--strict` (warnings such as an unknown citation fail the build).
site: build
	$(PLANSITE) build $(BUILD_FLAGS)

## Check content, registry and templates without writing anything; warnings count as errors.
check: build
	$(PLANSITE) check --strict

## Live preview on http://127.0.0.1:8080/ (PORT=… to change), rebuilt and reloaded on every change.
serve: build
	$(PLANSITE) serve --port $(or $(PORT),8080)

## The whole suite: Swift tests (units, cmark parity, end-to-end on the real content/), the real site built
## with --strict (an unknown citation fails), then the browser checks on that site.
test: build
	$(SWIFT) test
	$(MAKE) strict-site
	$(MAKE) opendata-test
	$(MAKE) browser-test
	$(MAKE) import-roundtrip
	$(MAKE) nginx-test

strict-site:
	rm -rf .build/strict-site
	$(PLANSITE) build --strict --output .build/strict-site/public

## The open data of the strict site: JSON against Tests/opendata/schemas/, CSV, Akoma Ntoso against the OASIS
## XSD (Tests/opendata/akn/), the DCAT catalogue as JSON-LD, and the data against the pages and the plan files.
## Then the same checks on the content built with its plan files cut into parts of 2 plans (`data_part_plans`),
## and the browser checks on that site (the parts table of the open-data pages: Nu, axe, links).
opendata-test: browser-deps
	.venv/bin/python Tests/opendata/check_opendata.py .build/strict-site/public --content content
	rm -rf .build/parts-site && mkdir -p .build/parts-site && cp -R content .build/parts-site/content
	printf '\n# opendata-test: the plan files cut into parts\ndata_part_plans: 2\n' >> .build/parts-site/content/site.yml
	$(PLANSITE) build --strict --quiet --content .build/parts-site/content --output .build/parts-site/public
	.venv/bin/python Tests/opendata/check_opendata.py .build/parts-site/public --content .build/parts-site/content
	.venv/bin/python Tests/browser/check_site.py .build/parts-site/public \
	  --axe "$$(ls .venv/lib/python3*/site-packages/axe_playwright_python/axe.min.js)" --screenshots .build/parts-site/screenshots

## Links, sitemap, feeds, Nu HTML Checker, axe-core in headless Chromium, search, screenshots (.build/screenshots/).
browser-test: browser-deps
	.venv/bin/python Tests/browser/check_site.py .build/strict-site/public \
	  --axe "$$(ls .venv/lib/python3*/site-packages/axe_playwright_python/axe.min.js)" --screenshots .build/screenshots

## Each plan of the strict site printed to PDF by Chromium, written to .docx by pandoc and scanned (page images
## only), imported back with `plansite import` and compared with its plan file; the drafts must build.
import-roundtrip: browser-deps
	.venv/bin/python Tests/import/check_roundtrip.py .build/strict-site/public --plansite $(PLANSITE) --work .build/roundtrip

## The built site served by nginx (config in Tests/nginx/): every file fetched, 404 pages, a 10 s wrk load.
nginx-test: browser-deps
	PATH="$$PATH:/usr/sbin" python3 Tests/nginx/check_nginx.py .build/strict-site/public --seconds 10

deps:
	@./scripts/ensure-deps.sh

browser-deps:
	@./scripts/ensure-browser-deps.sh

build: deps
	$(SWIFT) build

clean:
	rm -rf .build .venv

## Benchmark against Hugo and the raw cmark limit (release build; SIZES=500,2000,10000 RUNS=5; WORK=/dev/shm/pb
## to run all three programs on tmpfs), with search in headless Chromium when .venv has selenium (make
## browser-deps). National scale (issue 17): `make bench SIZES=10000,100000 RUNS=3 WORK=/dev/shm/pb`; each
## output is deleted once measured and each size's corpus once done, Hugo and the edit rebuild are skipped
## when their estimated memory does not fit. BENCH_FLAGS passes more: --keep --skip-hugo --skip-rebuild
## --rebuild-timeout S --skip-search --pretend-memory-gib G (see Benchmarks/bench.py).
# (Not `$(or $(SIZES),500,2000,10000)`: make splits a function's arguments at commas, which gave 500 alone.)
SIZES ?= 500,2000,10000
RUNS ?= 5
bench: deps
	@command -v hugo >/dev/null || { if [ "$$(id -u)" -eq 0 ]; then apt-get install -y -qq hugo; else sudo apt-get install -y -qq hugo; fi; }
	$(SWIFT) build -c release --product plansite
	python3 Benchmarks/bench.py --sizes $(SIZES) --runs $(RUNS) $(if $(WORK),--work $(WORK)) $(BENCH_FLAGS)

## The time `plansite import` takes for a 30-page plan, from a text PDF and from .docx (PAGES=…, RUNS=…).
PAGES ?= 30
bench-import: deps browser-deps
	$(SWIFT) build -c release --product plansite
	python3 Benchmarks/bench_import.py --pages $(PAGES) --runs $(RUNS)

## libFuzzer on the front matter reader, the citation scanner, slug and search-term folding
## (FUZZ_SECONDS per target, default 600; crashes land in .build/fuzz/artifacts/).
fuzz:
	./scripts/fuzz.sh
