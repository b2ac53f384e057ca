# Answerable: the two commands of the quick start are `make run` and `make test`.
#
# Every target makes its own virtual environment in .venv (python3 -m venv) and installs the
# package into it; the install is repeated only when pyproject.toml changes (stamp files).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STAMP_DEV := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000
# Two workers on a 2-core machine, a test module to a worker (so a module-scoped register is
# loaded once); `make test PYTEST_ARGS=` runs in one process.
PYTEST_ARGS ?= -n auto --dist loadscope

.PHONY: help run test test-postgres postgres-url lint format clean install install-dev system-libs \
	assets browser imap-server typecheck

help:
	@echo "make run            set up, migrate, load demo data, serve http://$(HOST):$(PORT)/"
	@echo "make test           set up, lint, format check, import layers, mypy, the whole test suite on SQLite"
	@echo "make test-postgres  the test suite on PostgreSQL (set DATABASE_URL=postgres://...)"
	@echo "make lint           ruff check, ruff format --check, the import layers (lint-imports), mypy"
	@echo "make typecheck      mypy on the package and the benchmarks (settings in pyproject.toml)"
	@echo "make format         ruff format and ruff check --fix"
	@echo "make clean          remove .venv and caches (keeps var/, the local database)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

# The dev install includes the runtime one, so it renews both stamps.
$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@ $(STAMP)

install: $(STAMP)
install-dev: $(STAMP_DEV)

# Letters are made into PDF by WeasyPrint, which needs Pango from the system. Installed with
# apt-get when it is missing and we may (root, Debian); otherwise the command is printed.
PDF_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
system-libs:
	@if ! ldconfig -p | grep -q 'libpangoft2-1.0.so.0'; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing $(PDF_LIBS) for PDF letters"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_LIBS) >/dev/null; \
	  else \
	    echo "PDF letters need Pango: sudo apt-get install $(PDF_LIBS)" >&2; exit 2; \
	  fi; \
	fi

# Front-end assets: GOV.UK Frontend, axe-core and sass from the npm registry (package-lock.json),
# and the one stylesheet built from answerable/web/scss into var/assets (settings.ASSETS_DIR).
CSS := var/assets/answerable.css
NPM_STAMP := node_modules/.package-lock.json

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CSS): $(NPM_STAMP) $(wildcard answerable/web/scss/*.scss)
	mkdir -p $(dir $@)
	node_modules/.bin/sass --quiet --no-source-map --style=compressed \
	  --load-path=node_modules/govuk-frontend/dist answerable/web/scss/answerable.scss $@

assets: $(CSS)

# The browser tests drive Debian's Chromium (never a browser downloaded by a test tool).
browser:
	@if ! [ -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing chromium for the browser tests"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "the browser tests need Chromium: sudo apt-get install chromium" >&2; exit 2; \
	  fi; \
	fi
	@# A PDF's first page drawn as a screenshot (pdftoppm) for the browser tests' artefacts.
	@if ! command -v pdftoppm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing poppler-utils for the browser tests"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	  else \
	    echo "the browser tests need pdftoppm: sudo apt-get install poppler-utils" >&2; exit 2; \
	  fi; \
	fi

# `answerable mail fetch` is tested against Debian's Dovecot IMAP server, which the test starts
# with a configuration of its own on a loopback port (tests/mail_servers.py); the tests are
# skipped, saying why, only where it cannot be installed.
imap-server:
	@if ! [ -x /usr/sbin/dovecot ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing dovecot-imapd for the mail fetch tests"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null; \
	  else \
	    echo "the mail fetch tests need Dovecot: sudo apt-get install dovecot-imapd" >&2; \
	  fi; \
	fi

# Development settings, kept for the checkout in `.env` (written once, if missing: DEBUG=1 and
# a SECRET_KEY of its own; DEBUG supplies development-only pseudonym and backup keys), which
# settings.py reads, so that every `answerable` command run afterwards has them too.
.env: | $(STAMP)
	$(BIN)/python -m answerable.env .env

# One demo user per role (custody, icce, foi-officer, disclosure-manager, analyst, dpo,
# administrator) and a superuser `admin`, all with one new random password per run, printed.
run: $(STAMP) .env system-libs assets
	$(BIN)/answerable migrate --noinput
	$(BIN)/answerable demo
	@password=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(12))'); \
	export ANSWERABLE_DEMO_PASSWORD="$$password"; \
	echo; echo "  Demo users, one per role (password below):"; \
	$(BIN)/answerable demousers; \
	$(BIN)/answerable shell --verbosity 0 -c "\
	import os; \
	from django.contrib.auth import get_user_model; \
	user, _ = get_user_model().objects.get_or_create(username='admin'); \
	user.is_active = user.is_staff = user.is_superuser = True; \
	user.set_password(os.environ['ANSWERABLE_DEMO_PASSWORD']); \
	user.save()"; \
	echo "  admin                (superuser, development only)"; \
	echo; \
	echo "  Answerable is starting at http://$(HOST):$(PORT)/"; \
	echo "  Sign in at http://$(HOST):$(PORT)/sign-in/  password for every demo user: $$password"; \
	echo "  (a new password is made on every 'make run'; stop the server with Ctrl-C)"; \
	echo
	$(BIN)/answerable runserver $(HOST):$(PORT)

test: $(STAMP_DEV) system-libs assets browser imap-server
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: postgres-url $(STAMP_DEV) system-libs assets browser imap-server
	$(BIN)/pytest $(PYTEST_ARGS)

postgres-url:
	@case "$${DATABASE_URL:-}" in \
	  postgres://*|postgresql://*) ;; \
	  *) echo "make test-postgres needs DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/NAME" \
	       "(the role needs CREATEDB: the tests run in a database of their own)" >&2; exit 2 ;; \
	esac

lint: $(STAMP_DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

typecheck: $(STAMP_DEV)
	$(BIN)/mypy

format: $(STAMP_DEV)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules var/assets .pytest_cache .ruff_cache .hypothesis build dist *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
