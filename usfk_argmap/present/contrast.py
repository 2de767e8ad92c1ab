"""The colours of a user's templates held to WCAG 2.1's contrast (issue 26): a note when they fail.

The bundled themes are held to it by the palette test; a user's ``--templates``
folder may set the pages' colours anew. Its ``slides.css`` (the HTML deck: the
custom properties of ``:root``, ``body.theme-dark`` and ``body.theme-print``, each
theme over the light one) and ``report.html`` (``:root``'s, on the report's white
page) are read for the colours the pages draw text in and on; every pair below
4.5:1 is a ``ContrastWarning``, which the commands print as a note. Only
``#rgb`` and ``#rrggbb`` values are read: a colour written otherwise is not checked.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from usfk_argmap.core.errors import ArgmapWarning

#: WCAG 2.1 (1.4.3): text against what it is drawn on.
TEXT_CONTRAST = 4.5

#: A rule's selector and declarations, innermost blocks only (an ``@media`` block's rules are read as rules).
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
#: A CSS comment.
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
#: A custom property set to a hex colour.
_PROPERTY = re.compile(r"--([\w-]+)\s*:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\s*[;}]?")
#: A theme's rule in the deck's style, by the selector that sets it.
_DECK_THEMES = {"light": ":root", "dark": "body.theme-dark", "print": "body.theme-print"}
#: The deck's pairs: (text, background), by custom property; the report's draw on white.
_DECK_PAIRS = (("ink", "bg"), ("muted", "bg"), ("accent", "bg"), ("ink", "panel"))
_REPORT_PAIRS = (("ink", "#ffffff"), ("muted", "#ffffff"), ("error", "#ffffff"), ("warning", "#ffffff"), ("info", "#ffffff"))


class ContrastWarning(ArgmapWarning):
    """A colour of a user's template is too close to the one it is drawn on."""


def contrast(first: str, second: str) -> float:
    """WCAG 2.1's contrast ratio of two ``#rgb`` or ``#rrggbb`` colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(char * 2 for char in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _properties(css: str, selector: str) -> dict[str, str]:
    """The colour custom properties the rules of exactly ``selector`` set, the last one winning."""
    found: dict[str, str] = {}
    for rule in _RULE.finditer(_COMMENT.sub(" ", css)):
        if selector in (part.strip() for part in rule.group(1).split(",")):
            found.update((name, value.lower()) for name, value in _PROPERTY.findall(rule.group(2)))
    return found


def _problems(where: str, theme: str, colours: dict[str, str], pairs: tuple[tuple[str, str], ...]) -> list[str]:
    problems = []
    for text, background in pairs:
        first = colours.get(text)
        second = background if background.startswith("#") else colours.get(background)
        if first is None or second is None:
            continue
        ratio = contrast(first, second)
        if ratio < TEXT_CONTRAST:
            on = f"--{background} {second}" if not background.startswith("#") else f"the page's {second}"
            problems.append(
                f"{where}: the {theme} theme's --{text} {first} on {on} has a contrast of {ratio:.2f}:1; "
                f"text needs {TEXT_CONTRAST}:1 (WCAG 2.1, 1.4.3)"
            )
    return problems


#: The page each command writes, by the template that colours it.
PAGES = ("slides.css", "report.html")


def template_contrast_problems(templates: str | Path | None, pages: tuple[str, ...] = PAGES) -> list[str]:
    """What fails contrast in the colours of the user's ``pages`` (``slides.css``, ``report.html``; none without a folder)."""
    if templates is None:
        return []
    folder = Path(templates)
    problems: list[str] = []
    deck = folder / "slides.css"
    if "slides.css" in pages and deck.is_file():
        css = deck.read_text(encoding="utf-8", errors="replace")
        light = _properties(css, _DECK_THEMES["light"])
        for theme, selector in _DECK_THEMES.items():
            colours = light if theme == "light" else {**light, **_properties(css, selector)}
            problems += _problems(str(deck), theme, colours, _DECK_PAIRS)
    report = folder / "report.html"
    if "report.html" in pages and report.is_file():
        page = report.read_text(encoding="utf-8", errors="replace")
        problems += _problems(str(report), "report", _properties(page, ":root"), _REPORT_PAIRS)
    return problems


def warn_template_contrast(templates: str | Path | None, page: str) -> None:
    """A ``ContrastWarning`` for each colour of the user's template ``page`` that fails contrast (printed as notes)."""
    for problem in template_contrast_problems(templates, (page,)):
        warnings.warn(problem, ContrastWarning, stacklevel=2)
