# `make run`: set up, ingest the seed articles into ./tidings.db, then list them and their stories.
# `make test`: set up and run the linter and the whole test suite.
VENV   ?= .venv
PYTHON ?= python3
SHARED ?= ../shared
DB     ?= tidings.db
BIN     = $(VENV)/bin

.PHONY: run test lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres,ray]'
	touch $@

run: $(BIN)/.installed
	$(BIN)/tidings ingest $(SHARED)/seeds --db $(DB)
	$(BIN)/tidings articles --db $(DB)
	$(BIN)/tidings stories --db $(DB)

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

test: lint
	TIDINGS_SHARED=$(abspath $(SHARED)) $(BIN)/python -m pytest

bench: $(BIN)/.installed
	$(BIN)/python benchmarks/ingest_speed.py --data $(SHARED)/data
	$(BIN)/python benchmarks/clean_effect.py --data $(SHARED)/data/sts22-train-pairs.jsonl
	$(BIN)/python benchmarks/analysis_signal.py --data $(SHARED)/data
	$(BIN)/python benchmarks/analysis_precision.py --data $(SHARED)/data
	$(BIN)/python benchmarks/sts22.py
	$(BIN)/python benchmarks/web.py --data $(SHARED)/data
	$(BIN)/python benchmarks/stories.py
	$(BIN)/python benchmarks/load.py
	$(BIN)/python benchmarks/scale.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
