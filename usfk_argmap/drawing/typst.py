"""A map as a Typst picture (``render -o map.typ``): Graphviz's layout, the text set by Typst.

The same positioned layout as the TikZ picture (``drawing.layout``), drawn with
Typst's own shapes, no package needed: each statement a box of Graphviz's size
at Graphviz's place (one unit per point, y downwards) in our shape and colours
for its kind, its label in the lines Graphviz set, each piece in its size and
colour, in the document's font; lines are Graphviz's splines (``curve``) ending
in our arrowheads. Every text is a Typst string, which Typst shows as written:
only ``\\`` and ``"`` are escaped (and control characters, as ``\\u{...}``).

The picture is one ``box`` to ``#include`` in a document; ``standalone`` adds
the page rule that crops a page to it, and the Noto Sans CJK face of the map's
language for CJK text.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from usfk_argmap.drawing.typeset import PictureWriter

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.drawing.layout import LaidCluster, LaidEdge, LaidNode, PictureLayout, TextPiece
    from usfk_argmap.drawing.options import RenderOptions

_HEX = re.compile(r"#[0-9A-Fa-f]{6}")
#: How far a rebuttal's corner diagonals, an objection's cut corners and an evidence note's fold reach, in points.
CORNER = 6.0


def typst_string(text: str) -> str:
    """Text as a Typst string literal, shown exactly as written."""
    escaped = []
    for char in text:
        if char in '\\"':
            escaped.append("\\" + char)
        elif ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0:
            escaped.append(f"\\u{{{ord(char):x}}}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def _n(value: float) -> str:
    """A length in points, as Typst writes it."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{'0' if text in ('-0', '') else text}pt"


def _paint(value: str | None) -> str:
    return f'rgb("{value[:7]}")' if value is not None and _HEX.fullmatch(value[:7]) else "none"


def _stroke(colour: str | None, width: float, dash: str | None = None) -> str:
    if colour is None:
        return "none"
    return f"(paint: {_paint(colour)}, thickness: {_n(width)}" + (f', dash: "{dash}"' if dash else "") + ")"


def _label(lines: tuple[tuple[TextPiece, ...], ...]) -> str:
    parts = []
    for index, line in enumerate(lines):
        if index:
            parts.append("linebreak()")
        parts += [f"text(size: {_n(piece.size)}, fill: {_paint(piece.colour)}, {typst_string(piece.text)})" for piece in line]
    return "{ " + "; ".join(parts) + " }"


class _Page:
    """Graphviz's frame (y up) turned into Typst's (y down, from the top left corner)."""

    def __init__(self, height: float) -> None:
        self.height = height

    def point(self, x: float, y: float) -> str:
        return f"({_n(x)}, {_n(self.height - y)})"

    def node(self, node: LaidNode) -> list[str]:
        left, top = node.x - node.width / 2, self.height - node.y - node.height / 2
        width, height = node.width, node.height
        if node.kind == "joint":
            radius = width / 2
            return [
                f"#place(dx: {_n(left)}, dy: {_n(top)}, circle(radius: {_n(radius)}, fill: {_paint(node.fill or node.border)}))"
            ]
        stroke = _stroke(node.border, node.line_width, "dashed" if node.dashed else None)
        fill = _paint(node.fill)
        corner = min(CORNER, width / 4, height / 4)
        shapes: list[str] = []
        if node.kind in ("objection", "evidence"):
            w, h, c = width, height, corner
            if node.kind == "objection":
                vertices = [(c, 0), (w - c, 0), (w, c), (w, h - c), (w - c, h), (c, h), (0, h - c), (0, c)]
            else:
                vertices = [(0, 0), (w - c, 0), (w, c), (w, h), (0, h)]
            shapes.append(f"polygon(fill: {fill}, stroke: {stroke}, {', '.join(f'({_n(x)}, {_n(y)})' for x, y in vertices)})")
            if node.kind == "evidence":  # the fold
                shapes.append(f"polygon(stroke: {stroke}, ({_n(w - c)}, 0pt), ({_n(w - c)}, {_n(c)}), ({_n(w)}, {_n(c)}))")
        else:
            rounding = f", radius: {_n(4)}" if node.kind in ("thesis", "claim", "assumption") else ""
            shapes.append(f"rect(width: {_n(width)}, height: {_n(height)}, fill: {fill}, stroke: {stroke}{rounding})")
            if node.kind == "thesis":  # the double border
                inner = _stroke(node.border, max(0.6, node.line_width / 2))
                shapes.append(
                    f"place(dx: {_n(3)}, dy: {_n(3)}, rect(width: {_n(width - 6)}, height: {_n(height - 6)}, "
                    f"stroke: {inner}, radius: {_n(3)}))"
                )
            if node.kind == "rebuttal":
                c, w, h = corner, width, height
                for (x1, y1), (x2, y2) in (
                    ((c, 0), (0, c)),
                    ((w - c, 0), (w, c)),
                    ((0, h - c), (c, h)),
                    ((w, h - c), (w - c, h)),
                ):
                    shapes.append(f"place(line(start: ({_n(x1)}, {_n(y1)}), end: ({_n(x2)}, {_n(y2)}), stroke: {stroke}))")
        shapes.append(f"box(width: {_n(width)}, height: {_n(height)}, align(center + horizon, {_label(node.lines)}))")
        body = " + ".join(f"place({shape})" if not shape.startswith("place(") else shape for shape in shapes)
        return [f"#place(dx: {_n(left)}, dy: {_n(top)}, box(width: {_n(width)}, height: {_n(height)}, {body}))"]

    def edge(self, edge: LaidEdge) -> list[str]:
        points = list(edge.points)
        tip = points.pop() if (len(points) - 1) % 3 == 1 else None
        if len(points) < 4:
            return []
        dash = "dashed" if "dashed" in edge.style else "dotted" if "dotted" in edge.style else None
        segments = [f"curve.move({self.point(*points[0])})"]
        for index in range(1, len(points) - 2, 3):
            segments.append(
                f"curve.cubic({self.point(*points[index])}, {self.point(*points[index + 1])}, {self.point(*points[index + 2])})"
            )
        lines = [f"#place(curve(stroke: {_stroke(edge.colour, edge.line_width, dash)}, {', '.join(segments)}))"]
        if tip is not None and edge.arrowhead != "none":
            lines += self._arrowhead(points[-1], tip, edge)
        return lines

    def _arrowhead(self, start: tuple[float, float], tip: tuple[float, float], edge: LaidEdge) -> list[str]:
        dx, dy = tip[0] - start[0], tip[1] - start[1]
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length  # along the line, Graphviz's frame
        px, py = -uy, ux  # across it
        solid = _stroke(edge.colour, edge.line_width)
        if edge.arrowhead == "tee":
            half = 4.0
            ends = ((tip[0] + px * half, tip[1] + py * half), (tip[0] - px * half, tip[1] - py * half))
            return [
                f"#place(line(start: {self.point(*start)}, end: {self.point(*tip)}, stroke: {solid}))",
                f"#place(line(start: {self.point(*ends[0])}, end: {self.point(*ends[1])}, stroke: {solid}))",
            ]
        half = 3.0
        back = (tip[0] - ux * length, tip[1] - uy * length)
        corners = [tip, (back[0] + px * half, back[1] + py * half), (back[0] - px * half, back[1] - py * half)]
        vertices = ", ".join(self.point(*corner) for corner in corners)
        return [f"#place(polygon(fill: {_paint(edge.colour)}, stroke: {solid}, {vertices}))"]

    def cluster(self, cluster: LaidCluster) -> list[str]:
        left, top = cluster.x0, self.height - cluster.y1
        width, height = cluster.x1 - cluster.x0, cluster.y1 - cluster.y0
        stroke = _stroke(cluster.border, 0.8, "dashed" if cluster.dashed else None)
        box = f"rect(width: {_n(width)}, height: {_n(height)}, stroke: {stroke}, radius: {_n(6)})"
        lines = [f"#place(dx: {_n(left)}, dy: {_n(top)}, {box})"]
        if cluster.lines:
            where = "top" if cluster.title_on_top else "bottom"
            lines.append(
                f"#place(dx: {_n(left)}, dy: {_n(top)}, box(width: {_n(width)}, height: {_n(height)}, inset: {_n(4)}, "
                f"align(center + {where}, {_label(cluster.lines)})))"
            )
        return lines


def _picture(argument_map: ArgumentMap, layout: PictureLayout, options: RenderOptions) -> str:
    page = _Page(layout.height)
    title = " ".join(argument_map.title.split())
    body = [
        f"// {title}: drawn by usfk-argmap from Graphviz's layout (1 unit = 1 pt); #include it in a document.",
        f"#box(width: {_n(layout.width)}, height: {_n(layout.height)}, {{",
    ]
    inner: list[str] = []
    if layout.background is not None and not options.transparent:
        inner.append(f"#place(rect(width: {_n(layout.width)}, height: {_n(layout.height)}, fill: {_paint(layout.background)}))")
    for cluster in layout.clusters:
        inner += page.cluster(cluster)
    for edge in layout.edges:
        inner += page.edge(edge)
    for node in layout.nodes.values():
        inner += page.node(node)
    # In a code block each line is an expression: ``#`` is markup's, dropped here.
    body += ["  " + line.removeprefix("#") for line in inner]
    body.append("})")
    return "\n".join(body) + "\n"


def _document(picture: str, cjk_face: str | None) -> str:
    """The picture on a page cropped to it, its CJK text (if any) in ``cjk_face``."""
    preamble = ["#set page(width: auto, height: auto, margin: 4pt)"]
    if cjk_face is not None:
        preamble.append(f'#set text(font: "{cjk_face}")')
    return "\n".join(preamble) + "\n" + picture


#: The map as a Typst picture to ``#include`` (or, ``standalone``, a document of its own):
#: ``to_typst(argument_map, options=None, *, diagnostics=None, standalone=False)``.
to_typst = PictureWriter(_picture, _document)
