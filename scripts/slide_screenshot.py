"""Make the README's slide screenshot: build the flagship map's deck and photograph one build step.

Usage: .venv/bin/python scripts/slide_screenshot.py [MAP] [SLIDE-FRAGMENT] [OUTPUT.png]
Uses Debian's headless Chromium (/usr/bin/chromium) through Playwright; it downloads nothing.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from usfk_argmap import open_map  # noqa: E402
from usfk_argmap.present.slides.formats import write_slides  # noqa: E402


def main() -> None:
    map_path = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "maps" / "usfk_conclusion.yaml"
    fragment = sys.argv[2] if len(sys.argv) > 2 else "part-1/6"
    output = Path(sys.argv[3]) if len(sys.argv) > 3 else REPO / "docs" / "images" / "slide.png"
    with tempfile.TemporaryDirectory() as folder:
        deck = Path(folder) / "deck.html"
        write_slides(open_map(map_path), deck)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
            )
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.goto(f"{deck.as_uri()}#{fragment}")
            output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(output))
            browser.close()
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
