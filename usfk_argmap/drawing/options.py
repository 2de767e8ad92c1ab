"""How a map is drawn: ``RenderOptions`` and the choices its fields take.

The CLI builds its option choices from these tuples, so the two cannot
disagree; ``dot``, ``render`` and the slide builders all read one
``RenderOptions``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from usfk_argmap.drawing.graphviz import ENGINES
from usfk_argmap.drawing.wrap import DEFAULT_WIDTH

#: Layout engines, in the order the CLI lists them.
ENGINE_NAMES: tuple[str, ...] = tuple(sorted(ENGINES))

DIRECTIONS = ("BT", "TB", "LR", "RL")
LANG_MODES = ("zh", "en", "both")
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


@dataclass(frozen=True)
class RenderOptions:
    """How a map is drawn. Every field has a default; the CLI options have the same names.

    direction: where arrows point: BT (conclusion on top), TB, LR or RL.
    lang_mode: zh (the map's own text), en (the English gloss where there is one) or both.
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
    engine: Graphviz layout engine; None chooses dot, or sfdp for maps over ``LARGE_MAP_NODES``.
    stagger: spread the leaves under one statement over this many levels (1: all on one level),
        as Graphviz's ``unflatten -l`` does: a wide, flat map becomes narrower and taller.
    """

    direction: str = "BT"
    lang_mode: str = "zh"
    width: float = DEFAULT_WIDTH
    theme: str = "light"
    fit: str | None = None
    transparent: bool = False
    dpi: int = 192
    focus: str | None = None
    depth: int = 1
    section: str | None = None
    highlight: tuple[str, ...] = field(default=())
    show_issues: bool = False
    evaluate: bool = False
    clusters: bool = False
    legend: bool = False
    embed_fonts: bool = False
    outline_text: bool = False
    engine: str | None = None
    stagger: int = 1

    def __post_init__(self) -> None:
        _check_choice("direction", self.direction, DIRECTIONS)
        _check_choice("lang_mode", self.lang_mode, LANG_MODES)
        _check_choice("theme", self.theme, THEME_NAMES)
        if not 2.0 <= self.width <= 200.0:
            raise ValueError(f"width must be between 2 and 200 em, not {self.width}")
        if not 1 <= self.dpi <= 2400:
            raise ValueError(f"dpi must be between 1 and 2400, not {self.dpi}")
        if self.depth < 0:
            raise ValueError(f"depth must be 0 or more, not {self.depth}")
        if not 1 <= self.stagger <= 6:
            raise ValueError(f"stagger must be between 1 and 6 levels, not {self.stagger}")
        if self.fit is not None:
            parse_fit(self.fit, self.dpi)
        if self.embed_fonts and self.outline_text:
            raise ValueError("embed_fonts and outline_text exclude each other: outlines need no font")
        if self.engine is not None:
            _check_choice("engine", self.engine, ENGINE_NAMES)
        if isinstance(self.highlight, str):
            object.__setattr__(self, "highlight", (self.highlight,))

    def fit_inches(self) -> tuple[float, float]:
        if self.fit is None:
            raise ValueError("no fit size set")
        return parse_fit(self.fit, self.dpi)


def _check_choice(name: str, value: str, choices: Sequence[str]) -> None:
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
