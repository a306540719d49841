# The front door: `make run` serves the demo marketplace, `make test` runs the suite, `make lint` checks style.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

# Development defaults; production sets its own environment (see README.md).
export DEBUG ?= 1

.PHONY: install run test lint format migrate demo services

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(INSTALLED)

install: $(INSTALLED)

migrate: install
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_reference_data

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

# The browser journeys (tests/e2e/) need Debian's chromium: installed here when running as root, else see README.
test: install
	@command -v chromium >/dev/null || [ "$$(id -u)" != 0 ] || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

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
