# Local Action Hub — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Two workers: this machine has two cores.
PYTEST_ARGS ?= -n 2

.PHONY: run test install seed lint format bench messages axe browser clean-db

# Debian packages a target needs, as "command:package" pairs. Missing ones are
# installed with apt-get when we are root (or have password-less sudo);
# otherwise the target stops at once with the command to run.
define debian_packages
	@missing=""; for pair in $(1); do \
	  command -v "$${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo"; \
	  else echo "Missing Debian packages: run 'sudo apt-get install -y$$missing' and try again." >&2; exit 1; fi; \
	  echo "Installing Debian packages:$$missing"; \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing >/dev/null; \
	fi
endef

$(STAMP): requirements.in requirements-dev.in requirements.lock
	$(call debian_packages,$(PYTHON):python3.11 $(PYTHON):python3.11-venv)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.in -c requirements.lock
	touch $(STAMP)

install: $(STAMP)

node_modules/axe-core/axe.min.js: package.json package-lock.json
	$(call debian_packages,npm:npm)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

axe: node_modules/axe-core/axe.min.js

## Debian's Chromium, which the browser tests drive (never a downloaded browser build)
browser:
	$(call debian_packages,chromium:chromium)

## Set up everything, build the demo site and serve it at http://127.0.0.1:8000
## (with the worker that sends the outbox and runs reminders, stopped with the server)
run: install
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py seed_demo
	$(PY) manage.py run_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

seed: install
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py seed_demo

## The whole gate: checks, lint, template format, and every test (browser tests included)
test: install axe browser
	DJANGO_SETTINGS_MODULE=hub.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=hub.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

## Update the message catalogs (needs gettext), then compile them; the .mo files are committed
messages: install
	$(PY) manage.py makemessages -l fr -l es -l ar --ignore=.venv --ignore=node_modules --ignore=tests
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

## The page table and the practice-library benchmark (~15 min); a quick run:
## BENCH_ARGS="--sizes 200,400 --runs 5 --news 100 --duration 1"
bench: install
	$(PY) -m tests.bench $(BENCH_ARGS)

clean-db:
	rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm .demo-credentials
