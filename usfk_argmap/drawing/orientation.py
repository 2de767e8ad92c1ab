"""Which way a map is drawn when the options leave it open (``direction="auto"``).

A map drawn with its conclusion on top (BT) grows as wide as its broadest
rank: five main claims with a dozen reasons each make a picture five times as
wide as it is high, which a screen shows only shrunk past reading. Drawn with
the conclusion on the left (RL), the same map grows down instead, by the
height of a box (a third of its width) a statement. So ``auto`` lays the map
out top-down first and keeps that when it fits a screen; when it is wider than
``MAX_ASPECT``, it lays it out left to right as well and keeps the one whose
shape is nearer the screen's (or the ``fit`` size's). The layouts it tries can be the
picture itself (``auto_layout``): the one that wins is not laid out again. Most maps are
far from the rule's thresholds: an estimate of both shapes from the DOT text
(``predicted_direction``) chooses for them, and only that way is laid out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from usfk_argmap.core.errors import GraphvizFailedError, GraphvizNotFoundError

if TYPE_CHECKING:
    from usfk_argmap.drawing.options import RenderOptions

#: The widest picture (width / height) drawn top-down without trying the other way: a 16:9 screen
#: shows a 2:1 picture at nine tenths of its height.
MAX_ASPECT = 2.0
#: The shape a picture is fitted to when no ``fit`` size is given: a 16:9 screen.
SCREEN_ASPECT = 16 / 9
#: Above this many statements ``auto`` draws top-down without a second layout: no screen shows
#: such a map whole either way, and dot's layout of it takes seconds.
AUTO_LIMIT = 300
#: The way ``auto`` tries first, and the one it tries when that is too wide.
FIRST, SECOND = "BT", "RL"
#: Up to this many statements, ``auto_layout(together=True)`` lays a map out both ways in one Graphviz
#: run: the second layout costs less than starting Graphviz again (about 15 ms with a CJK font; a
#: 120-statement map's second layout adds 6 to 12 ms), and most maps of this size are too wide top-down.
TOGETHER_LIMIT = 150

#: What a trial layout gives besides its size: the drawing's output, when the trial is the picture.
Output = TypeVar("Output")


def aspect(size: tuple[float, float]) -> float:
    """Width over height of a layout's size (a zero height counts as very wide)."""
    width, height = size
    return width / height if height > 0 else math.inf


def fitting_direction(layout_size: Callable[[str], tuple[float, float]], target: float | None = None, statements: int = 0) -> str:
    """BT, or RL when BT is wider than ``MAX_ASPECT`` (or ``target``) and RL's shape is nearer ``target``.

    ``layout_size(direction)`` lays the map out that way and gives its width and
    height; ``target`` is the shape wanted (width / height; None: a 16:9 screen).
    A map of more than ``AUTO_LIMIT`` statements is drawn BT without a layout.
    When Graphviz is missing or fails here, BT is chosen, and the drawing itself reports it.
    """
    wanted = target or SCREEN_ASPECT
    if statements > AUTO_LIMIT:
        return FIRST
    try:
        first = aspect(layout_size(FIRST))
        if first <= max(MAX_ASPECT, wanted):
            return FIRST
        second = aspect(layout_size(SECOND))
    except (GraphvizNotFoundError, GraphvizFailedError, ValueError):
        return FIRST
    return SECOND if abs(math.log(second / wanted)) < abs(math.log(first / wanted)) else FIRST


def fitting_layout(
    lay_out: Callable[[str], tuple[tuple[float, float], Output]], target: float | None = None, statements: int = 0
) -> tuple[str, Output | None]:
    """The direction ``fitting_direction`` chooses, and what ``lay_out(direction)`` gave for it.

    ``lay_out`` gives a layout's width and height and the output made from it
    (the picture itself, say), so the trial that wins is not laid out again.
    The output is None when that direction was not laid out: a map of more than
    ``AUTO_LIMIT`` statements, or Graphviz missing or failing on it.
    """
    outputs: dict[str, Output] = {}

    def layout_size(direction: str) -> tuple[float, float]:
        size, outputs[direction] = lay_out(direction)
        return size

    direction = fitting_direction(layout_size, target, statements)
    return direction, outputs.get(direction)


def plain_size(plain: bytes) -> tuple[float, float]:
    """Width and height (inches) from Graphviz's ``plain`` output, whose first line is ``graph scale width height``."""
    fields = plain.split(b"\n", 1)[0].split()
    if len(fields) < 4 or fields[0] != b"graph":
        raise ValueError(f"Graphviz's plain output starts with {plain[:40]!r}, not a graph line")
    return float(fields[2]), float(fields[3])


def auto_layout(
    options: RenderOptions,
    statements: int,
    dot_text: Callable[[RenderOptions], str],
    lay_out: Callable[[list[str]], Sequence[tuple[tuple[float, float], Output]]],
    *,
    together: bool = False,
) -> tuple[RenderOptions, Output | None]:
    """``options`` with ``auto`` replaced by the direction it stands for, and ``lay_out``'s output for it.

    ``dot_text(options)`` builds the drawing's DOT text with those options;
    ``lay_out(texts)`` lays those texts out with dot, giving for each its width
    and height (inches, as Graphviz's ``plain`` output says them) and what else
    the caller wants of the layout; ``statements`` is how many statements the
    drawing shows. The direction is ``fitting_direction``'s over these layouts;
    only dot ranks by direction: under another engine, BT. With ``together``, a
    map of at most ``TOGETHER_LIMIT`` statements is laid out both ways in one
    call, before it is known whether the second is needed. The output is None
    when the chosen drawing was not laid out here (a direction given, another
    engine, a large map, Graphviz failing): the caller lays it out. Where
    ``predicted_direction`` is sure of the direction (on the BT text), only that
    direction is laid out.
    """
    if options.direction != "auto":
        return options, None
    if (options.engine or "dot") != "dot":
        return replace(options, direction=FIRST), None
    target = None
    if options.fit is not None:
        width, height = options.fit_inches()
        target = width / height
    if statements <= AUTO_LIMIT:
        predicted = predicted_direction(dot_text(replace(options, direction=FIRST)), target)
        if predicted is not None:
            chosen = replace(options, direction=predicted)
            try:
                return chosen, lay_out([dot_text(chosen)])[0][1]
            except (GraphvizNotFoundError, GraphvizFailedError, ValueError):
                return replace(options, direction=FIRST), None  # as ``fitting_direction`` falls back
    both = together and statements <= TOGETHER_LIMIT
    found: dict[str, tuple[tuple[float, float], Output]] = {}

    def laid_out(direction: str) -> tuple[tuple[float, float], Output]:
        if direction not in found:
            ways = (FIRST, SECOND) if both and direction == FIRST else (direction,)
            results = lay_out([dot_text(replace(options, direction=way)) for way in ways])
            found.update(zip(ways, results, strict=True))
        return found[direction]

    direction, output = fitting_layout(laid_out, target, statements)
    return replace(options, direction=direction), output


def auto_direction(options: RenderOptions, statements: int, dot_text: Callable[[RenderOptions], str]) -> str:
    """The direction ``auto`` stands for in one drawing: ``auto_layout`` over dot's ``plain`` layouts, one at a time.

    ``dot_text(options)`` builds the drawing's DOT text with those options;
    ``statements`` is how many statements it shows. Only dot ranks by
    direction: under another engine, BT.
    """
    from usfk_argmap.drawing.graphviz import run_graphviz

    def layout_sizes(texts: list[str]) -> list[tuple[tuple[float, float], None]]:
        return [(plain_size(run_graphviz(text, "plain", "dot")), None) for text in texts]

    chosen, _ = auto_layout(replace(options, direction="auto"), statements, dot_text, layout_sizes)
    return chosen.direction


def fitted(options: RenderOptions, statements: int, dot_text: Callable[[RenderOptions], str]) -> RenderOptions:
    """``options`` with ``auto`` replaced by the direction it stands for (``auto_direction``); others as they are."""
    if options.direction != "auto":
        return options
    return replace(options, direction=auto_direction(options, statements, dot_text))


#: How far dot's width-to-height ratio of a drawing strays from ``estimated_sizes``' (factors: over the bundled
#: maps and 300 synthetic ones of 5 to 300 statements, 0.81 to 1.50 top-down and 0.79 to 1.67 left to right,
#: widened): ``predicted_direction`` answers only when both ends of these ranges give the same direction.
ESTIMATE_RANGE = {FIRST: (0.7, 1.8), SECOND: (0.65, 2.0)}
_POINTS = 72.0
_LINE = re.compile(r"^(\w+) \[(.*)\];$")
_EDGE = re.compile(r"^(\w+) -> (\w+)(?: \[(.*)\])?;$")
_LABEL = re.compile(r"label=<(.*)>(?:,|$)")
_MINLEN = re.compile(r'minlen="?(\d+)')
_TAG = re.compile(r"<[^>]*>")


def _box(attributes: str) -> tuple[float, float] | None:
    """Width and height (inches) of a statement's box from its DOT attributes, or None when it is no plain label."""
    from html import unescape

    from usfk_argmap.drawing import style
    from usfk_argmap.drawing.wrap import display_width

    if "shape=point" in attributes:
        return style.JOINT_SIZE, style.JOINT_SIZE
    found = _LABEL.search(attributes)
    if found is None or "<TABLE" in found.group(1):
        return None
    lines = [unescape(_TAG.sub("", line)) for line in found.group(1).split("<BR/>")]
    size = style.FONT_SIZE / _POINTS
    width = max(map(display_width, lines)) * size + 0.28
    height = len(lines) * size * 1.2 + 0.16
    return max(width, 0.75), max(height, 0.5)


def estimated_sizes(dot_text: str) -> dict[str, tuple[float, float]] | None:
    """Rough width and height (inches) of a drawing's DOT text laid out BT and RL, or None when it cannot tell.

    Dot puts each statement on a rank (its longest chain of lines to the top) and
    the ranks side by side: top-down, the drawing is about as wide as its widest
    rank's boxes and as high as its ranks; left to right, the other way round. Clusters
    and what is not a one-line node or line (a legend's table) make it unknown.
    """
    from usfk_argmap.drawing import style

    boxes: dict[str, tuple[float, float]] = {}
    edges: list[tuple[str, str, int]] = []
    for line in dot_text.splitlines():
        if line.startswith(("subgraph cluster", 'subgraph "cluster')):
            return None
        edge = _EDGE.match(line)
        if edge is not None:
            attributes = edge.group(3) or ""
            if "constraint=false" not in attributes:
                minlen = _MINLEN.search(attributes)
                edges.append((edge.group(1), edge.group(2), int(minlen.group(1)) if minlen else 1))
            continue
        node = _LINE.match(line)
        if node is not None and node.group(1) not in ("node", "edge", "graph"):
            box = _box(node.group(2))
            if box is None:
                return None
            boxes[node.group(1)] = box
    if not boxes or any(tail not in boxes or head not in boxes for tail, head, _ in edges):
        return None
    # A head is drawn above its tail (BT): a statement's rank is its longest chain of lines to a top.
    heads: dict[str, list[tuple[str, int]]] = {}
    waiting = dict.fromkeys(boxes, 0)
    for tail, head, length in edges:
        heads.setdefault(head, []).append((tail, length))
        waiting[tail] += 1
    rank = dict.fromkeys(boxes, 0)
    ready = [name for name, count in waiting.items() if count == 0]
    for name in ready:  # grows while it is read
        for tail, length in heads.get(name, ()):
            rank[tail] = max(rank[tail], rank[name] + length)
            waiting[tail] -= 1
            if waiting[tail] == 0:
                ready.append(tail)
    if len(ready) < len(boxes):
        return None  # a cycle of lines: dot turns one round, which this does not follow
    ranks: dict[int, list[tuple[float, float]]] = {}
    for name, box in boxes.items():
        ranks.setdefault(rank[name], []).append(box)
    levels = range(max(ranks) + 1)
    across = [sum(w for w, _ in ranks.get(r, ())) + style.NODE_SEP * (len(ranks.get(r, ())) - 1) for r in levels]
    down = [sum(h for _, h in ranks.get(r, ())) + style.NODE_SEP * (len(ranks.get(r, ())) - 1) for r in levels]
    deep = [max((h for _, h in ranks.get(r, ())), default=0.0) for r in levels]
    broad = [max((w for w, _ in ranks.get(r, ())), default=0.0) for r in levels]
    gaps = style.RANK_SEP * (len(levels) - 1)
    return {FIRST: (max(across), sum(deep) + gaps), SECOND: (sum(broad) + gaps, max(down))}


def predicted_direction(dot_text: str, target: float | None = None) -> str | None:
    """The direction ``fitting_direction`` would choose for this DOT text (drawn BT), when its estimate is sure; else None.

    The shapes of ``estimated_sizes`` are widened by ``ESTIMATE_RANGE``; the answer
    is the one both ends of the ranges give, so that laying the map out both ways
    is needed only near the rule's thresholds.
    """
    sizes = estimated_sizes(dot_text)
    if sizes is None:
        return None
    wanted = target or SCREEN_ASPECT
    first, second = ((aspect(sizes[way]) * low, aspect(sizes[way]) * high) for way, (low, high) in ESTIMATE_RANGE.items())
    if first[1] <= max(MAX_ASPECT, wanted):
        return FIRST
    if first[0] <= max(MAX_ASPECT, wanted):
        return None

    def off(shape: float) -> float:
        return abs(math.log(shape / wanted))

    # How far each way's shape can be from the one wanted: off() of a range is smallest at its end nearer ``wanted``.
    first_off = sorted((off(first[0]), off(first[1])))
    second_off = sorted(((0.0 if second[0] <= wanted <= second[1] else min(map(off, second))), max(map(off, second))))
    if second_off[1] < first_off[0]:
        return SECOND
    if second_off[0] >= first_off[1]:
        return FIRST
    return None
