# Two commands do all set-up on a fresh Debian/Ubuntu machine: `make demo` and `make test`.
SHELL := /bin/bash
VENV  ?= .venv
PY    := $(VENV)/bin/python
AS_OF ?= 2026-11-28
DEMO_OUT ?= out/demo

.PHONY: setup system-deps venv demo test samples schema clean

setup: system-deps venv

system-deps:
	@bash scripts/system-deps.sh

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(PY) -m pip install -q --upgrade pip wheel
	@$(PY) -m pip install -q -e '.[dev]'
	@touch $@

demo: setup
	@bash scripts/demo.sh $(AS_OF) $(DEMO_OUT)

# One test file per worker process (a module's shared fixtures are built once), a worker per core.
test: setup
	@$(PY) -m pytest -q -n auto --maxprocesses=4 --dist loadfile

samples: setup
	@$(PY) -m samples.generate

schema: setup
	@$(PY) -m casefile.schema

clean:
	rm -rf out .pytest_cache
