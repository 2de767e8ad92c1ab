"""Where things go on a slide: Graphviz points to EMU, connection sites of our shapes, and connector routes.

A connector in DrawingML is glued to a *connection site* of a shape (an index
into the preset's ``cxnLst``, ECMA-376 Part 1, 20.1.9 and its preset shape
definitions). Here are the sites of our shapes and the sites Graphviz's own
ends of a line suggest; ``routing`` chooses the route between them and
``connector_paths`` says what path a viewer draws for it.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass

#: EMU per point.
EMU_PER_POINT = 12_700
#: The largest enlargement of a picture (Graphviz's 14 pt text at most about 22 pt on the slide).
MAX_SCALE = 1.6
#: Octagon corner cut, as DrawingML's ``adj`` (100000 = the shorter side); the preset's default.
OCTAGON_ADJ = 29_289

Vector = tuple[float, float]
UP: Vector = (0.0, -1.0)
DOWN: Vector = (0.0, 1.0)
LEFT: Vector = (-1.0, 0.0)
RIGHT: Vector = (1.0, 0.0)


@dataclass(frozen=True)
class Placement:
    """A picture laid on a slide: EMU per Graphviz point, and the EMU position of its top-left corner."""

    scale: float
    left: float
    top: float
    #: The picture's height in points (Graphviz's y grows upwards, the slide's downwards).
    height: float
    #: How much each statement's box and text are enlarged about the box's centre (``reach_floor``).
    grow: float = 1.0
    #: How much a statement's text is enlarged, when more than its box: into the box's padding (``reach_floor``).
    text_grow: float | None = None

    def point(self, x: float, y: float) -> Vector:
        return self.left + x * self.scale, self.top + (self.height - y) * self.scale

    def length(self, points: float) -> float:
        return points * self.scale

    @property
    def statement_text_grow(self) -> float:
        """How much a statement's text is enlarged (its box's growth, or more where the padding allows)."""
        return self.grow if self.text_grow is None else self.text_grow

    @property
    def text_scale(self) -> float:
        """Slide points per Graphviz point (font sizes and line widths scale by this)."""
        return self.scale / EMU_PER_POINT


def fit(width: float, height: float, area: tuple[int, int, int, int]) -> Placement:
    """Place a picture of ``width`` x ``height`` points as large as fits in ``area`` (left, top, width, height EMU), centred."""
    left, top, area_width, area_height = area
    scale = min(area_width / max(width, 1.0), area_height / max(height, 1.0), MAX_SCALE * EMU_PER_POINT)
    return Placement(scale, left + (area_width - width * scale) / 2, top + (area_height - height * scale) / 2, height)


#: Room kept between two boxes enlarged for the text floor, in Graphviz points.
MIN_BOX_GAP = 8.0
#: The padding Graphviz leaves round a statement's text on each side (its ``NODE_MARGIN``, 0.14 x 0.08 in), and
#: the share of it the text may grow into when the boxes cannot grow far enough (half: the text never touches).
PADDING = (0.14 * 72, 0.08 * 72)
PADDING_KEPT = 0.5


def reach_floor(
    placement: Placement, boxes: Sequence[tuple[float, float, float, float]], smallest: float, floor: float | None
) -> Placement:
    """``placement`` with its boxes and their text grown so text of ``smallest`` points is ``floor`` slide points.

    ``boxes`` are the statements' centres and sizes (x, y, width, height, Graphviz points). A picture fitted to
    the slide may set its text below the floor; its boxes then grow about their centres, lines and positions
    staying where they are, as far as every two boxes keep ``MIN_BOX_GAP`` apart (``room_to_grow``). Where
    that is not far enough, the text grows further into the boxes' padding, keeping ``PADDING_KEPT`` of it
    (``room_in_padding``).
    """
    if floor is None or smallest <= 0:
        return placement
    wanted = floor / (smallest * placement.text_scale) * 1.001  # a hair over: sizes are written in 1/100 pt
    if wanted <= 1.0:
        return placement
    grow = min(wanted, room_to_grow(boxes))
    if grow >= wanted:
        return dataclasses.replace(placement, grow=grow)
    return dataclasses.replace(placement, grow=grow, text_grow=max(grow, min(wanted, room_in_padding(boxes, grow))))


def room_in_padding(boxes: Sequence[tuple[float, float, float, float]], grow: float) -> float:
    """The largest factor the text of every box can grow by, its box grown by ``grow``, keeping ``PADDING_KEPT``.

    Graphviz sized each box as its text plus ``PADDING`` on each side; the text's own extent is the rest.
    """
    room = math.inf
    for _, _, width, height in boxes:
        for side, padding in ((width, PADDING[0]), (height, PADDING[1])):
            text = side - 2 * padding
            if text > 0:
                room = min(room, (side * grow - 2 * padding * PADDING_KEPT) / text)
    return room if math.isfinite(room) else grow


def room_to_grow(boxes: Sequence[tuple[float, float, float, float]]) -> float:
    """The largest factor every box can grow by about its centre and stay ``MIN_BOX_GAP`` from each other box."""
    room = math.inf
    for index, (ax, ay, aw, ah) in enumerate(boxes):
        for bx, by, bw, bh in boxes[index + 1 :]:
            across = (abs(ax - bx) - MIN_BOX_GAP) / max((aw + bw) / 2, 1e-9)
            along = (abs(ay - by) - MIN_BOX_GAP) / max((ah + bh) / 2, 1e-9)
            room = min(room, max(across, along))
    return max(1.0, room)


@dataclass(frozen=True)
class Site:
    """A connection site: its index in the preset's ``cxnLst``, its position (EMU) and outward direction."""

    index: int
    x: float
    y: float
    direction: Vector


def sites(geometry: str, left: float, top: float, width: float, height: float) -> list[Site]:
    """The connection sites of a shape, in the order of its preset's ``cxnLst``.

    ``rect``, ``roundRect``, ``foldedCorner`` (and our cut-corner box) have four:
    top, left, bottom, right. ``octagon`` has eight, two on each side, from the
    upper right going clockwise; ``ellipse`` eight, from the top going anticlockwise.
    """
    r, b = left + width, top + height
    cx, cy = left + width / 2, top + height / 2
    if geometry == "octagon":
        cut = min(width, height) * OCTAGON_ADJ / 100_000
        points = [
            (r, top + cut, RIGHT),
            (r, b - cut, RIGHT),
            (r - cut, b, DOWN),
            (left + cut, b, DOWN),
            (left, b - cut, LEFT),
            (left, top + cut, LEFT),
            (left + cut, top, UP),
            (r - cut, top, UP),
        ]
    elif geometry == "ellipse":
        dx, dy = width / 2 * (1 - math.sqrt(0.5)), height / 2 * (1 - math.sqrt(0.5))
        d = math.sqrt(0.5)
        points = [
            (cx, top, UP),
            (left + dx, top + dy, (-d, -d)),
            (left, cy, LEFT),
            (left + dx, b - dy, (-d, d)),
            (cx, b, DOWN),
            (r - dx, b - dy, (d, d)),
            (r, cy, RIGHT),
            (r - dx, top + dy, (d, -d)),
        ]
    else:
        points = [(cx, top, UP), (left, cy, LEFT), (cx, b, DOWN), (r, cy, RIGHT)]
    return [Site(index, x, y, direction) for index, (x, y, direction) in enumerate(points)]


def facing_sides(start: tuple[float, float, float, float], end: tuple[float, float, float, float]) -> tuple[Vector, Vector]:
    """Which way a line leaves its start box and enters its end box (left, top, right, bottom EMU).

    Across the wider gap between the boxes: a box wholly above another is reached from below
    (top site to bottom site), one beside it from the side. This is how Graphviz runs a line between
    ranks, and a connector between the facing sides is a plain S or straight line in every viewer.
    """
    s_left, s_top, s_right, s_bottom = start
    e_left, e_top, e_right, e_bottom = end
    vertical_gap = max(e_top - s_bottom, s_top - e_bottom)
    horizontal_gap = max(e_left - s_right, s_left - e_right)
    if vertical_gap >= horizontal_gap:
        return (UP, DOWN) if e_bottom <= s_top or (e_top + e_bottom) < (s_top + s_bottom) else (DOWN, UP)
    return (LEFT, RIGHT) if e_right <= s_left or (e_left + e_right) < (s_left + s_right) else (RIGHT, LEFT)


def best_site(candidates: list[Site], x: float, y: float, outward: Vector, size: float) -> Site:
    """The site that faces the way Graphviz's line leaves the shape (``outward``), then the one nearest its end.

    The direction counts most: Graphviz often ends a line near a box's corner, where the nearest site may
    be on the side although the line runs up or down. ``size`` (the shape's larger side) scales distance.
    """
    length = math.hypot(*outward)
    ux, uy = (outward[0] / length, outward[1] / length) if length else (0.0, 0.0)

    def cost(site: Site) -> float:
        facing = site.direction[0] * ux + site.direction[1] * uy
        distance = math.hypot(site.x - x, site.y - y) / max(size, 1.0)
        return (1.0 - facing) + 0.25 * distance

    return min(candidates, key=cost)
