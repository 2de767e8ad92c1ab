"""The Python API: everything the CLI does, ``import usfk_argmap`` does."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import usfk_argmap
from tests.helpers import MAPS, write_map

EXAMPLE = MAPS / "example_tram.yaml"


def test_load_check_and_graph() -> None:
    result = usfk_argmap.load(EXAMPLE)
    assert result.ok and result.map is not None
    assert usfk_argmap.check(result.map) == []
    graph = usfk_argmap.build_graph(result.map)
    assert isinstance(graph, nx.DiGraph)
    assert graph.nodes["A1"]["type"] == "argument"
    assert graph.edges["P1", "A1"]["relation"] == "premise"
    assert graph.edges["A1", "C1"]["relation"] == "supports"
    assert graph.edges["O2", "A1"]["relation"] == "undercuts"
    assert nx.has_path(graph, "E1", "T")


def test_check_file_joins_load_and_rule_diagnostics(tmp_path: Path) -> None:
    path = write_map(tmp_path, "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a, colour: red}\n")
    argument_map, diagnostics = usfk_argmap.check_file(path)
    assert argument_map is not None
    assert [d.code for d in diagnostics] == ["AM202", "AM008"]


def test_open_map_raises_a_typed_error(tmp_path: Path) -> None:
    path = write_map(tmp_path, "title: t\nroot: T\nnodes:\n  T: {kind: nope, text: a}\n")
    with pytest.raises(usfk_argmap.MapLoadError) as caught:
        usfk_argmap.open_map(path)
    assert isinstance(caught.value, ValueError)
    assert caught.value.diagnostics[0].code == "AM010"


def test_the_public_names_are_all_listed_and_documented() -> None:
    # The re-exports are imported on first use (module ``__getattr__``): ``dir`` lists them with the rest.
    helpers = {"annotations", "TYPE_CHECKING", "Any", "Sequence", "Path", "import_module", "nx"}
    public = {
        name
        for name in dir(usfk_argmap)
        if not name.startswith("_") and not inspect.ismodule(getattr(usfk_argmap, name, None)) and name not in helpers
    }
    assert public == set(usfk_argmap.__all__) - {"__version__"}
    for name in usfk_argmap.__all__:
        value = getattr(usfk_argmap, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert inspect.getdoc(value), f"{name} needs a docstring"
        if inspect.isclass(value) and issubclass(value, Exception):
            assert issubclass(value, usfk_argmap.ArgmapError), name


def test_json_export_matches_the_cli_format() -> None:
    from usfk_argmap.cli.app import main
    from usfk_argmap.interop.exporters import to_json

    text = to_json(usfk_argmap.open_map(EXAMPLE))
    result = CliRunner().invoke(main, ["export", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0 and result.stdout == text
    document = json.loads(text)
    assert [node["id"] for node in document["nodes"]][:3] == ["T", "C1", "P1"]
    assert all(edge["relation"] in {"supports", "attacks", "undercuts"} for edge in document["edges"])


def test_graph_projection_of_an_undercut_relation() -> None:
    from usfk_argmap.analysis.graph import support_graph

    result = usfk_argmap.load_text(
        "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a}\n"
        "  P: {kind: premise, text: p, supports: T}\n"
        "  U: {kind: objection, text: u, undercuts: {from: P, to: T}}\n"
    )
    assert result.map is not None
    graph = usfk_argmap.build_graph(result.map)
    assert graph.nodes["P->T"] == {"type": "relation", "relation": "supports"}
    assert graph.edges["P", "P->T"]["relation"] == "premise"
    assert graph.edges["P->T", "T"]["relation"] == "supports"
    assert graph.edges["U", "P->T"]["relation"] == "undercuts"
    assert not graph.has_edge("P", "T")
    assert nx.has_path(support_graph(graph), "P", "T")
    [undercut_edge] = [e for e in result.map.edges() if e.relation == "undercuts"]
    assert undercut_edge.target == "P->T" and undercut_edge.undercut is not None
    [support] = [e for e in result.map.edges() if e.relation == "supports"]
    assert support.inference == undercut_edge.target == support.id


def test_undercut_inference_and_neighbourhood_of_an_undercut_relation() -> None:
    from usfk_argmap.analysis.selection import neighbourhood

    result = usfk_argmap.load_text(
        "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: a}\n"
        "  C: {kind: claim, text: c, supports: T}\n"
        "  O: {kind: objection, text: o, attacks: C}\n"
        "  R: {kind: rebuttal, text: r, undercuts: [{from: O, to: C}, {from: O, to: T}]}\n"
    )
    assert result.map is not None
    known, unknown = result.map.nodes["R"].undercuts
    assert result.map.undercut_inference(known) == "attacks"
    assert result.map.undercut_inference(unknown) is None
    assert neighbourhood(result.map, "R", 1) == {"R", "O", "C"}
    assert neighbourhood(result.map, "T", 1) == {"T", "C"}  # the relation O -> T does not exist
