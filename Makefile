# Two commands do all set-up on a fresh Debian/Ubuntu machine: `make demo` and `make test`.
SHELL := /bin/bash
VENV  ?= .venv
PY    := $(VENV)/bin/python
AS_OF ?= 2026-11-28
DEMO_OUT ?= out/demo

.PHONY: setup system-deps venv demo test lint test-ocr-generic samples schema clean

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
# Then the OCR tests again on Tesseract's generic dot product: each processor's SIMD path rounds
# differently, so a reading that holds on one path only would fail on another machine (issue 13).
# Tests that only need a read to be slow (process lifetime) have nothing to read differently.
test: setup lint
	@$(PY) -m pytest -q -n auto --maxprocesses=4 --dist loadfile
	@$(MAKE) --no-print-directory test-ocr-generic

lint: setup
	@$(PY) -m ruff check --quiet .

test-ocr-generic: setup
	@echo "OCR tests on Tesseract's generic (non-SIMD) dot product:"
	@DOTPRODUCT=generic $(PY) -m pytest -q -m "ocr and not lifecycle" -n auto --maxprocesses=4 --dist loadfile -p no:cacheprovider

samples: setup
	@$(PY) -m samples.generate

schema: setup
	@$(PY) -m casefile.schema

clean:
	rm -rf out .pytest_cache
