"""Make the README's side-by-side picture: one slide of the flagship's deck in HTML and in PowerPoint.

Usage: .venv/bin/python scripts/formats_screenshot.py [MAP] [SLIDE-ID] [OUTPUT.png]
The HTML deck is photographed at the slide's last build step in Debian's headless Chromium
(Playwright, nothing downloaded); the PowerPoint deck goes through LibreOffice to PDF (which draws
every shape, so the slide's last step too) and pdftoppm. Both at 1280×720, side by side.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright
from pptx import Presentation

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from usfk_argmap import open_map  # noqa: E402
from usfk_argmap.present.slides.build import build_deck  # noqa: E402
from usfk_argmap.present.slides.formats import write_slides  # noqa: E402

WIDTH, HEIGHT, GAP = 1280, 720, 24


def html_picture(deck: Path, fragment: str, output: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.goto(f"{deck.as_uri()}#{fragment}")
        page.screenshot(path=str(output))
        browser.close()


def pptx_picture(deck: Path, title: str, output: Path) -> None:
    """The PowerPoint slide titled ``title``, as LibreOffice draws it."""
    number = next(
        i
        for i, slide in enumerate(Presentation(str(deck)).slides, 1)
        if slide.shapes.title is not None and slide.shapes.title.text == title
    )
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise SystemExit("LibreOffice (soffice) is needed: scripts/setup.sh test installs it")
    folder = deck.parent
    subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{folder}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(deck),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    stem = folder / "pptx-page"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-singlefile",
            "-f",
            str(number),
            "-l",
            str(number),
            "-scale-to-x",
            str(WIDTH),
            "-scale-to-y",
            str(HEIGHT),
            str(deck.with_suffix(".pdf")),
            str(stem),
        ],
        check=True,
        timeout=120,
    )
    shutil.move(f"{stem}.png", output)


def main() -> None:
    map_path = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "maps" / "usfk_conclusion.yaml"
    slide_id = sys.argv[2] if len(sys.argv) > 2 else "part-1"
    output = Path(sys.argv[3]) if len(sys.argv) > 3 else REPO / "docs" / "images" / "slide_formats.png"
    argument_map = open_map(map_path)
    slide = next(s for s in build_deck(argument_map).slides if s.id == slide_id)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write_slides(argument_map, folder / "deck.html")
        write_slides(argument_map, folder / "deck.pptx", "pptx")
        html_picture(folder / "deck.html", f"{slide_id}/{len(slide.steps)}", folder / "html.png")
        pptx_picture(folder / "deck.pptx", slide.title, folder / "pptx.png")
        with Image.open(folder / "html.png") as html, Image.open(folder / "pptx.png") as pptx:
            both = Image.new("RGB", (2 * WIDTH + GAP, HEIGHT), "white")
            both.paste(html.convert("RGB"), (0, 0))
            both.paste(pptx.convert("RGB").resize((WIDTH, HEIGHT)), (WIDTH + GAP, 0))
            output.parent.mkdir(parents=True, exist_ok=True)
            both.save(output, optimize=True)
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
