"""Where things go on a slide: Graphviz points to EMU, connection sites of our shapes, and connector routes.

A connector in DrawingML is glued to a *connection site* of a shape (an index
into the preset's ``cxnLst``, ECMA-376 Part 1, 20.1.9 and its preset shape
definitions). Its path is one of the preset connectors: a straight line
(``straightConnector1``), a curve leaving and arriving in the same direction
(``curvedConnector3``, an S) or at right angles (``curvedConnector2``). Each
is drawn in a local box from its top-left to its bottom-right corner, leaving
rightwards; rotation and flips turn it to leave up, down or left. Here a line is
glued to the sites nearest Graphviz's own ends of it, and given the curve that
matches the way it leaves and arrives.
"""

from __future__ import annotations

import math
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

    def point(self, x: float, y: float) -> Vector:
        return self.left + x * self.scale, self.top + (self.height - y) * self.scale

    def length(self, points: float) -> float:
        return points * self.scale

    @property
    def text_scale(self) -> float:
        """Slide points per Graphviz point (font sizes and line widths scale by this)."""
        return self.scale / EMU_PER_POINT


def fit(width: float, height: float, area: tuple[int, int, int, int]) -> Placement:
    """Place a picture of ``width`` x ``height`` points as large as fits in ``area`` (left, top, width, height EMU), centred."""
    left, top, area_width, area_height = area
    scale = min(area_width / max(width, 1.0), area_height / max(height, 1.0), MAX_SCALE * EMU_PER_POINT)
    return Placement(scale, left + (area_width - width * scale) / 2, top + (area_height - height * scale) / 2, height)


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


@dataclass(frozen=True)
class Route:
    """A connector's preset and transform: the local box (EMU), rotation in 60000ths of a degree, flips."""

    preset: str
    left: int
    top: int
    width: int
    height: int
    rotation: int = 0
    flip_h: bool = False
    flip_v: bool = False


#: Rotations (degrees clockwise, y down) that turn "leaving rightwards" into each direction.
_ROTATIONS: dict[Vector, int] = {RIGHT: 0, DOWN: 90, LEFT: 180, UP: 270}


def _axis(direction: Vector, along: Vector) -> Vector:
    """An axis direction for a site's outward direction (a diagonal site of an ellipse takes the line's main axis)."""
    if direction in _ROTATIONS:
        return direction
    dx, dy = along
    if abs(dx) >= abs(dy):
        return RIGHT if dx >= 0 else LEFT
    return DOWN if dy >= 0 else UP


def _unrotate(vector: Vector, degrees: int) -> Vector:
    """``vector`` rotated back by ``degrees`` clockwise (y down), into the connector's local frame."""
    x, y = vector
    for _ in range(degrees // 90):
        x, y = y, -x  # one quarter turn anticlockwise
    return x, y


#: The most sideways an S curve may run for each step forward (else the connector is straight).
MAX_S_SLANT = 2.5


def route(start: Site, end: Site, *, straight_below: float = 0.04) -> Route:
    """The connector from ``start`` to ``end``: straight when the sites are nearly in line, else a fitting curve."""
    dx, dy = end.x - start.x, end.y - start.y
    length = math.hypot(dx, dy) or 1.0
    leave = _axis(start.direction, (dx, dy))
    # The line arrives moving into the end shape: against the end site's outward direction.
    outward = _axis(end.direction, (-dx, -dy))
    arrive = (-outward[0], -outward[1])
    rotation = _ROTATIONS[leave]
    along, across = _unrotate((dx, dy), rotation)
    arrive_local = _unrotate(arrive, rotation)
    nearly_in_line = abs(across) <= straight_below * length
    if not nearly_in_line and along > 0:
        # A flat S (far sideways, little forward) is drawn straight: a viewer that routes curved connectors
        # itself (LibreOffice) loops such a curve out and back, and Graphviz's own line there is nearly straight.
        if arrive_local == (1.0, 0.0) and abs(across) <= MAX_S_SLANT * along:
            return _curve("curvedConnector3", start, end, rotation, along, across)
        if arrive_local[0] == 0 and arrive_local[1] * across > 0:
            return _curve("curvedConnector2", start, end, rotation, along, across)
    return _straight(start, end)


def _curve(preset: str, start: Site, end: Site, rotation: int, along: float, across: float) -> Route:
    width, height = abs(along), abs(across)
    centre_x, centre_y = (start.x + end.x) / 2, (start.y + end.y) / 2
    return Route(
        preset,
        round(centre_x - width / 2),
        round(centre_y - height / 2),
        round(width),
        round(height),
        rotation * 60_000,
        flip_h=False,
        flip_v=across < 0,
    )


def _straight(start: Site, end: Site) -> Route:
    left, top = min(start.x, end.x), min(start.y, end.y)
    return Route(
        "straightConnector1",
        round(left),
        round(top),
        round(abs(end.x - start.x)),
        round(abs(end.y - start.y)),
        0,
        flip_h=end.x < start.x,
        flip_v=end.y < start.y,
    )


def route_ends(shape_route: Route) -> tuple[Vector, Vector]:
    """Where a route's path starts and ends on the slide (EMU): the inverse of ``route``, for tests."""
    w, h = shape_route.width, shape_route.height
    start_local: Vector = (0.0, 0.0)
    end_local: Vector = (float(w), float(h))
    if shape_route.flip_h:
        start_local, end_local = (w - start_local[0], start_local[1]), (w - end_local[0], end_local[1])
    if shape_route.flip_v:
        start_local, end_local = (start_local[0], h - start_local[1]), (end_local[0], h - end_local[1])
    cx, cy = shape_route.left + w / 2, shape_route.top + h / 2
    degrees = shape_route.rotation // 60_000

    def place(point: Vector) -> Vector:
        x, y = point[0] - w / 2, point[1] - h / 2
        for _ in range(degrees // 90):
            x, y = -y, x  # one quarter turn clockwise
        return cx + x, cy + y

    return place(start_local), place(end_local)
