"""The deck and the report in real headless Chromium (Debian's, never a downloaded one).

Every test records the page's requests and console: nothing may leave the
file, and no error may occur.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import MAPS, require
from usfk_argmap.mapfile.loader import load_map
from usfk_argmap.present.report import write_report
from usfk_argmap.present.slides.formats import write_slides

pytestmark = [pytest.mark.browser, pytest.mark.graphviz]
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require("chromium")  # module-scoped: it is set up before the marker's check runs
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield instance
        instance.close()


class Watched:
    """A page with its requests and console problems recorded."""

    def __init__(self, browser: Any, url: str) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 720})
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda m: self.problems.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda error: self.problems.append(str(error)))
        self.url = url
        self.page.goto(url)

    def assert_clean(self) -> None:
        outside = [u for u in self.requests if not u.startswith(self.url.split("#")[0])]
        assert outside == [], f"requests left the page: {outside}"
        assert self.problems == []


def _deck(tmp_path: Path) -> Path:
    argument_map = load_map(MAPS / "example_tram.yaml").map
    assert argument_map is not None
    write_slides(argument_map, tmp_path / "deck.html")
    return tmp_path / "deck.html"


def _current(page: Any) -> dict[str, Any]:
    current: dict[str, Any] = page.evaluate("""() => {
      const slide = document.querySelector('.slide.current');
      const svg = slide.querySelector('svg');
      const box = svg ? svg.getBoundingClientRect() : null;
      const nodes = svg ? [...svg.querySelectorAll('g.am-node, g.node')].map(g => {
        const r = g.getBoundingClientRect();
        return {id: g.id, text: [...g.querySelectorAll('text')].map(t => t.textContent).join(' '), x: r.x, y: r.y, w: r.width,
                visible: getComputedStyle(g).visibility === 'visible'};
      }) : [];
      return {id: slide.id, step: slide.getAttribute('data-step'), hash: location.hash,
              svg: box && {w: box.width, h: box.height}, slide: {w: slide.clientWidth, h: slide.clientHeight},
              cap: svg && {w: parseFloat(getComputedStyle(svg).maxWidth), h: parseFloat(getComputedStyle(svg).maxHeight)},
              nodes};
    }""")
    return current


def test_deck_keyboard_walk_keeps_positions_and_shows_each_map(browser: Any, tmp_path: Path) -> None:
    deck = _deck(tmp_path)
    watched = Watched(browser, deck.as_uri())
    page = watched.page
    seen: list[dict[str, Any]] = []
    for _ in range(40):
        state = _current(page)
        seen.append(state)
        if state["id"] == "focus-2":
            break
        page.keyboard.press("ArrowRight")
    ids = [s["id"] for s in seen]
    assert ids[0] == "title" and ids[-1] == "focus-2"
    assert ids.count("part-1") == 8 and ids.count("part-2") == 2
    for state in seen[1:]:
        # The map fills the slide: 16:9, and the SVG takes most of the room below the heading,
        # unless it is so small that its text has reached the largest size a slide gives it.
        assert abs(state["slide"]["w"] / state["slide"]["h"] - 16 / 9) < 0.01
        fills = state["svg"]["w"] > 0.8 * state["slide"]["w"] or state["svg"]["h"] > 0.6 * state["slide"]["h"]
        at_cap = state["svg"]["w"] >= state["cap"]["w"] - 1 or state["svg"]["h"] >= state["cap"]["h"] - 1
        assert fills or at_cap, state["id"]
        assert any(n["visible"] and n["text"] for n in state["nodes"])
    build = [s for s in seen if s["id"] == "part-1"]
    first, last = build[0], build[-1]
    positions = {n["id"]: (round(n["x"], 1), round(n["y"], 1), round(n["w"], 1)) for n in last["nodes"]}
    for state in build:
        for node in state["nodes"]:
            assert positions[node["id"]] == (round(node["x"], 1), round(node["y"], 1), round(node["w"], 1))
    visible_counts = [sum(n["visible"] for n in s["nodes"]) for s in build]
    assert visible_counts == sorted(visible_counts) and visible_counts[0] < visible_counts[-1]
    assert {n["text"] for n in last["nodes"] if n["visible"]} >= {
        "Fares cover the running costs.",
        "Ticket prices stay where they are.",
    }
    assert [s["hash"] for s in build] == ["#part-1"] + [f"#part-1/{k}" for k in range(2, 9)]
    page.screenshot(path=str(tmp_path / "last.png"))
    assert (tmp_path / "last.png").stat().st_size > 5000
    del first
    watched.assert_clean()


def test_deck_notes_toggle_fragment_click_and_back(browser: Any, tmp_path: Path) -> None:
    deck = _deck(tmp_path)
    watched = Watched(browser, deck.as_uri() + "#part-1/3")
    page = watched.page
    assert _current(page)["id"] == "part-1" and _current(page)["step"] == "2"
    # N (or P) opens the presenter window with the step's notes: the statement and its source quote.
    with page.expect_popup() as popup:
        page.keyboard.press("n")
    notes = popup.value.inner_text("#notes")
    assert "Fares cover the running costs" in notes and "fares cover the running costs" in notes
    assert not page.locator("#notes-panel").is_visible()
    page.mouse.click(1000, 360)
    assert _current(page)["step"] == "3"
    page.mouse.click(100, 360)
    page.keyboard.press("ArrowLeft")
    assert _current(page)["step"] == "1"
    page.keyboard.press("Home")
    assert _current(page)["id"] == "title"
    page.keyboard.press("ArrowLeft")
    assert _current(page)["id"] == "title"
    page.keyboard.press("End")
    assert _current(page)["id"] == "focus-2"
    watched.assert_clean()


@pytest.mark.needs("pdfinfo")
def test_deck_prints_one_slide_per_page(browser: Any, tmp_path: Path) -> None:
    import subprocess

    deck = _deck(tmp_path)
    watched = Watched(browser, deck.as_uri())
    pdf = tmp_path / "handout.pdf"
    watched.page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+9$", info, re.MULTILINE), info  # the legend and the parts included
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())  # type: ignore[union-attr]
    assert abs(width / height - 16 / 9) < 0.01
    watched.assert_clean()


def test_report_in_the_browser(browser: Any, tmp_path: Path) -> None:
    argument_map = load_map(MAPS / "example_tram.yaml").map
    assert argument_map is not None
    write_report(argument_map, [], tmp_path / "report.html")
    watched = Watched(browser, (tmp_path / "report.html").as_uri())
    page = watched.page
    marks = page.locator(".source mark")
    assert marks.count() == 11
    marks.first.locator("a").click()
    assert page.evaluate("location.hash") == "#node-1"
    assert page.locator("#map svg").bounding_box()["width"] > 200
    watched.assert_clean()
