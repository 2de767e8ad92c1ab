"""Schemes in the exchange formats (issue 23): AIF scheme and PA nodes, Argdown data, JSON and GraphML.

The whole-model round trips of ``SCHEMED`` through AIF and Argdown are in
``test_interop_fidelity`` (its canonical form holds every scheme key), and
the Argdown CLI reads the export in ``test_client_argdown``; here: what each
format writes, and what our readers make of AIF as AIFdb and OVA write it.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from tests.exchange_maps import SCHEMED, load_string
from tests.helpers import MAPS
from usfk_argmap.core.model import Answer, ArgumentMap
from usfk_argmap.interop.aif.reader import import_aif
from usfk_argmap.interop.aif.schemes import read_scheme
from usfk_argmap.interop.aif.writer import to_aif_dict
from usfk_argmap.interop.argdown.reader import import_argdown, to_argdown
from usfk_argmap.interop.exporters import to_json_dict
from usfk_argmap.interop.graphml import to_graphml


@pytest.fixture
def schemed() -> ArgumentMap:
    return load_string(SCHEMED, MAPS / "schemed.yaml")


def test_aif_names_the_scheme_on_ra_and_ca_nodes_as_aifdb_does(schemed: ArgumentMap) -> None:
    document = to_aif_dict(schemed)
    nodes = document["nodes"]
    assert isinstance(nodes, list)
    named = {(node["type"], node["schemeID"], node["scheme"], node["text"]) for node in nodes if "schemeID" in node}
    assert named == {
        ("RA", "expert-opinion", "Argument from expert opinion", "Argument from expert opinion"),
        ("CA", "sign", "Argument from sign", "Argument from sign"),
        ("RA", "practical-reasoning", "Practical reasoning", "Practical reasoning"),
        ("RA", "example", "Argument from example", "Argument from example"),
        ("CA", "negative-consequences", "Argument from negative consequences", "Argument from negative consequences"),
    }
    # Inferences without a scheme keep AIF's defaults: S1's support, U1's undercut, R1's attack.
    assert sorted(node["text"] for node in nodes if node["type"] in ("RA", "CA") and "schemeID" not in node) == [
        "Default Conflict",
        "Default Conflict",
        "Default Inference",
    ]


def test_aif_writes_outweighs_as_pa_nodes_from_the_stronger_statement(schemed: ArgumentMap) -> None:
    document = to_aif_dict(schemed)
    nodes, edges = document["nodes"], document["edges"]
    assert isinstance(nodes, list) and isinstance(edges, list)
    texts = {node["nodeID"]: node["text"] for node in nodes}
    preferences = [node["nodeID"] for node in nodes if node["type"] == "PA"]
    pairs = {
        (texts[before["fromID"]], texts[after["toID"]])
        for number in preferences
        for before in edges
        if before["toID"] == number
        for after in edges
        if after["fromID"] == number
    }
    strong = schemed.nodes["S1"].text
    assert pairs == {(strong, schemed.nodes["O1"].text), (strong, schemed.nodes["O2"].text)}
    assert all(node["text"] == "Default Preference" for node in nodes if node["type"] == "PA")


def _aif(nodes: list[dict[str, object]], edges: list[tuple[str, str]]) -> bytes:
    listed = [{"edgeID": str(number), "fromID": a, "toID": b} for number, (a, b) in enumerate(edges, 1)]
    return json.dumps({"nodes": nodes, "edges": listed, "locutions": []}).encode()


def test_aif_from_aifdb_reads_scheme_names_and_preferences() -> None:
    """AIFdb's spelling: a numeric ``schemeID`` of its own and the name in ``scheme``; PA between statements."""
    document = _aif(
        [
            {"nodeID": "1", "text": "Dr Lin is a transport economist.", "type": "I"},
            {"nodeID": "2", "text": "Dr Lin says the tram pays.", "type": "I"},
            {"nodeID": "3", "text": "The tram pays.", "type": "I"},
            {"nodeID": "4", "text": "Costs doubled.", "type": "I"},
            {"nodeID": "5", "text": "Ridership grew.", "type": "I"},
            {"nodeID": "10", "text": "Argument From Expert Opinion", "type": "RA", "scheme": "Expert Opinion", "schemeID": "2"},
            {"nodeID": "11", "text": "Argument From Sign", "type": "RA", "scheme": "Argument From Sign", "schemeID": "9"},
            {"nodeID": "12", "text": "Default Conflict", "type": "CA", "scheme": "Default Conflict", "schemeID": "71"},
            {"nodeID": "13", "text": "Default Preference", "type": "PA", "scheme": "Default Preference"},
        ],
        [("1", "10"), ("2", "10"), ("10", "3"), ("5", "11"), ("11", "3"), ("4", "12"), ("12", "3"), ("5", "13"), ("13", "4")],
    )
    result = import_aif(document, "aifdb.json")
    assert result.map is not None and result.diagnostics == []
    argument_map = result.map
    [argument] = argument_map.arguments.values()
    assert argument.scheme is not None and argument.scheme.target == "expert-opinion"
    assert {target: ref.target for target, ref in argument_map.nodes["5"].schemes.items()} == {"3": "sign"}
    assert argument_map.nodes["4"].schemes == {}
    assert [ref.target for ref in argument_map.nodes["5"].outweighs] == ["4"]


def test_aif_scheme_the_catalogue_lacks_and_preference_between_inferences_are_reported() -> None:
    document = _aif(
        [
            {"nodeID": "1", "text": "a", "type": "I"},
            {"nodeID": "2", "text": "b", "type": "I"},
            {"nodeID": "3", "text": "c", "type": "I"},
            {"nodeID": "10", "text": "Circumstantial Ad Hominem", "type": "RA", "scheme": "Circumstantial Ad Hominem"},
            {"nodeID": "11", "text": "Default Inference", "type": "RA"},
            {"nodeID": "12", "text": "Default Preference", "type": "PA"},
        ],
        [("1", "10"), ("10", "3"), ("2", "11"), ("11", "3"), ("1", "12"), ("12", "11")],
    )
    result = import_aif(document, "foreign.json")
    assert result.map is not None
    messages = {(d.code, d.node): d.message for d in result.diagnostics}
    assert "names the scheme 'Circumstantial Ad Hominem', which the catalogue lacks" in messages[("AM404", "10")]
    assert "our format weighs statements only" in messages[("AM404", "12")]
    assert result.map.nodes["1"].schemes == {} and result.map.nodes["1"].outweighs == ()


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"schemeID": "expert-opinion", "scheme": "whatever"}, ("expert-opinion", None)),
        ({"scheme": "Argument From Position To Know"}, ("position-to-know", None)),
        ({"scheme": "Cause To Effect", "schemeID": "4"}, ("cause-to-effect", None)),
        ({"text": "Argument from Analogy"}, ("analogy", None)),
        ({"scheme": "Slippery Slope"}, ("slippery-slope", None)),
        ({"scheme": "Abductive"}, ("abduction", None)),
        ({"scheme": "Default Inference", "schemeID": "72"}, (None, None)),
        ({"text": "Default Conflict"}, (None, None)),
        ({"scheme": "Argument from Fear Appeal"}, (None, "Argument from Fear Appeal")),
    ],
)
def test_aif_scheme_names(fields: dict[str, object], expected: tuple[str | None, str | None]) -> None:
    assert read_scheme(fields) == expected


def test_argdown_carries_schemes_in_data_and_the_front_matter(schemed: ArgumentMap) -> None:
    text = to_argdown(schemed)
    assert 'questions: "all"' in text.split("===")[1]
    assert '{id: "A>1", scheme: "expert-opinion", roles: {"expertise": "P]1", "assertion": "P2"}}' in text
    assert '{inference: "relation", scheme: "example"}' in text
    again = import_argdown(text.encode(), "schemed.argdown").map
    assert again is not None and again.questions == "all"
    assert again.nodes["U1"].answers == (Answer("CQ4", source="E1", target="C1"),)


def test_json_carries_schemes_roles_answers_and_outweighs(schemed: ArgumentMap) -> None:
    document = to_json_dict(schemed)
    assert document["questions"] == "all"
    arguments = {entry["id"]: entry for entry in document["arguments"]}  # type: ignore[attr-defined]
    assert arguments["A>1"]["scheme"] == "expert-opinion"
    assert arguments["A>1"]["roles"] == {"expertise": "P]1", "assertion": "P2"}
    nodes = {entry["id"]: entry for entry in document["nodes"]}  # type: ignore[attr-defined]
    assert nodes["S1"]["answers"] == [
        {"to": "A>1", "question": "CQ2", "inference": "A>1"},
        {"from": "E1", "to": "C1", "question": "CQ1", "inference": "E1->C1"},
    ]
    assert nodes["S1"]["outweighs"] == ["O1", "O2"]
    assert nodes["E1"]["schemes"] == {"C1": "example"}
    edges = {entry["id"]: entry["scheme"] for entry in document["edges"]}  # type: ignore[attr-defined]
    assert edges["P2->A>1"] == "expert-opinion" and edges["O3->A2"] == "sign"
    assert edges["E1->C1"] == "example" and edges["C1->T"] == "practical-reasoning"
    assert edges["S1->C1"] is None and edges["U1->E1->C1"] is None


def test_graphml_carries_schemes_and_yields_to_a_graphml_reader(schemed: ArgumentMap, tmp_path: Path) -> None:
    path = tmp_path / "schemed.graphml"
    path.write_text(to_graphml(schemed), encoding="utf-8")
    graph = nx.read_graphml(path)
    by_id = {data["map_id"]: data for _, data in graph.nodes(data=True)}
    assert by_id["A>1"]["scheme"] == "expert-opinion"
    assert json.loads(by_id["A>1"]["roles"]) == {"expertise": "P]1", "assertion": "P2"}
    assert by_id["E1->C1"]["scheme"] == "example"  # the joint of the undercut relation
    assert json.loads(by_id["S1"]["answers"])[0] == {"to": "A>1", "question": "CQ2"}
    assert json.loads(by_id["S1"]["outweighs"]) == ["O1", "O2"]
    names = {node: data["map_id"] for node, data in graph.nodes(data=True)}
    edge_schemes = {(names[a], names[b]): data.get("scheme") for a, b, data in graph.edges(data=True)}
    assert edge_schemes[("C1", "T")] == "practical-reasoning"
    assert edge_schemes[("P]1", "A>1")] == edge_schemes[("A>1", "C1")] == "expert-opinion"
    assert edge_schemes[("E1", "E1->C1")] == "example" and edge_schemes[("U1", "E1->C1")] is None


def test_graphml_of_a_map_without_schemes_declares_no_scheme_keys() -> None:
    plain = load_string("title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: t}\n", MAPS / "plain.yaml")
    assert 'attr.name="scheme"' not in to_graphml(plain)


def test_ids_with_spaces_in_roles_and_answers_load_as_written() -> None:
    """A premise id with a space at its end (legal, as in ``supports``) is kept in ``roles`` and ``answers``."""
    from usfk_argmap.mapfile.loader import load_text
    from usfk_argmap.mapfile.writer import write_map

    text = (
        "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: t}\n  'P ': {kind: premise, text: p}\n"
        "  P2: {kind: premise, text: q}\n"
        "  S: {kind: premise, text: s, supports: T, answers: {from: 'P ', to: T, question: CQ1}}\n"
        "arguments:\n  A1: {premises: ['P ', P2], supports: T, scheme: expert-opinion, roles: {expertise: 'P ', assertion: P2}}\n"
    )
    loaded = load_text(text).map
    assert loaded is not None
    assert loaded.arguments["A1"].roles["expertise"].target == "P "
    assert loaded.nodes["S"].answers[0].source == "P "
    again = load_text(write_map(loaded)).map
    assert again is not None and again.arguments["A1"].roles["expertise"].target == "P "
