"""The pictures of the Marp and Beamer decks said in words (issue 26): alt text in the map's language."""

from __future__ import annotations

from functools import cache

import pytest
from markdown_it import MarkdownIt

from tests.helpers import MAPS
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing.words import one_line, summary_words
from usfk_argmap.mapfile.loader import load_map, load_text
from usfk_argmap.present.slides.build import build_deck
from usfk_argmap.present.slides.marp import deck_marp

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
        assert said.startswith(start) and thesis in said, said[:60]


def test_marp_keywords_in_a_statement_stay_words() -> None:
    """``sepia``, ``blur``, ``bg``, ``w:200px``, ``invert`` in a text are no filter, background or size of the picture."""
    result = load_text(KEYWORD_MAP, "keywords.yaml")
    assert result.map is not None
    markdown, _ = deck_marp(build_deck(result.map), result.map, "deck_files")
    for alt in _image_alts(markdown):
        words = alt.split()
        assert words[0].startswith(("w:", "h:"))
        assert not {"sepia", "blur", "bg", "w:200px", "invert"} & set(words[1:])
        assert "s\u2060epia" in words and "w\u2060:200px" in words
