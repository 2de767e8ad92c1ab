"""The deck as one self-contained HTML page: inline SVG pictures, one embedded font, the template."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from usfk_argmap.core.messages import message, messages
from usfk_argmap.present.chrome import template_words
from usfk_argmap.present.slides.deck import Deck, Slide, svg_size
from usfk_argmap.present.slides.fit import MAX_TEXT_HEIGHT

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from usfk_argmap.core.model import ArgumentMap


def deck_html(
    deck: Deck, templates: str | Path | None = None, font_css: str | None = None, argument_map: ArgumentMap | None = None
) -> str:
    """The deck as one self-contained HTML page (inline SVG, CSS and script; nothing fetched).

    ``font_css`` is the deck's ``@font-face`` (``deck_font_css``), when made already. With
    ``argument_map``, every slide with a picture gets the outline of the statements it draws
    (``slide_outlines``).
    """
    return b"".join(deck_html_bytes(deck, templates, font_css, argument_map)).decode("utf-8")


#: The HTML deck is written in pieces of about this many characters (``deck_html_bytes``).
_PIECE = 1 << 20


def deck_html_bytes(
    deck: Deck, templates: str | Path | None = None, font_css: str | None = None, argument_map: ArgumentMap | None = None
) -> Iterator[bytes]:
    """``deck_html``'s page as UTF-8, in pieces of about a megabyte, made as they are written.

    A big map's deck is tens of megabytes of SVG: held whole as text, then as bytes, it was
    most of the command's memory. A template that does not compile is an error here, at once;
    an error met while rendering comes with the piece that meets it.
    """
    figures = _InlineFigures(deck)
    return _in_pieces(_page_pieces(deck, templates, font_css, argument_map, figures), figures)


def _in_pieces(pieces: Iterator[str], figures: _InlineFigures) -> Iterator[bytes]:
    held: list[str] = []
    size = 0
    for piece in _with_figures(pieces, figures):
        if isinstance(piece, bytes):  # a big picture, made as bytes: it goes as it is
            yield "".join(held).encode("utf-8")
            yield piece
            held, size = [], 0
            continue
        if len(piece) >= _PIECE:  # a big piece goes as it is: joined to the others first, it was one copy more
            yield "".join(held).encode("utf-8")
            yield piece.encode("utf-8")
            held, size = [], 0
            continue
        held.append(piece)
        size += len(piece)
        if size >= _PIECE:
            yield "".join(held).encode("utf-8")
            held, size = [], 0
    yield "".join(held).encode("utf-8")


def _with_figures(pieces: Iterator[str], figures: _InlineFigures) -> Iterator[str | bytes]:
    """The page's pieces with each big figure's stand-in (``_InlineFigures``) replaced by its SVG, in UTF-8 pieces."""
    for piece in pieces:
        at = piece.find(_STAND_IN)
        while at >= 0:
            end = piece.find("\0", at + len(_STAND_IN))
            key = piece[at + len(_STAND_IN) : end] if end >= 0 else None
            if key is None or key not in figures.deck.figures:
                at = piece.find(_STAND_IN, at + 1)
                continue
            yield piece[:at]
            yield from figures.big(key)
            piece = piece[end + 1 :]
            at = piece.find(_STAND_IN)
        yield piece


#: What a big figure's SVG is written as by the template, to be put in as it is written (``_InlineFigures``).
_STAND_IN = "\0am-figure:"
#: A figure whose SVG has more bytes than this goes on the page as bytes, a piece at a time.
_BIG_FIGURE = 1 << 20


def _page_pieces(
    deck: Deck, templates: str | Path | None, font_css: str | None, argument_map: ArgumentMap | None, figures: _InlineFigures
) -> Iterator[str]:
    from usfk_argmap.present.templating import render_template_pieces

    return render_template_pieces(
        "slides.html",
        templates,
        deck=deck,
        figures=figures,
        slides=deck.slides,
        outlines={} if argument_map is None else slide_outlines(deck, argument_map),
        font_css=deck_font_css(deck) if font_css is None else font_css,
        messages=chrome_messages(deck.chrome),
        heading_scales={slide.id: heading_scale(slide, deck.chrome, deck.ratio) for slide in deck.slides},
        **template_words(deck.chrome),
    )


class _InlineFigures(Mapping[str, str]):
    """Figure key -> its inline SVG, capped in size (``_with_size_cap``), made when a slide shows it.

    The last few are kept (a figure's slides follow one another): all of a big deck's figures
    were held as text at once before. A figure of more than ``_BIG_FIGURE`` bytes of SVG (the
    whole map's picture of a big map) is never made as text: it stands as ``_STAND_IN`` and its
    key, and ``_with_figures`` puts it in as bytes when the page is written (``big``).
    """

    def __init__(self, deck: Deck) -> None:
        self.deck = deck
        self._made: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        svg = self.deck.figures[key].svg
        if len(svg) > _BIG_FIGURE:
            return f"{_STAND_IN}{key}\0"
        found = self._made.get(key)
        if found is None:
            found = inline_figure(svg, f"{key}-")
            if len(self._made) >= 4:
                del self._made[next(iter(self._made))]
            self._made[key] = found
        return found

    def big(self, key: str) -> Iterator[bytes]:
        """A big figure's inline SVG, as ``inline_figure`` makes it, in UTF-8 pieces of about ``_PIECE`` bytes."""
        from usfk_argmap.drawing.svg import inline_svg_pieces

        svg = self.deck.figures[key].svg
        return inline_svg_pieces(svg, f"{key}-", _size_cap(svg).encode("utf-8"), _PIECE)

    def __iter__(self) -> Iterator[str]:
        return iter(self.deck.figures)

    def __len__(self) -> int:
        return len(self.deck.figures)


#: A statement's group in a finished SVG: its id (``accessible_svg`` names statements only). Read
#: from the bytes: a whole map's picture decoded is tens of megabytes of text.
_STATEMENT_GROUP = re.compile(rb'<g id="([^"]*)" class="node am-node[^"]*"[^>]*? role="graphics-symbol"')
#: ``drawing.svg.strip_prolog``'s prolog, in bytes.
_PROLOG = re.compile(rb"\A(?:\s|<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->)*", re.DOTALL)


def inline_figure(svg: bytes, prefix: str) -> str:
    """``_with_size_cap(inline_svg(svg, prefix), svg)``: the picture ready for the page, its ids prefixed, capped in size.

    The prolog is cut and the cap put in while it is bytes, and only then is it decoded: the whole
    map's picture of a 10,000-statement map is 24 MB, as text twice that, and each step a copy.
    """
    from usfk_argmap.drawing.svg import prefix_ids

    element = _PROLOG.sub(b"", svg, count=1).replace(b"<svg ", b"<svg " + _size_cap(svg).encode(), 1)
    return prefix_ids(element.decode("utf-8"), prefix)


def slide_outlines(deck: Deck, argument_map: ArgumentMap) -> dict[str, Markup]:
    """Slide id -> the outline of the statements its picture draws, in argument order (``present.outline``)."""
    from usfk_argmap.analysis.drawn import svg_ids
    from usfk_argmap.present.outline import MapOutline, outline_html

    ids = svg_ids(argument_map)
    outline = MapOutline(argument_map)
    statement_of = {svg_id: map_id for map_id, svg_id in ids.items() if map_id in argument_map.nodes}
    outlines: dict[str, Markup] = {}
    for slide in deck.slides:
        figure = deck.figures.get(slide.figure) if slide.figure else None
        if figure is None:
            continue
        found = (svg_id.decode("utf-8") for svg_id in _STATEMENT_GROUP.findall(figure.svg))
        shown = [statement_of[svg_id] for svg_id in found if svg_id in statement_of]
        outlines[slide.id] = outline_html(argument_map, ids, shown, outline=outline)
    return outlines


def chrome_messages(lang: str) -> dict[str, str]:
    """The catalogue's messages the HTML deck shows or its script writes (slides and presenter window), unformatted."""
    return {**messages(lang, "deck."), **messages(lang, "presenter.")}


#: The heading's parts in hundredths of the slide's height (slides.css: kicker, title, counter) and the gap between them.
_KICKER, _TITLE, _COUNTER, _GAP = 2.4, 4.2, 2.4, 2.0


def heading_scale(slide: Slide, lang: str, ratio: float = 16 / 9) -> float:
    """How much the heading's kicker, title and counter are made smaller to stand whole on one line (1: not at all).

    slides.css gives them ``_KICKER``, ``_TITLE`` and ``_COUNTER`` % of the slide's height, in a row
    as wide as the slide less 3% of its width on each side; a heading that would not fit is scaled
    down whole rather than cut with an ellipsis (down to a half: a longer one is cut still).
    """
    from usfk_argmap.drawing.wrap import display_width

    if slide.kind == "title":
        return 1.0
    steps = len(slide.steps)
    counter = message("deck.step", lang, now=steps, total=steps) if slide.kind == "build" else ""
    counter = message("deck.zoom_hint", lang) if slide.kind == "map" else counter
    parts = [(slide.subtitle or "", _KICKER), (slide.title, _TITLE), (counter, _COUNTER)]
    needed = sum(display_width(text) * size for text, size in parts if text)
    gaps = _GAP * ratio * (sum(1 for text, _ in parts if text) - 1)
    room = 94.0 * ratio - gaps
    return round(max(0.5, min(1.0, 0.97 * room / needed)), 3) if needed else 1.0


def _with_size_cap(inline: str, svg: bytes) -> str:
    """The inline SVG with a largest size, so a picture of two or three nodes is not blown up to poster text.

    Graphviz draws label text at about 14 pt; the cap keeps it at most
    ``MAX_TEXT_HEIGHT`` % of the slide's height (``cqh``: the slide is the CSS container).
    """
    return inline.replace("<svg ", "<svg " + _size_cap(svg), 1)


def _size_cap(svg: bytes) -> str:
    """The ``style`` attribute (and a space) that caps a picture's size on its slide (``_with_size_cap``)."""
    width, height = svg_size(svg)
    per_point = MAX_TEXT_HEIGHT / 14.0
    return f'style="max-width:{width * per_point:.1f}cqh;max-height:{height * per_point:.1f}cqh" '


#: The deck's font: WOFF made in about half the time of WOFF2, hints kept (a fifth quicker to
#: subset): its subset is made on every build of a changed deck.
DECK_FONT_FLAVOR, DECK_FONT_HINTS = "woff", True


def deck_font_css(deck: Deck) -> str:
    """One ``@font-face`` with a subset of the map's font for every figure of the deck (embedded once, not per SVG)."""
    from usfk_argmap.drawing.fonts import font_face_css, font_for_lang, svg_text

    characters = {char for figure in deck.figures.values() for char in svg_text(figure.svg)}
    characters.update(char for slide in deck.slides for char in slide.title + (slide.subtitle or ""))
    words = {**chrome_messages(deck.chrome), **messages(deck.chrome, "kind.")}  # the notes name kinds
    characters.update(char for text in words.values() for char in text)
    characters.update(char for text in (deck.banner or "",) for char in text)
    characters.update(char for page in deck.defence for text in page.texts() for char in text)
    text = "".join(c for c in characters if not c.isspace())
    font = deck.font if deck.font is not None else font_for_lang(deck.lang)
    return font_face_css(font, text, DECK_FONT_FLAVOR, keep_hints=DECK_FONT_HINTS)


def deck_font_face(family: str, path: Path, index: int, text: str) -> str:
    """``deck_font_css``'s rule for ``text``, the font file found already (what the side worker runs)."""
    from usfk_argmap.drawing.fonts import font_face_rule

    return font_face_rule(family, path, index, text, DECK_FONT_FLAVOR, keep_hints=DECK_FONT_HINTS)


def map_characters(argument_map: ArgumentMap, lang_mode: str = "text") -> set[str]:
    """Every character the pictures and titles of a deck of the map can show."""
    texts: list[str] = [argument_map.title, *(s.title for s in argument_map.sections.values())]
    for node in argument_map.nodes.values():
        texts.append(node.en if lang_mode == "gloss" and node.en else node.shown_text)
        if lang_mode == "both" and node.en:
            texts.append(node.en)
    return {char for text in texts for char in text}


def side_worker() -> Executor:
    """A worker for work that overlaps the deck's build: a forked process where there is fork, else a thread."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    if "fork" in multiprocessing.get_all_start_methods():
        return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    return ThreadPoolExecutor(max_workers=1)
