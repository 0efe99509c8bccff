# The two commands of the README: `make demo` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv

.PHONY: demo test test-matrix benchmark sanity compile units integration system docs changelog lint packaging venv clean

demo: venv
	scripts/demo.sh

test: venv
	scripts/test.sh

# sanity, units and integration on ansible-core 2.17 to 2.21, each in its own venv.
test-matrix: venv
	scripts/test-matrix.sh

# Wall time, requests and changed counts of the role, a loop of org_secret and the peer community.general.github_secrets
# (installed for the benchmark only) on the Actions store, plus 1,000 secrets through the role (not a test).
benchmark: venv
	scripts/benchmark.sh

# Single gates of `make test`, for quicker turns while developing.
sanity compile units integration system docs changelog lint packaging: venv
	scripts/test.sh $@

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "make needs Python 3.11 or later for ansible-core 2.19 (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -r requirements-dev.txt
	touch $@

clean:
	rm -rf $(VENV) .build tests/output
