"""The deck as Marp Markdown: a slide per build step, each showing an SVG from a folder beside the file.

Marp reads HTML comments as presenter notes. The SVG pictures are the
figures as laid out once, with the groups of later steps hidden.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from usfk_argmap.core.messages import message
from usfk_argmap.drawing.svg import size_in_points
from usfk_argmap.present.markdown import markdown_escape, markdown_url
from usfk_argmap.present.slides.deck import Deck, notes_text
from usfk_argmap.present.slides.defence_text import marp_page
from usfk_argmap.present.slides.described import step_description
from usfk_argmap.present.slides.pictures import FigurePictures, hidden_at

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap

#: The room a picture gets on Marp's 1280 x 720 slide, below the heading.
_BOX_WIDTH, _BOX_HEIGHT = 1160, 520


def deck_marp(deck: Deck, argument_map: ArgumentMap, folder: str) -> tuple[str, dict[str, bytes]]:
    """The Markdown text, and the pictures it refers to (relative path -> SVG bytes)."""
    theme = "uncover" if deck.theme == "dark" else "default"
    directives: dict[str, str | bool] = {
        "marp": True,
        "theme": theme,
        "size": "16:9",
        "paginate": True,
        "lang": deck.lang,
        "title": deck.title,
    }
    if deck.theme == "dark":
        directives["class"] = "invert"
    lines = ["---", *(f"{key}: {_yaml_value(value)}" for key, value in directives.items()), "---", ""]
    pictures: dict[str, bytes] = {}
    makers = {key: FigurePictures(argument_map, figure, deck.layout_cache) for key, figure in deck.figures.items()}
    first = True
    for slide in deck.slides:
        for index in range(len(slide.steps)):
            if not first:
                lines += ["", "---", ""]
            first = False
            if slide.figure is None:
                lines.append(f"# {_text(slide.title)}")
                if slide.subtitle:
                    lines += ["", _text(slide.subtitle)]
            else:
                suffix = f" ({index + 1}/{len(slide.steps)})" if len(slide.steps) > 1 else ""
                lines.append(f"## {_text(slide.title)}{suffix}")
                name = f"{folder}/{slide.id}-{index + 1}.svg"
                svg = makers[slide.figure].svg(hidden_at(slide, index))
                pictures[name] = svg
                alt = _alt_text(step_description(deck, argument_map, slide, index))
                lines += ["", f"![{_size(svg)} {alt}]({markdown_url(name)})"]
            notes = notes_text(slide, index, deck.chrome)
            if notes:
                lines += ["", "<!--", *_notes_comment(notes, deck.chrome), "-->"]
    for page in deck.defence:  # slides --questions: the defence appendix (present/slides/defence.py)
        lines += ["", "---", "", *marp_page(page, _text), "", "<!--", *_notes_comment(page.notes(), deck.chrome), "-->"]
    return "\n".join(lines) + "\n", pictures


# The first line of every notes comment is the catalogue's ``notes.heading``. Marp reads a comment
# whose text is a YAML mapping as directives (``class: invert``, ``backgroundImage: url(...)``):
# after a plain first line with no colon (in no language has it one), no text can be one.
def _notes_comment(notes: str, lang: str) -> list[str]:
    """The lines inside a notes comment: the heading, then the notes ("--" may not stand in a comment)."""
    return [message("notes.heading", lang), notes.replace("--", "\u2010\u2010")]


def _size(svg: bytes) -> str:
    """Marp's image size keyword that fits the picture in the box, keeping its proportions."""
    width, height = size_in_points(svg)
    if width * _BOX_HEIGHT >= height * _BOX_WIDTH:
        return f"w:{_BOX_WIDTH}px"
    return f"h:{_BOX_HEIGHT}px"


def _alt_text(text: str) -> str:
    """A picture's description as the image's alt text after Marp's size keyword, on one line.

    Marp reads a word of the alt text it knows as a keyword and drops it (``bg``, ``sepia``, ``blur``,
    ``w:200px``): a word joiner after the first letter of such a word keeps it a word.
    """
    words = [_MARP_KEYWORD.sub(lambda found: found[0][0] + "\u2060" + found[0][1:], word) for word in text.split()]
    return _text(" ".join(words))


#: A word Marp's image syntax would take as a keyword for an inline picture (its size, its filters, ``bg``).
_MARP_KEYWORD = re.compile(
    r"^(?:bg|blur|brightness|contrast|drop-shadow|grayscale|hue-rotate|invert|opacity|saturate|sepia|w|h|width|height)"
    r"(?::.*)?$",
    re.IGNORECASE,
)


def _text(text: str) -> str:
    """A heading's or paragraph's text made inert (Markdown, HTML, math, emoji shortcodes), on one line."""
    return _SHORTCODE_START.sub(":\u2060", markdown_escape(text))


#: The colon that opens an emoji shortcode (``:smile:``, ``:+1:``, ``:smile\_cat:`` once escaped).
#: Marp turns shortcodes into emoji pictures whatever escapes them (``\:``, ``&#58;``), so a word
#: joiner goes after the colon: invisible, and the shortcode no longer matches.
_SHORTCODE_START = re.compile(r":(?=[\w+\\-]+:)")


def _yaml_value(value: str | bool) -> str:
    """A front-matter value: ``true``, or a double-quoted YAML string (JSON's, ASCII-only), which no text can leave."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=True)
