"""--legend goes under the map, where it costs a band of height rather than the picture's width."""

from __future__ import annotations

import re

import pytest

from tests.helpers import MAPS
from usfk_argmap import open_map
from usfk_argmap.drawing.graphviz import run_graphviz
from usfk_argmap.drawing.render import RenderOptions, render, to_dot

pytestmark = pytest.mark.graphviz


def _size(map_name: str, options: RenderOptions) -> tuple[float, float]:
    svg = render(open_map(MAPS / map_name), "svg", options)
    match = re.search(rb'viewBox="0.00 0.00 ([\d.]+) ([\d.]+)"', svg)
    assert match is not None
    return float(match.group(1)), float(match.group(2))


# Measured on Graphviz 2.43 when the legend moved under the map (width, height with legend / without):
# tram 1.06, 1.45 (beside it was 1.99, 1.08); flagship 1.04, 1.03, and after the map's second reading
# (68 statements, a wider and shallower layout) 1.0, 1.23.
@pytest.mark.parametrize(("map_name", "wider", "taller"), [("example_tram.yaml", 1.15, 1.6), ("usfk_conclusion.yaml", 1.1, 1.3)])
def test_legend_costs_little_width(map_name: str, wider: float, taller: float) -> None:
    width, height = _size(map_name, RenderOptions())
    legend_width, legend_height = _size(map_name, RenderOptions(legend=True))
    assert legend_width / width <= wider
    assert legend_height / height <= taller


@pytest.mark.parametrize("direction", ["BT", "TB"])
def test_legend_is_under_the_map(direction: str) -> None:
    dot = to_dot(open_map(MAPS / "example_tram.yaml"), RenderOptions(legend=True, direction=direction))
    plain = run_graphviz(dot, "plain").decode("utf-8")
    tops: list[float] = []
    bottoms: list[float] = []
    for line in plain.splitlines():
        parts = line.split()
        if parts and parts[0] == "node":
            y, height = float(parts[3]), float(parts[5])
            if parts[1].startswith("legend_"):
                tops.append(y + height / 2)  # plain's y grows upwards
            else:
                bottoms.append(y - height / 2)
    assert tops and bottoms
    assert max(tops) < min(bottoms)
