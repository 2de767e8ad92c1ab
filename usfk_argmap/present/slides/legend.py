"""The deck's legend: a picture that explains every shape, line and mark the deck's pictures draw.

What it explains is read off the laid-out pictures themselves (their SVG groups'
classes: ``am-kind-claim``, ``am-context``, ``am-rel-attacks``, ``am-relation``,
``am-status-defeated``...), so the legend names nothing the audience will not
see and leaves out nothing it will. Its words come from the message catalogue
in the deck's language; its samples are drawn with the theme the pictures use.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from usfk_argmap.core.messages import catalogue_language, message
from usfk_argmap.drawing import style
from usfk_argmap.drawing.labels import html_label, quoted

#: A group of a finished picture: its id and its classes.
_GROUP = re.compile(rb'<g id="([^"]*)" class="([^"]*)"')
_RELATIONS = ("supports", "attacks", "undercuts")
#: The kinds' shapes stand in rows of at most this many (a row of eight makes the legend wide and its text small).
_SHAPES_PER_ROW = 4
_STATUSES = ("established", "defeated", "open")


@dataclass(frozen=True)
class Marks:
    """What a deck's pictures draw: node kinds, muted context, relation lines, joints, evaluation badges."""

    kinds: tuple[str, ...] = ()
    context: bool = False
    relations: tuple[str, ...] = ()
    #: A linked argument's joint (premises that bear on their conclusion only together).
    argument_joint: bool = False
    #: The joint on a relation something undercuts.
    undercut_joint: bool = False
    statuses: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.kinds or self.relations)


def drawn_marks(pictures: Iterable[tuple[bytes, Collection[str]]]) -> Marks:
    """The marks the pictures draw, in the order the legend lists them: each an SVG and the groups (ids) it never shows."""
    groups = [
        set(found[2].decode().split())
        for svg, hidden in pictures
        for found in _GROUP.finditer(svg)
        if found[1].decode() not in hidden
    ]
    classes = set().union(*groups)
    return Marks(
        tuple(kind for kind in style.KIND_SHAPES if f"am-kind-{kind}" in classes),
        "am-context" in classes,
        tuple(r for r in _RELATIONS if any({"am-edge", f"am-rel-{r}"} <= names for names in groups)),
        any("am-arg" in names and "am-relation" not in names for names in groups),
        any("am-relation" in names for names in groups),
        tuple(status for status in _STATUSES if f"am-status-{status}" in classes),
    )


def legend_words(marks: Marks, lang: str) -> tuple[str, ...]:
    """The legend in words, a line for each of its rows: the speaker notes of its slide, and its picture's alt text."""
    comma = ", " if catalogue_language(lang) == "en" else "、"
    found = [comma.join(message(f"kind.{kind}", lang) for kind in marks.kinds)] if marks.kinds else []
    found += [message("deck.legend_context", lang)] if marks.context else []
    found += [message(f"legend.{relation}", lang) for relation in marks.relations]
    found += [message("deck.legend_argument", lang)] if marks.argument_joint else []
    found += [message("deck.legend_undercut", lang)] if marks.undercut_joint else []
    found += [f"{message(f'status.{s}', lang)}: {message(f'deck.legend_{s}', lang)}" for s in marks.statuses]
    return tuple(found)


def legend_dot(marks: Marks, lang: str, theme: str = "light", font: str = "Noto Sans CJK TC") -> str:
    """The legend as DOT: a row of the kinds' shapes, named; then a row for each line and mark, with its meaning.

    ``lang`` chooses the words (``core.messages``), ``theme`` the colours (``drawing.style.THEMES``),
    ``font`` the face. Every node and edge has an ``am-legend-...`` id.
    """
    palette = style.THEMES[theme]
    lines = [
        "digraph legend {",
        f'  graph [id="am-legend", rankdir=TB, bgcolor="transparent", fontname={quoted(font)}, nodesep=0.3, ranksep=0.3,'
        ' pad="0.2"];',
        f"  node [fontname={quoted(font)}, fontsize={style.FONT_SIZE:g}, margin={quoted(style.NODE_MARGIN)}];",
        f"  edge [fontname={quoted(font)}, fontsize={style.FONT_SIZE:g}, fontcolor={quoted(palette.text)}];",
    ]
    rows: list[list[str]] = []
    shapes = [*marks.kinds, *(["context"] if marks.context else [])]
    for start in range(0, len(shapes), _SHAPES_PER_ROW):
        row = []
        for kind in shapes[start : start + _SHAPES_PER_ROW]:
            drawn = style.context_style(palette, palette.kinds["claim"]) if kind == "context" else palette.kinds[kind]
            words = message("deck.legend_context", lang) if kind == "context" else message(f"kind.{kind}", lang)
            name = f"kind_{kind}"
            lines.append(
                f"  {name} [id={quoted('am-legend-' + kind)}, label=<{html_label([words])}>, shape={drawn.shape},"
                f" style={quoted(drawn.style)}, fillcolor={quoted(drawn.fill)}, color={quoted(drawn.border)},"
                f" fontcolor={quoted(drawn.text)}, penwidth={drawn.penwidth:g}, peripheries={drawn.peripheries}];"
            )
            row.append(name)
        rows.append(row)
    for relation in marks.relations:
        line = palette.relations[relation]
        tail, head = f"{relation}_from", f"{relation}_to"
        for name in (tail, head):
            lines.append(f'  {name} [shape=point, width=0.05, color={quoted(line.color)}, label=""];')
        lines.append(
            f"  {tail} -> {head} [id={quoted('am-legend-' + relation)}, color={quoted(line.color)}, style={line.style},"
            f" arrowhead={line.arrowhead}, penwidth={line.penwidth:g}, minlen=4,"
            f" label=<{html_label([message(f'legend.{relation}', lang)])}>];"
        )
        rows.append([tail, head])
    joints = [("argument", "supports")] if marks.argument_joint else []
    joints += [("undercut", "attacks")] if marks.undercut_joint else []
    for joint, relation in joints:
        colour = palette.relations[relation].color
        lines.append(
            f"  joint_{joint} [id={quoted('am-legend-joint-' + joint)}, shape=point, width={style.JOINT_SIZE:g},"
            f' color={quoted(colour)}, fillcolor={quoted(colour)}, label=""];'
        )
        rows.append([f"joint_{joint}", _caption(lines, f"joint_{joint}_words", message(f"deck.legend_{joint}", lang), palette)])
    for status in marks.statuses:
        badge = f"status_{status}"
        lines.append(
            f"  {badge} [id={quoted('am-legend-' + status)}, shape=box, style={quoted(style.STATUS_LINE_STYLES[status])},"
            f" color={quoted(palette.muted_text)}, fontcolor={quoted(palette.text)},"
            f" label=<{html_label([message(f'status.{status}', lang)])}>];"
        )
        rows.append([badge, _caption(lines, f"{badge}_words", message(f"deck.legend_{status}", lang), palette)])
    for row in rows:
        lines.append("  { rank=same; " + " -> ".join(row) + " [style=invis]; }" if len(row) > 1 else f"  {row[0]};")
    # Each row under the one before: invisible edges between their first nodes.
    lines += [f"  {upper[0]} -> {lower[0]} [style=invis];" for upper, lower in itertools.pairwise(rows)]
    lines.append("}")
    return "\n".join(lines) + "\n"


def _caption(lines: list[str], name: str, words: str, palette: style.Theme) -> str:
    """Add a caption node (plain text) to the DOT ``lines``; returns its name."""
    lines.append(f"  {name} [shape=plaintext, fontcolor={quoted(palette.text)}, label=<{html_label([words])}>];")
    return name
