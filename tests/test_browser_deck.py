"""The deck read in a room: every slide of three decks walked in headless Chromium at 1920 x 1080.

At every step of each slide: statement text at least 24 px per em on build-up
and focus slides, the overview at 28 with the thesis and every main claim, no
box without its line and no undercut joint without its undercutter, a heading
not cut; at the last step, one connected picture (through the lines and
linked-argument joints shown) on every slide but the whole map; titles
distinct. Then the presenter window, the map's zoom and links, and the themes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import MAPS
from tests.test_browser import Watched, browser  # noqa: F401  (the fixture)
from usfk_argmap.analysis.buildup import main_claims
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.mapfile.loader import load_map, load_text
from usfk_argmap.present.slides.build import build_deck
from usfk_argmap.present.slides.formats import write_slides

pytestmark = [pytest.mark.browser, pytest.mark.graphviz]

#: A small Traditional Chinese map of our own: two sections, a line across them, an objection
#: whose target is in the other section, a linked argument.
SMALL_CHINESE = """\
title: 小型測試：駐韓美軍去留
lang: zh-Hant
root: T
sections:
  a: 一、安全情勢
  b: 二、中國立場
nodes:
  T: {kind: thesis, text: 駐韓美軍之去留取決於朝鮮半島情勢}
  C1: {kind: claim, text: 朝鮮半島情勢趨於穩定, supports: T, section: a}
  E1: {kind: evidence, text: 南北韓舉行高峰會談並簽署共同宣言, supports: C1, section: a}
  P1: {kind: premise, text: 北韓核武問題仍未解決, section: a}
  P2: {kind: premise, text: 美日安保體系需要駐韓美軍支撐, section: a}
  C2: {kind: claim, text: 中國長期主張外國軍隊撤出朝鮮半島, supports: T, section: b}
  O1: {kind: objection, text: 中國近年對駐韓美軍態度軟化, attacks: C2, section: b}
  R1: {kind: rebuttal, text: 軟化的只是說法而非長期目標, attacks: O1, section: b}
  O2: {kind: objection, text: 北韓威脅使半島並不穩定, attacks: C1, section: b}
arguments:
  A1: {premises: [P1, P2], supports: C1}
"""

_MEASURE = """() => {
  const slide = document.querySelector('.slide.current');
  const svg = slide.querySelector('.figure svg');
  if (!svg) { return {id: slide.id, kind: slide.className, figure: false}; }
  const shown = g => getComputedStyle(g).visibility === 'visible' && !g.classList.contains('am-pending');
  const groups = [...svg.querySelectorAll('g.am-node, g.am-arg, g.am-edge')].filter(shown);
  const sizes = [];
  for (const g of groups.filter(g => g.classList.contains('am-node'))) {
    for (const t of g.querySelectorAll('text')) {
      const ctm = t.getScreenCTM();
      sizes.push(Math.hypot(ctm.a, ctm.b) * parseFloat(t.getAttribute('font-size')));
    }
  }
  const nodes = groups.filter(g => !g.classList.contains('am-edge')).map(g => g.getAttribute('data-am-id'));
  const edges = groups.filter(g => g.classList.contains('am-edge'))
    .map(g => [g.getAttribute('data-am-source'), g.getAttribute('data-am-target')]);
  const rect = slide.getBoundingClientRect();
  // A box with no line shown to it (context before its line), and an undercut relation's joint shown
  // with no undercutting line into it.
  const shownEdges = groups.filter(g => g.classList.contains('am-edge'));
  const ends = new Set(shownEdges.flatMap(g => [g.getAttribute('data-am-source'), g.getAttribute('data-am-target')]));
  const boxes = groups.filter(g => g.classList.contains('am-node')).map(g => g.getAttribute('data-am-id'));
  const floating = boxes.length > 1 ? boxes.filter(id => !ends.has(id)) : [];
  const undercut = new Set(shownEdges.filter(g => g.getAttribute('data-am-relation') === 'undercuts')
    .map(g => g.getAttribute('data-am-target')));
  const bareJoints = groups.filter(g => g.classList.contains('am-relation')).map(g => g.getAttribute('data-am-id'))
    .filter(id => !undercut.has(id));
  const head = slide.querySelector('.slide-head h2');
  const kicker = slide.querySelector('.slide-head .kicker');
  const cut = [head, kicker].filter(e => e && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent);
  const legendPx = Math.min(...[...svg.querySelectorAll('text')].map(t => {
    const ctm = t.getScreenCTM();
    return Math.hypot(ctm.a, ctm.b) * parseFloat(t.getAttribute('font-size'));
  }));
  return {id: slide.id, kind: slide.className, figure: true, minPx: Math.min(...sizes), nodes, edges,
          slide: [rect.width, rect.height], floating, bareJoints, title: head && head.textContent, cut, legendPx};
}"""


def _components(nodes: list[str], edges: list[list[str]]) -> list[set[str]]:
    """The connected pieces of ``nodes`` through the shown ``edges``.

    A line may run through the place of a joint not shown (an undercut relation's, on a slide
    without the undercutter): that place joins its lines, and is no piece of its own.
    """
    neighbours: dict[str, set[str]] = {n: set() for n in nodes}
    for source, target in edges:
        neighbours.setdefault(source, set()).add(target)
        neighbours.setdefault(target, set()).add(source)
    pieces: list[set[str]] = []
    seen: set[str] = set()
    for start in nodes:
        if start in seen:
            continue
        piece, stack = {start}, [start]
        seen.add(start)
        while stack:
            for other in neighbours[stack.pop()] - seen:
                seen.add(other)
                piece.add(other)
                stack.append(other)
        pieces.append(piece & set(nodes))
    return pieces


def _small_chinese() -> ArgumentMap:
    result = load_text(SMALL_CHINESE)
    assert result.map is not None and not [d for d in result.diagnostics if d.severity.name == "ERROR"]
    return result.map


def _open(path: Path) -> ArgumentMap:
    loaded = load_map(path).map
    assert loaded is not None
    return loaded


@pytest.mark.parametrize("which", ["flagship", "example", "small-chinese"])
def test_every_slide_reads_in_a_room(browser: Any, tmp_path: Path, which: str) -> None:  # noqa: F811
    argument_map = {
        "flagship": lambda: _open(MAPS / "usfk_conclusion.yaml"),
        "example": lambda: _open(MAPS / "example_tram.yaml"),
        "small-chinese": _small_chinese,
    }[which]()
    deck = build_deck(argument_map)
    write_slides(argument_map, tmp_path / "deck.html")
    watched = Watched(browser, (tmp_path / "deck.html").as_uri())
    page = watched.page
    page.set_viewport_size({"width": 1920, "height": 1080})
    expected_overview = {argument_map.root, *main_claims(argument_map)}
    seen_kinds = set()
    titles = []
    for slide in deck.slides:
        for step in range(1, len(slide.steps) + 1):
            page.evaluate(f"location.hash = '#{slide.id}/{step}'")
            state = page.evaluate(_MEASURE)
            where = f"{which} {slide.id} step {step}"
            assert state["id"] == slide.id
            seen_kinds.add(slide.kind)
            if not state["figure"]:
                continue
            assert [round(side) for side in state["slide"]] == [1920, 1080]
            assert not state["cut"], f"{where}: the heading is cut: {state['cut']}"
            if slide.kind in ("build", "focus"):
                assert state["minPx"] >= 24, f"{where}: statement text {state['minPx']:.1f} px/em"
                assert not state["floating"], f"{where}: boxes without their line: {state['floating']}"
                assert not state["bareJoints"], f"{where}: joints without their undercutter: {state['bareJoints']}"
            if slide.kind == "overview":
                assert state["minPx"] >= 28, f"{where}: {state['minPx']:.1f} px/em"
                assert set(state["nodes"]) >= expected_overview
            if slide.kind in ("legend", "sections"):
                assert state["legendPx"] >= 24, f"{where}: text {state['legendPx']:.1f} px/em"
            if slide.kind not in ("map", "legend", "sections") and step == len(slide.steps):
                pieces = _components(state["nodes"], state["edges"])
                assert len(pieces) == 1, f"{where} falls into {len(pieces)} pieces: {pieces}"
        if state["figure"]:
            titles.append(state["title"])
    assert len(titles) == len(set(titles)), f"{which}: titles repeated"
    assert seen_kinds >= {"title", "overview", "legend", "map", "build", "focus"}
    assert ("sections" in seen_kinds) == (len(argument_map.sections) > 1)
    watched.assert_clean()


def test_presenter_window_has_notes_next_and_timer_and_leaves_the_slide_alone(
    browser: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    write_slides(_open(MAPS / "example_tram.yaml"), tmp_path / "deck.html")
    watched = Watched(browser, (tmp_path / "deck.html").as_uri() + "#part-1/3")
    page = watched.page
    page.set_viewport_size({"width": 1920, "height": 1080})
    with page.expect_popup() as popup_info:
        page.keyboard.press("p")
    presenter = popup_info.value
    assert "Fares cover the running costs" in presenter.inner_text("#notes")
    assert "Step 4 of" in presenter.inner_text("#next")
    assert "P: this window" in presenter.inner_text("#keys")  # the keyboard help is the presenter's
    assert presenter.inner_text("#timer").count(":") == 1
    box = page.locator(".slide.current").bounding_box()
    assert (round(box["width"]), round(box["height"])) == (1920, 1080)  # the audience's slide keeps its size
    page.keyboard.press("ArrowRight")
    assert "Step 4 of" in presenter.inner_text("#now")
    presenter.click("#forward")
    assert page.evaluate("location.hash") == "#part-1/5"
    watched.assert_clean()


def test_whole_map_zooms_pans_and_links_to_sections(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    write_slides(_open(MAPS / "usfk_conclusion.yaml"), tmp_path / "deck.html")
    watched = Watched(browser, (tmp_path / "deck.html").as_uri() + "#map")
    page = watched.page
    page.set_viewport_size({"width": 1920, "height": 1080})
    view = "() => document.querySelector('.slide.current svg').getAttribute('viewBox')"
    before = page.evaluate(view)
    page.mouse.move(960, 600)
    page.mouse.wheel(0, -600)
    zoomed = page.evaluate(view)

    def width(box: str) -> float:
        return float(box.split()[2])

    assert width(zoomed) < width(before) / 1.5
    page.mouse.move(900, 600)
    page.mouse.down()
    page.mouse.move(700, 500, steps=5)
    page.mouse.up()
    panned = page.evaluate(view)
    assert panned.split()[:2] != zoomed.split()[:2] and width(panned) == width(zoomed)
    page.keyboard.press("0")
    assert width(page.evaluate(view)) == width(before)
    page.keyboard.press("+")
    assert width(page.evaluate(view)) < width(before)
    page.keyboard.press("0")
    # A click on a statement opens the build-up that presents it; the overview's claims do the same.
    page.locator('.slide.current g[data-am-id="SC3.1"]').click()
    assert page.evaluate("document.querySelector('.slide.current').id").startswith("part-3")
    assert page.locator('.slide.current g[data-am-id="SC3.1"]').evaluate("g => getComputedStyle(g).visibility") == "visible"
    page.evaluate("location.hash = '#overview'")
    page.locator('.slide.current g[data-am-id="C4"]').click()
    assert page.evaluate("location.hash") == "#part-4"
    watched.assert_clean()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_pictures_stand_on_the_slide_and_the_controls_can_be_read(
    browser: Any,  # noqa: F811
    tmp_path: Path,
    theme: str,
) -> None:
    from usfk_argmap.drawing.render import RenderOptions
    from usfk_argmap.present.slides.options import SlideOptions

    deck_options = SlideOptions(RenderOptions(theme=theme))
    write_slides(_open(MAPS / "usfk_conclusion.yaml"), tmp_path / "deck.html", options=deck_options)
    watched = Watched(browser, (tmp_path / "deck.html").as_uri() + "#part-1")
    page = watched.page
    colours = page.evaluate("""() => {
      const slide = document.querySelector('.slide.current');
      const background = slide.querySelector('svg g.graph > polygon');  // Graphviz draws none when transparent
      const context = slide.querySelector('g.am-context polygon, g.am-context path');
      const controls = document.getElementById('controls');
      return {slide: getComputedStyle(slide).backgroundColor, picture: background ? background.getAttribute('fill') : 'none',
              context: context && getComputedStyle(context).fill,
              ink: getComputedStyle(document.getElementById('position')).color,
              pill: getComputedStyle(controls).backgroundColor,
              counter: slide.querySelector('.counter').textContent};
    }""")
    assert colours["picture"] in ("transparent", "none")  # no box of another grey
    assert colours["context"] == colours["slide"]  # the muted statements are filled with the slide's colour
    assert colours["ink"] == "rgb(255, 255, 255)" and colours["pill"].startswith("rgba(20, 20, 20")
    assert colours["counter"].startswith("第 1 步，共")  # the map is zh-Hant: so is its deck's counter
    watched.assert_clean()
