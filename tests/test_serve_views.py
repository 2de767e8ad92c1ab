"""The preview of a big map (issue 28): it opens on the thesis's neighbourhood, and a save lays out
only the views pages show, counted in Graphviz runs (an operation count, not a time).

The maps are ``benchmarks.shapes`` trees of 300 statements with the size threshold lowered
(``overview_above``), so the tests stay fast; ``benchmarks/preview_latency.py`` times 5,000.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import unquote
from urllib.request import urlopen

import pytest

from benchmarks.shapes import shaped_map_text
from tests.clients import chromium
from tests.helpers import MAPS
from usfk_argmap.authoring.serve import PreviewServer, RunningPreview, start_preview
from usfk_argmap.authoring.serve_views import (
    MapViews,
    Settled,
    UnknownViewError,
    ViewPictures,
    around_depth,
    default_view,
    draw_view,
)
from usfk_argmap.drawing import graphviz
from usfk_argmap.drawing.cache import LayoutCache
from usfk_argmap.drawing.render import RenderOptions, render
from usfk_argmap.mapfile.loader import load_map, load_text

pytestmark = pytest.mark.graphviz

STATEMENTS = 300
#: At most this many statements in an ``around:`` view of the test map.
BUDGET = 30
#: A statement in the thesis's neighbourhood, one in neither the neighbourhood nor the section, and the section's one.
NEAR, MIDDLE, FAR = "N1", "N150", f"N{STATEMENTS - 1}"


def big_map_text() -> str:
    """A 300-statement tree whose last statement is in a section of its own (``far``)."""
    text = shaped_map_text(STATEMENTS, "tree")
    text = text.replace("root: N0\n", "root: N0\nsections:\n  far: The far end\n", 1)
    return text.replace(f"  {FAR}:\n", f"  {FAR}:\n    section: far\n", 1)


def statement_text(text: str, node_id: str) -> str:
    found = re.search(rf"^  {node_id}:\n(?:    .*\n)*?    text: (.*)\n", text, re.MULTILINE)
    assert found is not None
    return found.group(1)


@pytest.fixture
def big(tmp_path: Path) -> Path:
    path = tmp_path / "big.yaml"
    path.write_text(big_map_text(), encoding="utf-8")
    return path


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The DOT text of every Graphviz run from here on."""
    seen: list[str] = []
    real = graphviz.run_graphviz

    def counted(source: str | bytes, *args: Any, **kwargs: Any) -> bytes:
        seen.append(source.decode("utf-8") if isinstance(source, bytes) else source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(graphviz, "run_graphviz", counted)
    return seen


@pytest.fixture
def preview(big: Path) -> Iterator[RunningPreview]:
    # A cache of its own, in memory: what the session's folder holds from other tests cannot hide a run.
    running = start_preview(big, 0, overview_above=100, view_statements=BUDGET, cache=LayoutCache(None))
    yield running
    running.close()


def get(url: str) -> tuple[int, bytes]:
    try:
        with urlopen(url, timeout=20) as response:
            return response.status, response.read()
    except HTTPError as error:
        return error.code, error.read()


def picture(server: PreviewServer, view: str) -> bytes:
    status, body = get(server.url_for(f"/map.svg?view={view}"))
    assert status == 200, body
    return body


def drawn_ids(svg: bytes) -> set[str]:
    return set(re.findall(r'class="node am-node[^"]*" data-am-id="([^"]+)"', svg.decode("utf-8")))


def save_and_wait(server: PreviewServer, path: Path, text: str) -> dict[str, Any]:
    version = server.state.version
    path.write_text(text, encoding="utf-8")
    os.utime(path, None)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        state: dict[str, Any] = json.loads(get(server.url_for("/state.json"))[1])
        if state["version"] > version:
            return state
        time.sleep(0.05)
    raise AssertionError("the save was not announced")


def test_a_big_map_opens_on_the_thesis_s_neighbourhood_and_offers_the_whole_map(preview: RunningPreview, big: Path) -> None:
    server = preview.server
    state = json.loads(get(server.url_for("/state.json"))[1])
    assert state["view"] == "around:N0"
    assert [view["id"] for view in state["views"]] == ["around:N0", "map", "section:far"]
    assert state["views"][0]["label"].startswith("around the thesis:") and f"of {STATEMENTS}" in state["views"][0]["label"]
    assert state["views"][2]["label"] == "section: The far end (1 statement)"
    shown = drawn_ids(picture(server, "around:N0"))
    assert "N0" in shown and NEAR in shown and 1 < len(shown) <= BUDGET and FAR not in shown
    assert len(drawn_ids(picture(server, "map"))) == STATEMENTS  # the whole map, on demand
    assert drawn_ids(picture(server, "section:far")) == {FAR}
    assert len(state["items"]) == STATEMENTS  # the details and the outline cover the whole map


def test_a_small_map_opens_on_the_whole_map() -> None:
    tram = load_map(MAPS / "example_tram.yaml").map
    assert tram is not None
    assert default_view(tram) == "map"
    assert default_view(tram, overview_above=len(tram.nodes) - 1) == f"around:{tram.root}"


def test_a_save_lays_out_only_the_views_shown_and_only_those_it_changed(
    preview: RunningPreview, big: Path, runs: list[str]
) -> None:
    server = preview.server
    text = big.read_text(encoding="utf-8")
    picture(server, "around:N0")
    picture(server, "section:far")  # the two views pages show
    runs.clear()
    edited = text.replace(statement_text(text, NEAR), "EDITEDNEAR")
    save_and_wait(server, big, edited)
    assert b"EDITEDNEAR" in picture(server, "around:N0")
    picture(server, "section:far")
    # Laid out again: the neighbourhood, whose statement changed; not the section, nor the whole map.
    assert runs and all("EDITEDNEAR" in run for run in runs)
    runs.clear()
    far = edited.replace(statement_text(text, FAR), "EDITEDFAR")
    save_and_wait(server, big, far)
    assert b"EDITEDFAR" in picture(server, "section:far")
    assert b"EDITEDNEAR" in picture(server, "around:N0")
    assert runs and all("EDITEDFAR" in run for run in runs)
    runs.clear()
    # A statement no page shows: checked and announced, laid out by no one.
    save_and_wait(server, big, far.replace(statement_text(text, MIDDLE), "EDITEDMIDDLE"))
    picture(server, "around:N0")
    picture(server, "section:far")
    assert runs == []


def test_the_views_shown_are_drawn_again_at_a_save_before_a_page_asks(
    preview: RunningPreview, big: Path, runs: list[str]
) -> None:
    server = preview.server
    text = big.read_text(encoding="utf-8")
    picture(server, "around:N0")
    runs.clear()
    save_and_wait(server, big, text.replace(statement_text(text, NEAR), "EDITEDNEAR"))
    deadline = time.monotonic() + 20
    while not runs and time.monotonic() < deadline:  # the watcher draws it: no request is made here
        time.sleep(0.05)
    assert runs and all("EDITEDNEAR" in run for run in runs)


def test_diagnostics_cover_statements_outside_the_view(preview: RunningPreview, big: Path) -> None:
    server = preview.server
    text = big.read_text(encoding="utf-8")
    # The last statement supports nothing: not connected to the thesis (AM201), far from the view.
    cut = re.sub(rf"(  {FAR}:\n(?:    .*\n)*?)    supports: N\d+\n", r"\1", text, count=1)
    assert cut != text
    state = save_and_wait(server, big, cut)
    diagnostics = json.loads(get(server.url_for("/diagnostics.json"))[1])["diagnostics"]
    assert {(d["code"], d["node"]) for d in diagnostics} >= {("AM201", FAR)}
    assert state["error"] is None and FAR not in drawn_ids(picture(server, state["view"]))
    assert FAR in drawn_ids(picture(server, f"around:{FAR}"))  # the page's way to it: the view around it


def test_a_broken_save_keeps_each_view_s_last_good_picture(preview: RunningPreview, big: Path) -> None:
    server = preview.server
    text = big.read_text(encoding="utf-8")
    save_and_wait(server, big, text.replace(statement_text(text, NEAR), "EDITEDNEAR"))
    broken = save_and_wait(server, big, text.replace("root: N0\n", "root: N0\nbad: [unclosed\n"))
    assert broken["error"] is not None and broken["view"] == "around:N0" and broken["views"]
    assert b"EDITEDNEAR" in picture(server, "around:N0")
    assert drawn_ids(picture(server, "section:far")) == {FAR}  # first asked for now: from the last good map


@pytest.mark.parametrize("query", ["view=around:NOPE", "view=section:nope", "view=everything", "section=nope", "view="])
def test_a_view_the_map_does_not_have_is_not_found(preview: RunningPreview, query: str) -> None:
    status, body = get(preview.server.url_for(f"/map.svg?{query}"))
    assert status == 404 and b"no view" in body and b"<svg" not in body


def test_the_preview_s_pictures_are_render_s(tmp_path: Path) -> None:
    tram = tmp_path / "tram.yaml"
    tram.write_text((MAPS / "example_tram.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copytree(MAPS / "sources", tmp_path / "sources")
    argument_map = load_map(tram).map
    assert argument_map is not None
    running = start_preview(tram, 0, cache=LayoutCache(None))
    try:
        server = running.server
        assert get(server.url_for("/map.svg"))[1] == render(argument_map, "svg", RenderOptions())
        assert picture(server, "section:cost") == render(argument_map, "svg", RenderOptions(section="cost"))
        depth = around_depth(argument_map, "C1")[0]
        assert picture(server, "around:C1") == render(argument_map, "svg", RenderOptions(focus="C1", depth=depth))
    finally:
        running.close()


def test_around_goes_as_deep_as_the_budget_allows() -> None:
    argument_map = load_text(big_map_text(), "big.yaml").map
    assert argument_map is not None
    from usfk_argmap.analysis.selection import neighbourhood

    for budget in (1, 3, 10, BUDGET, 100):
        depth, count = around_depth(argument_map, "N0", budget)
        assert count == len(neighbourhood(argument_map, "N0", depth))
        assert depth == 1 or count <= budget
        assert len(neighbourhood(argument_map, "N0", depth + 1)) > budget
    assert around_depth(argument_map, "N0", 10_000) == (around_depth(argument_map, "N0", STATEMENTS)[0], STATEMENTS)


def test_a_save_works_out_the_argument_order_once_for_all_the_views_shown(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from usfk_argmap.drawing import accessible

    orders: list[int] = []
    real = accessible.argument_order

    def counted(argument_map: Any) -> list[str]:
        orders.append(len(argument_map.nodes))
        return real(argument_map)

    monkeypatch.setattr(accessible, "argument_order", counted)
    rebuilt = threading.Event()
    running = start_preview(
        big, 0, overview_above=100, view_statements=BUDGET, cache=LayoutCache(None), on_rebuild=lambda _: rebuilt.set()
    )
    try:
        server = running.server
        views = ["around:N0", "section:far", "map"]  # three views pages show
        for view in views:
            picture(server, view)
        orders.clear()
        rebuilt.clear()
        text = big.read_text(encoding="utf-8")
        save_and_wait(server, big, text.replace(statement_text(text, NEAR), "EDITEDNEAR"))
        assert rebuilt.wait(20)  # the save's rebuild is over, the views shown drawn again
        assert all(b"EDITEDNEAR" in picture(server, view) for view in ("around:N0", "map"))
        picture(server, "section:far")
        assert orders == [STATEMENTS]  # once, for the three views: not once per view
    finally:
        running.close()


def test_two_requests_for_one_view_wait_for_one_drawing() -> None:
    argument_map = load_text(big_map_text(), "big.yaml").map
    assert argument_map is not None
    calls: list[RenderOptions] = []

    def slow(_: Any, options: RenderOptions, __: LayoutCache, ___: Settled | None, ____: Any) -> tuple[bytes, Settled]:
        calls.append(options)
        time.sleep(0.3)
        return b"<svg/>", Settled(frozenset(), "BT")

    pictures = ViewPictures(LayoutCache(None), slow)
    pictures.update(MapViews(argument_map, "light", BUDGET), 1)
    answers: list[bytes | None] = []
    threads = [threading.Thread(target=lambda: answers.append(pictures.picture("section:far").svg)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [b"<svg/>"] * 3 and [options.section for options in calls] == ["far"]
    assert pictures.update(MapViews(argument_map, "light", BUDGET), 2) == ["section:far"]  # shown: drawn again
    with pytest.raises(UnknownViewError):
        pictures.picture("around:NOPE")


def test_a_view_drawn_ahead_of_any_page_is_not_drawn_again_at_a_save(big: Path, runs: list[str]) -> None:
    rebuilt = threading.Event()
    running = start_preview(
        big, 0, overview_above=100, view_statements=BUDGET, cache=LayoutCache(None), on_rebuild=lambda _: rebuilt.set()
    )
    try:
        server = running.server
        text = big.read_text(encoding="utf-8")
        runs.clear()  # the opening view, drawn when the preview started; no page has asked for it since
        save_and_wait(server, big, text.replace(statement_text(text, NEAR), "EDITEDNEAR"))
        assert rebuilt.wait(20)  # the save's rebuild is over, the views it draws included
        assert runs == []
        assert b"EDITEDNEAR" in picture(server, "around:N0")  # drawn when asked
        assert runs and all("EDITEDNEAR" in run for run in runs)
    finally:
        running.close()


@pytest.mark.browser
def test_the_page_of_a_big_map_opens_on_a_view_and_a_diagnostic_brings_its_statement(big: Path) -> None:
    browser_path = chromium()  # a skip here, a failure in CI, when Debian's chromium is missing
    from playwright.sync_api import sync_playwright

    text = big.read_text(encoding="utf-8")
    big.write_text(re.sub(rf"(  {FAR}:\n(?:    .*\n)*?)    supports: N\d+\n", r"\1", text, count=1), encoding="utf-8")
    running = start_preview(big, 0, overview_above=100, view_statements=BUDGET, cache=LayoutCache(None))
    nodes = "() => [...document.querySelectorAll('#canvas g.am-node')].map((g) => g.dataset.amId)"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(browser_path), args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            problems: list[str] = []
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.goto(running.server.url)
            page.wait_for_selector("#canvas svg g.am-node")
            assert page.eval_on_selector("#view", "menu => menu.value") == "around:N0"
            shown = page.evaluate(nodes)
            assert "N0" in shown and FAR not in shown and len(shown) <= BUDGET
            # The diagnostic of a statement the picture does not show opens the view around it, the statement selected.
            page.click(f"#diagnostics li[data-node='{FAR}']")
            page.wait_for_function(f"document.querySelector('#canvas g.am-node.am-selected[data-am-id=\"{FAR}\"]')")
            assert page.eval_on_selector("#view", "menu => menu.value") == f"around:{FAR}"
            page.select_option("#view", "map")
            page.wait_for_function(f"document.querySelectorAll('#canvas g.am-node').length === {STATEMENTS}")
            browser.close()
        assert problems == []
    finally:
        running.close()


def test_a_view_keeps_its_direction_while_it_shows_the_same_statements(runs: list[str]) -> None:
    text = big_map_text()
    argument_map = load_text(text, "big.yaml").map
    assert argument_map is not None
    options = MapViews(argument_map, "light", BUDGET).options("around:N0")
    cache = LayoutCache(None)
    svg, settled = draw_view(argument_map, options, cache)
    assert svg == render(argument_map, "svg", options)  # the first drawing settles auto as render does
    edited = load_text(text.replace(statement_text(text, NEAR), "EDITEDNEAR"), "big.yaml").map
    assert edited is not None
    runs.clear()
    svg, kept = draw_view(edited, options, cache, settled)
    assert kept == settled and len(runs) == 1  # one layout: no trial of the directions
    assert svg == render(edited, "svg", replace(options, direction=settled.direction))
    turned = Settled(settled.statements, "RL" if settled.direction == "BT" else "BT")
    assert draw_view(edited, options, cache, turned)[1] == turned
    other = Settled(frozenset({"N0"}), turned.direction)  # other statements: settled anew, as render settles it
    assert draw_view(edited, options, cache, other)[1] == settled


def test_a_view_that_cannot_be_drawn_keeps_its_last_picture_and_says_why(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from usfk_argmap.authoring import serve_views
    from usfk_argmap.core.errors import GraphvizFailedError

    real = serve_views.draw_view
    failing = threading.Event()

    def draw(*args: Any) -> tuple[bytes, Settled]:
        if failing.is_set():
            raise GraphvizFailedError(["dot", "-Tsvg"], 1, "trouble in 駐韓美軍")
        return real(*args)

    monkeypatch.setattr(serve_views, "draw_view", draw)
    running = start_preview(big, 0, overview_above=100, view_statements=BUDGET, cache=LayoutCache(None))
    try:
        server = running.server
        picture(server, "around:N0")
        failing.set()
        text = big.read_text(encoding="utf-8")
        save_and_wait(server, big, text.replace(statement_text(text, NEAR), "EDITEDNEAR"))
        with urlopen(server.url_for("/map.svg?view=around:N0"), timeout=20) as answer:
            kept, problem = answer.read(), unquote(answer.headers["X-Preview-Problem"])
        assert b"EDITEDNEAR" not in kept and drawn_ids(kept)  # the last picture drawn
        assert problem.startswith("the map could not be drawn: dot -Tsvg failed") and "駐韓美軍" in problem
        status, body = get(server.url_for("/map.svg?view=section:far"))  # never drawn: no picture to keep
        assert status == 503 and "trouble in 駐韓美軍" in body.decode("utf-8")
    finally:
        running.close()
