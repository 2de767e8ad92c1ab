"""The deck as one self-contained HTML page: inline SVG pictures, one embedded font, the template."""

from __future__ import annotations

from pathlib import Path

from usfk_argmap.present.slides.deck import Deck


def deck_html(deck: Deck, templates: str | Path | None = None) -> str:
    """The deck as one self-contained HTML page (inline SVG, CSS and script; nothing fetched)."""
    from usfk_argmap.drawing.svg import inline_svg
    from usfk_argmap.present.templating import render_template

    figures = {key: _with_size_cap(inline_svg(figure.svg, f"{key}-"), figure.svg) for key, figure in deck.figures.items()}
    return render_template("slides.html", templates, deck=deck, figures=figures, slides=deck.slides,
                           font_css=deck_font_css(deck))


#: Largest height of label text on a slide, in hundredths of the slide's height (the title is 4.6).
MAX_TEXT_HEIGHT = 3.4


def _with_size_cap(inline: str, svg: bytes) -> str:
    """The inline SVG with a largest size, so a picture of two or three nodes is not blown up to poster text.

    Graphviz draws label text at about 14 pt; the cap keeps it at most
    ``MAX_TEXT_HEIGHT`` % of the slide's height (``cqh``: the slide is the CSS container).
    """
    from usfk_argmap.drawing.svg import size_in_points

    width, height = size_in_points(svg)
    per_point = MAX_TEXT_HEIGHT / 14.0
    style = f'style="max-width:{width * per_point:.1f}cqh;max-height:{height * per_point:.1f}cqh" '
    return inline.replace("<svg ", "<svg " + style, 1)


def deck_font_css(deck: Deck) -> str:
    """One ``@font-face`` with a subset of the map's font for every figure of the deck (embedded once, not per SVG)."""
    from usfk_argmap.drawing.fonts import font_face_css, font_for_lang, svg_text

    characters = "".join(sorted({char for figure in deck.figures.values() for char in svg_text(figure.svg)}))
    return font_face_css(font_for_lang(deck.lang), characters)
