# Set-up is two commands: `make run` and `make test`. Both build .venv on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP := $(BIN)/pip --disable-pip-version-check -q

.PHONY: run test lint bench eval clean

$(STAMP): pyproject.toml requirements-no-deps.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# camel-tools without the torch and transformers it asks for: only camel_tools.utils is imported
	$(PIP) install --no-deps -r requirements-no-deps.txt
	$(PIP) install -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/nashra run

test: $(STAMP)
	$(BIN)/ruff check bot briefings storage tests
	$(BIN)/mypy bot briefings storage
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m tests.bench

# The evaluation kit (a gold manifest and its scorer) is kept outside the repository.
EVAL_KIT ?= ../shared/eval
eval: $(STAMP)
	$(BIN)/nashra extract --manifest $(EVAL_KIT)/seeds-gold.json --json > $(VENV)/eval.json
	$(BIN)/python $(EVAL_KIT)/score.py $(EVAL_KIT)/seeds-gold.json $(VENV)/eval.json --verbose

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
