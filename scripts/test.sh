#!/usr/bin/env bash
# Set up (scripts/setup.sh test), then run the whole test suite: lint, types, pytest with every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/ruff check usfk_argmap tests benchmarks scripts
.venv/bin/ruff format --check usfk_argmap tests benchmarks scripts
.venv/bin/mypy --strict usfk_argmap tests
# pytest leaves out the slow, client and browser tests by default (pyproject's addopts); -m "" runs them all.
.venv/bin/python -m pytest -m "" "$@"
