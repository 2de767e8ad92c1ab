#!/usr/bin/env bash
# The checks to run before a commit: lint, types (package and tests), the fast tests (pyproject's
# default selection: no slow tests, no real clients, no browser).
# The whole suite, those and set-up included, is scripts/test.sh (what CI runs).
# Pass pytest options after it: bash scripts/check.sh -k loader
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/setup.sh test
.venv/bin/ruff check usfk_argmap tests benchmarks scripts
.venv/bin/ruff format --check usfk_argmap tests benchmarks scripts
.venv/bin/mypy --strict usfk_argmap tests
.venv/bin/python -m pytest -q "$@"
