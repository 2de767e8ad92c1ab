"""The default direction (``auto``): top-down when it fits a screen, else left to right when that fits better;
and the main claims on one rank whatever the direction."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from dataclasses import replace

import pytest

from benchmarks.shapes import shaped_map_text
from tests.helpers import MAPS
from usfk_argmap import open_map
from usfk_argmap.analysis.drawn import drawn_edges, svg_ids
from usfk_argmap.core.diagnostics import Diagnostic
from usfk_argmap.core.errors import GraphvizNotFoundError
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing import graphviz, orientation
from usfk_argmap.drawing.graphviz import run_graphviz, run_graphviz_measured
from usfk_argmap.drawing.options import RenderOptions
from usfk_argmap.drawing.orientation import (
    AUTO_LIMIT,
    MAX_ASPECT,
    aspect,
    estimated_sizes,
    fitting_direction,
    fitting_layout,
    plain_size,
    predicted_direction,
)
from usfk_argmap.drawing.placement import main_claim_lines
from usfk_argmap.drawing.render import render, to_dot
from usfk_argmap.mapfile.loader import load_text


def _sizes(**sizes: tuple[float, float]) -> tuple[list[str], Callable[[str], tuple[float, float]]]:
    """A ``layout_size`` that answers from ``sizes`` and records the directions it was asked for."""
    asked: list[str] = []

    def layout_size(direction: str) -> tuple[float, float]:
        asked.append(direction)
        return sizes[direction]

    return asked, layout_size


@pytest.mark.parametrize(
    ("bt", "rl", "target", "expected", "laid_out"),
    [
        ((10.0, 6.0), (6.0, 10.0), None, "BT", ["BT"]),  # fits a screen: no second layout
        ((20.0, 10.0), (8.0, 12.0), None, "BT", ["BT"]),  # exactly 2:1 still fits
        ((50.0, 10.0), (30.0, 16.0), None, "RL", ["BT", "RL"]),  # the flagship's case: 5:1 against 1.9:1
        ((22.0, 10.0), (40.0, 10.0), None, "BT", ["BT", "RL"]),  # a little too wide, but RL is worse (the tram)
        ((30.0, 10.0), (30.0, 10.0), 4.0, "BT", ["BT"]),  # a 4:1 fit size takes a 3:1 drawing as it is
        ((50.0, 10.0), (10.0, 40.0), 16 / 9, "BT", ["BT", "RL"]),  # 5:1 is nearer 16:9 than 1:4 is
    ],
)
def test_auto_keeps_top_down_unless_left_to_right_fits_better(
    bt: tuple[float, float], rl: tuple[float, float], target: float | None, expected: str, laid_out: list[str]
) -> None:
    asked, layout_size = _sizes(BT=bt, RL=rl)
    assert fitting_direction(layout_size, target) == expected
    assert asked == laid_out


def test_auto_lays_out_nothing_for_a_very_large_map_and_falls_back_without_graphviz() -> None:
    asked, layout_size = _sizes(BT=(50.0, 1.0), RL=(1.0, 1.0))
    assert fitting_direction(layout_size, None, AUTO_LIMIT + 1) == "BT"
    assert asked == []

    def missing(direction: str) -> tuple[float, float]:
        raise GraphvizNotFoundError("dot")

    assert fitting_direction(missing) == "BT"


@pytest.mark.parametrize(
    ("bt", "rl", "expected", "output"),
    [
        ((10.0, 6.0), (6.0, 10.0), "BT", "picture BT"),  # the first trial is the picture
        ((50.0, 10.0), (30.0, 16.0), "RL", "picture RL"),  # the second trial is the picture
        ((22.0, 10.0), (40.0, 10.0), "BT", "picture BT"),  # tried both, kept the first: its output, not the second's
    ],
)
def test_the_trial_layout_that_wins_is_the_picture(
    bt: tuple[float, float], rl: tuple[float, float], expected: str, output: str
) -> None:
    asked, layout_size = _sizes(BT=bt, RL=rl)
    assert fitting_layout(lambda direction: (layout_size(direction), f"picture {direction}")) == (expected, output)
    assert asked == (["BT"] if bt == (10.0, 6.0) else ["BT", "RL"])


def test_a_direction_not_laid_out_has_no_picture() -> None:
    assert fitting_layout(lambda direction: ((50.0, 1.0), direction), None, AUTO_LIMIT + 1) == ("BT", None)

    def missing(direction: str) -> tuple[tuple[float, float], str]:
        raise GraphvizNotFoundError("dot")

    assert fitting_layout(missing) == ("BT", None)

    def second_fails(direction: str) -> tuple[tuple[float, float], str]:
        if direction == "RL":
            raise ValueError("no graph line")
        return (50.0, 10.0), "picture BT"

    assert fitting_layout(second_fails) == ("BT", "picture BT")


def test_plain_size_reads_the_graph_line() -> None:
    assert plain_size(b"graph 1 44.5 23.8\nnode n1 1 1 1 1\n") == (44.5, 23.8)
    assert aspect((4.0, 2.0)) == 2.0 and aspect((1.0, 0.0)) == float("inf")
    with pytest.raises(ValueError, match="not a graph line"):
        plain_size(b"digraph {")


def test_the_lines_of_the_main_claims() -> None:
    result = load_text(
        "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: t}\n"
        "  C1: {kind: claim, text: c1, supports: [T, S2]}\n  C2: {kind: claim, text: c2, supports: T}\n"
        "  S2: {kind: claim, text: s2, supports: C2}\n  P: {kind: premise, text: p}\n  Q: {kind: premise, text: q}\n"
        "arguments:\n  A: {premises: [P, Q], supports: T}\n"
    )
    assert result.map is not None
    edges = drawn_edges(result.map)
    held, unranked = main_claim_lines(edges, "T")
    by_id = {edge.svg_id: (edge.source, edge.target) for edge in edges}
    assert {by_id[e] for e in held} == {("C1", "T"), ("C2", "T"), ("A", "T"), ("P", "A"), ("Q", "A")}
    assert {by_id[e] for e in unranked} == {("C1", "S2")}
    dot = to_dot(result.map, RenderOptions(direction="BT"))
    assert dot.count("weight=20") == 5 and dot.count("constraint=false") == 1


def _layout(path: str, options: RenderOptions) -> tuple[float, float, set[int]]:
    """Width and height (points) of dot's layout, and the ranks (as coordinates) of the main claims."""
    argument_map = open_map(MAPS / path)
    text = to_dot(argument_map, options)
    data = json.loads(subprocess.run(["dot", "-Tjson"], input=text.encode(), capture_output=True, check=True).stdout)
    x0, y0, x1, y1 = (float(v) for v in data["bb"].split(","))
    across = 0 if "rankdir=RL" in text or "rankdir=LR" in text else 1
    where = {o["id"]: float(o["pos"].split(",")[across]) for o in data["objects"] if "pos" in o}
    ids = svg_ids(argument_map)
    main = [n.id for n in argument_map.nodes.values() if any(ref.target == argument_map.root for ref in n.supports)]
    return x1 - x0, y1 - y0, {round(where[ids[n]]) for n in main}


@pytest.mark.graphviz
@pytest.mark.parametrize("path", ["usfk_conclusion.yaml", "example_tram.yaml"])
def test_the_default_render_of_each_bundled_map_fits_a_screen_with_its_main_claims_on_one_rank(path: str) -> None:
    # Measured: the flagship was 4622 x 815 pt (5.7:1) with its main claims on three ranks; the tram 2.15:1.
    width, height, ranks = _layout(path, RenderOptions())
    assert width / height <= MAX_ASPECT * 1.1, (path, width, height)
    assert len(ranks) == 1, ranks


@pytest.mark.graphviz
def test_the_flagship_is_drawn_left_to_right_by_default_and_top_down_on_request() -> None:
    assert "rankdir=RL" in to_dot(open_map(MAPS / "usfk_conclusion.yaml"), RenderOptions())
    width, height, ranks = _layout("usfk_conclusion.yaml", RenderOptions(direction="BT"))
    assert width / height > 3 and len(ranks) == 1  # asked for, top-down stays wide, its claims still in a row
    assert "rankdir=BT" in to_dot(open_map(MAPS / "example_tram.yaml"), RenderOptions())


@pytest.mark.graphviz
@pytest.mark.parametrize("output_format", ["svg", "svg:cairo", "png", "pdf"])
def test_one_run_gives_the_plain_layout_and_the_same_output(output_format: str) -> None:
    text = to_dot(open_map(MAPS / "example_tram.yaml"), RenderOptions(direction="BT"))
    [(plain, output)] = run_graphviz_measured([text], output_format)
    assert plain == run_graphviz(text, "plain")
    assert output == run_graphviz(text, output_format)
    with pytest.raises(ValueError, match="svg, svg:cairo, png or pdf"):
        run_graphviz_measured([text], "json")


@pytest.mark.graphviz
def test_one_run_lays_out_several_graphs_each_as_alone() -> None:
    argument_map = open_map(MAPS / "usfk_conclusion.yaml")
    texts = [to_dot(argument_map, RenderOptions(direction=direction)) for direction in ("BT", "RL", "LR")]
    measured = run_graphviz_measured(texts, "svg")
    assert measured == [(run_graphviz(text, "plain"), run_graphviz(text, "svg")) for text in texts]
    for output_format in ("svg:cairo", "png", "pdf"):  # cairo numbers its surfaces across a run's graphs
        with pytest.raises(ValueError, match=f"one graph at a time for {output_format}"):
            run_graphviz_measured(texts, output_format)


def _runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], int]]:
    """The Graphviz runs made from now on: the command line (less a fit's letterbox flags) and how many graphs
    it laid out (recorded, then run as usual)."""
    runs: list[tuple[list[str], int]] = []
    execute = graphviz._execute

    def recorded(command: list[str], source: str | bytes, timeout: float | None = None) -> bytes:
        text = source.decode() if isinstance(source, bytes) else source
        kept = [part for part in command[1:] if part.startswith("-T") or part in ("-Gsize=", "-Gpad=0")]
        runs.append(([command[0], *kept], text.count("digraph argmap {")))
        return execute(command, source, timeout)

    monkeypatch.setattr(graphviz, "_execute", recorded)
    return runs


MEASURED = ["dot", "-Tplain", "-Tsvg"]


@pytest.mark.graphviz
@pytest.mark.parametrize(
    ("path", "options", "output_format", "together_limit", "expected"),
    [
        # BT too wide (5.7:1), RL nearer a screen: both laid out in one run, the second is the picture.
        ("usfk_conclusion.yaml", RenderOptions(), "svg", orientation.TOGETHER_LIMIT, [(MEASURED, 2)]),
        # BT a little too wide, RL worse: both in one run, the first is the picture.
        ("example_tram.yaml", RenderOptions(), "svg", orientation.TOGETHER_LIMIT, [(MEASURED, 2)]),
        # Above the limit of laying out both at once: one trial at a time, the second is the picture.
        ("usfk_conclusion.yaml", RenderOptions(), "svg", 10, [(MEASURED, 1), (MEASURED, 1)]),
        # PNG: Graphviz cannot cut a stream of graphs' plain and PNG outputs apart, so one at a time.
        ("usfk_conclusion.yaml", RenderOptions(), "png", orientation.TOGETHER_LIMIT, [(["dot", "-Tplain", "-Tpng"], 1)] * 2),
        # A 4:1 fit size takes the tram as it is, and the estimate is sure of it: BT's natural layout, then the fitted one.
        (
            "example_tram.yaml",
            RenderOptions(fit="4:1"),
            "svg",
            orientation.TOGETHER_LIMIT,
            [(["dot", "-Gsize=", "-Gpad=0", "-Tplain", "-Tsvg"], 1), (["dot", "-Tsvg"], 1)],
        ),
        # A direction given: one layout, no trial.
        ("usfk_conclusion.yaml", RenderOptions(direction="RL"), "svg", orientation.TOGETHER_LIMIT, [(["dot", "-Tsvg"], 1)]),
    ],
)
def test_auto_lays_a_map_out_once_for_each_direction_it_tries(
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    options: RenderOptions,
    output_format: str,
    together_limit: int,
    expected: list[tuple[list[str], int]],
) -> None:
    argument_map = open_map(MAPS / path)
    monkeypatch.setattr(orientation, "TOGETHER_LIMIT", together_limit)
    runs = _runs(monkeypatch)
    picture = render(argument_map, output_format, options)
    assert runs == expected
    assert picture == render(argument_map, output_format, replace(options, direction="RL" if "usfk" in path else "BT"))


def _shaped(count: int, shape: str, seed: int) -> ArgumentMap:
    argument_map = load_text(shaped_map_text(count, shape, seed)).map
    assert argument_map is not None
    return argument_map


@pytest.mark.graphviz
@pytest.mark.parametrize(
    ("count", "shape", "seed"), [(5, "tree", 1), (12, "cross", 2), (40, "tree", 3), (90, "cross", 4), (220, "tree", 5)]
)
@pytest.mark.parametrize("target", [None, 1.0, 4.0])
def test_the_predicted_direction_is_the_one_the_trial_layouts_choose_or_none(
    count: int, shape: str, seed: int, target: float | None
) -> None:
    text = to_dot(_shaped(count, shape, seed), RenderOptions(direction="BT"))

    def layout_size(direction: str) -> tuple[float, float]:
        return plain_size(run_graphviz(text.replace("\nrankdir=BT;\n", f"\nrankdir={direction};\n"), "plain", "dot"))

    predicted = predicted_direction(text, target)
    assert predicted in (None, fitting_direction(layout_size, target, count))


@pytest.mark.parametrize("path", ["usfk_conclusion.yaml", "example_tram.yaml"])
@pytest.mark.parametrize(
    "options", [RenderOptions(), RenderOptions(lang_mode="both", evaluate=True, show_issues=True), RenderOptions(clusters=True)]
)
def test_another_direction_s_text_is_the_same_text_with_its_rankdir(path: str, options: RenderOptions) -> None:
    argument_map = open_map(MAPS / path)
    diagnostics: list[Diagnostic] | None = [] if options.show_issues else None
    top_down = to_dot(argument_map, replace(options, direction="BT"), diagnostics=diagnostics)
    across = to_dot(argument_map, replace(options, direction="RL"), diagnostics=diagnostics)
    assert "\nrankdir=BT;\n" in top_down
    assert across == top_down.replace("\nrankdir=BT;\n", "\nrankdir=RL;\n")


def test_the_estimate_reads_ranks_and_boxes_and_knows_what_it_cannot_read() -> None:
    long = "a" * 40  # 20 em: 20 * 14 pt wide, and the box's margins
    chain = (
        f"digraph argmap {{\nrankdir=BT;\nn1 [label=<a>];\nn2 [label=<{long}>];\nn3 [label=<{long}>];\nn2 -> n1;\nn3 -> n1;\n}}\n"
    )
    sizes = estimated_sizes(chain)
    assert sizes is not None
    box = 20 * 14 / 72 + 0.28
    # Two reasons side by side top-down, below their claim; left to right, a rank of the claim and one of the reasons.
    assert sizes["BT"] == pytest.approx((2 * box + 0.3, 0.5 + 0.45 + 0.5))
    assert sizes["RL"] == pytest.approx((0.75 + 0.45 + box, 0.5 + 0.3 + 0.5))
    assert estimated_sizes(chain.replace("n3 -> n1;", "n3 -> n1;\nn1 -> n3;")) is None  # a cycle
    assert estimated_sizes(chain.replace("rankdir=BT;", "subgraph cluster_s1 {")) is None  # a section's box
    assert estimated_sizes(chain.replace("<a>", "<<TABLE><TR><TD>a</TD></TR></TABLE>>")) is None  # a legend's table


@pytest.mark.graphviz
def test_a_map_whose_direction_is_sure_is_laid_out_once_one_way(monkeypatch: pytest.MonkeyPatch) -> None:
    argument_map = _shaped(60, "tree", 3)
    text = to_dot(argument_map, RenderOptions(direction="BT"))
    chosen = predicted_direction(text)
    assert chosen is not None
    runs = _runs(monkeypatch)
    picture = render(argument_map, "svg", RenderOptions())
    assert runs == [(MEASURED, 1)]
    assert picture == render(argument_map, "svg", RenderOptions(direction=chosen))
