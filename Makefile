# Two entry points for a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install clean model

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	-$(BIN)/eventline gazetteer download ML
	rm -f eventline.db eventline.db-wal eventline.db-shm
	$(BIN)/eventline run examples/corpus --manifest examples/corpus/manifest.csv --db eventline.db
	$(BIN)/eventline report --db eventline.db --out report.html
	@echo "Open $(CURDIR)/report.html in a browser; review with: $(BIN)/eventline serve --db eventline.db"

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# Rebuild the shipped sentence typer from training/corpus (deterministic; a few minutes).
model: $(STAMP)
	$(BIN)/python -m eventline.eventmodel training/corpus

clean:
	rm -rf $(VENV) eventline.db report.html
