#!/usr/bin/env bash
# Set up (scripts/setup.sh test), then run the whole test suite: lint, types, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/ruff check usfk_argmap tests
.venv/bin/mypy --strict usfk_argmap
.venv/bin/python -m pytest "$@"
