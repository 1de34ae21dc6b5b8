# Two commands: `make run` and `make test`. Everything else here supports them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# Where `make run` listens: HOST=0.0.0.0 lets phones on the same network in (the site's address
# is then this machine's network address, or PUBLIC_HOST when given; content/base/address.py).
PORT ?= 8000
HOST ?= 127.0.0.1
PUBLIC_HOST ?=
# The address make run serves on, passed to every step (settings/dev.py reads it).
ADDRESS_ENV := HOST=$(HOST) PORT=$(PORT) PUBLIC_HOST=$(PUBLIC_HOST)
# Debian packages: WeasyPrint's libraries (harfbuzz-subset keeps font subsetting fast), fonts,
# and PostgreSQL's client tools (pg_dump, pg_restore) for scripts/backup and scripts/restore.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
	postgresql-client
# Only the tests need a browser (Debian's chromium, driven by Playwright) and poppler.
TEST_SYSTEM_PACKAGES := chromium poppler-utils

.PHONY: run test install install-test system-packages test-system-packages migrate site-address signing-key demo demo-reset serve worker lint format bench clean messages

run: install migrate site-address signing-key demo serve

test: install-test
	$(PY) -m pytest $(PYTEST_ARGS)

install: system-packages $(VENV)/.installed
install-test: install test-system-packages $(VENV)/.installed-test

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-dev.txt requirements.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

system-packages:
	@scripts/ensure-debian-packages $(SYSTEM_PACKAGES)

test-system-packages:
	@scripts/ensure-debian-packages $(TEST_SYSTEM_PACKAGES)

migrate:
	$(PY) manage.py migrate --noinput

# The default Site's host and port: where every absolute URL the site writes points.
site-address:
	@$(ADDRESS_ENV) $(PY) manage.py set_site_address

# A self-signed key for signing certificates, outside the repository (~/.lentera/), made once.
signing-key:
	$(PY) manage.py make_signing_key

# The demo's certificates print the site's address in their QR codes: set it first. Then the
# digital literacy index from the demo's answers, as the task worker computes it, so the index
# screens show figures at once; if it fails the demo still runs (the screens say "belum
# dihitung" until the worker's next calibration).
demo: site-address
	$(ADDRESS_ENV) $(PY) manage.py load_demo_data
	@$(PY) manage.py calibrate_literacy || echo "Catatan: indeks literasi digital belum dihitung \
	(manage.py calibrate_literacy gagal, lihat pesan di atas); data demo tetap dapat dipakai."

# Development only: empty the database and the media folders, then build the demo again
# (asks first; refuses outside the development settings). Then `make run` as usual.
demo-reset: install
	$(ADDRESS_ENV) $(PY) manage.py reset_demo_data

# The development server and, beside it, the task worker (scripts/serve-dev).
serve:
	@PY=$(PY) $(ADDRESS_ENV) scripts/serve-dev

worker:
	TASK_WORKER=true $(PY) manage.py db_worker

# After editing locale/id/LC_MESSAGES/*.po: compile, then commit both the .po and the .mo.
messages: install
	@scripts/ensure-debian-packages gettext
	$(PY) manage.py compilemessages --locale id --ignore ".venv/*"

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Every benchmark in bench/, one table of figures (bench/run_all.py; BENCH_ARGS="--quick" for a
# wiring check, "--only pages,stats", "--full"). Needs PostgreSQL on 127.0.0.1:5432; not in CI.
bench: install-test
	$(PY) bench/run_all.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles
