#!/usr/bin/env bash
# Set up (scripts/setup.sh demo), then run the main job on the bundled flagship map:
# check it, show its figures, render it, and build the slide deck and the completeness report in out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh demo
map="${1:-maps/usfk_conclusion.yaml}"
out="${OUT:-out}"
name="$(basename "$map" .yaml)"
argmap=.venv/bin/usfk-argmap
mkdir -p "$out"
echo "== check"
$argmap check "$map" --strict || echo "(the map has problems: see above)"
echo "== stats"
$argmap stats "$map"
echo "== render"
$argmap render "$map" -o "$out/$name.svg" --embed-fonts
$argmap render "$map" -o "$out/$name.png" --fit 16:9 --dpi 150
$argmap render "$map" -o "$out/$name.pdf"
echo "== slides and report"
$argmap slides "$map" -o "$out/$name-deck.html"
$argmap slides "$map" -o "$out/$name-deck.pptx" --format pptx
$argmap report "$map" -o "$out/$name-report.html"
echo "done: open $out/$name-deck.html in a browser (arrow keys to step, P for the presenter window)"
