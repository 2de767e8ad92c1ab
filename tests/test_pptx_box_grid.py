"""The router's grid of boxes: a route is tested against the boxes near it, with the same answer as against all."""

from __future__ import annotations

import random

from usfk_argmap.present.slides.pptx.box_grid import BoxGrid
from usfk_argmap.present.slides.pptx.connector_paths import length_inside
from usfk_argmap.present.slides.pptx.routing import CLEARANCE, Router

Box = tuple[float, float, float, float]
INCH = 914_400


def _slide(columns: int, rows: int) -> dict[int, Box]:
    """Boxes of 1 x 0.5 in, 2 in apart across and 1 in apart down."""
    return {
        row * columns + column: (column * 2 * INCH, row * INCH, column * 2 * INCH + INCH, row * INCH + INCH / 2)
        for row in range(rows)
        for column in range(columns)
    }


def _clear_against_all(boxes: dict[int, Box], points: list[tuple[float, float]], start: int, end: int) -> bool:
    """``Router._clear`` as it was: every box of the slide tested."""
    for shape_id, (left, top, right, bottom) in boxes.items():
        grown = (left + CLEARANCE, top + CLEARANCE, right - CLEARANCE, bottom - CLEARANCE)
        if shape_id not in (start, end):
            grown = (left - CLEARANCE, top - CLEARANCE, right + CLEARANCE, bottom + CLEARANCE)
        if grown[0] < grown[2] and grown[1] < grown[3] and length_inside(points, grown) > 0:
            return False
    return True


def test_a_route_is_clear_against_the_grid_as_against_every_box() -> None:
    boxes = _slide(12, 20)
    router = Router(boxes)
    shuffle = random.Random(28)
    answers = set()
    for _ in range(600):
        start, end = shuffle.sample(sorted(boxes), 2)
        points = [(shuffle.uniform(-INCH, 25 * INCH), shuffle.uniform(-INCH, 21 * INCH)) for _ in range(shuffle.randint(2, 5))]
        if shuffle.random() < 0.5:  # orthogonal legs, as an elbow's
            points = [points[0], (points[1][0], points[0][1]), points[1]]
        expected = _clear_against_all(boxes, points, start, end)
        assert router._clear(points, start, end) is expected
        answers.add(expected)
    assert answers == {True, False}


def test_a_short_leg_is_tested_against_the_few_boxes_near_it_whatever_the_slide() -> None:
    for rows in (10, 400):
        grid = BoxGrid(_slide(25, rows), CLEARANCE)
        leg = [(1.2 * INCH, 5.2 * INCH), (1.8 * INCH, 5.2 * INCH)]  # between two boxes of row 5
        near = list(grid.near(leg))
        assert len(near) == len(set(near)) and 2 <= len(near) <= 12
        assert {5 * 25, 5 * 25 + 1} <= set(near)
