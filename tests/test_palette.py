"""The palette of every theme is readable (WCAG 2.1 contrast) and its relations survive grayscale (issue 26).

Text on what it is drawn on needs a contrast ratio of at least 4.5:1 (WCAG 1.4.3),
a line against the page at least 3:1 (1.4.11, graphical objects). Relations are
told apart by line style and arrowhead, never by colour alone: in every theme
(``print`` has no colour at all) and in the SVG Graphviz draws.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from usfk_argmap import open_map
from usfk_argmap.drawing.render import RenderOptions, render_svg
from usfk_argmap.drawing.style import RELATION_LINES, THEMES, KindStyle, Theme

TEXT_CONTRAST = 4.5
LINE_CONTRAST = 3.0
NAMED = {"white": "#FFFFFF", "black": "#000000"}
TRAM = Path(__file__).parent.parent / "maps" / "example_tram.yaml"


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour ``#RRGGBB`` (or ``white``, ``black``)."""
    value = NAMED.get(colour, colour).lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _on_fill(theme: Theme, kind: KindStyle, other: str) -> str:
    """A statement's second line of text (gloss, badge): its own text colour where it has one, as dot.py draws it."""
    return kind.text if kind.text != theme.text else other


def text_pairs(theme: Theme) -> list[tuple[str, str, str]]:
    """(what, text colour, the colour under it) for every text a drawing in ``theme`` writes."""
    pairs = [
        ("text on the page", theme.text, theme.background),
        ("muted text on the page", theme.muted_text, theme.background),
        ("section title", theme.cluster_text, theme.background),
    ]
    for name, kind in theme.kinds.items():
        pairs += [
            (f"{name} text", kind.text, kind.fill),
            (f"{name} gloss and status badge", _on_fill(theme, kind, theme.muted_text), kind.fill),
            (f"{name} issue badge", _on_fill(theme, kind, theme.issue), kind.fill),
        ]
    return pairs


def line_pairs(theme: Theme) -> list[tuple[str, str, str]]:
    """(what, line colour, the page) for every line and border a drawing in ``theme`` draws."""
    pairs = [(f"{name} line", relation.color, theme.background) for name, relation in theme.relations.items()]
    pairs += [(f"{name} border", kind.border, theme.background) for name, kind in theme.kinds.items()]
    pairs += [
        ("highlight border", theme.highlight, theme.background),
        ("issue border", theme.issue, theme.background),
        ("section border", theme.cluster_border, theme.background),
    ]
    return pairs


def test_contrast_is_computed_as_wcag_says() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("white", "white") == pytest.approx(1.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes on white


@pytest.mark.parametrize("theme", list(THEMES))
def test_every_text_reads_at_4_5_to_1(theme: str) -> None:
    failing = [
        f"{what}: {fg} on {bg} is {contrast(fg, bg):.2f}:1"
        for what, fg, bg in text_pairs(THEMES[theme])
        if contrast(fg, bg) < TEXT_CONTRAST
    ]
    assert not failing, failing


@pytest.mark.parametrize("theme", list(THEMES))
def test_every_line_stands_out_at_3_to_1(theme: str) -> None:
    failing = [
        f"{what}: {fg} on {bg} is {contrast(fg, bg):.2f}:1"
        for what, fg, bg in line_pairs(THEMES[theme])
        if contrast(fg, bg) < LINE_CONTRAST
    ]
    assert not failing, failing


@pytest.mark.parametrize("theme", list(THEMES))
def test_relations_differ_by_line_style_not_colour(theme: str) -> None:
    relations = THEMES[theme].relations
    shapes = {name: (relations[name].style, relations[name].arrowhead) for name in ("supports", "attacks", "undercuts")}
    assert len(set(shapes.values())) == len(shapes), shapes


def test_the_shared_line_styles_are_distinct() -> None:
    assert len({(line, head) for line, head, _ in RELATION_LINES.values()}) == len(RELATION_LINES)


def _dash_of_relations(svg: str) -> dict[str, set[str]]:
    """Relation -> the stroke dash patterns of its lines' paths in a Graphviz SVG ("" for solid)."""
    found: dict[str, set[str]] = {}
    for group in re.finditer(r'<g id="am-e\d+" class="edge am-edge am-rel-(\w+)".*?</g>', svg, re.DOTALL):
        for path in re.finditer(r"<path [^>]*>", group.group(0)):
            dash = re.search(r'stroke-dasharray="([^"]*)"', path.group(0))
            found.setdefault(group.group(1), set()).add(dash.group(1) if dash else "")
    return found


@pytest.mark.graphviz
@pytest.mark.parametrize("theme", list(THEMES))
def test_relations_drawn_in_grayscale_differ_by_dash(theme: str) -> None:
    # The tram map has supports, attacks and an undercut: in the SVG, each is its own dash pattern.
    svg = render_svg(open_map(TRAM), RenderOptions(theme=theme)).decode("utf-8")
    dashes = _dash_of_relations(svg)
    assert {"supports", "attacks", "undercuts"} <= dashes.keys()
    patterns = [frozenset(dashes[name]) for name in ("supports", "attacks", "undercuts")]
    assert all(len(pattern) == 1 for pattern in patterns), dashes
    assert len(set(patterns)) == 3, dashes
