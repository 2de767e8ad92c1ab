"""What the accessibility tests in Chromium share: the browser, the pages (decks, reports, previews) and axe-core.

axe-core is the one ``scripts/setup.sh test`` installs from ``clients/package-lock.json``
(``npm ci`` in ``clients/``); it is injected into each page and run there.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.helpers import MAPS, REPO, require
from usfk_argmap.authoring.serve import start_preview
from usfk_argmap.drawing.options import RenderOptions
from usfk_argmap.mapfile.loader import load_map
from usfk_argmap.present.report import write_report
from usfk_argmap.present.slides.formats import write_slides
from usfk_argmap.present.slides.options import SlideOptions

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
AXE = REPO / "clients" / "node_modules" / "axe-core" / "axe.min.js"
#: The maps the issue names: the flagship and the example.
MAP_FILES = {"usfk": MAPS / "usfk_conclusion.yaml", "tram": MAPS / "example_tram.yaml"}
THEMES = ("light", "dark")


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright (never a downloaded browser)."""
    require("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def locked_axe_version() -> str:
    """The axe-core version ``clients/package-lock.json`` pins."""
    lock = json.loads((REPO / "clients" / "package-lock.json").read_text(encoding="utf-8"))
    return str(lock["packages"]["node_modules/axe-core"]["version"])


def require_axe() -> Path:
    require("axe-core", table={"axe-core": (str(AXE), "axe-core: run `npm ci --prefix clients`")})
    return AXE


def axe_violations(page: Any) -> list[str]:
    """axe-core's violations on the page as it is now (every rule axe runs by default): ``rule: target`` each."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(require_axe()))
    found: list[str] = page.evaluate(
        """async () => (await axe.run(document)).violations.flatMap(
             v => v.nodes.map(n => v.id + ': ' + n.target.join(' ') + ' ' + n.failureSummary))"""
    )
    return found


def deck(folder: Path, name: str, theme: str) -> Path:
    argument_map = load_map(MAP_FILES[name]).map
    assert argument_map is not None
    path = folder / f"{name}-{theme}.html"
    write_slides(argument_map, path, options=SlideOptions(render=RenderOptions(theme=theme)))
    return path


def report(folder: Path, name: str, theme: str) -> Path:
    result = load_map(MAP_FILES[name])
    assert result.map is not None
    path = folder / f"{name}-report-{theme}.html"
    write_report(result.map, result.diagnostics, path, options=RenderOptions(theme=theme))
    return path


@contextmanager
def preview(name: str, theme: str) -> Iterator[str]:
    """The preview of a map served on loopback: its page's URL."""
    running = start_preview(MAP_FILES[name], 0, theme=theme)
    try:
        yield running.server.url
    finally:
        running.close()


def open_preview(browser: Any, url: str) -> Any:
    """The preview page with its picture and outline loaded."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(url)
    page.wait_for_selector("#canvas svg g.am-node")
    page.wait_for_selector("#outline .am-outline li")
    deadline = time.monotonic() + 5
    while page.evaluate("document.querySelectorAll('#canvas [tabindex]').length") == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    return page


def slide_ids(page: Any) -> list[str]:
    ids: list[str] = page.evaluate("() => [...document.querySelectorAll('#deck > .slide')].map(s => s.id)")
    return ids


def show_slide(page: Any, target: str) -> None:
    """Go to ``slide-id`` or ``slide-id/step`` as a reader's link would."""
    page.evaluate("target => { location.hash = '#' + target; }", target)
    slide, _, step = target.partition("/")
    page.wait_for_function(
        "([slide, step]) => { const current = document.querySelector('.slide.current');"
        " return current && current.id === slide && current.getAttribute('data-step') === step; }",
        arg=[slide, str(int(step) - 1 if step else 0)],
    )
