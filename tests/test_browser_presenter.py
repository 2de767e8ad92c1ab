"""The HTML deck's presenter window in headless Chromium, on the flagship deck.

The window shows the audience's slide at its step and the next step as
pictures (copies of the deck's slides, scaled), the notes in a region that
scrolls while nothing leaves the 1100 x 760 window; with pop-ups blocked, the
notes lie beside or below the slide, never over it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import MAPS
from tests.test_browser import Watched, browser  # noqa: F401  (the fixture)
from usfk_argmap.core.messages import message
from usfk_argmap.mapfile.loader import load_map
from usfk_argmap.present.slides.formats import write_slides

pytestmark = [pytest.mark.browser, pytest.mark.graphviz]

#: What a slide shows: its id and step, the statements visible and those the step adds (highlighted).
_SHOWN = """slide => {
  const visible = g => getComputedStyle(g).visibility === 'visible';
  const ids = gs => [...gs].filter(visible).map(g => g.getAttribute('data-am-id')).sort();
  return {step: slide.getAttribute('data-step'), nodes: ids(slide.querySelectorAll('g.am-node')),
          added: ids(slide.querySelectorAll('g.am-new')), title: (slide.querySelector('h1, h2') || {}).textContent};
}"""

#: A picture of the presenter window: the slide it copies, the copy's look, and whether it fits its frame.
_PICTURE = """id => {
  const view = document.getElementById(id);
  const copy = view.querySelector('.slide');
  const frame = view.getBoundingClientRect(), box = copy.getBoundingClientRect();
  return {slide: view.getAttribute('data-slide'), shown: (SHOWN)(copy), inert: copy.inert,
          label: view.getAttribute('aria-label'), role: view.getAttribute('role'),
          fits: box.left >= frame.left - 0.5 && box.right <= frame.right + 0.5 && box.top >= frame.top - 0.5
                && box.bottom <= frame.bottom + 0.5,
          ratio: box.width / box.height, width: box.width};
}""".replace("SHOWN", _SHOWN)


@pytest.fixture(scope="module")
def flagship_deck(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    loaded = load_map(MAPS / "usfk_conclusion.yaml").map
    assert loaded is not None
    path = tmp_path_factory.mktemp("presenter") / "deck.html"
    write_slides(loaded, path)
    yield path


def _deck_state(page: Any) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate(
        "() => { const s = document.querySelector('.slide.current'); return {slide: s.id, shown: (SHOWN)(s)}; }".replace(
            "SHOWN", _SHOWN
        )
    )
    return state


def _open_presenter(page: Any) -> Any:
    with page.context.expect_page() as opened:
        page.keyboard.press("p")
    presenter = opened.value
    presenter.wait_for_load_state()
    return presenter


def test_presenter_window_shows_the_current_and_next_step_as_pictures(
    browser: Any,  # noqa: F811
    flagship_deck: Path,
) -> None:
    watched = Watched(browser, flagship_deck.as_uri() + "#overview")
    page = watched.page
    page.set_viewport_size({"width": 1920, "height": 1080})
    presenter = _open_presenter(page)
    presenter.set_viewport_size({"width": 1100, "height": 760})
    # The deck's states from the overview over build-ups and slide boundaries; each picture is compared
    # with the state the deck shows now (the current one) and the one it shows after the next key.
    states = [_deck_state(page)]
    pictures = []
    for _ in range(12):
        pictures.append((presenter.evaluate(_PICTURE, "now-picture"), presenter.evaluate(_PICTURE, "next-picture")))
        page.keyboard.press("ArrowRight")
        states.append(_deck_state(page))
    assert len({state["slide"] for state in states}) >= 3  # the walk crossed slides
    assert any(state["shown"]["added"] for state in states)  # and build steps that add statements
    for k, (now, coming) in enumerate(pictures):
        assert (now["slide"], now["shown"]) == (states[k]["slide"], states[k]["shown"]), f"current at {k}"
        assert (coming["slide"], coming["shown"]) == (states[k + 1]["slide"], states[k + 1]["shown"]), f"next at {k}"
        for picture in (now, coming):
            assert picture["fits"] and abs(picture["ratio"] - 16 / 9) < 0.01 and picture["width"] > 300
            assert picture["inert"] and picture["role"] == "img" and states[k]["shown"]["title"] is not None
    assert pictures[-1][0]["label"].startswith(message("presenter.current", "zh-Hant") + ": ")
    # The presenter's buttons turn the deck, and the pictures follow.
    presenter.click("#forward")
    assert presenter.evaluate(_PICTURE, "now-picture")["shown"] == _deck_state(page)["shown"]
    watched.assert_clean()


def test_presenter_notes_scroll_and_nothing_leaves_the_window(browser: Any, flagship_deck: Path) -> None:  # noqa: F811
    watched = Watched(browser, flagship_deck.as_uri())
    page = watched.page
    page.set_viewport_size({"width": 1920, "height": 1080})
    # The step with the longest notes of the flagship.
    where, length = page.evaluate("""() => {
      let best = null, most = 0;
      for (const slide of document.querySelectorAll('#deck > .slide'))
        for (const notes of slide.querySelectorAll('.step-notes')) {
          const length = notes.textContent.replace(/\\s+/g, ' ').trim().length;
          if (length > most) { most = length; best = slide.id + '/' + (Number(notes.dataset.step) + 1); }
        }
      return [best, most];
    }""")
    assert length > 1000
    page.evaluate(f"location.hash = '#{where}'")
    presenter = _open_presenter(page)
    presenter.set_viewport_size({"width": 1100, "height": 760})
    layout = presenter.evaluate("""() => {
      const outside = [...document.body.querySelectorAll('#top, #top *, #main > section > *')].filter(e => {
        const r = e.getBoundingClientRect();
        return r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5;
      }).map(e => e.id || e.tagName);
      const notes = document.getElementById('notes');
      return {outside, page: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
              scroll: notes.scrollHeight, height: notes.clientHeight, overflow: getComputedStyle(notes).overflowY,
              chars: notes.textContent.replace(/\\s+/g, ' ').trim().length,
              headings: [...document.querySelectorAll('#main > section > h2')].map(h => h.textContent)};
    }""")
    assert layout["outside"] == [] and layout["page"] == [1100, 760], layout
    assert layout["chars"] == length
    assert layout["overflow"] == "auto" and layout["scroll"] > layout["height"] > 100, layout
    assert layout["headings"] == [message("presenter.notes", "zh-Hant"), message("presenter.coming", "zh-Hant")]
    # The notes scroll to their end inside their region.
    presenter.hover("#notes")
    presenter.mouse.wheel(0, 5000)
    presenter.wait_for_function("document.getElementById('notes').scrollTop > 0")
    end = presenter.evaluate("""() => {
      const notes = document.getElementById('notes');
      return notes.lastElementChild.getBoundingClientRect().bottom - notes.getBoundingClientRect().bottom;
    }""")
    assert end <= 1
    # The next step starts its notes at the top.
    page.keyboard.press("ArrowRight")
    assert presenter.evaluate("document.getElementById('notes').scrollTop") == 0
    watched.assert_clean()


@pytest.mark.parametrize(("width", "height", "side"), [(1920, 1080, "below"), (1280, 720, "below"), (2560, 1080, "beside")])
def test_blocked_popup_puts_the_notes_beside_or_below_the_slide(
    browser: Any,  # noqa: F811
    flagship_deck: Path,
    width: int,
    height: int,
    side: str,
) -> None:
    watched = Watched(browser, flagship_deck.as_uri() + "#part-1/2")
    page = watched.page
    page.add_init_script("window.open = () => null;")
    page.set_viewport_size({"width": width, "height": height})
    page.reload()
    rects = """() => {
      const box = e => { const r = e.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
      const panel = document.getElementById('notes-panel');
      return {slide: box(document.querySelector('.slide.current')), panel: box(panel),
              shown: getComputedStyle(panel).display !== 'none', text: panel.textContent};
    }"""
    before = page.evaluate(rects)
    assert not before["shown"]
    page.keyboard.press("p")
    after = page.evaluate(rects)
    slide, panel = after["slide"], after["panel"]
    assert after["shown"] and "P1.1" in after["text"]
    overlap_w = min(slide["r"], panel["r"]) - max(slide["l"], panel["l"])
    overlap_h = min(slide["b"], panel["b"]) - max(slide["t"], panel["t"])
    assert overlap_w <= 0.5 or overlap_h <= 0.5, after  # no intersection: the slide is not covered
    assert slide["l"] >= 0 and slide["t"] >= 0 and slide["r"] <= width + 0.5 and slide["b"] <= height + 0.5
    assert abs((slide["r"] - slide["l"]) / (slide["b"] - slide["t"]) - 16 / 9) < 0.01
    if side == "below":
        assert panel["t"] >= slide["b"] - 0.5 and panel["b"] - panel["t"] >= 0.25 * height
    else:
        assert panel["l"] >= slide["r"] - 0.5 and panel["r"] - panel["l"] >= 0.25 * width
    # Escape takes the notes away and gives the slide its room back.
    page.keyboard.press("Escape")
    full = page.evaluate(rects)["slide"]
    assert full["r"] - full["l"] > slide["r"] - slide["l"]
    watched.assert_clean()
