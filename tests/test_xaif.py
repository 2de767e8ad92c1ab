"""xAIF (OVA3, argument-mining pipelines): import with OVA's positions, export laid out for OVA, round trips.

``tests/interop_files/ova_tram.xaif.json`` is written from the layout the xAIF
documentation gives (an OVA save: AIF with locutions, L, YA and TA nodes, and
OVA's drawing with numeric and string coordinates), with our own text.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from tests.exchange_maps import BUNDLED_MAPS, NASTY, SMALL_ZH, canonical, load_ok, load_string
from tests.growth import LINEAR_GROWTH, growth
from tests.helpers import MAPS
from tests.test_interop_fidelity import _arbitrary_maps as arbitrary_maps
from usfk_argmap.cli.app import main
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.interop import import_bytes, import_file
from usfk_argmap.interop.aif.reader import import_aif
from usfk_argmap.interop.aif.writer import to_aif
from usfk_argmap.interop.aif.xaif import LAYER_HEIGHT, NODE_SPACING, import_xaif, to_xaif, to_xaif_dict
from usfk_argmap.mapfile.loader import load_map
from usfk_argmap.mapfile.writer import write_map
from usfk_argmap.quotes.source import SourceText

OVA_FILE = Path(__file__).parent / "interop_files" / "ova_tram.xaif.json"


def _maps() -> dict[str, ArgumentMap]:
    maps = {path.stem: load_ok(path) for path in BUNDLED_MAPS}
    maps["small_zh"] = load_string(SMALL_ZH, MAPS / "small_zh.yaml")
    maps["nasty"] = load_string(NASTY, MAPS / "nasty.yaml")
    return maps


@pytest.mark.parametrize("name", [path.stem for path in BUNDLED_MAPS] + ["small_zh", "nasty"])
def test_map_to_xaif_to_map_keeps_the_whole_model(name: str) -> None:
    original = _maps()[name]
    result = import_xaif(to_xaif(original).encode("utf-8"), "exported.json")
    assert result.map is not None and not result.diagnostics, [d.format_text() for d in result.diagnostics]
    again = load_string(write_map(result.map, source=result.map.named_source), MAPS / "again.yaml")
    assert canonical(again) == canonical(original)
    assert list(again.nodes) == list(original.nodes)  # our own layout keeps the map's order too


@pytest.mark.parametrize("name", ["example_tram", "small_zh"])
def test_xaif_and_our_aif_read_each_other(name: str) -> None:
    original = _maps()[name]
    # Our AIF read as xAIF, and our xAIF read as AIF: the same map.
    from_aif = import_xaif(to_aif(original).encode("utf-8"), "x.aif").map
    from_xaif = import_aif(to_xaif(original).encode("utf-8"), "x.json").map
    assert from_aif is not None and from_xaif is not None
    # (Read from bytes, neither has read its source's text: the map file would.)
    assert from_aif.named_source == from_xaif.named_source == original.named_source
    expected = canonical(original) | {"source_text": None}
    assert canonical(from_aif) == canonical(from_xaif) == expected
    # The AIF graph inside the xAIF is our AIF's, node for node and edge for edge.
    aif, xaif = json.loads(to_aif(original)), to_xaif_dict(original)["AIF"]
    assert isinstance(xaif, dict)
    assert (xaif["nodes"], xaif["edges"], xaif["argmap"]) == (aif["nodes"], aif["edges"], aif["argmap"])


def test_the_export_has_the_xaif_members_and_an_ova_drawing_in_layers() -> None:
    original = _maps()["example_tram"]
    document = json.loads(to_xaif(original))
    assert set(document) == {"AIF", "OVA", "text", "dialog"}
    assert {"nodes", "edges", "locutions", "participants", "schemefulfillments", "descriptorfulfillments"} <= set(document["AIF"])
    ova = document["OVA"]
    assert [n["nodeID"] for n in ova["nodes"]] == [n["nodeID"] for n in document["AIF"]["nodes"]]
    assert [(e["fromID"], e["toID"]) for e in ova["edges"]] == [(e["fromID"], e["toID"]) for e in document["AIF"]["edges"]]
    place = {n["nodeID"]: (n["x"], n["y"]) for n in ova["nodes"]}
    assert len(set(place.values())) == len(place)  # no two nodes on one spot
    root = str(list(original.nodes).index(original.root) + 1)
    assert place[root][1] == 0 and all(y >= 0 for _, y in place.values())
    for edge in document["AIF"]["edges"]:
        # Every line goes up one layer: premise -> RA/CA node -> conclusion.
        assert place[edge["fromID"]][1] - place[edge["toID"]][1] == LAYER_HEIGHT, edge
    assert all(x % NODE_SPACING == 0 for x, _ in place.values())
    assert to_xaif(original) == to_xaif(_maps()["example_tram"])  # deterministic
    # The source text is the analysed text, as the HTML OVA shows it.
    assert original.source_text is not None
    first_line = original.source_text.text.split("\n", 1)[0]
    assert document["text"]["txt"].startswith(first_line.replace("'", "&#x27;") + "<br>")


def test_the_analysed_text_is_escaped_for_ova() -> None:
    nasty = _maps()["nasty"]
    assert nasty.source_text is not None
    txt = to_xaif_dict(dataclasses.replace(nasty, source_text=SourceText("a <b>&</b>\nc", "x.txt")))
    assert txt["text"] == {"txt": "a &lt;b&gt;&amp;&lt;/b&gt;<br>c"}
    assert to_xaif_dict(dataclasses.replace(nasty, source_text=None))["text"] == {"txt": ""}


def test_an_ova_save_imports_its_argument_layer_in_ovas_reading_order() -> None:
    result = import_file(OVA_FILE, "xaif")
    assert result.map is not None
    # Top to bottom, then left to right, as OVA draws them (x and y as numbers or numeric strings).
    assert list(result.map.nodes) == ["10_1700000000", "40_1700000000", "20_1700000000", "30_1700000000"]
    assert result.map.root == "10_1700000000"
    assert {(e.source, e.relation, e.target) for e in result.map.edges()} == {
        ("20_1700000000", "supports", "10_1700000000"),
        ("30_1700000000", "attacks", "10_1700000000"),
        ("40_1700000000", "undercuts", "20_1700000000->10_1700000000"),
    }
    set_aside = [(d.code, d.line, d.message.split(" set aside")[0]) for d in result.diagnostics]
    assert ("AM404", 5, "2 L node(s) (locution)") in set_aside
    assert ("AM404", 6, "3 YA node(s) (illocutionary connection)") in set_aside
    assert ("AM404", 10, "1 TA node(s) (transition)") in set_aside
    assert ("AM404", 42, 'the analysed text (the "text" member) is') in set_aside
    assert all(d.code == "AM404" for d in result.diagnostics)


def _ova(*entries: str, text: str = '""') -> bytes:
    nodes = (
        '{"nodeID": "a", "text": "A", "type": "I"},\n'
        '{"nodeID": "b", "text": "B", "type": "I"},\n'
        '{"nodeID": "r", "text": "Default Inference", "type": "RA"}'
    )
    edges = '{"edgeID": 1, "fromID": "b", "toID": "r"}, {"edgeID": 2, "fromID": "r", "toID": "a"}'
    ova = ",\n".join(entries)
    return f'{{"AIF": {{"nodes": [\n{nodes}], "edges": [{edges}]}},\n"text": {text},\n"OVA": {{"nodes": [\n{ova}]}}}}'.encode()


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ('{"nodeID": "b", "x": "left", "y": 3}', "'b' has no usable x and y"),
        ('{"nodeID": "b", "x": 1e999, "y": 3}', "'b' has no usable x and y"),
        ('{"nodeID": "b", "x": 1, "y": 99999999999}', "'b' has no usable x and y"),
        ('{"nodeID": "b", "x": true, "y": 3}', "'b' has no usable x and y"),
        ('{"nodeID": "b", "y": 3}', "'b' has no usable x and y"),
        ('{"x": 1, "y": 3}', 'without a usable "nodeID"'),
        ('"b"', 'without a usable "nodeID"'),
    ],
)
def test_an_unusable_position_is_set_aside_at_its_line(entry: str, says: str) -> None:
    result = import_bytes(_ova('{"nodeID": "a", "x": 10, "y": 500}', entry), "xaif", "ova.json")
    assert result.map is not None
    found = [(d.code, d.line) for d in result.diagnostics]
    expected_line = 8 if '"nodeID": "b"' in entry else 6  # the entry's nodeID, else the "OVA" key
    assert found == [("AM404", expected_line)], result.diagnostics
    assert says in result.diagnostics[0].message
    assert list(result.map.nodes) == ["a", "b"]  # placed first, then unplaced in file order


@pytest.mark.parametrize("ova", ['"OVA": 3', '"OVA": {"nodes": 5}'])
def test_an_ova_member_of_the_wrong_shape_is_set_aside(ova: str) -> None:
    data = _ova().decode().rsplit('"OVA"', 1)[0] + ova + "}"
    result = import_bytes(data.encode(), "xaif", "ova.json")
    assert result.map is not None
    assert [(d.code, d.line) for d in result.diagnostics] == [("AM404", 6)]
    assert "OVA's drawing is set aside" in result.diagnostics[0].message


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b'{"AIF": {"nodes": [], "edges": []}, "OVA": {"nodes": []}}', "AM407"),
        (b'{"AIF": {"nodes": [}', "AM401"),
        (b'{"AIF": ' + b"[" * 5000, "AM401"),
        (b'{"AIF": {"nodes": [{"nodeID": 1, "type": "I", "text": "\xff"}]}}', "AM401"),
    ],
)
def test_broken_documents_are_refused_with_a_diagnostic(data: bytes, code: str) -> None:
    result = import_bytes(data, "xaif", "ova.json")
    assert result.map is None
    assert code in [d.code for d in result.diagnostics]


def test_the_commands_export_and_import_xaif_and_report_bad_files_without_a_traceback(tmp_path: Path) -> None:
    runner = CliRunner()
    exported, imported = tmp_path / "tram.json", tmp_path / "tram.yaml"
    outcome = runner.invoke(main, ["export", str(MAPS / "example_tram.yaml"), "--format", "xaif", "-o", str(exported)])
    assert outcome.exit_code == 0, outcome.output
    assert "OVA" in json.loads(exported.read_text(encoding="utf-8"))
    outcome = runner.invoke(main, ["import", str(exported), "--from", "xaif", "-o", str(imported)])
    assert outcome.exit_code == 0, outcome.output
    again = load_map(imported, source_roots=[MAPS]).map
    assert again is not None and again.source_text is not None
    assert canonical(again) == canonical(load_ok(MAPS / "example_tram.yaml")) | {"source": canonical(again)["source"]}
    broken = tmp_path / "broken.json"
    broken.write_text('{"AIF": {"nodes": [1, 2', encoding="utf-8")
    outcome = runner.invoke(main, ["import", str(broken), "--from", "xaif", "-o", str(tmp_path / "b.yaml")])
    assert outcome.exit_code == 1
    assert "AM401" in outcome.stderr and "Traceback" not in outcome.stderr


def test_the_documented_example_imports_as_the_docs_say() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "interop.md").read_text(encoding="utf-8")
    section = docs[docs.index("### xAIF") :]
    example = section[section.index("```json\n") + 8 : section.index("\n```", section.index("```json\n"))]
    result = import_bytes(example.encode(), "xaif", "ova.json")
    assert result.map is not None and not result.diagnostics, result.diagnostics
    assert result.map.root == "1" and list(result.map.nodes) == ["1", "2", "4"]
    assert {(e.source, e.relation, e.target) for e in result.map.edges()} == {("2", "supports", "1"), ("4", "attacks", "1")}


def _many(n: int) -> bytes:
    nodes = [f'{{"nodeID": "{k}", "text": "statement {k}", "type": "I"}}' for k in range(n)]
    nodes += [f'{{"nodeID": "r{k}", "text": "Default Inference", "type": "RA"}}' for k in range(1, n)]
    edges = [f'{{"edgeID": "a{k}", "fromID": "{k}", "toID": "r{k}"}}' for k in range(1, n)]
    edges += [f'{{"edgeID": "b{k}", "fromID": "r{k}", "toID": "0"}}' for k in range(1, n)]
    # Every other position unusable, so each is reported with its line.
    ova = [f'{{"nodeID": "{k}", "x": {"1e999" if k % 2 else k}, "y": "{k}"}}' for k in range(n)]
    joined = ",\n"
    return (
        f'{{"AIF": {{"nodes": [\n{joined.join(nodes)}], "edges": [\n{joined.join(edges)}]}},\n'
        f'"text": "said", "OVA": {{"nodes": [\n{joined.join(ova)}]}}}}'
    ).encode()


def test_a_large_ova_save_is_read_in_linear_work() -> None:
    assert growth(lambda n: import_bytes(_many(n), "xaif", "big.json"), 200) <= LINEAR_GROWTH
    result = import_bytes(_many(200), "xaif", "big.json")
    assert result.map is not None and list(result.map.nodes)[:3] == ["0", "2", "4"]
    lines = [d.line for d in result.diagnostics if "no usable x and y" in d.message]
    assert len(lines) == 100 and lines[0] == 1 + (200 + 199) + 2 * 199 + 1 + 2  # node "1" of the OVA list


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_map=arbitrary_maps())
def test_arbitrary_ids_and_texts_survive_xaif(argument_map: ArgumentMap) -> None:
    result = import_xaif(to_xaif(argument_map).encode("utf-8"), "hypothesis.json")
    assert result.map is not None, [d.format_text() for d in result.diagnostics]
    assert canonical(result.map) == canonical(argument_map) | {"nodes": canonical(result.map)["nodes"]}
    expected, got = canonical(argument_map)["nodes"], canonical(result.map)["nodes"]
    for entry in expected + got:
        entry.pop("kind")  # kinds are inferred again where the source does not state them
    assert got == expected


SCHEMA = json.loads((Path(__file__).parent / "schema" / "xaif.schema.json").read_text(encoding="utf-8"))


def _schema_problems(document: object) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(document)]


def test_the_schema_accepts_the_documented_layout_and_refuses_other_shapes() -> None:
    assert _schema_problems(json.loads(OVA_FILE.read_text(encoding="utf-8"))) == []
    assert _schema_problems({"AIF": {"nodes": [], "edges": []}, "OVA": [], "text": "", "dialog": True}) == []
    for wrong in (
        {"AIF": {"nodes": [{"nodeID": "1", "text": "x", "type": "Q"}], "edges": []}},
        {"AIF": {"nodes": [], "edges": [{"fromID": "1", "toID": "2"}]}},
        {"AIF": {"nodes": [], "edges": []}, "OVA": {"nodes": [{"nodeID": "1", "visible": True, "x": "left", "y": 0}]}},
        {"AIF": {"nodes": [], "edges": []}, "text": {"html": ""}},
    ):
        assert _schema_problems(wrong), wrong


@pytest.mark.parametrize("name", [path.stem for path in BUNDLED_MAPS] + ["small_zh", "nasty"])
def test_every_export_fits_the_xaif_layout(name: str) -> None:
    document = to_xaif_dict(_maps()[name])
    assert _schema_problems(json.loads(json.dumps(document))) == []
    # What a schema cannot say: every edge joins nodes of the document, OVA draws exactly those nodes and edges.
    aif = document["AIF"]
    assert isinstance(aif, dict)
    ids = [node["nodeID"] for node in aif["nodes"]]
    assert len(set(ids)) == len(ids) and all(e["fromID"] in ids and e["toID"] in ids for e in aif["edges"])
    ova = document["OVA"]
    assert isinstance(ova, dict) and [node["nodeID"] for node in ova["nodes"]] == ids


def test_the_root_asked_for_wins_over_the_files() -> None:
    result = import_bytes(OVA_FILE.read_bytes(), "xaif", "ova.json", root="20_1700000000")
    assert result.map is not None and result.map.root == "20_1700000000"
