"""Graphviz's own layout of a picture, read from ``dot -Tjson``, for drawing it again in another tool's shapes.

The SVG of a figure and this layout come from the same DOT text through the
same engine, so every box sits where the SVG has it. What PowerPoint needs is
read from Graphviz's drawing operations (xdot, inside the JSON): each node's
centre, size, fill and border colours and line width; each label line as
Graphviz set it (our wrapping, with the size and colour of every piece: a gloss
is smaller); each edge's spline, colour, width, dash and arrowhead. Colours come
from the drawing, not from the theme, so a highlighted, muted or flagged node
keeps the colour the SVG gives it. The PowerPoint deck, the TikZ picture and the
positioned exports (JSON Canvas, draw.io) all read a map's layout here;
``map_layout`` gives it with the map ids of its nodes, lines and section boxes.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from usfk_argmap.drawing.graphviz import run_graphviz

if TYPE_CHECKING:
    from collections.abc import Sequence

    from usfk_argmap.analysis.drawn import DrawnEdge
    from usfk_argmap.core.diagnostics import Diagnostic
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.drawing.options import RenderOptions

#: A node class of ours names the kind (``am-kind-claim``); a joint point is ``am-arg``.
_KIND = re.compile(r"\bam-kind-([a-z]+)\b")
_RELATION = re.compile(r"\bam-rel-([a-z]+)\b")
_LINE_WIDTH = re.compile(r"setlinewidth\(([0-9.]+)\)")


@dataclass(frozen=True)
class TextPiece:
    """Part of a label line in one font size and colour."""

    text: str
    size: float
    colour: str
    #: Graphviz's baseline of the line, in points (y up).
    baseline: float = 0.0


@dataclass(frozen=True)
class LaidNode:
    """One node as Graphviz placed it; lengths in points, y growing upwards (Graphviz's frame)."""

    svg_id: str
    #: The statement's kind (claim, premise...), or ``joint`` for a linked argument's or relation's joint point.
    kind: str
    x: float
    y: float
    width: float
    height: float
    fill: str | None
    border: str
    line_width: float
    dashed: bool
    peripheries: int
    #: The label, line by line, each line in pieces of one size and colour.
    lines: tuple[tuple[TextPiece, ...], ...]
    #: The relation a joint point stands for (supports, attacks); None for a statement.
    relation: str | None = None

    @property
    def text(self) -> str:
        return "".join(piece.text for line in self.lines for piece in line)


@dataclass(frozen=True)
class LaidEdge:
    """One line as Graphviz routed it: the cubic Bézier points from tail to head (its arrow's tip last)."""

    svg_id: str
    tail: str
    head: str
    relation: str
    colour: str
    line_width: float
    style: str
    arrowhead: str
    points: tuple[tuple[float, float], ...]
    #: The line's caption (a legend's), and its centre in points.
    label: tuple[tuple[TextPiece, ...], ...] = ()
    label_at: tuple[float, float] | None = None


@dataclass(frozen=True)
class LaidCluster:
    """A section drawn as a box (``--clusters``): its corners in points (y up), outline and title."""

    svg_id: str
    x0: float
    y0: float
    x1: float
    y1: float
    border: str
    dashed: bool
    lines: tuple[tuple[TextPiece, ...], ...]
    #: Whether Graphviz put the title at the top of the box (else at its foot).
    title_on_top: bool


@dataclass(frozen=True)
class PictureLayout:
    """The layout of one picture: its size in points, nodes by SVG id, edges in drawing order, section boxes."""

    width: float
    height: float
    background: str | None
    nodes: dict[str, LaidNode]
    edges: tuple[LaidEdge, ...]
    clusters: tuple[LaidCluster, ...] = ()


def lay_out(dot_text: str, engine: str = "dot") -> PictureLayout:
    """Lay ``dot_text`` out with ``engine`` (through the one Graphviz boundary) and read the result."""
    return parse_layout(run_graphviz(dot_text, "json", engine))


def parse_layout(data: bytes) -> PictureLayout:
    """Read Graphviz's JSON output (``-Tjson``: xdot drawing operations included)."""
    graph = json.loads(data)
    x0, y0, x1, y1 = (float(v) for v in graph["bb"].split(","))
    background = _fill_of(graph.get("_draw_", ()))
    objects: list[dict[str, Any]] = graph.get("objects", [])
    nodes: dict[str, LaidNode] = {}
    ids_by_index: dict[int, str] = {}
    clusters = [
        _cluster(item, x0, y0)
        for item in objects
        if "bb" in item and "id" in item and ("am-section" in str(item.get("class", "")) or item["id"] == "am-legend")
    ]
    for item in objects:
        if "pos" not in item or "nodes" in item:
            continue  # a subgraph or cluster
        if "id" not in item and str(item.get("name", "")).startswith("legend_"):
            item = {**item, "id": f"am-{item['name']}", "class": "am-arg"}  # an end of a legend's sample line
        if str(item.get("id", "")).startswith("am-section-"):  # a box of the map of the parts: its thesis, a section
            kind = "thesis" if item["id"] == "am-section-thesis" else "claim"
            item = {**item, "class": f"am-node am-kind-{kind}"}
        if "id" not in item:
            continue
        node = _node(item, x0, y0)
        if node is not None:
            nodes[node.svg_id] = node
            ids_by_index[int(item["_gvid"])] = node.svg_id
    edges: list[LaidEdge] = []
    for item in graph.get("edges", []):
        tail, head = ids_by_index.get(int(item["tail"])), ids_by_index.get(int(item["head"]))
        if "id" not in item and tail is not None and head is not None and tail.startswith("am-section-"):
            item = {**item, "id": f"{tail}->{head}"}  # a line between two parts: one bears on the other
        if tail is None or head is None or "id" not in item or item.get("style") == "invis":
            continue
        edge = _edge(item, tail, head, x0, y0)
        if edge is not None:
            edges.append(edge)
    return PictureLayout(x1 - x0, y1 - y0, background, nodes, tuple(edges), tuple(clusters))


def _cluster(item: dict[str, Any], x0: float, y0: float) -> LaidCluster:
    left, bottom, right, top = (float(v) for v in str(item["bb"]).split(","))
    operations = item.get("_draw_", [])
    label_y = float(str(item.get("lp", f"0,{top}")).split(",")[1])
    return LaidCluster(
        str(item["id"]),
        left - x0,
        bottom - y0,
        right - x0,
        top - y0,
        _pen_of(operations) or "#808080",
        "dashed" in str(item.get("style", "")),
        _label_lines(item.get("_ldraw_", [])),
        label_y > (top + bottom) / 2,
    )


def _node(item: dict[str, Any], x0: float, y0: float) -> LaidNode | None:
    classes = str(item.get("class", ""))
    if str(item["id"]).startswith("am-legend-"):  # a legend's sample of a kind
        classes = f"am-node am-kind-{str(item['id']).removeprefix('am-legend-')}"
    kind_match = _KIND.search(classes)
    if kind_match is None and "am-arg" not in classes:
        return None
    x, y = (float(v) for v in str(item["pos"]).split(","))
    operations = item.get("_draw_", [])
    relation = _RELATION.search(classes)
    return LaidNode(
        svg_id=str(item["id"]),
        kind=kind_match.group(1) if kind_match else "joint",
        x=x - x0,
        y=y - y0,
        width=float(item["width"]) * 72.0,
        height=float(item["height"]) * 72.0,
        fill=_fill_of(operations),
        border=_pen_of(operations) or "#000000",
        line_width=_line_width(operations, float(item.get("penwidth", 1.0))),
        dashed="dashed" in str(item.get("style", "")),
        peripheries=int(item.get("peripheries", 1)),
        lines=_label_lines(item.get("_ldraw_", [])),
        relation=relation.group(1) if relation and not kind_match else None,
    )


def _edge(item: dict[str, Any], tail: str, head: str, x0: float, y0: float) -> LaidEdge | None:
    operations = item.get("_draw_", [])
    points: list[tuple[float, float]] = []
    for operation in operations:
        if operation["op"] in ("b", "B"):
            points.extend((float(px) - x0, float(py) - y0) for px, py in operation["points"])
    if not points:
        return None
    # The spline stops short of the arrowhead; its tip (``e,x,y`` in ``pos``) is where the line really ends.
    position = str(item.get("pos", ""))
    if position.startswith("e,"):
        tip = position.split(" ", 1)[0][2:].split(",")
        points.append((float(tip[0]) - x0, float(tip[1]) - y0))
    relation = _RELATION.search(str(item.get("class", "")))
    return LaidEdge(
        svg_id=str(item["id"]),
        tail=tail,
        head=head,
        relation=relation.group(1) if relation else "supports",
        colour=_pen_of(operations) or "#000000",
        line_width=_line_width(operations, float(item.get("penwidth", 1.0))),
        style=str(item.get("style", "solid")),
        arrowhead=str(item.get("arrowhead", "normal")),
        points=tuple(points),
        label=_label_lines(item.get("_ldraw_", [])),
        label_at=tuple(float(v) - o for v, o in zip(str(item["lp"]).split(","), (x0, y0), strict=True))  # type: ignore[arg-type]
        if "lp" in item
        else None,
    )


def _fill_of(operations: Any) -> str | None:
    for operation in operations:
        if operation["op"] == "C" and operation.get("grad", "none") == "none":
            return _colour(operation["color"])
    return None


def _pen_of(operations: Any) -> str | None:
    for operation in operations:
        if operation["op"] == "c" and operation.get("grad", "none") == "none":
            return _colour(operation["color"])
    return None


def _line_width(operations: Any, default: float) -> float:
    for operation in operations:
        if operation["op"] == "S":
            found = _LINE_WIDTH.fullmatch(operation["style"])
            if found:
                return float(found.group(1))
    return default


def _colour(value: str) -> str | None:
    """``#rrggbb`` from Graphviz's ``#rrggbb`` or ``#rrggbbaa`` (None when fully transparent)."""
    value = value.strip()
    if value == "transparent" or (len(value) == 9 and value.endswith("00")):
        return None
    return value[:7].upper() if value.startswith("#") else value


def line_pitches(lines: tuple[tuple[TextPiece, ...], ...]) -> list[float]:
    """The distance (points) from each line's baseline to the one above, as Graphviz set them.

    The first line gets the second's pitch, in proportion to its size (15 pt for 14 pt text alone).
    """
    sizes = [max(piece.size for piece in line) for line in lines]
    baselines = [line[0].baseline for line in lines]
    pitches = [above - below for above, below in itertools.pairwise(baselines)]
    first = pitches[0] * sizes[0] / sizes[1] if pitches and pitches[0] > 0 else (sizes[0] * 15 / 14 if sizes else 0)
    return [first, *pitches] if sizes else []


def _label_lines(operations: Any) -> tuple[tuple[TextPiece, ...], ...]:
    """The label's text operations grouped into lines (one baseline each), top line first."""
    size, colour = 14.0, "#000000"
    by_baseline: dict[float, list[tuple[float, TextPiece]]] = {}
    for operation in operations:
        if operation["op"] == "F":
            size = float(operation["size"])
        elif operation["op"] == "c":
            colour = _colour(operation["color"]) or colour
        elif operation["op"] == "T":
            x, y = (float(v) for v in operation["pt"])
            by_baseline.setdefault(round(y, 1), []).append((x, TextPiece(str(operation["text"]), size, colour, round(y, 1))))
    return tuple(
        tuple(piece for _, piece in sorted(pieces, key=lambda p: p[0]))
        for _, pieces in sorted(by_baseline.items(), key=lambda item: -item[0])
    )


@dataclass(frozen=True)
class MapLayout:
    """A whole map as Graphviz laid it out, with the map ids of what it drew."""

    layout: PictureLayout
    #: SVG id of each drawn statement and joint (``am-n1``) -> its map id.
    map_ids: dict[str, str]
    #: SVG id of each line (``am-e1``) -> the line.
    edges: dict[str, DrawnEdge]
    #: SVG id of each section box (``am-s1``) -> the section's id.
    sections: dict[str, str]

    def statements(self, argument_map: ArgumentMap) -> list[tuple[str, LaidNode]]:
        """(map id, laid node) of each statement drawn, in the map's order."""
        by_map_id = {self.map_ids[key]: node for key, node in self.layout.nodes.items() if key in self.map_ids}
        return [(node_id, by_map_id[node_id]) for node_id in argument_map.nodes if node_id in by_map_id]

    def joints(self, argument_map: ArgumentMap) -> list[tuple[str, LaidNode]]:
        """(map id, laid node) of each joint point drawn (linked arguments, undercut relations), in drawing order."""
        return [
            (self.map_ids[key], node)
            for key, node in self.layout.nodes.items()
            if node.kind == "joint" and self.map_ids.get(key) not in (None, *argument_map.nodes)
        ]


def map_layout(
    argument_map: ArgumentMap, options: RenderOptions | None = None, *, diagnostics: Sequence[Diagnostic] | None = None
) -> MapLayout:
    """The map laid out as ``render`` draws it with ``options`` (default: sections as boxes, no legend).

    ``diagnostics`` are what ``options.show_issues`` marks.
    """
    from usfk_argmap.analysis.drawn import drawn_edges, svg_ids
    from usfk_argmap.drawing.options import RenderOptions
    from usfk_argmap.drawing.render import layout_source

    options = options if options is not None else RenderOptions(clusters=True)
    dot_text, engine = layout_source(argument_map, options, diagnostics=diagnostics)
    layout = lay_out(dot_text, engine)
    sections = {f"am-s{index}": section for index, section in enumerate(argument_map.sections, 1)}
    return MapLayout(
        layout,
        {svg_id: map_id for map_id, svg_id in svg_ids(argument_map).items()},
        {edge.svg_id: edge for edge in drawn_edges(argument_map)},
        {cluster.svg_id: sections[cluster.svg_id] for cluster in layout.clusters if cluster.svg_id in sections},
    )
