"""How large a deck's pictures came out in a PDF a client made, read off the words poppler finds (``pdftotext -bbox``).

A picture is drawn at one scale: the same word is that many times as wide on
the deck's page as in the picture's own PDF (Graphviz's, statement text at
``style.FONT_SIZE`` points). The text size on a 1080-pixel-high screen follows
from that scale and the page's height.
"""

from __future__ import annotations

import html
import re
import statistics
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from usfk_argmap.drawing import style

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@dataclass(frozen=True)
class Word:
    text: str
    box: tuple[float, float, float, float]

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]


@dataclass(frozen=True)
class Page:
    size: tuple[float, float]
    words: tuple[Word, ...]


def pdf_words(pdf: Path) -> list[Page]:
    """Each page's size in points and its words with their boxes."""
    text = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for width, height, body in _PAGE.findall(text):
        words = tuple(
            # NFKC: a PDF's text layer may give a CJK glyph shared with a Kangxi radical as the radical (大 as U+2F24).
            Word(unicodedata.normalize("NFKC", html.unescape(word)), (float(x0), float(y0), float(x1), float(y1)))
            for x0, y0, x1, y1, word in _WORD.findall(body)
            if word.strip()
        )
        pages.append(Page((float(width), float(height)), words))
    return pages


@dataclass(frozen=True)
class Placement:
    """Where a picture stands on a page: its scale, and its box on the page (x0, y0, x1, y1, points)."""

    scale: float
    box: tuple[float, float, float, float]


def placement(page: Page, picture: Page) -> Placement | None:
    """Where the client drew ``picture`` on ``page``, from the words they share; None when they share none.

    A word's width on the page over its width in the picture is the scale (the median over the
    words: a heading word that the picture has too is one among many). Widths, not heights: a word
    is as wide as its glyphs' advances in any PDF, but how high its box is depends on the program
    that wrote the PDF (Chromium's and Graphviz's differ). The picture's corner is where each word's
    corner lies less the word's offset in the picture, scaled.
    """
    found: dict[str, list[Word]] = {}
    for word in picture.words:
        found.setdefault(word.text, []).append(word)
    pairs = [
        (word, found[word.text][0])
        for word in page.words
        if word.text in found and len(found[word.text]) == 1 and len(word.text) > 1 and word.width > 0
    ]
    if not pairs:
        return None
    scale = statistics.median(on_page.width / own.width for on_page, own in pairs)
    left = statistics.median(on_page.box[0] - own.box[0] * scale for on_page, own in pairs)
    top = statistics.median(on_page.box[1] - own.box[1] * scale for on_page, own in pairs)
    width, height = picture.size
    return Placement(scale, (left, top, left + width * scale, top + height * scale))


def px_per_em(page: Page, picture: Page, screen_height: float = 1080.0) -> float | None:
    """Statement text of ``picture`` as drawn on ``page``, in px per em on a screen ``screen_height`` pixels high."""
    found = placement(page, picture)
    return None if found is None else found.scale * style.FONT_SIZE * screen_height / page.size[1]
