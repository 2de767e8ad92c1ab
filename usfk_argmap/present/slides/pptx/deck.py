"""The deck as a PowerPoint file (python-pptx).

By default every picture is native, editable PowerPoint: statements are shapes
holding their text, relations connectors glued to them, a build-up is click
animations on one slide (``pptx_native``). ``pictures=True`` keeps the
picture-only deck for viewers that need it: each step is its own slide with
its own picture, from one layout per figure (``step_pictures``), so nothing
moves from one slide to the next.

Text runs name the map's font for Latin and East Asian text, with the language
tag, and our own template's theme names the same font: left to a theme without
an East Asian font, a viewer picks its own CJK default for Chinese titles,
which LibreOffice on Debian makes Noto Sans CJK JP.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from usfk_argmap.present.slides.deck import Deck, notes_text
from usfk_argmap.present.slides.described import step_description
from usfk_argmap.present.slides.pictures import FigurePictures, hidden_at
from usfk_argmap.present.slides.pptx.alt_text import deck_titles
from usfk_argmap.present.slides.pptx.package import fix_properties, saved
from usfk_argmap.present.slides.pptx.shapes import TextStyle, name_runs

if TYPE_CHECKING:
    from usfk_argmap.core.diagnostics import Diagnostic
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.drawing.render import RenderOptions

#: 16:9 at PowerPoint's widescreen size, in EMU (914,400 per inch).
SLIDE_WIDTH = 12_192_000
SLIDE_HEIGHT = 6_858_000
_MARGIN = 365_760  # 0.4 in
_TITLE_HEIGHT = 914_400
_TITLE_LAYOUT = 0
_TITLE_ONLY_LAYOUT = 5


def deck_pptx(deck: Deck, argument_map: ArgumentMap, *, pictures: bool = False, reference_doc: str | Path | None = None) -> bytes:
    """The deck as the bytes of a .pptx file: native shapes, or with ``pictures`` a picture per build step.

    ``reference_doc`` is a .pptx whose slide size, masters, layouts and theme the deck takes (native decks).
    """
    if not pictures:
        from usfk_argmap.present.slides.pptx.native import native_deck_pptx

        return native_deck_pptx(deck, argument_map, reference_doc)
    return picture_deck_pptx(deck, argument_map)


def map_pptx(
    argument_map: ArgumentMap,
    options: RenderOptions | None = None,
    reference_doc: str | Path | None = None,
    *,
    diagnostics: Sequence[Diagnostic] | None = None,
) -> bytes:
    """One slide of editable shapes: the map drawn with ``options`` (focus, section...), for pasting into a talk.

    ``diagnostics`` are what ``options.show_issues`` marks.
    """
    from usfk_argmap.present.slides.pptx.native import map_pptx as native_map_pptx

    return native_map_pptx(argument_map, options, reference_doc, diagnostics=diagnostics)


def picture_deck_pptx(deck: Deck, argument_map: ArgumentMap) -> bytes:
    """The picture-only deck: a slide per build step, each a picture of the map at that step."""
    from pptx import Presentation
    from pptx.util import Emu, Pt

    from usfk_argmap.present.slides.defence_pptx import add_defence_slide

    presentation = Presentation()
    presentation.slide_width = Emu(SLIDE_WIDTH)
    presentation.slide_height = Emu(SLIDE_HEIGHT)
    # Fixed document properties and zip times: the same map gives the same file.
    fix_properties(presentation, deck.title, deck.lang)
    pictures = {key: FigurePictures(argument_map, figure, deck.layout_cache) for key, figure in deck.figures.items()}
    text = TextStyle.for_lang(deck.lang, deck.font)
    titles = deck_titles(deck)
    for slide, slide_title in zip(deck.slides, titles, strict=True):
        for index in range(len(slide.steps)):
            if slide.figure is None:
                page = presentation.slides.add_slide(presentation.slide_layouts[_TITLE_LAYOUT])
                page.shapes.title.text = slide_title
                page.placeholders[1].text = slide.subtitle or ""
                name_runs(page.shapes.title.text_frame, text)
                name_runs(page.placeholders[1].text_frame, text)
            else:
                page = presentation.slides.add_slide(presentation.slide_layouts[_TITLE_ONLY_LAYOUT])
                title = page.shapes.title
                title.left, title.top = Emu(_MARGIN), Emu(_MARGIN // 2)
                title.width, title.height = Emu(SLIDE_WIDTH - 2 * _MARGIN), Emu(_TITLE_HEIGHT)
                title.text = slide_title if len(slide.steps) == 1 else f"{slide_title} ({index + 1}/{len(slide.steps)})"
                for paragraph in title.text_frame.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(28)
                name_runs(title.text_frame, text)
                png = pictures[slide.figure].raster(hidden_at(slide, index), "png")
                picture = _add_picture(page, png, pictures[slide.figure].png_dpi)
                picture._element.nvPicPr.cNvPr.set("descr", step_description(deck, argument_map, slide, index))
            page.notes_slide.notes_text_frame.text = notes_text(slide, index, deck.chrome)
    for defence in deck.defence:  # slides --questions: the defence appendix
        add_defence_slide(defence, lambda: presentation.slides.add_slide(presentation.slide_layouts[_TITLE_ONLY_LAYOUT]), text)
    return saved(presentation)


def _add_picture(page: object, png: bytes, dpi: int) -> Any:
    """Place the picture as large as fits below the title, centred, keeping its proportions."""
    from PIL import Image
    from pptx.util import Emu

    with Image.open(io.BytesIO(png)) as image:
        width_px, height_px = image.size
    box_width = SLIDE_WIDTH - 2 * _MARGIN
    box_top = _MARGIN // 2 + _TITLE_HEIGHT + _MARGIN // 2
    box_height = SLIDE_HEIGHT - box_top - _MARGIN
    # Never enlarge beyond the picture's own size at its resolution: a small map stays crisp and in scale.
    natural_width = width_px * 914_400 // dpi
    scale = min(box_width / width_px, box_height / height_px, natural_width / width_px)
    width, height = int(width_px * scale), int(height_px * scale)
    left = _MARGIN + (box_width - width) // 2
    top = box_top + (box_height - height) // 2
    return page.shapes.add_picture(io.BytesIO(png), Emu(left), Emu(top), Emu(width), Emu(height))  # type: ignore[attr-defined]
