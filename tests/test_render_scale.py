"""Big maps and empty selections: layouts that work on Graphviz 2.43, notes in the CLI's own words,
and a selection that draws nothing said to be one."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import MAPS
from usfk_argmap.cli.app import main
from usfk_argmap.drawing import render as render_module
from usfk_argmap.drawing import style
from usfk_argmap.drawing.placement import (
    QUICK_LAYERS_FROM,
    SCALED_OVERLAP_ABOVE,
    STRAIGHT_EDGES_ABOVE,
    force_layout_attributes,
    layered_layout_attributes,
)
from usfk_argmap.drawing.render import RenderOptions, render, to_dot
from usfk_argmap.mapfile.loader import load_map, load_text

TRAM = MAPS / "example_tram.yaml"


def _tram_node_in(section: str) -> str:
    argument_map = load_map(TRAM).map
    assert argument_map is not None
    return next(node.id for node in argument_map.nodes.values() if node.section == section)


def test_a_focus_outside_the_section_is_a_usage_error(tmp_path: Path) -> None:
    outside = _tram_node_in("climate")
    result = CliRunner().invoke(
        main, ["render", str(TRAM), "--section", "cost", "--focus", outside, "-o", str(tmp_path / "x.svg")]
    )
    assert result.exit_code == 2, result.output
    assert "have no statement in common" in result.stderr
    assert not (tmp_path / "x.svg").exists()


def test_a_focus_inside_the_section_still_draws() -> None:
    argument_map = load_map(TRAM).map
    assert argument_map is not None
    text = to_dot(argument_map, RenderOptions(section="cost", focus=_tram_node_in("cost")))
    assert "->" in text


def test_a_section_without_statements_is_an_error() -> None:
    result = load_text("title: t\nroot: T\nsections:\n  empty: Nothing here\nnodes:\n  T: {kind: thesis, text: x}\n")
    assert result.map is not None
    with pytest.raises(ValueError, match="no statements"):
        render(result.map, "dot", RenderOptions(section="empty"))


@pytest.mark.parametrize(
    ("count", "overlap", "splines"),
    [(100, "prism", "true"), (STRAIGHT_EDGES_ABOVE + 1, "prism", "line"), (SCALED_OVERLAP_ABOVE + 1, "scale", "line")],
)
def test_force_layouts_of_big_maps_avoid_what_breaks_graphviz(count: int, overlap: str, splines: str) -> None:
    # splines=true segfaults sfdp 2.43 on 10,000 statements; prism takes over 400 s on 50,000.
    assert force_layout_attributes(count) == {"overlap": f'"{overlap}"', "splines": f'"{splines}"'}


def test_a_big_map_in_sfdp_gets_straight_edges() -> None:
    nodes = "\n".join(f"  N{k}: {{kind: premise, text: p{k}, supports: T}}" for k in range(STRAIGHT_EDGES_ABOVE + 1))
    result = load_text(f"title: big\nroot: T\nnodes:\n  T: {{kind: thesis, text: t}}\n{nodes}\n")
    assert result.map is not None
    text = to_dot(result.map, RenderOptions(engine="sfdp"))
    assert 'splines="line"' in text and 'splines="true"' not in text


@pytest.mark.graphviz
def test_layout_warnings_are_the_clis_own_notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_module, "LARGE_MAP_NODES", 3)
    result = CliRunner().invoke(main, ["report", str(TRAM), "-o", str(tmp_path / "report.html")])
    assert result.exit_code == 0, result.output
    assert "note: " in result.stderr and "laid out with sfdp" in result.stderr
    assert "LayoutWarning" not in result.stderr
    assert "warnings.warn" not in result.stderr


@pytest.mark.parametrize("count", [QUICK_LAYERS_FROM, 5_000, 10_000, 100_000])
def test_dot_limits_its_search_on_big_maps(count: int) -> None:
    settings = layered_layout_attributes(count)
    assert settings["remincross"] == '"false"' and float(settings["mclimit"].strip('"')) < 1
    # The network-simplex passes are capped near 2,500 iterations whatever the size (nslimit counts per node).
    iterations = float(settings["nslimit"].strip('"')) * count
    assert iterations <= 2_600 or float(settings["nslimit"].strip('"')) == 0.1


def test_a_small_map_keeps_graphvizs_own_search() -> None:
    assert layered_layout_attributes(QUICK_LAYERS_FROM - 1) == {}
    argument_map = load_map(TRAM).map
    assert argument_map is not None
    assert "nslimit" not in to_dot(argument_map) and "mclimit" not in to_dot(argument_map)


def test_a_big_map_in_dot_carries_the_search_limits_and_sfdp_does_not() -> None:
    nodes = "\n".join(f"  N{k}: {{kind: premise, text: p{k}, supports: T}}" for k in range(QUICK_LAYERS_FROM))
    result = load_text(f"title: big\nroot: T\nnodes:\n  T: {{kind: thesis, text: t}}\n{nodes}\n")
    assert result.map is not None
    assert 'remincross="false"' in to_dot(result.map, RenderOptions(engine="dot"))
    assert "nslimit" not in to_dot(result.map, RenderOptions(engine="sfdp"))


def test_the_engine_thresholds_fit_together() -> None:
    # dot gets its search limits well before render hands a map to sfdp, and every map sfdp gets of
    # render's own accord has its overlaps removed by scaling (prism took 20 s where scale took 6 at 10,000).
    assert QUICK_LAYERS_FROM < render_module.LARGE_MAP_NODES
    assert SCALED_OVERLAP_ABOVE <= render_module.LARGE_MAP_NODES


def test_a_big_picture_keeps_every_statement_at_its_own_size() -> None:
    # Readable at its own scale: no size= shrinks the drawing to fit a page, and statements keep the usual font size.
    nodes = "\n".join(f"  N{k}: {{kind: premise, text: p{k}, supports: T}}" for k in range(QUICK_LAYERS_FROM))
    result = load_text(f"title: big\nroot: T\nnodes:\n  T: {{kind: thesis, text: t}}\n{nodes}\n")
    assert result.map is not None
    for engine in ("dot", "sfdp"):
        text = to_dot(result.map, RenderOptions(engine=engine))
        assert "\nsize=" not in text
        assert f'fontsize="{style.FONT_SIZE:g}"' in text
