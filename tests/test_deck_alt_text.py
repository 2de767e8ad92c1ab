"""The pictures of the Marp and Beamer decks said in words (issue 26): alt text in the map's language.

The Beamer test compiles the decks with XeLaTeX (marker ``client_xelatex``, run with ``-m ""``).
"""

from __future__ import annotations

import re
import subprocess
import zlib
from functools import cache
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.helpers import MAPS, require_client
from usfk_argmap.core.messages import message
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing.words import one_line, summary_words
from usfk_argmap.mapfile.loader import load_map, load_text
from usfk_argmap.present.slides.beamer import deck_beamer
from usfk_argmap.present.slides.build import build_deck
from usfk_argmap.present.slides.marp import deck_marp
from usfk_argmap.present.slides.options import SlideOptions

pytestmark = pytest.mark.graphviz

MAPS_TESTED = {"flagship": "usfk_conclusion.yaml", "tram": "example_tram.yaml"}

#: Words Marp would take as keywords of the picture (a filter, a size, a background) if left as they are.
KEYWORD_MAP = """\
title: Keywords
lang: en
root: T
nodes:
  T: {kind: thesis, text: "Photos in sepia blur bg w:200px and the invert case."}
  C1: {kind: claim, text: A claim., supports: T}
"""


@cache
def _map(key: str) -> ArgumentMap:
    argument_map = load_map(MAPS / MAPS_TESTED[key]).map
    assert argument_map is not None
    return argument_map


def _image_alts(markdown: str) -> list[str]:
    """The alt text of every image of the Markdown, as CommonMark reads it."""
    alts = []
    for token in MarkdownIt("commonmark").parse(markdown):
        for child in token.children or ():
            if child.type == "image":
                alts.append(child.content)
    return alts


@pytest.mark.parametrize("key", MAPS_TESTED)
def test_every_marp_picture_has_alt_text_after_its_size(key: str) -> None:
    argument_map = _map(key)
    deck = build_deck(argument_map)
    markdown, pictures = deck_marp(deck, argument_map, "deck_files")
    alts = _image_alts(markdown)
    assert len(alts) == len(pictures) > 3
    start = summary_words(argument_map, [])[:6]
    thesis = one_line(argument_map.nodes[argument_map.root].text)
    for alt in alts:
        size, _, said = alt.partition(" ")
        assert size.startswith(("w:", "h:"))
        own_words = (message("legend.title", argument_map.lang), message("deck.sections", argument_map.lang))
        if said.startswith(own_words):  # the legend and the sections' map, said in their own words
            continue
        assert said.startswith(start) and thesis in said, said[:60]


def test_marp_keywords_in_a_statement_stay_words() -> None:
    """``sepia``, ``blur``, ``bg``, ``w:200px``, ``invert`` in a text are no filter, background or size of the picture."""
    result = load_text(KEYWORD_MAP, "keywords.yaml")
    assert result.map is not None
    markdown, _ = deck_marp(build_deck(result.map, SlideOptions(legend=False)), result.map, "deck_files")
    for alt in _image_alts(markdown):
        words = alt.split()
        assert words[0].startswith(("w:", "h:"))
        assert not {"sepia", "blur", "bg", "w:200px", "invert"} & set(words[1:])
        assert "s\u2060epia" in words and "w\u2060:200px" in words


def _unescaped(escape: re.Match[bytes]) -> bytes:
    """One escape of a PDF literal string: an octal byte, or the character itself (``\\(``, ``\\\\``)."""
    code = escape[1]
    if code[:1].isdigit():
        return bytes([int(code, 8)])
    return {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}.get(code, code)


def _pdf_alt_texts(pdf: bytes) -> list[str]:
    """The ``/Alt`` of every marked-content span in the PDF's compressed content streams, decoded."""
    alts = []
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        try:
            content = zlib.decompress(stream.group(1))
        except zlib.error:
            continue
        for found in re.finditer(rb"/Span<<[^>]*?/Alt\((.*?)\)>>BDC", content, re.DOTALL):
            alts.append(re.sub(rb"\\([0-7]{1,3}|.)", _unescaped, found.group(1), flags=re.DOTALL).decode("utf-16"))
    return alts


@pytest.mark.client_xelatex
@pytest.mark.parametrize("key", MAPS_TESTED)
def test_the_beamer_pdf_carries_each_pictures_description_as_alt(key: str, tmp_path: Path) -> None:
    """XeLaTeX compiles the deck; each picture's span has its description as ``/Alt`` (pdfinfo: not tagged)."""
    xelatex = require_client("xelatex", "texlive-xetex")
    argument_map = _map(key)
    deck = build_deck(argument_map)
    tex, files = deck_beamer(deck, argument_map, "deck_files")
    (tmp_path / "deck.tex").write_text(tex, encoding="utf-8")
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    command = [xelatex, "-interaction=nonstopmode", "-halt-on-error", "deck.tex"]
    completed = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert completed.returncode == 0, completed.stdout[-2000:]
    alts = _pdf_alt_texts((tmp_path / "deck.pdf").read_bytes())
    pictures = sum(len(slide.steps) for slide in deck.slides if slide.figure is not None)
    assert len(alts) == pictures and all(alt.strip() for alt in alts)
    # The map's pictures are described by the map's summary; the legend and the parts map by their own words.
    of_the_map = sum(len(s.steps) for s in deck.slides if s.figure is not None and s.kind not in ("legend", "sections"))
    start = summary_words(argument_map, [])[:6]
    root_text = one_line(argument_map.nodes[argument_map.root].text)
    assert sum(alt.startswith(start) and root_text in alt for alt in alts) == of_the_map
    info = subprocess.run(["pdfinfo", "deck.pdf"], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert re.search(r"Tagged:\s+no", info)
    # The pictures' labels (a statement's label where it has one) stay in the extracted text (no /ActualText replaces them).
    text = subprocess.run(["pdftotext", "deck.pdf", "-"], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert one_line(argument_map.nodes[argument_map.root].shown_text)[:8] in "".join(text.split())
