"""A map as a TikZ picture (``render -o map.tex``): Graphviz's layout, the text set by LaTeX.

Every box, joint point, line and section box sits where Graphviz put it in the
SVG (``drawing.layout``), one TikZ unit per point; each statement is a TikZ node
of Graphviz's size in our shape and colours for its kind, its label broken into
the lines Graphviz set (our wrapping), each piece in its size and colour, in
the font of the document it is set in. Lines are Graphviz's splines, ending in
our arrowheads (a filled arrow for support, a bar for attack and undercut).

The picture alone is for ``\\input`` into a document that loads TikZ (with
``xeCJK`` for Chinese, Japanese or Korean text); ``standalone`` wraps it in a
document of its own that XeLaTeX compiles, its CJK text set in the Noto Sans
CJK face of the map's language. Every text is escaped (``core.latex``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from usfk_argmap.core.latex import latex_escape
from usfk_argmap.drawing.typeset import CJK, PictureWriter

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.drawing.layout import LaidCluster, LaidEdge, LaidNode, PictureLayout, TextPiece
    from usfk_argmap.drawing.options import RenderOptions

#: The TikZ libraries the picture uses: arrow tips, chamfered boxes (objection), the tape (evidence).
LIBRARIES = "arrows.meta,shapes.misc,shapes.symbols"
#: Each kind's TikZ shape (its colours and line come from the layout).
KIND_SHAPES = {
    "thesis": "rectangle, rounded corners=4pt, double, double distance=1.5pt",
    "claim": "rectangle, rounded corners=4pt",
    "premise": "rectangle",
    "evidence": "tape, tape bend top=none, tape bend height=4pt",
    "objection": "chamfered rectangle, chamfered rectangle xsep=6pt, chamfered rectangle ysep=6pt",
    "rebuttal": "rectangle, path picture={\\amdiagonals}",
    "assumption": "rectangle, rounded corners=4pt",
}
#: Graphviz's arrowheads in TikZ's arrow tips.
ARROWHEADS = {"normal": "Stealth[length=7pt,width=6pt]", "tee": "Bar[width=8pt]", "none": ""}
#: Graphviz's ``diagonals``: a short line across each corner of a rebuttal's box.
_DIAGONALS = (
    r"\providecommand\amdiagonals{\draw[line width=0.6pt]"
    r" ([xshift=6pt]path picture bounding box.north west) -- ([yshift=-6pt]path picture bounding box.north west)"
    r" ([xshift=-6pt]path picture bounding box.north east) -- ([yshift=-6pt]path picture bounding box.north east)"
    r" ([xshift=6pt]path picture bounding box.south west) -- ([yshift=6pt]path picture bounding box.south west)"
    r" ([xshift=-6pt]path picture bounding box.south east) -- ([yshift=6pt]path picture bounding box.south east);}"
)


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"


def _colour(value: str | None) -> str:
    """A ``#RRGGBB`` colour as an xcolor expression TikZ reads inline (no colour is defined in the document)."""
    if value is None or not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        return "none" if value is None else "black"
    red, green, blue = (int(value[index : index + 2], 16) for index in (1, 3, 5))
    return f"{{rgb,255:red,{red};green,{green};blue,{blue}}}"


def _piece(piece: TextPiece, base: float) -> str:
    text = latex_escape(piece.text)
    colour = f"\\color[HTML]{{{piece.colour[1:7]}}}" if re.fullmatch(r"#[0-9A-Fa-f]{6}", piece.colour) else ""
    if abs(piece.size - base) < 0.01:
        return f"{{{colour}{text}}}" if colour else text
    size = _number(piece.size)
    return f"{{\\fontsize{{{size}}}{{{_number(piece.size * 1.2)}}}\\selectfont{colour}{text}}}"


def _label(lines: tuple[tuple[TextPiece, ...], ...], base: float) -> str:
    return r" \\ ".join("".join(_piece(piece, base) for piece in line) for line in lines)


def _node(node: LaidNode, name: str) -> str:
    base = max((piece.size for line in node.lines for piece in line), default=14.0)
    if node.kind == "joint":
        style = f"circle, inner sep=0pt, minimum size={_number(node.width)}pt, fill={_colour(node.fill or node.border)}"
        return f"\\node[{style}] ({name}) at ({_number(node.x)},{_number(node.y)}) {{}};"
    shape = KIND_SHAPES.get(node.kind, "rectangle")
    keys = [
        shape,
        "draw",
        f"draw={_colour(node.border)}",
        f"fill={_colour(node.fill)}",
        f"line width={_number(node.line_width)}pt",
        *(["dashed"] if node.dashed else []),
        "align=center",
        "inner sep=2pt",
        f"minimum width={_number(node.width)}pt",
        f"minimum height={_number(node.height)}pt",
        f"font=\\fontsize{{{_number(base)}}}{{{_number(base * 1.2)}}}\\selectfont",
    ]
    return f"\\node[{', '.join(keys)}] ({name}) at ({_number(node.x)},{_number(node.y)}) {{{_label(node.lines, base)}}};"


def _edge(edge: LaidEdge) -> list[str]:
    points = list(edge.points)
    tip = points.pop() if (len(points) - 1) % 3 == 1 else None
    if len(points) < 4:
        return []
    style = [f"draw={_colour(edge.colour)}", f"line width={_number(edge.line_width)}pt"]
    if "dashed" in edge.style:
        style.append("dashed")
    elif "dotted" in edge.style:
        style.append("dotted")

    def at(point: tuple[float, float]) -> str:
        return f"({_number(point[0])},{_number(point[1])})"

    path = at(points[0])
    for index in range(1, len(points) - 2, 3):
        path += f" .. controls {at(points[index])} and {at(points[index + 1])} .. {at(points[index + 2])}"
    lines = [f"\\draw[{', '.join(style)}] {path};"]
    arrow = ARROWHEADS.get(edge.arrowhead, ARROWHEADS["normal"])
    if tip is not None and arrow:
        solid = [entry for entry in style if entry not in ("dashed", "dotted")]
        lines.append(f"\\draw[-{{{arrow}}}, {', '.join(solid)}] {at(points[-1])} -- {at(tip)};")
    return lines


def _cluster(cluster: LaidCluster) -> list[str]:
    style = [
        f"draw={_colour(cluster.border)}",
        "rounded corners=6pt",
        "line width=0.8pt",
        *(["dashed"] if cluster.dashed else []),
    ]
    corners = f"({_number(cluster.x0)},{_number(cluster.y0)}) rectangle ({_number(cluster.x1)},{_number(cluster.y1)})"
    lines = [f"\\draw[{', '.join(style)}] {corners};"]
    if cluster.lines:
        base = max(piece.size for line in cluster.lines for piece in line)
        middle = (cluster.x0 + cluster.x1) / 2
        y, anchor = (cluster.y1 - 4, "north") if cluster.title_on_top else (cluster.y0 + 4, "south")
        font = f"\\fontsize{{{_number(base)}}}{{{_number(base * 1.2)}}}\\selectfont"
        lines.append(
            f"\\node[anchor={anchor}, align=center, inner sep=2pt, font={font}] at ({_number(middle)},{_number(y)}) "
            f"{{{_label(cluster.lines, base)}}};"
        )
    return lines


def _picture(argument_map: ArgumentMap, layout: PictureLayout, options: RenderOptions) -> str:
    names = {svg_id: f"am{svg_id.removeprefix('am-').replace('-', '')}" for svg_id in layout.nodes}
    body = [
        f"% {latex_escape(argument_map.title)}: drawn by usfk-argmap from Graphviz's layout (1 unit = 1 pt).",
        f"% \\input it where TikZ is loaded with \\usetikzlibrary{{{LIBRARIES}}}"
        + (
            " and xeCJK sets the CJK text."
            if CJK.search(argument_map.title + "".join(n.text for n in argument_map.nodes.values()))
            else "."
        ),
        _DIAGONALS,
        "\\begin{tikzpicture}[x=1pt, y=1pt]",
    ]
    if layout.background is not None and not options.transparent:
        body.append(
            f"\\fill[fill={_colour(layout.background)}] (0,0) rectangle ({_number(layout.width)},{_number(layout.height)});"
        )
    for cluster in layout.clusters:
        body += _cluster(cluster)
    for edge in layout.edges:
        body += _edge(edge)
    for svg_id, node in layout.nodes.items():
        body.append(_node(node, names[svg_id]))
    body.append("\\end{tikzpicture}")
    return "\n".join(body) + "\n"


def _document(picture: str, cjk_face: str | None) -> str:
    """The picture in a ``standalone`` document for XeLaTeX, with xeCJK when it has CJK text."""
    preamble = [
        "\\documentclass[border=4pt]{standalone}",
        "\\usepackage{fontspec}",
        "\\usepackage{tikz}",
        f"\\usetikzlibrary{{{LIBRARIES}}}",
    ]
    if cjk_face is not None:
        preamble += ["\\usepackage{xeCJK}", f"\\setCJKmainfont{{{cjk_face}}}", f"\\setCJKsansfont{{{cjk_face}}}"]
    return "\n".join([*preamble, "\\begin{document}", picture.rstrip("\n"), "\\end{document}"]) + "\n"


#: The map as a ``tikzpicture`` to ``\input`` (or, ``standalone``, a whole document for XeLaTeX):
#: ``to_tikz(argument_map, options=None, *, diagnostics=None, standalone=False)``.
to_tikz = PictureWriter(_picture, _document)
