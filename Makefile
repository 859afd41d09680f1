# The two commands that matter: `make site` builds the site, `make test` runs every test.
# Both create the virtual environment on first use.

PYTHON ?= python3

# Material prints an end-of-life banner on every build; the build output is clearer without it.
export NO_MKDOCS_2_WARNING := 1
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
NODE_STAMP = node_modules/.installed

.PHONY: site test serve check clean bench

site: $(STAMP)  ## Build site/ from content/ (strict: any warning fails the build)
	$(BIN)/mkdocs build --strict

test: $(STAMP) $(NODE_STAMP)  ## Run the whole test suite
	$(BIN)/pytest

serve: $(STAMP)  ## Live preview at http://127.0.0.1:8000; an edit rebuilds only the pages it changed
	$(BIN)/mkdocs serve --dirty --no-strict  # strict mode would stop on MkDocs' warning about --dirty

check: $(STAMP)  ## Validate content/ and list every problem
	$(BIN)/briefing check

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Test-only checkers from npm (the Nu HTML Checker, axe-core); their install scripts are not needed.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $(NODE_STAMP)

clean:  ## Remove the built site and the virtual environment
	rm -rf site $(VENV) node_modules

bench: $(STAMP)  ## Build 1,000 and 10,000 generated briefs; print and save the figures (bench/results/)
	$(BIN)/python -m bench.run
