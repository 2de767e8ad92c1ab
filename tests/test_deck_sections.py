"""The slide of the map's parts: readable where the whole map is an eye chart, and the whole map kept as an appendix."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.helpers import MAPS
from usfk_argmap.mapfile.loader import load_map
from usfk_argmap.present.slides.build import build_deck
from usfk_argmap.present.slides.formats import slide_files

pytestmark = pytest.mark.graphviz


def test_the_flagship_has_a_box_per_section_with_its_count_and_lines_between_them() -> None:
    argument_map = load_map(MAPS / "usfk_conclusion.yaml").map
    assert argument_map is not None
    deck = build_deck(argument_map)
    kinds = [s.kind for s in deck.slides]
    assert kinds.index("sections") == kinds.index("map") - 1
    figure = deck.figures["sections"]
    svg = html.unescape(figure.svg.decode())
    boxes = set(re.findall(r'id="(am-section-[\w]+)"', svg))
    assert boxes == {*(f"am-section-{k}" for k in range(1, 6)), "am-section-thesis"}
    for section in argument_map.sections.values():
        count = sum(n.section == section.id for n in argument_map.nodes.values())
        assert f"{count} 個論述" in figure.dot
    assert figure.dot.count(" -> ") >= 5  # every section bears on the thesis, and some on each other
    assert figure.px_per_em >= 28  # the whole map's text is 9 px per em
    notes = deck.slides[kinds.index("sections")].steps[0].remarks
    assert len(notes) == 5 and notes[0].startswith("一、")


@pytest.mark.parametrize(("fmt", "suffix"), [("marp", ".md"), ("beamer", ".tex"), ("html", ".html")])
def test_the_decks_that_cannot_zoom_keep_the_whole_map_as_an_appendix(tmp_path: Path, fmt: str, suffix: str) -> None:
    argument_map = load_map(MAPS / "usfk_conclusion.yaml").map
    assert argument_map is not None
    deck = build_deck(argument_map)
    text = slide_files(deck, argument_map, fmt, tmp_path / f"deck{suffix}")[tmp_path / f"deck{suffix}"].decode()
    if fmt == "html":
        whole, parts, last_focus = (text.index(f'id="{slide}"') for slide in ("map", "sections", "focus-5"))
        assert parts < whole < last_focus  # zoomable, in its place
    else:
        whole, parts, last_focus = (text.index(marker) for marker in ("map-1.", "sections-1.", "focus-5-1."))
        assert parts < last_focus < whole  # the last page
        assert "完整論證圖（附錄）" in text
