# Two commands do all the set-up on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
# `make test MARKERS="not services"` leaves out the tests that need PostgreSQL, Redis or a worker.
MARKERS ?=

.PHONY: run test lint format venv migrate demo messages clean lock

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

migrate: venv
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput

demo: migrate
	DEBUG=$${DEBUG:-1} STAFF_OTP_REQUIRED=$${STAFF_OTP_REQUIRED:-0} $(BIN)/python manage.py load_demo_data

# The demo logins sign in with the password alone: the second factor is off for `make run` only
# (STAFF_OTP_REQUIRED=0; `check --deploy` warns about it). Set STAFF_OTP_REQUIRED=1 to try enrolment.
run: demo
	@echo "Serving on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/; second factor off for the demo)"
	@if [ -n "$$REDIS_URL" ]; then \
		DEBUG=$${DEBUG:-1} STAFF_OTP_REQUIRED=$${STAFF_OTP_REQUIRED:-0} PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile; \
	else \
		DEBUG=$${DEBUG:-1} STAFF_OTP_REQUIRED=$${STAFF_OTP_REQUIRED:-0} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT); \
	fi

test: venv
	$(BIN)/python -m pytest $(if $(MARKERS),-m "$(MARKERS)") $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo
	@# bandit -ll: medium and high findings fail; each one excused says why (# nosec B### # why). Its
	@# warnings about the parts of an excused f-string ("nosec encountered ... but no failed test") are left out.
	@echo "$(BIN)/bandit -c pyproject.toml -r . -ll -q"; \
	out=$$($(BIN)/bandit -c pyproject.toml -r . -ll -q 2>&1); status=$$?; \
	printf '%s\n' "$$out" | grep -v "nosec encountered" || true; exit $$status
	DEBUG=1 $(BIN)/mypy
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: venv
	DEBUG=1 $(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=var
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

# Regenerate the pinned requirements (every package, indirect ones included) from the short lists of
# direct requirements in requirements.in and requirements-dev.in; add --upgrade to take new releases.
lock: venv
	$(BIN)/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links $(LOCK_ARGS) --output-file requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links $(LOCK_ARGS) --output-file requirements-dev.txt requirements-dev.in

clean:
	rm -rf $(VENV) var
