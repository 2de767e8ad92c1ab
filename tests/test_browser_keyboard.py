"""The deck, the report and the preview without a mouse, in Debian's Chromium (issue 26).

Only the keyboard: Tab reaches every statement of a slide (of the report's map, of the
preview's picture) in argument order, the arrow keys follow a support (up to the
statement it supports, down to the first reason, right to the next reason), Enter opens
the statement's details and Escape comes back to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser_pages import MAP_FILES, chromium, deck, open_preview, preview, report, show_slide
from usfk_argmap import open_map
from usfk_argmap.analysis.drawn import svg_ids
from usfk_argmap.drawing.accessible import argument_order

pytestmark = [pytest.mark.browser, pytest.mark.graphviz]

FOCUSED = "() => { const e = document.activeElement; return e ? e.id : null; }"
OUTLINE = "scope => [...document.querySelectorAll(scope + ' .am-outline li')].map(li => li.dataset.svg)"


def reading_order(name: str) -> list[str]:
    """The svg ids of a map's statements in argument order: the SVG's reading order (``drawing.accessible``)."""
    argument_map = open_map(MAP_FILES[name])
    ids = svg_ids(argument_map)
    return [ids[node] for node in argument_order(argument_map)]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as instance:
        yield instance


def tab_through(page: Any, scope: str, limit: int = 80) -> list[str]:
    """The ids of the statements of ``scope`` Tab reaches, in order, from the page's start."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur && document.activeElement.blur(); }")
    reached: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        inside = page.evaluate(
            "scope => { const e = document.activeElement; return !!(e && e.closest(scope) && e.matches('g.am-node')); }", scope
        )
        if inside:
            reached.append(page.evaluate(FOCUSED))
        elif reached:
            break
    return reached


def shown_statements(page: Any, scope: str) -> list[str]:
    """The ids of the statements of ``scope`` one can see, in document order."""
    ids: list[str] = page.evaluate(
        """scope => [...document.querySelectorAll(scope + ' g.am-node[tabindex]')]
             .filter(g => getComputedStyle(g).visibility !== 'hidden').map(g => g.id)""",
        scope,
    )
    return ids


def outline_links(page: Any, scope: str, svg_id: str) -> dict[str, Any]:
    """A statement's neighbours in its outline: what it bears on, its first reason, the next one (svg ids)."""
    found: dict[str, Any] = page.evaluate(
        """([scope, id]) => {
             const root = document.querySelector(scope);
             const item = root.querySelector('.am-outline li[data-svg="' + id + '"]');
             const up = item.parentElement.closest('li');
             const down = item.querySelector(':scope > ul > li');
             const next = item.nextElementSibling;
             return {up: up && up.dataset.svg, down: down && down.dataset.svg, next: next && next.dataset.svg};
           }""",
        [scope, svg_id],
    )
    return found


def test_the_deck_by_keyboard(browser: Any, tmp_path: Path) -> None:
    ids = svg_ids(open_map(MAP_FILES["usfk"]))
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    try:
        page.goto(deck(tmp_path, "usfk", "light").as_uri())
        # The overview: the thesis and its main claims, every one a Tab stop, in argument order.
        show_slide(page, "overview")
        prefix = "overview-"
        reached = tab_through(page, "#overview")
        assert reached == shown_statements(page, "#overview") and len(reached) >= 3
        assert [r.removeprefix(prefix) for r in reached] == [i for i in reading_order("usfk") if prefix + i in reached]
        # A build-up slide at its last step: every statement it shows.
        build = page.evaluate("() => document.querySelector('.slide-build').id")
        steps = page.evaluate("id => document.getElementById(id).getAttribute('data-steps')", build)
        show_slide(page, f"{build}/{steps}")
        scope = f"#{build}"
        reached = tab_through(page, scope)
        assert reached == shown_statements(page, scope) and len(reached) >= 3
        # Follow a support: from the first statement down to its first reason, to the next, back up.
        page.evaluate("id => document.getElementById(id).focus()", reached[0])
        first = reached[0].removeprefix(build + "-")
        links = outline_links(page, scope, first)
        assert links["down"] is not None
        page.keyboard.press("ArrowDown")
        reason = page.evaluate(FOCUSED)
        assert reason == f"{build}-{links['down']}"
        below = outline_links(page, scope, links["down"])
        page.keyboard.press("ArrowUp")
        assert page.evaluate(FOCUSED) == reached[0]
        page.keyboard.press("ArrowDown")
        if below["next"] is not None:
            page.keyboard.press("ArrowRight")
            assert page.evaluate(FOCUSED) == f"{build}-{below['next']}"
            page.keyboard.press("ArrowLeft")
        assert page.evaluate(FOCUSED) == reason
        # The arrows moved along the argument, not through the slides.
        assert page.evaluate("() => document.querySelector('.slide.current').id") == build
        # Enter opens the statement's details (its words, in the map's language); Escape comes back to it.
        page.keyboard.press("Enter")
        assert page.is_visible("#details-panel")
        assert page.evaluate(FOCUSED) == "details-panel"
        words = page.inner_text("#details-panel")
        node = next(n for n, svg in ids.items() if svg == links["down"])
        assert f" {node}：" in words and any(kind in words for kind in ("主張", "前提", "證據", "反對", "假設"))
        page.keyboard.press("Escape")
        assert not page.is_visible("#details-panel")
        assert page.evaluate(FOCUSED) == reason
        # Escape on a statement leaves the picture: the arrows turn the slides again.
        page.keyboard.press("Escape")
        page.keyboard.press("ArrowRight")
        assert page.evaluate("() => document.querySelector('.slide.current').id") != build
        # The outline is shown with O, and by the button; each is said pressed.
        page.keyboard.press("o")
        assert page.get_attribute("#outline-toggle", "aria-pressed") == "true"
        assert page.is_visible(".slide.current .outline")
    finally:
        page.close()
    assert problems == []


def test_the_report_by_keyboard(browser: Any, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(report(tmp_path, "tram", "light").as_uri())
        reached = tab_through(page, "#map")
        # Every statement, in argument order; each is in the outline.
        assert reached == reading_order("tram") and sorted(reached) == sorted(page.evaluate(OUTLINE, "#outline"))
        page.evaluate("id => document.getElementById(id).focus()", reached[0])
        page.keyboard.press("ArrowDown")
        assert page.evaluate(FOCUSED) == reached[1]  # the thesis's first claim
        page.keyboard.press("Enter")
        row = page.evaluate("() => document.activeElement.tagName + ' ' + document.activeElement.textContent")
        assert row.startswith("TR") and "C1" in row
        page.keyboard.press("Escape")
        assert page.evaluate(FOCUSED) == reached[1]
    finally:
        page.close()


def test_the_preview_by_keyboard(browser: Any) -> None:
    with preview("usfk", "light") as url:
        page = open_preview(browser, url)
        try:
            reached = tab_through(page, "#canvas")
            assert reached == reading_order("usfk") and sorted(reached) == sorted(page.evaluate(OUTLINE, "#outline"))
            assert page.evaluate("() => document.querySelector('#outline .am-outline').lang") == "zh-Hant"
            page.evaluate("id => document.getElementById(id).focus()", reached[0])
            links = outline_links(page, "body", reached[0])
            page.keyboard.press("ArrowDown")
            assert page.evaluate(FOCUSED) == links["down"]
            second = outline_links(page, "body", links["down"])
            page.keyboard.press("ArrowRight")
            assert page.evaluate(FOCUSED) == second["next"]
            page.keyboard.press("ArrowUp")
            assert page.evaluate(FOCUSED) == reached[0]
            page.keyboard.press("ArrowDown")
            page.keyboard.press("Enter")
            assert page.evaluate(FOCUSED) == "details"
            details = page.inner_text("#details")
            assert "claim" in details and "line" in details
            page.keyboard.press("Escape")
            assert page.evaluate(FOCUSED) == links["down"]
        finally:
            page.close()


def test_a_click_on_a_statement_leaves_the_keys_to_the_slides_and_reduced_motion_stops_the_fades(
    browser: Any, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(deck(tmp_path, "tram", "light").as_uri() + "#part-1/8")
        show_slide(page, "part-1/8")
        box = page.locator("#part-1 g.am-node >> nth=0").bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        assert page.evaluate("() => document.activeElement.matches('g.am-node')") is False
        page.mouse.up()
        where = "() => { const s = document.querySelector('.slide.current'); return s.id + '/' + s.dataset.step; }"
        clicked = page.evaluate(where)
        page.keyboard.press("ArrowLeft")
        assert page.evaluate(where) != clicked  # the arrow turned back, it did not move along the statements
        fade = "() => getComputedStyle(document.querySelector('#part-1 g.am-node')).transitionDuration"
        assert page.evaluate(fade) != "0s"
        page.emulate_media(reduced_motion="reduce")
        assert page.evaluate(fade) == "0s"
    finally:
        page.close()
