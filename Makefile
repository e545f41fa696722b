# Shortcuts for developers; the README's commands call scripts/setup.sh directly so that a
# fresh Debian machine needs neither make nor anything else preinstalled.
.PHONY: desk test lint

desk:
	bash scripts/setup.sh desk

test:
	bash scripts/setup.sh test

lint:
	bash scripts/setup.sh install
	.venv/bin/pip install -q -e ".[test]"
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .
