# Roundtable. `make run` starts the app on this machine; `make test` runs every test.
# Both set everything up on first use (a virtualenv in .venv, the front end's node_modules) and redo
# only what changed since. `make help` lists the rest.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules

VENV := .venv
VPY := $(VENV)/bin/python
MANAGE := $(VPY) manage.py
# pyvenv.cfg, not bin/python: that is a symlink whose mtime is the interpreter's, so a re-created
# virtualenv would look older than the stamps below and skip its install.
VENV_CFG := $(VENV)/pyvenv.cfg
STAMPS := .make
# npm ci rewrites this file on every install, so it doubles as the "node_modules is current" stamp
# (and disappears with node_modules).
NODE_MODULES := frontend/node_modules/.package-lock.json
FRONTEND_BUILD := frontend/dist/index.html
FRONTEND_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
	$(wildcard frontend/index.html frontend/vite.config.ts frontend/tsconfig*.json frontend/package.json)
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

# Interpreters tried in order; the first that runs and is 3.12+ wins. A pyenv shim can exist and still
# fail (no version selected), so each candidate is asked for its version rather than trusted by name.
PYTHON_CANDIDATES = $(PYTHON) python3.13 python3.12 python3 $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3)

.PHONY: help run dev test check setup frontend translations api-types clean distclean

help:
	@echo "Roundtable — make targets"
	@echo "  make run        set up, build, migrate, load the demo data and start at http://$(HOST):$(PORT)"
	@echo "                  (HOST=0.0.0.0 PORT=8001 to change where it listens)"
	@echo "  make test       front-end tests, then backend and end-to-end tests (pytest); PYTEST_ARGS=... passes through"
	@echo "  make check      ruff, mypy, import-linter, front-end typecheck and lint"
	@echo "  make dev        Vite dev server (http://127.0.0.1:5173, hot reload) + Django, worker and beat"
	@echo "  make api-types  regenerate the OpenAPI schema and the front end's types from it"
	@echo "  make setup      create .venv and install Python and front-end dependencies"
	@echo "  make frontend   build the front end (frontend/dist)"
	@echo "  make clean      remove build output and caches (keeps .venv, node_modules and data/)"
	@echo "  make distclean  clean, and also remove .venv and frontend/node_modules"

# --- Python ----------------------------------------------------------------------------------------

$(VENV_CFG):
	@python=""; \
	for candidate in $(PYTHON_CANDIDATES); do \
		if "$$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
			python="$$candidate"; break; \
		fi; \
	done; \
	if [ -z "$$python" ]; then \
		echo "Roundtable needs Python 3.12 or newer, and none was found (tried: $(strip $(PYTHON_CANDIDATES)))." >&2; \
		echo "Install Python 3.12+ and run again, or point at one: make $(or $(MAKECMDGOALS),run) PYTHON=/path/to/python3.12" >&2; \
		exit 1; \
	fi; \
	echo "Creating $(VENV) with $$python ($$("$$python" --version 2>&1))"; \
	"$$python" -m venv $(VENV) || { \
		rm -rf $(VENV); \
		echo "Could not create $(VENV). On Debian/Ubuntu the venv module is a separate package (python3.12-venv)." >&2; \
		exit 1; \
	}

$(STAMPS)/python-base: requirements/base.txt $(VENV_CFG)
	@$(VPY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { \
		echo "$(VENV) uses $$($(VPY) --version 2>&1); Roundtable needs Python 3.12 or newer. Remove it (make distclean) and run again." >&2; \
		exit 1; \
	}
	$(VPY) -m pip install --disable-pip-version-check --quiet -r requirements/base.txt
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/python-dev: requirements/dev.txt $(STAMPS)/python-base
	$(VPY) -m pip install --disable-pip-version-check --quiet -r requirements/dev.txt
	@mkdir -p $(STAMPS) && touch $@

# --- Front end -------------------------------------------------------------------------------------

$(NODE_MODULES): frontend/package-lock.json frontend/package.json
	@command -v node >/dev/null && command -v npm >/dev/null || { \
		echo "Roundtable needs Node 20 or newer (with npm) to build its front end; none was found on the PATH." >&2; \
		exit 1; \
	}
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)' || { \
		echo "Roundtable needs Node 20 or newer; this is Node $$(node --version)." >&2; \
		exit 1; \
	}
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

$(FRONTEND_BUILD): $(FRONTEND_SOURCES) $(NODE_MODULES)
	cd frontend && npm run build
	@touch $@

frontend: $(FRONTEND_BUILD)

# --- Translations (Babel compiles Django's catalogs; GNU gettext is not needed) ----------------------

translations: $(MO_FILES)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | $(STAMPS)/python-base
	$(VENV)/bin/pybabel compile --domain django --directory locale --locale $*
	@test -f $@ || { \
		echo "$< was not compiled: Babel skips a catalog whose header is marked '#, fuzzy'. Remove that flag from the header." >&2; \
		exit 1; \
	}

# --- The two commands of the README --------------------------------------------------------------

setup: $(STAMPS)/python-dev $(NODE_MODULES)

run: $(STAMPS)/python-base $(FRONTEND_BUILD) translations
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) seed_demo
	$(VPY) -m workspace.run --host $(HOST) --port $(PORT)

# The end-to-end tests drive the built app in Chromium: a system Chromium is used when there is one,
# otherwise Playwright downloads its own (that needs internet access once).
test: setup $(FRONTEND_BUILD) translations
	cd frontend && npm test
	@if [ -z "$${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-}" ]; then \
		for candidate in /usr/bin/chromium chromium chromium-browser; do \
			if found="$$(command -v "$$candidate")"; then export PLAYWRIGHT_CHROMIUM_EXECUTABLE="$$found"; break; fi; \
		done; \
	fi; \
	if [ -n "$${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-}" ]; then \
		echo "End-to-end tests use $$PLAYWRIGHT_CHROMIUM_EXECUTABLE"; \
	else \
		echo "No system Chromium found; installing Playwright's (needs internet access once)."; \
		$(VENV)/bin/playwright install chromium; \
	fi; \
	echo "$(VENV)/bin/pytest $(PYTEST_ARGS)"; \
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Every tool runs even when an earlier one fails, so one pass shows everything there is to fix.
check: setup
	@failed=""; \
	step() { echo "--- $$*"; "$$@" || failed="$$failed"$$'\n'"  $$*"; }; \
	step $(VENV)/bin/ruff check . ; \
	step $(VENV)/bin/ruff format --check . ; \
	step $(VENV)/bin/mypy ; \
	step $(VENV)/bin/lint-imports --cache-dir $(STAMPS)/import-linter-cache ; \
	step npm --prefix frontend run typecheck ; \
	step npm --prefix frontend run lint ; \
	if [ -n "$$failed" ]; then echo "make check failed:$$failed" >&2; exit 1; fi; \
	echo "make check passed."

# --- Development ---------------------------------------------------------------------------------

# Open http://127.0.0.1:5173: Vite serves the front end with hot reload and proxies /api, /admin, /static
# and /ws to Django on port 8000, which reloads on Python changes (the worker does not: restart `make dev`).
dev: $(STAMPS)/python-base $(NODE_MODULES) translations
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(VPY) -m workspace.run --dev --host 127.0.0.1 --port 8000

api-types: $(STAMPS)/python-base $(NODE_MODULES)
	$(MANAGE) spectacular --format openapi-json --file frontend/src/api/openapi.json
	cd frontend && npm run api-types

# --- Cleaning ------------------------------------------------------------------------------------

clean:
	rm -rf $(STAMPS) frontend/dist staticfiles .mypy_cache .ruff_cache .pytest_cache test-results playwright-report
	rm -f $(MO_FILES)
	find . -path ./$(VENV) -prune -o -path ./frontend/node_modules -prune -o -name __pycache__ -type d -print0 \
		| xargs -0 rm -rf

distclean: clean
	rm -rf $(VENV) frontend/node_modules
