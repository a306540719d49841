# The front door: `make run` serves the demo marketplace, `make test` runs the suite, `make lint` checks style.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

# Development defaults; production sets its own environment (see README.md).
export DEBUG ?= 1

.PHONY: install lock run test lint format migrate demo services prod-up prod-down prod-smoke

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# requirements.txt installs the development set, requirements/dev.txt: the production lock plus the test tools, every
# file pinned with its hashes. A changed lock reinstalls.
$(INSTALLED): requirements.txt requirements/dev.txt requirements/prod.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	touch $(INSTALLED)

install: $(INSTALLED)

# Rewrite the locks from requirements/base.in (production) and requirements/dev.in (tools) after editing either.
LOCK := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: install
	cd requirements && ../$(LOCK) --output-file prod.txt base.in && ../$(LOCK) --output-file dev.txt dev.in

# The release command production runs (README), less collectstatic: the development server serves the static files.
migrate: install
	mkdir -p var
	$(BIN)/python manage.py release --no-collectstatic

demo: migrate
	$(BIN)/python manage.py load_demo

# SEARCH=engine: search through a real OpenSearch node (catalog/search/engine/; needs Java 17 and Maven), indexed first.
run: demo
ifeq ($(SEARCH),engine)
	$(BIN)/python -m catalog.search.engine.node run -- sh -c \
		'$(BIN)/python manage.py search_index rebuild && exec $(BIN)/python manage.py runserver 127.0.0.1:8000'
else
	$(BIN)/python manage.py runserver 127.0.0.1:8000
endif

# The suite runs on TEST_WORKERS processes (pytest-xdist; auto: one per CPU core), each with its own test database;
# the browser journeys all go to one of them, one after another (tests/e2e/conftest.py). TEST_WORKERS=0: one process.
# The browser journeys (tests/e2e/) need Debian's chromium: installed here when running as root, else see README.
TEST_WORKERS ?= auto
# As root it also installs and starts PostgreSQL and Redis (.ci/services): the e-mail retry tests use Redis.
test: install
	@command -v chromium >/dev/null || [ "$$(id -u)" != 0 ] || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	@[ "$$(id -u)" != 0 ] || bash .ci/services
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) for the tests that need them: installed from Debian when
# missing and started, as root; running it again changes nothing.
services:
	bash .ci/services

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The production topology on this machine (deploy/stack.py): nginx, two gunicorn instances, Celery worker and beat,
# PostgreSQL, Redis and OpenSearch, DEBUG off, at https://127.0.0.1:8443/. PROD_DEMO=1 loads the demo marketplace.
prod-up: install
	DEBUG=0 $(BIN)/python deploy/stack.py up $(if $(PROD_DEMO),--demo)

prod-down:
	DEBUG=0 $(BIN)/python deploy/stack.py down

# Start the stack with the demo, go through it as buyers, a member and an operator would (deploy/smoke_test.py), stop.
prod-smoke: install
	DEBUG=0 $(BIN)/python deploy/stack.py up --demo
	DEBUG=0 $(BIN)/python deploy/smoke_test.py || (DEBUG=0 $(BIN)/python deploy/stack.py down; exit 1)
	DEBUG=0 $(BIN)/python deploy/stack.py down
