#!/usr/bin/env bash
# Regenerate the pictures the README shows (docs/images/) from the bundled maps.
# Run after changing a map or the drawing code: bash scripts/docs_images.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x .venv/bin/usfk-argmap ]; then argmap=(.venv/bin/usfk-argmap); else argmap=(python -m usfk_argmap); fi
mkdir -p docs/images
"${argmap[@]}" render maps/usfk_conclusion.yaml -o docs/images/usfk_conclusion.svg --legend --embed-fonts
"${argmap[@]}" render maps/example_tram.yaml -o docs/images/example_tram.svg --legend --lang both
# The slide picture needs Debian's chromium (scripts/setup.sh test installs it).
if [ -x .venv/bin/python ]; then python=.venv/bin/python; else python=python3; fi
"$python" scripts/slide_screenshot.py maps/usfk_conclusion.yaml part-1/9 docs/images/slide.png
"$python" scripts/slide_screenshot.py maps/usfk_conclusion.yaml overview docs/images/overview.png
# The same slide in HTML and in PowerPoint (through LibreOffice), side by side.
"$python" scripts/formats_screenshot.py maps/usfk_conclusion.yaml part-1 docs/images/slide_formats.png
