"""The path a viewer draws for a DrawingML connector: its preset, adjust values and transform, as a polyline.

A connector (``p:cxnSp``) is drawn from its preset's path (ECMA-376 Part 1,
20.1.9, ``presetShapeDefinitions.xml``) in a local box of ``ext`` width and
height, flipped within that box (``flipH``, ``flipV``), then turned about the
box's centre by ``rot`` (clockwise, y down), then moved to ``off``. The presets
here, with their guides:

- ``straightConnector1``: (0,0) to (w,h).
- ``bentConnector2``: (0,0), (w,0), (w,h).
- ``bentConnector3``: x1 = w·adj1; (0,0), (x1,0), (x1,h), (w,h).
- ``bentConnector4``: x1 = w·adj1, y2 = h·adj2; (0,0), (x1,0), (x1,y2), (w,y2), (w,h).
- ``bentConnector5``: x1 = w·adj1, y2 = h·adj2, x3 = w·adj3;
  (0,0), (x1,0), (x1,y2), (x3,y2), (x3,h), (w,h).
- ``curvedConnector2``: a cubic from (0,0) by (w/2,0) and (w,h/2) to (w,h).
- ``curvedConnector3``: x2 = w·adj1; cubics (0,0) (x2/2,0) (x2,h/4) (x2,h/2),
  then (x2,3h/4) ((w+x2)/2,h) (w,h).
- ``custom``: a custom geometry's path, points given in its local box.

Adjust values are in 100000ths of the side (50000 by default) and may lie
outside 0..100000: a bent connector then runs outside its own box, which is
how it goes round a shape in the way. Everything here is pure arithmetic;
``polyline`` is what the tests measure a slide by.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

Point = tuple[float, float]
#: Points sampled along each cubic Bézier of a curved connector.
CURVE_SAMPLES = 24
#: The default of every adjust value.
ADJ_DEFAULT = 50_000
#: How many adjust values each preset reads (``adj1``, ``adj2``...).
ADJ_COUNT = {
    "straightConnector1": 0,
    "bentConnector2": 0,
    "bentConnector3": 1,
    "bentConnector4": 2,
    "bentConnector5": 3,
    "curvedConnector2": 0,
    "curvedConnector3": 1,
    "custom": 0,
}


@dataclass(frozen=True)
class Connector:
    """A connector as written in the file: preset, adjust values, transform (EMU, 60000ths of a degree)."""

    preset: str
    left: float
    top: float
    width: float
    height: float
    rotation: int = 0
    flip_h: bool = False
    flip_v: bool = False
    #: ``adj1``, ``adj2``... in the preset's order; missing ones take the default.
    adjust: tuple[int, ...] = ()
    #: A custom geometry's path in its local box (``custom`` only).
    path: tuple[Point, ...] = ()


def local_path(preset: str, width: float, height: float, adjust: Sequence[int] = (), path: Sequence[Point] = ()) -> list[Point]:
    """The preset's path in its local box, unflipped and unturned, curves sampled into short lines."""
    w, h = width, height
    values = [*adjust, *[ADJ_DEFAULT] * (3 - len(adjust))]
    a1, a2, a3 = (value / 100_000 for value in values[:3])
    if preset == "straightConnector1":
        return [(0.0, 0.0), (w, h)]
    if preset == "bentConnector2":
        return [(0.0, 0.0), (w, 0.0), (w, h)]
    if preset == "bentConnector3":
        return [(0.0, 0.0), (w * a1, 0.0), (w * a1, h), (w, h)]
    if preset == "bentConnector4":
        return [(0.0, 0.0), (w * a1, 0.0), (w * a1, h * a2), (w, h * a2), (w, h)]
    if preset == "bentConnector5":
        return [(0.0, 0.0), (w * a1, 0.0), (w * a1, h * a2), (w * a3, h * a2), (w * a3, h), (w, h)]
    if preset == "curvedConnector2":
        return cubic((0.0, 0.0), (w / 2, 0.0), (w, h / 2), (w, h))
    if preset == "curvedConnector3":
        x2 = w * a1
        first = cubic((0.0, 0.0), (x2 / 2, 0.0), (x2, h / 4), (x2, h / 2))
        return first + cubic((x2, h / 2), (x2, h * 3 / 4), ((w + x2) / 2, h), (w, h))[1:]
    if preset == "custom":
        return list(path)
    raise ValueError(f"no path for the connector preset {preset!r}")


def cubic(p0: Point, p1: Point, p2: Point, p3: Point, samples: int = CURVE_SAMPLES) -> list[Point]:
    """A cubic Bézier as ``samples`` + 1 points, both ends included."""
    out = []
    for step in range(samples + 1):
        t = step / samples
        u = 1 - t
        out.append(
            (
                u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
            )
        )
    return out


def polyline(connector: Connector) -> list[Point]:
    """The connector's path on the slide (EMU), from its start (``stCxn``) to its end (``endCxn``)."""
    w, h = connector.width, connector.height
    cx, cy = connector.left + w / 2, connector.top + h / 2
    angle = math.radians(connector.rotation / 60_000)
    cos, sin = math.cos(angle), math.sin(angle)
    out = []
    for x, y in local_path(connector.preset, w, h, connector.adjust, connector.path):
        if connector.flip_h:
            x = w - x
        if connector.flip_v:
            y = h - y
        dx, dy = x - w / 2, y - h / 2
        out.append((cx + dx * cos - dy * sin, cy + dx * sin + dy * cos))
    return out


def place(preset: str, start: Point, end: Point, rotation: int = 0, adjust: tuple[int, ...] = ()) -> Connector:
    """The connector of ``preset``, turned by ``rotation`` (quarter turns), whose path runs from ``start`` to ``end``.

    The path of every preset here runs from its box's top-left corner to the bottom-right one: the box spans
    the ends as seen in the turned frame, flipped along each axis the path runs backwards on, and centred on
    the ends' middle (``a:off`` is the unturned box's corner). Adjust values count from the start's side.
    """
    if rotation % 5_400_000:
        raise ValueError("a connector is placed at quarter turns only")
    dx, dy = end[0] - start[0], end[1] - start[1]
    for _ in range(rotation // 5_400_000 % 4):
        dx, dy = dy, -dx  # back into the local frame: a quarter turn anticlockwise
    width, height = abs(dx), abs(dy)
    centre_x, centre_y = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    return Connector(
        preset, centre_x - width / 2, centre_y - height / 2, width, height, rotation % 21_600_000, dx < 0, dy < 0, adjust
    )


def segment_enters_box(a: Point, b: Point, box: tuple[float, float, float, float]) -> float:
    """How long a stretch of the segment ``a``–``b`` lies inside ``box`` (left, top, right, bottom); 0 when none."""
    left, top, right, bottom = box
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - left), (dx, right - a[0]), (-dy, a[1] - top), (dy, bottom - a[1])):
        if p == 0:
            if q <= 0:  # parallel to this edge, outside it or running along it
                return 0.0
            continue
        r = q / p
        if p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 >= t1:
            return 0.0
    return (t1 - t0) * math.hypot(dx, dy)


def length_inside(points: Sequence[Point], box: tuple[float, float, float, float]) -> float:
    """How much of the polyline lies inside ``box`` (left, top, right, bottom), in its units."""
    return sum(segment_enters_box(a, b, box) for a, b in itertools.pairwise(points))


def path_length(points: Sequence[Point]) -> float:
    return sum(math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(points))
