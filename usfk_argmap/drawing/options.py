"""How a map is drawn: ``RenderOptions`` and the choices its fields take.

The CLI builds its option choices from these tuples, so the two cannot
disagree; ``dot``, ``render`` and the slide builders all read one
``RenderOptions``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import Field, dataclass, field, fields
from typing import Any

from usfk_argmap.core.messages import catalogue_language, check_tag
from usfk_argmap.drawing.graphviz import ENGINES
from usfk_argmap.drawing.wrap import DEFAULT_WIDTH

#: Layout engines, in the order the CLI lists them.
ENGINE_NAMES: tuple[str, ...] = tuple(sorted(ENGINES))

#: ``auto`` is BT, or RL when BT would be too wide for a screen (``orientation.fitting_direction``).
DIRECTIONS = ("auto", "BT", "TB", "LR", "RL")
#: What a statement's box shows: its text as the map writes it, the gloss (``en:``) where given, or both.
LANG_MODES = ("text", "gloss", "both")
#: The earlier names of the modes, still accepted: ``zh`` was the map's own text whatever its language.
LANG_MODE_ALIASES = {"zh": "text", "en": "gloss"}
THEME_NAMES = ("light", "dark", "print")
#: Slide height in inches for ``fit="16:9"`` style ratios (PowerPoint's default slide is 13.333 x 7.5 in).
SLIDE_HEIGHT_INCHES = 7.5

_FIT_RATIO = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$")
_FIT_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×X]\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$")
_FIT_UNITS = {"in": 1.0, "cm": 2.54, "mm": 25.4}


def parse_fit(text: str, dpi: int = 192) -> tuple[float, float]:
    """Width and height in inches for ``--fit``: ``16:9``, ``13.33x7.5in``, ``25x14cm``, ``1920x1080px``.

    A ratio is a slide 7.5 inches high (16:9 gives PowerPoint's 13.333 x 7.5 in).
    Pixels are the PNG's pixels at ``dpi`` (1920x1080px at 192 dpi is 10 x 5.625 in).
    A size needs its unit: ``16x9`` alone could be a ratio or inches, so it is refused.
    """
    ratio = _FIT_RATIO.match(text)
    if ratio:
        width, height = float(ratio.group(1)), float(ratio.group(2))
        if width <= 0 or height <= 0:
            raise ValueError(f"--fit {text!r}: both sides of the ratio must be positive")
        return SLIDE_HEIGHT_INCHES * width / height, SLIDE_HEIGHT_INCHES
    size = _FIT_SIZE.match(text)
    if size:
        width, height, unit = float(size.group(1)), float(size.group(2)), size.group(3).lower()
        if not unit:
            raise ValueError(
                f"--fit {text!r} has no unit: write {size.group(1)}:{size.group(2)} for a ratio, "
                f"or {size.group(1)}x{size.group(2)}in, cm, mm or px for a size"
            )
        if unit != "px" and unit not in _FIT_UNITS:
            raise ValueError(f"--fit {text!r}: unknown unit {unit!r}; use in, cm, mm or px")
        divisor = float(dpi) if unit == "px" else _FIT_UNITS[unit]
        if width <= 0 or height <= 0:
            raise ValueError(f"--fit {text!r}: width and height must be positive")
        return width / divisor, height / divisor
    raise ValueError(f"--fit {text!r} is not a ratio (16:9) or a size (13.33x7.5in, 25x14cm, 1920x1080px)")


def _option(default: Any, help: str = "", **more: Any) -> Any:
    """A field of ``RenderOptions`` whose metadata the CLI builds its flag from.

    ``help`` is the flag's help; ``choices`` the values allowed; ``range`` the
    lowest and highest allowed (None: no bound); ``metavar`` the flag's value
    in the help; ``flag`` the flag's name when it is not the field's, dashed.
    The dataclass checks ``choices`` and ``range`` itself, so no limit is written twice.
    """
    return field(default=default, metadata={"help": help, **more})


@dataclass(frozen=True)
class RenderOptions:
    """How a map is drawn. Every field has a default; the CLI options have the same names.

    direction: where arrows point: BT (conclusion on top), TB, LR, RL (conclusion on the left), or auto:
        BT, or RL when BT is wider than 2:1 and RL's shape is nearer the screen's (or ``fit``'s).
    lang_mode: text (the map's own text, in whatever language), gloss (the ``en:`` gloss where there is
        one) or both; ``zh`` and ``en`` are accepted for text and gloss.
    width: line width of labels in em (a CJK character is 1 em, a Latin letter about 0.5).
    theme: light, dark or print (grayscale).
    fit: the exact size of the picture, the drawing centred in it: a ratio ``16:9`` (7.5 in high) or a
        size ``13.33x7.5in`` / ``25x14cm`` / ``1920x1080px`` (pixels at ``dpi``).
    transparent: no background.
    dpi: resolution of PNG output.
    focus, depth: draw only the statements within ``depth`` relations of ``focus``.
    section: draw only one section's statements.
    highlight: statement ids drawn with a thick border.
    show_issues: mark the statements that have diagnostics, with their codes.
    evaluate: mark each statement's status under grounded semantics (established, defeated, open)
        with a badge and a border style that survive grayscale.
    clusters: draw sections as boxes.
    legend: add a legend of the kinds and relations drawn.
    embed_fonts: embed a subset of the font in SVG output.
    outline_text: SVG text as glyph outlines (renders without any font; not selectable).
    engine: Graphviz layout engine; None chooses dot (``render`` lays a map over ``placement.PACKED_ABOVE``
        statements out in pieces and packs them; where one layout of it is needed, sfdp lays it out).
    stagger: spread the leaves under one statement over this many levels (1: all on one level),
        as Graphviz's ``unflatten -l`` does: a wide, flat map becomes narrower and taller.
    standalone: with ``tex`` or ``typst`` output, a whole document (XeLaTeX, CJK text through xeCJK; or Typst)
        rather than the picture alone, which is for ``\\input`` or ``#include`` into a document.
    ui_lang: the language of the words drawn around the map's text (the badges of ``evaluate``,
        a deck's titles and hints): a BCP 47 tag; None: the map's ``lang`` (see ``core.messages``).
    """

    direction: str = _option(
        "auto",
        "Where arrows point; BT puts the conclusion on top, RL on the left; auto: BT, or RL when BT "
        "would be wider than 2:1 and RL fits the screen (or --fit) better.",
        choices=DIRECTIONS,
    )
    lang_mode: str = _option(
        "text",
        "text: the map's own text; gloss: the English gloss (`en:`) where given; both: text and gloss "
        "(zh and en are accepted for text and gloss).",
        choices=LANG_MODES,
        aliases=LANG_MODE_ALIASES,
        flag="lang",
    )
    width: float = _option(
        DEFAULT_WIDTH, "Label line width in em (a CJK character is 1 em, a Latin letter about 0.5).", range=(2, 200)
    )
    theme: str = _option("light", choices=THEME_NAMES)
    fit: str | None = _option(
        None,
        "The picture's exact size, the map centred in it: a ratio (16:9, 7.5 in high) or a size with "
        "its unit (13.33x7.5in, 25x14cm, 1920x1080px: pixels at --dpi).",
        metavar="SIZE",
    )
    transparent: bool = _option(False, "No background.")
    dpi: int = _option(192, "Resolution of PNG output.", range=(1, 2400))
    focus: str | None = _option(None, "Draw only the neighbourhood of this statement.", metavar="ID")
    depth: int = _option(1, "With --focus: how many relations away to go.", range=(0, None))
    section: str | None = _option(None, "Draw only this section's statements.", metavar="ID")
    highlight: tuple[str, ...] = _option((), "Draw this statement with a thick border (repeatable).", metavar="ID")
    show_issues: bool = _option(False, "Mark statements that have diagnostics, with their codes.")
    evaluate: bool = _option(
        False, "Mark each statement established, defeated or open (grounded semantics): a badge and a border dash."
    )
    clusters: bool = _option(False, "Draw sections as boxes.")
    legend: bool = _option(False, "Add a legend of the kinds and relations drawn, under the map.")
    embed_fonts: bool = _option(False, "SVG: embed a subset of the font (renders without CJK fonts).")
    outline_text: bool = _option(False, "SVG: text as glyph outlines (no font needed; not selectable).")
    engine: str | None = _option(
        None, "Graphviz layout engine. Default: dot (a map of thousands of statements in pieces, packed).", choices=ENGINE_NAMES
    )
    stagger: int = _option(
        1, "Spread the leaves under each statement over N levels: a wide, flat map gets narrower.", range=(1, 6)
    )
    standalone: bool = _option(
        False, "tex, typst: a whole document that XeLaTeX or Typst compiles, not a picture to \\input or #include."
    )
    ui_lang: str | None = _option(
        None,
        "Language of the words around the map's text (badges, legend, a deck's titles and hints): "
        "a tag such as zh-Hant, zh-Hans, ja, ko or en. Default: the map's lang.",
        metavar="TAG",
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "lang_mode", LANG_MODE_ALIASES.get(self.lang_mode, self.lang_mode))
        if isinstance(self.highlight, str):
            object.__setattr__(self, "highlight", (self.highlight,))
        for option in fields(self):
            _check_field(option, getattr(self, option.name))
        if self.fit is not None:
            parse_fit(self.fit, self.dpi)
        if self.ui_lang is not None:
            check_tag(self.ui_lang)
        if self.embed_fonts and self.outline_text:
            raise ValueError("embed_fonts and outline_text exclude each other: outlines need no font")

    def chrome_language(self, map_lang: str) -> str:
        """The catalogue language of the words drawn around a map of ``map_lang``: ``ui_lang``, else the map's."""
        return catalogue_language(self.ui_lang or map_lang)

    def fit_inches(self) -> tuple[float, float]:
        if self.fit is None:
            raise ValueError("no fit size set")
        return parse_fit(self.fit, self.dpi)


#: How a range check names the unit of a field's value.
_UNITS = {"width": " em", "stagger": " levels"}


def _check_field(option: Field[Any], value: Any) -> None:
    """Raise ``ValueError`` when ``value`` is not among the field's ``choices`` or outside its ``range``."""
    choices: Sequence[str] | None = option.metadata.get("choices")
    if choices is not None and value is not None and value not in choices:
        raise ValueError(f"{option.name} must be one of {', '.join(choices)}, not {value!r}")
    bounds = option.metadata.get("range")
    if bounds is None or value is None:
        return
    low, high = bounds
    unit = _UNITS.get(option.name, "")
    if high is None and value < low:
        raise ValueError(f"{option.name} must be {low:g} or more, not {value}")
    if high is not None and not low <= value <= high:
        raise ValueError(f"{option.name} must be between {low:g} and {high:g}{unit}, not {value}")
