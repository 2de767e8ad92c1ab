"""The defence appendix's pages in a PowerPoint deck: a title and a text box of questions, at the deck's sizes.

The sizes are ``defence``'s, in points on PowerPoint's 7.5-inch-high slide:
``QUESTION_TEXT`` and ``BODY_TEXT`` per cent of 540 pt (16.2 and 14 pt:
32 and 28 px per em at 1920 x 1080).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from usfk_argmap.present.slides.defence import BODY_TEXT, LINE_HEIGHT, QUESTION_TEXT, DefencePage
from usfk_argmap.present.slides.pptx.shapes import TextStyle, name_runs

#: PowerPoint's slide height in points, and the page's margin and title height in EMU (as the picture slides').
_SLIDE_POINTS = 540.0
_MARGIN = 365_760
_TITLE_HEIGHT = 914_400
_TITLE_SIZE = 28.0


def points(per_cent: float) -> float:
    """A text size in per cent of the slide's height, in points on PowerPoint's slide."""
    return round(_SLIDE_POINTS * per_cent / 100, 1)


def add_defence_slide(page: DefencePage, add_slide: Callable[[], Any], text: TextStyle, colour: str | None = None) -> Any:
    """One appendix page as a slide made by ``add_slide`` (a title-only layout), with its notes."""
    from pptx.util import Emu, Pt

    slide = add_slide()
    presentation = slide.part.package.presentation_part.presentation
    width, height = int(presentation.slide_width), int(presentation.slide_height)
    heading = slide.shapes.title
    if heading is not None:
        heading.left, heading.top = Emu(_MARGIN), Emu(_MARGIN // 2)
        heading.width, heading.height = Emu(width - 2 * _MARGIN), Emu(_TITLE_HEIGHT)
        heading.text = page.title
        name_runs(heading.text_frame, text, _TITLE_SIZE, colour)
    top = _MARGIN // 2 + _TITLE_HEIGHT
    box = slide.shapes.add_textbox(Emu(_MARGIN), Emu(top), Emu(width - 2 * _MARGIN), Emu(height - top - _MARGIN // 2))
    frame = box.text_frame
    frame.word_wrap = True
    first = True
    for line, size, bold in _rows(page):
        paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        paragraph.line_spacing = LINE_HEIGHT
        if bold:  # a question opens with a gap, as in the other formats
            paragraph.space_before = Pt(points(BODY_TEXT))
    name_runs(frame, text, None, colour)
    slide.notes_slide.notes_text_frame.text = page.notes()
    name_runs(slide.notes_slide.notes_text_frame, text)
    return slide


def _rows(page: DefencePage) -> list[tuple[str, float, bool]]:
    """The text box's paragraphs: the kicker, then each question's three lines, with their sizes and weight."""
    rows = [(page.kicker, points(BODY_TEXT), False)]
    for question in page.questions:
        asked, about, answers = page.lines(question)
        rows += [(asked, points(QUESTION_TEXT), True), (about, points(BODY_TEXT), False), (answers, points(BODY_TEXT), False)]
    return rows
