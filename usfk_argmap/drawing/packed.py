"""A big map laid out in pieces and packed: no single Graphviz run holds the whole map.

A map of more statements than ``placement.PACKED_ABOVE`` is cut into pieces of at
most ``placement.PIECE_LIMIT`` statements: sections apart (a section drawn as a
box is one piece whatever its size), each cut along the map's tree, whole
branches kept together where they fit (``pieces``). Each piece is
laid out by dot on its own, with the search limits of its own size
(``placement.layered_layout_attributes``); the laid-out pieces are packed in rows
about as wide as a screen is, in the map's order, the thesis's piece top left
(``pack``). The whole map's DOT then gets every statement's, line's and box's
position (``positioned``), and ``neato -n2`` draws it as laid out: the lines within
a piece as dot routed them, the few lines between pieces straight. So the picture
is one SVG or PDF with every statement and every line of the map, its text at its
own size, no two statements on top of each other; and the same map gives the same
bytes, as every step is in a fixed order.

The DOT text is edited as ``dot.DotBuilder`` writes it (pydot's ``to_string``: one
statement a line, names synthetic ASCII), so no DOT parser is needed.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from usfk_argmap.drawing import placement
from usfk_argmap.drawing.placement import layered_layout_attributes

if TYPE_CHECKING:
    from usfk_argmap.core.model import ArgumentMap
    from usfk_argmap.drawing.cache import LayoutCache
    from usfk_argmap.drawing.options import RenderOptions
    from usfk_argmap.drawing.placement import Line

#: Space between two packed pieces, in points: wider than dot's own gaps, so a piece reads as one.
PIECE_GAP = 72.0
#: The shape (width / height) the packed pieces fill, row by row: a 16:9 screen.
PACKED_ASPECT = 16 / 9
#: Graph attributes of the whole drawing a piece does not take (the force layout's, the search limits
#: of the whole map's size): a piece gets the limits of its own size.
_SIZE_SETTINGS = frozenset({"overlap", "splines", "nslimit", "nslimit1", "mclimit", "remincross", "searchsize"})
_GRAPH_SETTING = re.compile(r"^(\w+)=")
_NODE_LINE = re.compile(r"^(\w+) \[")
_EDGE_LINE = re.compile(r"^(\w+) -> (\w+)(?: \[(?:id=\"([^\"]*)\")?)?")
_RANKDIR = re.compile(r"^rankdir=(\w+);$")
_CLUSTER_START = re.compile(r"^subgraph (cluster_\w+) \{$")
_POINT = re.compile(r"(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?),(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)")


class Drawing(Protocol):
    """What the packing reads of the drawing it lays out (``dot.DotBuilder`` has it)."""

    @property
    def map(self) -> ArgumentMap: ...
    @property
    def shown(self) -> set[str]: ...
    @property
    def names(self) -> Mapping[str, str]: ...
    @property
    def edges(self) -> Sequence[Line]: ...


D = TypeVar("D", bound=Drawing)


def pieces(
    nodes: Sequence[str], lines: Iterable[tuple[str, str]], groups: Mapping[str, str], limit: int, *, whole: bool = False
) -> list[list[str]]:
    """The drawn nodes cut into pieces of at most ``limit`` nodes (more only where a group is kept ``whole``).

    ``nodes`` are in the map's order, ``lines`` (source, target) point from a
    reason to its conclusion, ``groups`` gives each node's section (a node not in
    it is free). The free nodes come first (the thesis's piece on top), then each
    section in turn, never two in one piece; ``whole``: a section is one piece
    whatever its size (it is drawn as a box). Otherwise each is cut along its
    spanning tree (``tree_pieces``).
    """
    grouped: dict[str | None, list[str]] = {None: []}
    for node in nodes:
        grouped.setdefault(groups.get(node), []).append(node)
    lines = list(lines)
    result: list[list[str]] = []
    for group, members in grouped.items():
        if group is not None and whole:
            result.append(members)
        elif members:
            result.extend(tree_pieces(members, lines, limit))
    return result


def tree_pieces(nodes: Sequence[str], lines: Iterable[tuple[str, str]], limit: int) -> list[list[str]]:
    """``nodes`` cut into pieces of at most ``limit`` along their spanning tree (the ``lines`` among them).

    Each node hangs under the first conclusion it was reached from, breadth first
    from the nodes that point at nothing (in the given order: the thesis first).
    Every branch of at most ``limit`` nodes is a unit, every node of a bigger
    branch a unit of its own, and the units, in the tree's depth-first order, fill
    pieces up to ``limit``: a piece is whole branches, and few lines are cut.
    """
    free = list(nodes)
    free_set = set(free)
    reasons: dict[str, list[str]] = {node: [] for node in free}
    concludes: set[str] = set()
    for source, target in lines:
        if source in free_set and target in free_set and source != target:
            reasons[target].append(source)
            concludes.add(source)
    # Breadth first from the tops (the thesis first), so each node hangs under its nearest conclusion.
    parent: dict[str, str | None] = {}
    for top in [node for node in free if node not in concludes] + free:
        if top in parent:
            continue
        parent[top] = None
        queue = [top]
        for node in queue:
            for reason in reasons[node]:
                if reason not in parent:
                    parent[reason] = node
                    queue.append(reason)
    children: dict[str, list[str]] = {node: [] for node in free}
    roots = []
    for node, above in parent.items():
        if above is None:
            roots.append(node)
        else:
            children[above].append(node)
    order = _depth_first(roots, children)
    size = dict.fromkeys(order, 1)
    for node in reversed(order):
        above = parent[node]
        if above is not None:
            size[above] += size[node]
    units: list[list[str]] = []
    at = 0
    while at < len(order):
        span = size[order[at]] if size[order[at]] <= limit else 1
        units.append(order[at : at + span])
        at += span
    result: list[list[str]] = []
    current: list[str] = []
    for unit in units:
        if current and len(current) + len(unit) > limit:
            result.append(current)
            current = []
        current.extend(unit)
    if current:
        result.append(current)
    return result


def _depth_first(roots: Sequence[str], children: Mapping[str, Sequence[str]]) -> list[str]:
    """The nodes in depth-first preorder (a branch's nodes follow its head, one after the other)."""
    order: list[str] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(children[node]))
    return order


def piece_text(dot_text: str, names: Collection[str], direction: str | None = None) -> str:
    """The whole map's DOT reduced to the nodes named (and the lines between them), with dot's limits for its size.

    ``direction``: the piece's ``rankdir`` instead of the whole map's (None: the map's). A section box
    none of whose nodes is in the piece is left out (Graphviz would draw it empty).
    """
    out: list[str] = []
    # The blocks being read, innermost last: a box's own lines (and whether it holds a node of the
    # piece), or None for a block whose lines go straight to the one around it.
    blocks: list[tuple[list[str], bool] | None] = []
    header = True

    def target() -> list[str]:
        for block in reversed(blocks):
            if block is not None:
                return block[0]
        return out

    def holds_a_node() -> None:
        for index in range(len(blocks) - 1, -1, -1):
            block = blocks[index]
            if block is not None:
                blocks[index] = (block[0], True)

    for line in dot_text.splitlines():
        if header:
            setting = _GRAPH_SETTING.match(line)
            if setting and setting.group(1) in _SIZE_SETTINGS:
                continue
            if setting and setting.group(1) == "rankdir" and direction is not None:
                line = f"rankdir={direction};"
            if line.startswith("node ["):
                header = False
                out.extend(f"{key}={value};" for key, value in layered_layout_attributes(len(names)).items())
        edge = _EDGE_LINE.match(line)
        if edge:
            if edge.group(1) in names and edge.group(2) in names:
                target().append(line)
            continue
        node = _NODE_LINE.match(line)
        if node and node.group(1) not in ("node", "edge", "graph"):
            if node.group(1) in names:
                target().append(line)
                holds_a_node()
            continue
        if _CLUSTER_START.match(line):
            blocks.append(([line], False))
            continue
        if line.endswith("{") and line.startswith("subgraph"):
            target().append(line)
            blocks.append(None)
            continue
        if line == "}" and blocks:
            block = blocks.pop()
            if block is None:
                target().append(line)
            elif block[1]:
                target().extend([*block[0], line])
            continue
        target().append(line)
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class LaidPiece:
    """One piece as dot laid it out: its bounding box and the positions of what it drew, by name.

    bounds: (left, bottom, right, top) in points.
    nodes: node name -> its position attributes (``pos``, ``xlp``) and its size (``width``, ``height``: inches).
    edges: (tail, head, id) -> its position attributes (``pos``, ``lp``...).
    boxes: section box name (``cluster_s1``) -> its ``bb`` and ``lp``.
    """

    bounds: tuple[float, float, float, float]
    nodes: dict[str, dict[str, str]]
    edges: dict[tuple[str, str, str], dict[str, str]]
    boxes: dict[str, dict[str, str]]

    @classmethod
    def from_json(cls, data: bytes) -> LaidPiece:
        """A piece read from dot's ``-Tjson`` output."""
        graph = json.loads(data)
        objects = graph.get("objects", [])
        nodes: dict[str, dict[str, str]] = {}
        boxes: dict[str, dict[str, str]] = {}
        for item in objects:
            name = item.get("name", "")
            if "nodes" in item or "edges" in item or "subgraphs" in item:
                if name.startswith("cluster_") and "bb" in item:
                    boxes[name] = {key: item[key] for key in ("bb", "lp") if key in item}
                continue
            nodes[name] = {key: item[key] for key in ("pos", "xlp", "width", "height") if key in item}
        edges: dict[tuple[str, str, str], dict[str, str]] = {}
        for item in graph.get("edges", []):
            key = (objects[item["tail"]]["name"], objects[item["head"]]["name"], item.get("id", ""))
            edges[key] = {name: item[name] for name in ("pos", "lp", "xlp", "head_lp", "tail_lp") if name in item}
        left, bottom, right, top = (float(value) for value in graph["bb"].split(","))
        return cls((left, bottom, right, top), nodes, edges, boxes)

    @property
    def size(self) -> tuple[float, float]:
        left, bottom, right, top = self.bounds
        return right - left, top - bottom


def pack(
    sizes: Sequence[tuple[float, float]], gap: float = PIECE_GAP, aspect: float = PACKED_ASPECT, *, from_right: bool = False
) -> list[tuple[float, float]]:
    """Where each box of ``sizes`` (width, height) goes: the offset of its bottom left corner, in order.

    The boxes fill rows left to right (``from_right``: right to left, for pieces whose
    conclusions are on their right), in order, each row as wide as the widest box or as
    a picture of their total area in the shape ``aspect``, whichever is wider; the first
    row is on top, a box's top at its row's top; ``gap`` apart.
    """
    area = sum((width + gap) * (height + gap) for width, height in sizes)
    row_width = max([math.sqrt(area * aspect), *(width for width, _ in sizes)])
    rows: list[list[int]] = [[]]
    used = 0.0
    for index, (width, _) in enumerate(sizes):
        if rows[-1] and used + width > row_width:
            rows.append([])
            used = 0.0
        rows[-1].append(index)
        used += width + gap
    heights = [max(sizes[index][1] for index in row) for row in rows]
    top = sum(heights) + gap * (len(rows) - 1)
    offsets: list[tuple[float, float]] = [(0.0, 0.0)] * len(sizes)
    for row, height in zip(rows, heights, strict=True):
        left = 0.0
        for index in row:
            width, piece_height = sizes[index]
            offsets[index] = (left, top - piece_height)
            left += width + gap
        top -= height + gap
    if from_right:
        right = max(x + width for (x, _), (width, _) in zip(offsets, sizes, strict=True))
        offsets = [(right - x - width, y) for (x, y), (width, _) in zip(offsets, sizes, strict=True)]
    return offsets


def _moved(value: str, dx: float, dy: float) -> str:
    """Every ``x,y`` pair of a Graphviz position attribute moved by (dx, dy) points."""

    def move(match: re.Match[str]) -> str:
        return f"{_number(float(match.group(1)) + dx)},{_number(float(match.group(2)) + dy)}"

    return _POINT.sub(move, value)


def _number(value: float) -> str:
    """A coordinate as Graphviz writes one: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _attributes(values: Mapping[str, str]) -> str:
    return ", ".join(f'{key}="{value}"' for key, value in values.items())


def positioned(dot_text: str, laid: Sequence[LaidPiece], offsets: Sequence[tuple[float, float]]) -> str:
    """The whole map's DOT with each node, line and box at its place in the packed picture, drawn as laid out
    (``layout=nop2``: ``neato -n2``, whatever Graphviz command reads it).

    Lines dot did not route (between pieces) are left without a position: neato
    draws them straight (the drawing's ``splines=line``).
    """
    nodes: dict[str, str] = {}
    edges: dict[tuple[str, str, str], str] = {}
    boxes: dict[str, str] = {}
    for piece, (x, y) in zip(laid, offsets, strict=True):
        dx, dy = x - piece.bounds[0], y - piece.bounds[1]
        for name, values in piece.nodes.items():
            nodes[name] = _attributes({key: _moved(values[key], dx, dy) for key in ("pos", "xlp") if key in values})
        for key, values in piece.edges.items():
            edges[key] = _attributes({name: _moved(value, dx, dy) for name, value in values.items()})
        for name, values in piece.boxes.items():
            boxes[name] = "".join(f'{key}="{_moved(value, dx, dy)}";' for key, value in values.items())
    out: list[str] = []
    for line in dot_text.splitlines():
        if not out:
            # Drawn as laid out whatever Graphviz command reads it (``neato -n2``'s layout).
            out.extend([line, "layout=nop2;"])
            continue
        edge = _EDGE_LINE.match(line)
        if edge:
            place = edges.get((edge.group(1), edge.group(2), edge.group(3) or ""))
            if place:
                line = f"{line[:-2]}, {place}];" if line.endswith("];") else f"{line[:-1]} [{place}];"
        else:
            node = _NODE_LINE.match(line)
            if node and node.group(1) in nodes and nodes[node.group(1)]:
                line = f"{node.group(1)} [{nodes[node.group(1)]}, {line[node.end() :]}"
            else:
                box = _CLUSTER_START.match(line)
                if box and box.group(1) in boxes:
                    line = f"{line}\n{boxes[box.group(1)]}"
        out.append(line)
    return "\n".join(out) + "\n"


def piece_groups(drawing: Drawing) -> dict[str, str]:
    """The section of each drawn statement in one, by node name.

    A joint point goes with its conclusion, as ``DotBuilder`` draws it in its conclusion's box.
    """
    if not drawing.map.sections:
        return {}
    names = drawing.names
    section = {names[node.id]: node.section for node in drawing.map.nodes.values() if node.section and node.id in drawing.shown}
    for edge in drawing.edges:
        # A joint's own line leads to its conclusion.
        if edge.source not in drawing.map.nodes and names.get(edge.target) in section:
            section.setdefault(names[edge.source], section[names[edge.target]])
    return section


def drawn_names(dot_text: str) -> list[str]:
    """The names of the nodes of a DOT text, in its order."""
    return [
        match.group(1)
        for match in map(_NODE_LINE.match, dot_text.splitlines())
        if match and match.group(1) not in ("node", "edge", "graph")
    ]


def drawing_pieces(dot_text: str, drawing: Drawing, clusters: bool, limit: int | None = None) -> list[list[str]]:
    """The names of the nodes of each piece of a drawing (``pieces``), the legend's nodes last, as one piece."""
    names = drawn_names(dot_text)
    mine = set(drawing.names.values())
    lines = [
        (drawing.names[edge.source], drawing.names[edge.target])
        for edge in drawing.edges
        if drawing.names.get(edge.source) in mine and drawing.names.get(edge.target) in mine
    ]
    limit = placement.PIECE_LIMIT if limit is None else limit
    cut = pieces([name for name in names if name in mine], lines, piece_groups(drawing), limit, whole=clusters)
    others = [name for name in names if name not in mine]
    if others:
        cut.append(others)
    return cut


def packed_dot(dot_text: str, drawing: D, options: RenderOptions) -> tuple[str, D]:
    """The whole map's DOT laid out in pieces and packed, with the drawing that made it (``render._dot_text``).

    Left to itself (``direction`` auto), a piece is drawn RL: a branch of a thousand statements
    drawn BT is a hundred times as wide as it is high; drawn RL, the pieces pack into rows.
    """
    direction = "RL" if options.direction == "auto" else None
    return packed_text(dot_text, drawing, clusters=options.clusters, direction=direction), drawing


def packed_text(
    dot_text: str,
    drawing: Drawing,
    *,
    clusters: bool,
    direction: str | None = None,
    limit: int | None = None,
    cache: LayoutCache | None = None,
) -> str:
    """The whole map's DOT laid out in pieces and packed (``neato -n2`` draws it): see the module's text.

    ``clusters``: sections are drawn as boxes (each is one piece); ``direction``: the pieces'
    ``rankdir`` (None: the map's); ``limit``: the most nodes of a piece (None: ``placement.PIECE_LIMIT``).
    Nodes that are not the map's (the legend's) are a piece of their own, packed last.
    """
    from concurrent.futures import ThreadPoolExecutor

    from usfk_argmap.drawing.cache import LayoutCache

    texts = [piece_text(dot_text, set(piece), direction) for piece in drawing_pieces(dot_text, drawing, clusters, limit)]
    cache = cache if cache is not None else LayoutCache.from_environment()
    workers = max(1, min(os.cpu_count() or 1, len(texts)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        laid = [LaidPiece.from_json(data) for data in pool.map(lambda text: cache.run(text, "json", "dot"), texts)]
    rankdir = direction or next((m.group(1) for m in map(_RANKDIR.match, dot_text.splitlines()) if m), "TB")
    return positioned(dot_text, laid, pack([piece.size for piece in laid], from_right=rankdir == "LR"))
