"""One text floor in the file decks: Marp and Beamer PDFs of the flagship and the example map, page by page.

The clients make the PDFs (the Marp CLI through Chromium, XeLaTeX); poppler reads
where each picture's words stand on each page (``tests.pdf_words``), against the
step's own picture as Graphviz drew it. Every build-up and focus page: statement
text at least 24 px per em at 1920 x 1080 (the overview at least 28), the same
floor the HTML deck keeps (``test_browser_deck``). Marp's pictures are centred
and as large as the slide allows.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import require_client
from tests.pdf_words import Page, pdf_words, placement, px_per_em
from tests.test_clients import CHROMIUM, BuiltDeck, compile_beamer, decks, run_client  # noqa: F401  (the fixture)
from usfk_argmap.present.slides.formats import map_in_appendix

pytestmark = [pytest.mark.client, pytest.mark.graphviz]

#: The floors, px per em on a 1080-pixel-high screen.
FLOOR = {"build": 24.0, "focus": 24.0, "legend": 24.0, "sections": 24.0, "overview": 28.0}


def _pictures(built: BuiltDeck) -> list[tuple[str, str, Page | None]]:
    """Each page's slide id and kind, and its picture as Graphviz drew it (the Beamer deck's PDF step)."""
    folder = built.folder / f"{built.name}_files"
    return [
        (slide.id, slide.kind, pdf_words(folder / f"{slide.id}-{step}.pdf")[0] if slide.figure else None)
        for slide in map_in_appendix(built.deck).slides  # the page order of the decks that cannot zoom
        for step in range(1, len(slide.steps) + 1)
    ]


def _text_sizes(built: BuiltDeck, pdf: Path) -> list[tuple[str, str, float]]:
    pages = pdf_words(pdf)
    pictures = _pictures(built)
    assert len(pages) == len(pictures)
    sizes = []
    for page, (slide_id, kind, picture) in zip(pages, pictures, strict=True):
        if picture is not None and kind in FLOOR:
            size = px_per_em(page, picture)
            assert size is not None, f"{pdf.name} {slide_id}: no word of its picture on its page"
            sizes.append((slide_id, kind, size))
    return sizes


def _below_floor(sizes: list[tuple[str, str, float]]) -> list[str]:
    return [f"{slide_id}: {size:.1f} px/em" for slide_id, kind, size in sizes if size < FLOOR[kind]]


@pytest.mark.client_xelatex
@pytest.mark.parametrize("which", ["flagship", "example"])
def test_beamer_pages_keep_the_text_floor(decks: dict[str, BuiltDeck], which: str) -> None:  # noqa: F811
    require_client("pdftotext", "poppler-utils")
    built = decks[which]
    sizes = _text_sizes(built, compile_beamer(built))
    assert sizes and _below_floor(sizes) == []


@pytest.mark.client_marp
@pytest.mark.parametrize(
    "which",
    [
        # Measured after the flagship's third reading: part 5's last step stands 139 pt from the left and
        # 79 pt from the right of a 960 pt page (the rasterised page agrees: about 30 pt off centre); the
        # text floor holds. Not yet explained; strict, so it fails once the picture is centred again.
        pytest.param("flagship", marks=pytest.mark.xfail(strict=True, reason="part 5 off centre in Marp (issue 25)")),
        "example",
    ],
)
def test_marp_pages_keep_the_text_floor_with_the_picture_centred_and_large(
    decks: dict[str, BuiltDeck],  # noqa: F811
    which: str,
) -> None:
    marp = require_client("marp", "the Marp CLI (@marp-team/marp-cli in clients/package.json)")
    require_client(CHROMIUM, "Debian's chromium")
    require_client("pdftotext", "poppler-utils")
    built = decks[which]
    built.write("beamer", ".tex")  # the step pictures as PDF, to measure against
    markdown = built.write("marp", ".md")
    env = {**os.environ, "CHROME_PATH": CHROMIUM, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    pdf = built.folder / f"{which}-marp.pdf"
    run_client([marp, "--no-stdin", "--pdf", "--allow-local-files", markdown.name, "-o", pdf.name], cwd=built.folder, env=env)
    sizes = _text_sizes(built, pdf)
    assert sizes and _below_floor(sizes) == []
    pages = pdf_words(pdf)
    for page, (slide_id, kind, picture) in zip(pages, _pictures(built), strict=True):
        found = placement(page, picture) if picture is not None and kind in FLOOR else None
        if found is None:
            continue
        (left, top, right, bottom), (width, height) = found.box, page.size
        # Centred across the slide, and as large as its room lets it be (the HTML deck's: 94% x 88.7%). Within
        # 3% of the width: words of Latin text come out a little wider in Chromium's PDF than in Graphviz's.
        assert abs(left - (width - right)) < 0.03 * width, f"{slide_id}: {left:.0f} pt left, {width - right:.0f} pt right"
        assert right - left > 0.9 * width or bottom - top > 0.85 * height, f"{slide_id}: {found.box} on {page.size}"
