"""A grid of a slide's boxes, so a line is tested against the boxes near it rather than every box of the slide.

A picture of a whole big map is one slide of thousands of boxes, and each of its
lines tries routes (``routing.Router``) until one keeps clear of every box: tested
against every box, routing was lines times boxes times routes (a 1,000-statement
map's slide, 500 s). Each box is filed under the square cells its reach covers
(the box grown by the clearance kept); a route asks the cells under each of its
segments, so only boxes a segment can come near are tested.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence

Box = tuple[float, float, float, float]
Point = tuple[float, float]


class BoxGrid:
    """Box ids filed by the cells, ``cell`` wide and high, that each box grown by ``reach`` on every side covers."""

    def __init__(self, boxes: dict[int, Box], reach: float) -> None:
        self.boxes = boxes
        sides = [max(right - left, bottom - top) for left, top, right, bottom in boxes.values()]
        # Cells about twice a box's size: a box is in few cells, a cell holds few boxes.
        self.cell = max(1.0, 2 * sum(sides) / len(sides)) if sides else 1.0
        self.cells: dict[tuple[int, int], list[int]] = {}
        for shape_id, (left, top, right, bottom) in boxes.items():
            for key in self._cells(left - reach, top - reach, right + reach, bottom + reach):
                self.cells.setdefault(key, []).append(shape_id)

    def near(self, points: Sequence[Point]) -> Iterator[int]:
        """The ids of the boxes whose reach a segment of the polyline ``points`` may cross, each once, segment by
        segment (a caller looking for one box in the way stops at the first); every box when that is fewer to
        test than the cells a segment covers."""
        seen: set[int] = set()
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            left, top, right, bottom = min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
            count = (math.floor(right / self.cell) - math.floor(left / self.cell) + 1) * (
                math.floor(bottom / self.cell) - math.floor(top / self.cell) + 1
            )
            keys = [None] if count > len(self.boxes) else self._cells(left, top, right, bottom)
            for key in keys:
                for shape_id in self.boxes if key is None else self.cells.get(key, ()):
                    if shape_id not in seen:
                        seen.add(shape_id)
                        yield shape_id

    def _cells(self, left: float, top: float, right: float, bottom: float) -> Iterator[tuple[int, int]]:
        for column in range(math.floor(left / self.cell), math.floor(right / self.cell) + 1):
            for row in range(math.floor(top / self.cell), math.floor(bottom / self.cell) + 1):
                yield column, row
