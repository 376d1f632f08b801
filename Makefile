# Two commands on a fresh machine: `make demo` and `make test`. Both keep the environment in .venv/.
# The interpreter: the system's /usr/bin/python3 when it is 3.11 or newer and can make a virtual
# environment (distributions build it with PGO and LTO: the extractor runs about 15 % faster on it
# than on a plain source build such as pyenv's default), else the first python3 on the PATH.
PYTHON ?= $(shell /usr/bin/python3 -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& echo /usr/bin/python3 || echo python3)
VENV := .venv
BIN := $(VENV)/bin
# `make demo` installs Marsad alone; `make test` adds what the tests need (pytest, Chromium's driver,
# Spark, pandas and the notebook runner). Each stamp records one install.
CORE := $(VENV)/.installed-core
FULL := $(VENV)/.installed-test

.PHONY: demo test lint setup clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(CORE): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e .
	touch $(CORE)

$(FULL): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e '.[dev,spark,notebook]'
	touch $(FULL) $(CORE)

setup: $(FULL)

demo: $(CORE)
	$(BIN)/marsad kb check
	$(BIN)/marsad demo examples

test: $(FULL)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/marsad kb check
	$(BIN)/python -m pytest -q

lint: $(FULL)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

clean:
	rm -rf $(VENV) build dist src/*.egg-info test-artifacts .pytest_cache .ruff_cache
