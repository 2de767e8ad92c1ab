"""axe-core finds no violation on our pages, in Debian's Chromium (issue 26).

The flagship's and the example's HTML deck (every slide, and with the outline shown
and a statement's details open), report and preview page, in the light and the dark
theme. axe-core is the one of ``clients/package-lock.json``, injected into each page;
every rule it runs by default (WCAG 2.0-2.2 A and AA, and its best practices).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser_pages import (
    AXE,
    MAP_FILES,
    THEMES,
    axe_violations,
    chromium,
    deck,
    locked_axe_version,
    open_preview,
    preview,
    report,
    require_axe,
    show_slide,
    slide_ids,
)
from tests.helpers import REPO

pytestmark = [pytest.mark.browser, pytest.mark.graphviz]
PAGES = [(name, theme) for name in MAP_FILES for theme in THEMES]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_axe()
    with chromium() as instance:
        yield instance


def test_the_axe_core_injected_is_the_one_the_clients_lock_installs(browser: Any, tmp_path: Path) -> None:
    assert AXE.resolve().is_relative_to(REPO / "clients" / "node_modules")
    page = browser.new_page()
    try:
        page.goto(deck(tmp_path, "tram", "light").as_uri())
        assert axe_violations(page) == []
        assert page.evaluate("axe.version") == locked_axe_version()
    finally:
        page.close()


@pytest.mark.parametrize(("name", "theme"), PAGES)
def test_every_slide_of_the_deck_has_no_violation(browser: Any, tmp_path: Path, name: str, theme: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(deck(tmp_path, name, theme).as_uri())
        slides = slide_ids(page)
        assert len(slides) > 5
        found: dict[str, list[str]] = {}
        for slide in slides:
            show_slide(page, slide)
            found[slide] = axe_violations(page)
        # The outline shown over the slide (O), and a statement's details opened (Tab to it, Enter).
        page.keyboard.press("o")
        assert page.evaluate("document.body.classList.contains('show-outline')")
        for slide in slides[1:]:
            show_slide(page, slide)
            found[slide + " (outline)"] = axe_violations(page)
        show_slide(page, slides[1])
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.is_visible("#details-panel")
        found["details"] = axe_violations(page)
    finally:
        page.close()
    assert {slide: problems for slide, problems in found.items() if problems} == {}


@pytest.mark.parametrize(("name", "theme"), PAGES)
def test_the_report_has_no_violation(browser: Any, tmp_path: Path, name: str, theme: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(report(tmp_path, name, theme).as_uri())
        assert page.locator("#outline li").count() > 5
        assert axe_violations(page) == []
    finally:
        page.close()


@pytest.mark.parametrize(("name", "theme"), PAGES)
def test_the_preview_page_has_no_violation(browser: Any, name: str, theme: str) -> None:
    with preview(name, theme) as url:
        page = open_preview(browser, url)
        try:
            assert page.evaluate("document.body.className") == f"theme-{theme}"
            before = axe_violations(page)
            page.click("#canvas g.am-node >> nth=0")
            assert page.locator("#details dd").count() > 0
            after = axe_violations(page)
        finally:
            page.close()
    assert before == [] and after == []


@pytest.mark.parametrize(("name", "theme"), PAGES)
def test_the_presenter_window_and_the_notes_beside_the_slide_have_no_violation(
    browser: Any, tmp_path: Path, name: str, theme: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(deck(tmp_path, name, theme).as_uri())
        show_slide(page, slide_ids(page)[3])
        with page.context.expect_page() as opened:
            page.keyboard.press("p")
        presenter = opened.value
        presenter.set_viewport_size({"width": 1100, "height": 760})
        assert presenter.locator("#now-picture .slide").count() == 1
        in_window = axe_violations(presenter)
        presenter.close()
        # Pop-ups blocked: the notes panel beside the slide.
        page.evaluate("window.open = () => null")
        page.keyboard.press("p")
        assert page.is_visible("#notes-panel")
        beside = axe_violations(page)
    finally:
        page.close()
    assert in_window == [], "\n".join(in_window)
    assert beside == [], "\n".join(beside)
