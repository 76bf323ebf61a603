# Two commands do all the set-up on a fresh machine with Python 3.11+:
#   make run   - virtualenv, install, migrate (SQLite under var/), demo data, serve on :8000
#   make test  - virtualenv, install, lint and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test venv lint migrate demo messages schema bench bench-queue bench-supervision browser-test clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

migrate: venv
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput

# The demo's history (a few thousand dossiers over past years) feeds the control room, the
# 766 index and the statistics; a second run adds nothing.
demo: migrate
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py make_signing_certificate
	$(BIN)/python manage.py generate_dossiers --up-to 5000 --workers 1 --verbosity 0

# One background worker (tasks and periodic jobs) beside the server; it stops with the server.
run: demo
	$(BIN)/python manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: venv
	$(BIN)/ruff check .

test: venv lint
	$(BIN)/pytest

messages: venv
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=browser_tests --ignore=benchmarks
	$(BIN)/python manage.py compilemessages --ignore=.venv -l en

schema: venv
	$(BIN)/python manage.py spectacular --file docs/openapi.yaml --validate

bench: venv
	$(BIN)/python benchmarks/bench_clock.py

# The staff queue API at a million dossiers, under gunicorn and PostgreSQL (DATABASE_URL,
# default postgres://postgres@127.0.0.1:5432/motcua_bench); generates the dossiers if missing.
bench-queue: venv
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/bench_queue.py $(BENCH_ARGS)

# Supervision at a million dossiers on PostgreSQL (same database as bench-queue): II.06a and the
# 766 index per year, the tracking book as xlsx over a million rows (time, peak memory), the
# control room and the procedure review.
bench-supervision: venv
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/bench_statistics.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/bench_supervision.py

browser-test: venv
	$(BIN)/python -m pip install --quiet -e '.[browser]'
	$(BIN)/pytest -m browser browser_tests

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
