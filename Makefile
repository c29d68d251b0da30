# Two commands on a fresh machine with Python: `make site` builds the site, `make test` runs every test.
# Everything is installed into .venv from pyproject.toml, pinned by constraints.txt.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site test test-unit serve validate chromium fonts zensical clean benchmark bytecode

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

# Where PYTHONDONTWRITEBYTECODE is set (as on the machine of the benchmark's records) Python writes no bytecode, and
# every `python -m scripts` compiled the package's modules from their source first: about 0.12 s before a build
# could start (a rebuild with nothing changed took 0.86 s without and 0.71 s with the bytecode, medians). Compiled
# here, only what changed since; a module edited later is compiled in memory, as before, until the next `make`. The
# libraries in .venv have theirs from pip. A source tree that cannot be written to is built all the same (the
# leading `-`), only without the head start.
bytecode: $(STAMP)
	-$(PY) -m compileall -q scripts

site: $(STAMP) fonts bytecode
	$(PY) -m scripts build

serve: $(STAMP) bytecode
	$(PY) -m scripts serve

validate: $(STAMP)
	$(PY) -m scripts validate

# Browser tests drive Debian's Chromium; install it when missing (CI runs as root on a fresh machine).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The PDFs (WeasyPrint) need Pango and fonts with Latin, Cyrillic and Georgian letters: DejaVu has all three.
# Debian's python images have them; install them when missing (as for chromium above).
fonts:
	@{ fc-list ':charset=10d0 0436' family 2>/dev/null | grep -q 'DejaVu Sans' && \
	   ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0'; } || { \
	  echo "Installing Pango and the DejaVu fonts for the PDFs"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 fontconfig >/dev/null; }

# Zensical, Material's successor, in its own environment: the test that renders the staged English site with it
# (tests/test_render_zensical.py). Its theme package, zensical-ui, is not on the registries: zensical goes in
# without dependencies, Material's templates stand in for the theme (scripts/render/zensical_ui/).
ZENSICAL_VENV := .venv-zensical
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.installed
ZENSICAL_VERSION := 0.1.4

$(ZENSICAL_STAMP): constraints.txt Makefile
	test -x $(ZENSICAL_VENV)/bin/python || $(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt \
	  mkdocs-material click Jinja2 Markdown pathspec Pygments pymdown-extensions PyYAML "tomli>=2.4"
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps zensical==$(ZENSICAL_VERSION)
	touch $@

zensical: $(ZENSICAL_STAMP)

test: $(STAMP) chromium fonts zensical bytecode
	$(PY) -m pytest

# The unit tier alone, in under a minute: no built site, no browser, no process of its own (tests/conftest.py
# marks the tiers from the fixtures, tests that start a process are marked slow, and a unit test that starts one fails)
test-unit: $(STAMP) bytecode
	$(PY) -m pytest -m "not browser and not site and not slow"

# Our build against stock MkDocs + Material + mkdocs-static-i18n (several minutes): a table and benchmark-results/benchmark.json
benchmark: $(STAMP) bytecode
	$(PY) -m scripts benchmark

clean:
	rm -rf site .site.* build $(ZENSICAL_VENV)
