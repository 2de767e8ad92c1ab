#!/usr/bin/env bash
# Set up (scripts/setup.sh test), then run the whole test suite: lint, types, pytest with the slow tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/ruff check usfk_argmap tests benchmarks scripts
.venv/bin/ruff format --check usfk_argmap tests benchmarks scripts
.venv/bin/mypy --strict usfk_argmap tests
# pytest leaves out the slow tests by default (pyproject's addopts); the whole suite runs them.
.venv/bin/python -m pytest -m "slow or not slow" "$@"
