"""The deck: its sequence, the PowerPoint file, the Marp and Beamer goldens, escaping, the command."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import MAPS, Golden
from usfk_argmap.analysis.drawn import svg_ids
from usfk_argmap.cli.app import main
from usfk_argmap.core.model import ArgumentMap, relation_id
from usfk_argmap.mapfile.loader import load_map, load_text
from usfk_argmap.present.slides.build import build_deck
from usfk_argmap.present.slides.deck import Deck
from usfk_argmap.present.slides.formats import slide_files
from usfk_argmap.present.slides.html import deck_html
from usfk_argmap.present.slides.options import SlideOptions

pytestmark = pytest.mark.graphviz

XSS_MAP = """\
title: "<script>alert(1)</script> 標題"
lang: zh-Hant
root: T
nodes:
  T: {kind: thesis, text: "<script>alert(1)</script>論點", note: "<img src=x onerror=alert(2)>"}
  C1: {kind: claim, text: "主張 & <b>粗</b>", supports: T, en: "A claim {with} $special_ chars%"}
  E1: {kind: evidence, text: 證據, supports: C1}
"""


# Building a deck lays out every picture with Graphviz: each deck is built once per module and shared
# (the tests only read it).
@pytest.fixture(scope="module")
def tram() -> ArgumentMap:
    argument_map = load_map(MAPS / "example_tram.yaml").map
    assert argument_map is not None
    return argument_map


@pytest.fixture(scope="module")
def tram_deck(tram: ArgumentMap) -> Deck:
    return build_deck(tram)


@pytest.fixture(scope="module")
def xss() -> ArgumentMap:
    argument_map = load_text(XSS_MAP).map
    assert argument_map is not None
    return argument_map


@pytest.fixture(scope="module")
def xss_deck(xss: ArgumentMap) -> Deck:
    return build_deck(xss)


def test_sequence_title_map_build_focus(tram_deck: Deck) -> None:
    deck = tram_deck
    assert [s.id for s in deck.slides] == [
        *("title", "overview", "legend", "sections", "map"),
        *("part-1", "focus-1", "part-2", "focus-2"),
    ]
    build = deck.slides[5]
    assert build.title == "The tram pays for itself" and len(build.steps) == 8
    # Every node of the section is revealed exactly once, and step 0 reveals nothing hidden.
    revealed = [svg_id for step in build.steps for svg_id in step.reveal]
    assert len(revealed) == len(set(revealed)) and build.steps[0].reveal == ()
    assert [n.node for n in build.steps[2].notes] == ["P1", "P2"]
    assert build.steps[0].notes[0].quote == "A tram line pays for itself within twenty years"


def test_every_slide_has_notes(tram_deck: Deck) -> None:
    for slide in tram_deck.slides:
        for step in slide.steps:
            assert step.notes or step.remarks, f"{slide.id} has a step without notes"


def test_html_is_self_contained_deterministic_and_escaped(xss_deck: Deck, outputs_by_seed: list[dict[str, str]]) -> None:
    first, second = outputs_by_seed
    assert first["deck"] == second["deck"]
    html = deck_html(xss_deck)
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;論點" in html
    assert html.count("<script>") == 1  # the deck's own
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_the_html_deck_written_in_pieces_is_the_page_made_whole(
    tram: ArgumentMap, tram_deck: Deck, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``slides`` writes the HTML deck as it is made (a big map's deck is never held whole): the same bytes."""
    from usfk_argmap.present.slides import html as deck_page

    monkeypatch.setattr(deck_page, "_PIECE", 4096)  # many pieces even for a small deck
    pieces = list(deck_page.deck_html_bytes(tram_deck, font_css="", argument_map=tram))
    assert len(pieces) > 10 and max(len(piece) for piece in pieces) < 4 * 4096 + 200_000
    assert b"".join(pieces) == deck_html(tram_deck, font_css="", argument_map=tram).encode("utf-8")


def test_picture_pptx_has_a_slide_per_step_pictures_and_notes(tmp_path: Path, tram: ArgumentMap, tram_deck: Deck) -> None:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    deck = tram_deck
    data = slide_files(deck, tram, "pptx", tmp_path / "deck.pptx", SlideOptions(pictures=True))[tmp_path / "deck.pptx"]
    presentation = Presentation(io.BytesIO(data))
    assert presentation.slide_width is not None and presentation.slide_height is not None
    assert presentation.slide_width * 9 == presentation.slide_height * 16
    pages = list(presentation.slides)
    assert len(pages) == sum(len(s.steps) for s in deck.slides) == 17
    assert pages[0].shapes.title.text == "Should Riverton build the tram?"
    for page in pages[1:]:
        pictures = [s for s in page.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        assert pictures[0].left >= 0 and pictures[0].left + pictures[0].width <= presentation.slide_width
        assert pictures[0].top + pictures[0].height <= presentation.slide_height
        assert page.notes_slide.notes_text_frame.text.strip()
    # Title, overview, legend, parts map, then part 1's eight steps (the whole map is the last page, an appendix).
    assert "Fares cover the running costs" in pages[6].notes_slide.notes_text_frame.text
    assert pages[4].shapes.title.text == "The tram pays for itself (1/8)"
    assert "appendix" in pages[-1].shapes.title.text.lower()
    # Build steps differ only by what they show: same picture size, different pixels.
    sizes = {(p.width, p.height) for page in pages[4:12] for p in page.shapes if p.shape_type == MSO_SHAPE_TYPE.PICTURE}
    assert len(sizes) == 1


@pytest.mark.parametrize(("fmt", "name"), [("marp", "tram.md"), ("beamer", "tram.tex")])
def test_text_decks_match_their_golden_files(
    fmt: str, name: str, tmp_path: Path, golden: Golden, tram: ArgumentMap, tram_deck: Deck
) -> None:
    files = slide_files(tram_deck, tram, fmt, tmp_path / name)
    text = files.pop(tmp_path / name).decode("utf-8")
    golden.check(name, text)
    suffix = ".svg" if fmt == "marp" else ".pdf"
    assert sorted(p.name for p in files) == sorted(re.findall(r"tram_files/([\w.-]+)", text))
    assert all(p.suffix == suffix and p.parent.name == "tram_files" for p in files)
    if fmt == "beamer":
        assert all(data.startswith(b"%PDF") for data in files.values())


def test_beamer_and_marp_escape_text(tmp_path: Path, xss: ArgumentMap, xss_deck: Deck) -> None:
    argument_map, deck = xss, xss_deck
    tex = slide_files(deck, argument_map, "beamer", tmp_path / "x.tex")[tmp_path / "x.tex"].decode("utf-8")
    assert r"A claim \{with\} \$special\_ chars\%" in tex
    md = slide_files(deck, argument_map, "marp", tmp_path / "x.md")[tmp_path / "x.md"].decode("utf-8")
    assert "## 主張 &amp; &lt;b&gt;粗&lt;/b&gt;" in md


def test_slides_command_writes_each_format(tmp_path: Path) -> None:
    runner = CliRunner()
    for name in ("deck.html", "deck.md"):
        result = runner.invoke(main, ["slides", str(MAPS / "example_tram.yaml"), "-o", str(tmp_path / name), "--theme", "dark"])
        assert result.exit_code == 0, result.output
    assert 'class="theme-dark"' in (tmp_path / "deck.html").read_text(encoding="utf-8")
    assert (tmp_path / "deck_files" / "part-1-8.svg").is_file()
    result = runner.invoke(main, ["slides", str(MAPS / "example_tram.yaml"), "-o", str(tmp_path / "x"), "--format", "nope"])
    assert result.exit_code == 2


def test_small_pictures_are_capped_so_text_stays_slide_sized() -> None:
    from usfk_argmap.present.slides.fit import MAX_TEXT_HEIGHT
    from usfk_argmap.present.slides.html import _with_size_cap

    svg = b'<svg width="200pt" height="100pt" viewBox="0 0 200 100"><g/></svg>'
    capped = _with_size_cap(svg.decode(), svg)
    per_point = MAX_TEXT_HEIGHT / 14
    assert capped.startswith(f'<svg style="max-width:{200 * per_point:.1f}cqh;max-height:{100 * per_point:.1f}cqh" ')


def test_a_figure_made_ready_as_bytes_is_the_inline_svg_capped(tram_deck: Deck) -> None:
    """The page's pictures are cut and capped as bytes, then decoded (a big map's is tens of megabytes): the same text."""
    from usfk_argmap.drawing.svg import inline_svg
    from usfk_argmap.present.slides.html import _with_size_cap, inline_figure

    assert len(tram_deck.figures) > 3
    for key, figure in tram_deck.figures.items():
        assert inline_figure(figure.svg, f"{key}-") == _with_size_cap(inline_svg(figure.svg, f"{key}-"), figure.svg)


@pytest.mark.parametrize("prefix", ["map-", ""])
def test_a_big_figure_made_in_byte_pieces_is_the_inline_figure(tram_deck: Deck, prefix: str) -> None:
    """A big picture goes on the page from its bytes, a piece at a time (``inline_svg_pieces``): the same bytes."""
    from usfk_argmap.drawing.svg import inline_svg_pieces
    from usfk_argmap.present.slides.html import _size_cap, inline_figure

    for figure in tram_deck.figures.values():
        cap = _size_cap(figure.svg).encode()
        pieces = list(inline_svg_pieces(figure.svg, prefix, cap, piece=512))
        assert len(pieces) > 1
        assert b"".join(pieces) == inline_figure(figure.svg, prefix).encode("utf-8")


def test_inline_svg_pieces_prefixes_ids_and_references_only() -> None:
    """Ids and references to them get the prefix; text, ``data-am-id`` and unknown references stay; the root is capped."""
    from usfk_argmap.drawing.svg import inline_svg_pieces

    svg = (
        b'<?xml version="1.0"?>\n<!-- made -->\n<svg width="2pt" height="1pt"><defs><linearGradient id="g"/></defs>'
        b'<g id="am-n1" data-am-id="N1" fill="url(#g)" stroke="url(#other)"><a xlink:href="#am-n1"><text>id="x" url(#g)'
        b"</text></a></g></svg>"
    )
    page = b"".join(inline_svg_pieces(svg, "f-", b'style="s" '))
    assert page == (
        b'<svg style="s" width="2pt" height="1pt"><defs><linearGradient id="f-g"/></defs>'
        b'<g id="f-am-n1" data-am-id="N1" fill="url(#f-g)" stroke="url(#other)"><a xlink:href="#f-am-n1"><text>id="x" url(#g)'
        b"</text></a></g></svg>"
    )


def test_a_big_figure_stands_in_the_page_and_is_written_as_bytes(
    tram: ArgumentMap, tram_deck: Deck, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Figures over ``_BIG_FIGURE`` bytes are never made as text: the page is the same, byte for byte."""
    from usfk_argmap.present.slides import html as deck_page

    expected = b"".join(deck_page.deck_html_bytes(tram_deck, font_css="", argument_map=tram))
    monkeypatch.setattr(deck_page, "_BIG_FIGURE", 0)
    monkeypatch.setattr(deck_page, "inline_figure", None)  # every figure is big: none is made as text
    pieces = list(deck_page.deck_html_bytes(tram_deck, font_css="", argument_map=tram))
    assert b"".join(pieces) == expected
    assert b"am-figure" not in expected and b"\0" not in expected


@pytest.mark.graphviz
def test_slides_show_short_labels_and_notes_keep_the_whole_text() -> None:
    """The flagship map: pictures and titles show ``label``, speaker notes carry ``text`` whole."""
    argument_map = load_map(MAPS / "usfk_conclusion.yaml").map
    assert argument_map is not None
    root = argument_map.nodes["T"]
    assert root.label is not None
    deck = build_deck(argument_map)
    title = deck.slides[0]
    assert title.subtitle == root.label
    assert title.steps[0].notes[0].text == root.text
    svg = b"".join(figure.svg for figure in deck.figures.values()).decode("utf-8")
    # What the pictures read, their wrapped lines joined again (a label may wrap anywhere).
    pictures = "".join(html.unescape(text) for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    long_text = argument_map.nodes["E1.1"]
    assert long_text.label is not None and long_text.label in pictures
    assert long_text.text not in pictures  # the whole text is too long for a slide
    notes = [n for slide in deck.slides for step in slide.steps for n in step.notes if n.node == "E1.1"]
    assert notes and all(n.text == long_text.text for n in notes)
    # The joints of the undercut relations are revealed with what undercuts them, not before.
    # (Section 3 is split into several build-ups; together they reveal both.)
    revealed = [svg_id for s in deck.slides if s.id.startswith("part-3") for step in s.steps for svg_id in step.reveal]
    joints = {svg_ids(argument_map)[relation_id(reason, "C3")] for reason in ("O3.1", "O3.2")}
    assert joints <= set(revealed)
