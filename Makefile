# Two entry points for a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Every dependency pinned: a fresh machine installs what was tested. Refresh with `make lock`.
LOCK := constraints.txt

.PHONY: demo test install clean model lock admin-tables

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml $(LOCK)
	$(BIN)/pip install -q -c $(LOCK) -e '.[test]'
	touch $(STAMP)

# Re-resolve every dependency in a scratch environment and pin the result in $(LOCK);
# commit the new file after `make test` passes with it.
lock:
	rm -rf .venv-lock
	$(PY) -m venv .venv-lock
	.venv-lock/bin/pip install -q --upgrade pip
	.venv-lock/bin/pip install -q -e '.[test]'
	.venv-lock/bin/pip list --format=freeze --exclude-editable \
		| grep -v -i -E '^(pip|setuptools|wheel)==' > $(LOCK)
	rm -rf .venv-lock
	@echo "$(LOCK) refreshed; run make test, then commit it."

install: $(STAMP)

demo: $(STAMP)
	@# Village-level places need the GeoNames dump (network); without it the demo still runs
	@$(BIN)/eventline gazetteer download ML >/dev/null 2>&1 \
		&& echo "Village-level places for Mali imported from GeoNames." \
		|| echo "Village-level places for Mali were not downloaded (no network?); the demo uses towns and regions. To add them later: $(BIN)/eventline gazetteer download ML, or eventline gazetteer add ML.zip with a file from download.geonames.org/export/dump/."
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

# Regenerate the shipped admin tables (data/places_admin_units.csv, places_admin2_points.csv)
# from GeoNames country dumps: make admin-tables GEONAMES=../shared/geonames
GEONAMES ?= ../shared/geonames
admin-tables: $(STAMP)
	$(BIN)/python scripts/admin_tables.py $(GEONAMES)

clean:
	rm -rf $(VENV) eventline.db report.html
