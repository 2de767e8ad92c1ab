#!/usr/bin/env bash
# Set up (scripts/setup.sh demo), then run the main job on the bundled flagship map:
# check it, show its figures, and write its outputs into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh demo
map="${1:-maps/usfk_conclusion.yaml}"
out="${OUT:-out}"
argmap=.venv/bin/usfk-argmap
mkdir -p "$out"
echo "== check"; $argmap check "$map" --strict && echo "no problems found in $map"
echo "== stats"; $argmap stats "$map"
echo "== export"; $argmap export "$map" --format json -o "$out/map.json"
