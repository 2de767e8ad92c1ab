"""JSON Canvas and draw.io: positioned exports checked against their formats, read back, and hostile files refused.

The Canvas is validated against a JSON Schema written from the JSON Canvas 1.0
spec (``tests/schema/jsoncanvas-1.0.schema.json``), the draw.io file against an
XML schema of the subset we write (``tests/schema/drawio-subset.xsd``), each
with what a schema cannot say (unique ids, lines between cells that exist).
"""

from __future__ import annotations

import base64
import json
import time
import zlib
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from lxml import etree

from tests.exchange_maps import NASTY_STRINGS, strings_map
from tests.helpers import MAPS, REPO
from usfk_argmap.cli.app import main
from usfk_argmap.core.diagnostics import Diagnostic
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.interop import import_bytes
from usfk_argmap.interop.canvas import card_text, read_card
from usfk_argmap.interop.exporters import export
from usfk_argmap.mapfile.loader import load_map, load_text
from usfk_argmap.mapfile.writer import write_map

pytestmark = pytest.mark.graphviz

FORMATS = ("canvas", "drawio")
ROUND_TRIP_MAPS = [MAPS / "example_tram.yaml", MAPS / "usfk_conclusion.yaml"]
CANVAS_SCHEMA = Draft202012Validator(json.loads((REPO / "tests" / "schema" / "jsoncanvas-1.0.schema.json").read_text()))
DRAWIO_SCHEMA = etree.XMLSchema(etree.parse(str(REPO / "tests" / "schema" / "drawio-subset.xsd")))
_EXPORTS: dict[tuple[str, str], str] = {}


def _map(path: Path) -> ArgumentMap:
    result = load_map(path)
    assert result.map is not None and result.ok
    return result.map


def _export(path: Path, fmt: str) -> str:
    """The bundled map exported once per test run (each export is a Graphviz layout)."""
    key = (str(path), fmt)
    if key not in _EXPORTS:
        _EXPORTS[key] = export(_map(path), fmt)
    return _EXPORTS[key]


def _shape(argument_map: ArgumentMap) -> dict[str, object]:
    """What both formats carry: statements (id, kind, text, gloss, quote, section), relations, linked arguments, root."""
    return {
        "root": argument_map.root,
        "nodes": [(n.id, n.kind, n.text, n.en, n.quote, n.section) for n in argument_map.nodes.values()],
        "relations": sorted((e.source, e.target, e.relation, e.argument or "") for e in argument_map.edges()),
        "arguments": [
            (a.id, a.relation, [p.target for p in a.premises], a.target.target) for a in argument_map.arguments.values()
        ],
        "sections": [(s.id, s.title) for s in argument_map.sections.values()],
    }


def _assert_positioned(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        assert diagnostic.code.startswith("AM4") and diagnostic.line >= 1 and diagnostic.column >= 1, diagnostic
        assert diagnostic.message.strip()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", ROUND_TRIP_MAPS, ids=lambda p: p.stem)
def test_a_map_comes_back_from_its_positioned_export(path: Path, fmt: str) -> None:
    original = _map(path)
    result = import_bytes(_export(path, fmt).encode(), fmt, f"{path.stem}.{fmt}")
    assert result.map is not None and result.diagnostics == []
    assert _shape(result.map) == _shape(original)
    assert result.map.lang == original.lang
    reloaded = load_text(write_map(result.map), "back.yaml")
    assert reloaded.map is not None and not [d for d in reloaded.diagnostics if d.severity.value == "error"]
    if fmt == "drawio":  # draw.io's "Edit Data" properties carry the notes and the title as well
        assert [n.note for n in result.map.nodes.values()] == [n.note for n in original.nodes.values()]
        assert [s.note for s in result.map.sections.values()] == [s.note for s in original.sections.values()]
        assert result.map.title == original.title


@pytest.mark.parametrize("fmt", FORMATS)
def test_positioned_exports_are_byte_identical_twice(fmt: str) -> None:
    assert export(_map(MAPS / "example_tram.yaml"), fmt) == _export(MAPS / "example_tram.yaml", fmt)


@pytest.mark.parametrize("path", ROUND_TRIP_MAPS, ids=lambda p: p.stem)
def test_the_canvas_follows_the_json_canvas_spec(path: Path) -> None:
    document = json.loads(_export(path, "canvas"))
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in CANVAS_SCHEMA.iter_errors(document)]
    assert errors == []
    ids = [node["id"] for node in document["nodes"]] + [edge["id"] for edge in document["edges"]]
    assert len(ids) == len(set(ids))
    node_ids = {node["id"] for node in document["nodes"]}
    assert all(edge["fromNode"] in node_ids and edge["toNode"] in node_ids for edge in document["edges"])
    # Nodes are listed by z-index: groups first, so they are drawn under their cards.
    types = [node["type"] for node in document["nodes"]]
    assert types == sorted(types, key=lambda kind: kind != "group")
    argument_map = _map(path)
    cards = {node["id"]: node for node in document["nodes"] if node["type"] == "text"}
    assert set(argument_map.nodes) <= set(cards)
    groups = [node for node in document["nodes"] if node["type"] == "group"]
    assert {group["label"] for group in groups} == {s.title for s in argument_map.sections.values()}
    for node in argument_map.nodes.values():  # a card sits inside its section's group
        if node.section is None:
            continue
        group = next(g for g in groups if g["id"] == f"section:{node.section}")
        card = cards[node.id]
        assert group["x"] <= card["x"] + card["width"] / 2 <= group["x"] + group["width"]
        assert group["y"] <= card["y"] + card["height"] / 2 <= group["y"] + group["height"]


def test_the_schema_refuses_what_the_spec_does_not_allow() -> None:
    # The schema can fail: each of these breaks one rule of the spec.
    bad = [
        {"nodes": [{"id": "a", "type": "text", "x": 0.5, "y": 0, "width": 10, "height": 10, "text": ""}]},
        {"nodes": [{"id": "a", "type": "text", "x": 0, "y": 0, "width": 10, "height": 10}]},
        {"nodes": [{"id": "a", "type": "shape", "x": 0, "y": 0, "width": 10, "height": 10}]},
        {"nodes": [{"id": "a", "type": "text", "x": 0, "y": 0, "width": 10, "height": 10, "text": "", "color": "red"}]},
        {"edges": [{"id": "e", "fromNode": "a", "toNode": "b", "toEnd": "diamond"}]},
    ]
    assert all(not CANVAS_SCHEMA.is_valid(document) for document in bad)


def test_thesis_on_top_and_lines_by_relation_in_the_canvas() -> None:
    document = json.loads(_export(MAPS / "example_tram.yaml", "canvas"))
    cards = {node["id"]: node for node in document["nodes"]}
    assert all(cards["T"]["y"] < cards[key]["y"] for key in ("C1", "C2", "E1"))  # the conclusion on top, as drawn
    assert cards["T"]["color"] != cards["O1"]["color"]
    labels = {(edge["fromNode"], edge["toNode"]): edge.get("label") for edge in document["edges"]}
    assert labels[("O1", "C1")] == "attacks" and labels[("O2", "A1")] == "undercuts" and labels[("C1", "T")] is None
    assert cards["A1"]["text"] == "" and cards["A1"]["width"] < 40  # the joint point of the linked argument


@pytest.mark.parametrize("path", ROUND_TRIP_MAPS, ids=lambda p: p.stem)
def test_the_drawio_file_follows_the_schema(path: Path) -> None:
    text = _export(path, "drawio")
    document = etree.fromstring(text.encode())
    assert DRAWIO_SCHEMA.validate(document), DRAWIO_SCHEMA.error_log
    cells = document.findall(".//root/mxCell") + document.findall(".//root/object")
    ids = [cell.get("id") for cell in cells]
    assert len(ids) == len(set(ids)) and ids[:2] == ["0", "1"]
    lines = [cell for cell in document.iter("mxCell") if cell.get("edge") == "1"]
    assert lines and all(line.get("source") in ids and line.get("target") in ids for line in lines)
    assert all(cell.get("parent") in ids for cell in document.iter("mxCell") if cell.get("parent") is not None)
    argument_map = _map(path)
    assert {o.get("id") for o in document.iter("object") if o.get("kind")} == set(argument_map.nodes)


def test_the_xml_schema_refuses_what_we_do_not_write() -> None:
    good = _export(MAPS / "example_tram.yaml", "drawio")
    for broken in (
        good.replace('as="geometry"', 'as="points"', 1),
        good.replace('vertex="1"', 'vertex="yes"', 1),
        good.replace('<mxCell id="0"/>', "<mxCell/>"),
        good.replace("</diagram>", '</diagram><diagram id="b" name="b"/>'),
    ):
        assert not DRAWIO_SCHEMA.validate(etree.fromstring(broken.encode()))


def test_drawio_shapes_and_arrows_follow_our_grammar() -> None:
    document = etree.fromstring(_export(MAPS / "example_tram.yaml", "drawio").encode())
    styles = {o.get("id"): o.find("mxCell").get("style") for o in document.iter("object")}
    assert "double=1" in styles["T"] and "shape=note" in styles["E1"] and "octagon" in styles["O1"]
    assert "dashed=1" in styles["P2"] and "rounded=0" in styles["P1"]
    lines = {(c.get("source"), c.get("target")): c.get("style") or "" for c in document.iter("mxCell") if c.get("edge")}
    assert "endArrow=block" in lines[("C1", "T")] and "dashed=1" not in lines[("C1", "T")]
    assert "endArrow=baseDash" in lines[("O1", "C1")] and "dashed=1" in lines[("O1", "C1")]
    assert "dashPattern=1 3" in lines[("O2", "A1")]
    assert "endArrow=none" in lines[("P1", "A1")]
    # A section is a container: its statements are its children.
    cells = {o.get("id"): o.find("mxCell") for o in document.iter("object")}
    assert cells["C1"].get("parent") == "section:cost" and cells["T"].get("parent") == "1"


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_text_is_escaped_and_comes_back(fmt: str) -> None:
    """Every nasty string (markup of Markdown, XML, HTML, LaTeX...) as an id and a text survives the trip."""
    argument_map = strings_map()
    written = export(argument_map, fmt)
    if fmt == "drawio":
        assert DRAWIO_SCHEMA.validate(etree.fromstring(written.encode())), DRAWIO_SCHEMA.error_log
    else:
        assert CANVAS_SCHEMA.is_valid(json.loads(written))
        cards = {node["id"]: node["text"] for node in json.loads(written)["nodes"]}
        assert cards["[l](http://x)"].startswith(r"\[l\](http://x)")  # not a link
        assert cards["<!--"].startswith("&lt;!--")  # not HTML
    result = import_bytes(written.encode(), fmt, f"nasty.{fmt}")
    assert result.map is not None
    back = result.map
    assert list(back.nodes) == list(argument_map.nodes)
    for node in argument_map.nodes.values():
        # A card's Markdown holds one line: a run of white space comes back as one space.
        expected = node.text if fmt == "drawio" else " ".join(node.text.split())
        assert back.nodes[node.id].text == expected, node.id
    assert list(back.arguments) == list(argument_map.arguments)
    assert len(NASTY_STRINGS) + 1 == len(back.nodes)


@pytest.mark.parametrize(
    ("text", "en", "quote"),
    [("plain", None, None), ("*not emphasis* # not a heading", "_gloss_ [x]", "> 1. quoted"), ("a & b <c>", "&amp;", "$x$")],
)
def test_a_card_reads_back_as_written(text: str, en: str | None, quote: str | None) -> None:
    assert read_card(card_text(text, en, quote)) == (text, en, quote, None)


HAND_DRAWN_DRAWIO = """<mxfile host="app.diagrams.net">
  <diagram id="p1" name="Sketch">
    <mxGraphModel><root>
      <mxCell id="0"/><mxCell id="1" parent="0"/>
      <mxCell id="a" value="We should &lt;b&gt;cycle&lt;/b&gt; to work"
              style="rounded=1;whiteSpace=wrap;html=1;" vertex="1" parent="1">
        <mxGeometry x="100" y="20" width="120" height="60" as="geometry"/></mxCell>
      <mxCell id="b" value="It is healthy" style="ellipse;whiteSpace=wrap;html=1;" vertex="1" parent="1">
        <mxGeometry x="20" y="160" width="120" height="60" as="geometry"/></mxCell>
      <mxCell id="c" value="It rains&lt;br&gt;too often" style="whiteSpace=wrap;html=1;" vertex="1" parent="1">
        <mxGeometry x="200" y="160" width="120" height="60" as="geometry"/></mxCell>
      <mxCell id="d" value="Rain gear exists" style="text;html=1;" vertex="1" parent="1">
        <mxGeometry x="200" y="300" width="120" height="60" as="geometry"/></mxCell>
      <mxCell id="e1" style="edgeStyle=orthogonalEdgeStyle;" edge="1" parent="1" source="b" target="a">
        <mxGeometry relative="1" as="geometry"/></mxCell>
      <mxCell id="e2" style="strokeColor=#FF0000;" edge="1" parent="1" source="c" target="a">
        <mxGeometry relative="1" as="geometry"/></mxCell>
      <mxCell id="e3" value="attacks" edge="1" parent="1" source="d" target="c">
        <mxGeometry relative="1" as="geometry"/></mxCell>
      <mxCell id="e4" edge="1" parent="1" source="d">
        <mxGeometry relative="1" as="geometry"/></mxCell>
    </root></mxGraphModel>
  </diagram>
</mxfile>
"""


def test_a_hand_drawn_drawio_diagram_imports() -> None:
    result = import_bytes(HAND_DRAWN_DRAWIO.encode(), "drawio", "sketch.drawio")
    assert result.map is not None
    nodes = result.map.nodes
    assert nodes["a"].text == "We should cycle to work" and nodes["c"].text == "It rains\ntoo often"
    assert result.map.root == "a" and nodes["a"].kind == "thesis"
    assert [r.target for r in nodes["b"].supports] == ["a"]
    assert [r.target for r in nodes["c"].attacks] == ["a"] and [r.target for r in nodes["d"].attacks] == ["c"]
    assert nodes["d"].kind == "rebuttal" and result.map.title == "Sketch"
    assert [(d.code, d.line) for d in result.diagnostics] == [("AM402", 20)]  # the line with one end loose


def test_draw_io_user_objects_and_a_bare_model_import() -> None:
    # Older draw.io wraps a cell with data in <UserObject>; a file may also be a bare mxGraphModel.
    model = (
        '<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
        '<UserObject label="Cycle" kind="thesis" id="t"><mxCell style="rounded=1;" vertex="1" parent="1">'
        '<mxGeometry x="0" y="0" width="80" height="40" as="geometry"/></mxCell></UserObject>'
        '<mxCell id="p" value="It is healthy" vertex="1" parent="1"><mxGeometry width="80" height="40" as="geometry"/></mxCell>'
        '<mxCell id="e" edge="1" parent="1" source="p" target="t"><mxGeometry relative="1" as="geometry"/></mxCell>'
        "</root></mxGraphModel>"
    )
    result = import_bytes(model.encode(), "drawio", "bare.drawio")
    assert result.map is not None and result.diagnostics == []
    assert result.map.nodes["t"].text == "Cycle" and [r.target for r in result.map.nodes["p"].supports] == ["t"]


def test_a_compressed_drawio_diagram_is_inflated() -> None:
    model = HAND_DRAWN_DRAWIO.split('<diagram id="p1" name="Sketch">')[1].split("</diagram>")[0].strip()
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = base64.b64encode(deflater.compress(quote(model).encode()) + deflater.flush()).decode()
    result = import_bytes(f'<mxfile>\n<diagram id="p1" name="Packed">{packed}</diagram></mxfile>'.encode(), "drawio", "p.drawio")
    assert result.map is not None and set(result.map.nodes) == {"a", "b", "c", "d"}
    # The loose line's diagnostic points at the compressed page, line 2 of the file.
    assert [(d.code, d.line) for d in result.diagnostics] == [("AM402", 2)]


HAND_DRAWN_CANVAS = {
    "nodes": [
        {"id": "g", "type": "group", "x": -20, "y": -20, "width": 700, "height": 400, "label": "Money"},
        {"id": "8f1a", "type": "text", "x": 0, "y": 0, "width": 250, "height": 60, "text": "# Build the tram\n\nIt pays."},
        {"id": "77c2", "type": "text", "x": 0, "y": 200, "width": 250, "height": 60, "text": "Fares cover costs", "color": "4"},
        {"id": "a0b9", "type": "text", "x": 300, "y": 200, "width": 250, "height": 60, "text": "Too *expensive*", "color": "1"},
        {"id": "f", "type": "file", "x": 900, "y": 0, "width": 100, "height": 100, "file": "notes.md"},
    ],
    "edges": [
        {"id": "x1", "fromNode": "77c2", "toNode": "8f1a"},
        {"id": "x2", "fromNode": "a0b9", "toNode": "8f1a", "color": "1"},
        {"id": "x3", "fromNode": "f", "toNode": "8f1a"},
    ],
}


def test_a_hand_made_canvas_imports() -> None:
    text = json.dumps(HAND_DRAWN_CANVAS, indent=2)
    result = import_bytes(text.encode(), "canvas", "ideas.canvas")
    assert result.map is not None
    nodes = result.map.nodes
    assert list(nodes) == ["8f1a", "77c2", "a0b9"] and result.map.root == "8f1a"
    assert nodes["8f1a"].text == "# Build the tram"  # a card's first paragraph is the statement
    assert [r.target for r in nodes["a0b9"].attacks] == ["8f1a"] and [r.target for r in nodes["77c2"].supports] == ["8f1a"]
    assert {n.section for n in nodes.values()} == {"g"} and result.map.sections["g"].title == "Money"
    assert sorted(d.code for d in result.diagnostics) == ["AM402", "AM404", "AM404"]
    # A diagnostic points at its node or edge: the line from the file card, at its "id".
    (dangling,) = [d for d in result.diagnostics if d.code == "AM402"]
    assert text.splitlines()[dangling.line - 1].strip() == '"id": "x3",'
    (extra,) = [d for d in result.diagnostics if d.code == "AM404" and "8f1a" in d.message]
    assert '"id": "8f1a"' in text.splitlines()[extra.line - 1]


# -- hostile files ---------------------------------------------------------------------------------------------


HOSTILE = [
    ("canvas", b"{", "AM401"),
    ("canvas", b"[1, 2]", "AM401"),
    ("canvas", b'{"nodes": 3}', "AM401"),
    ("canvas", b"\xff\xfe", "AM401"),
    ("canvas", b"[" * 100_000 + b"]" * 100_000, "AM401"),
    ("canvas", b'{"nodes": [{"id": "a", "type": "text", "x": NaN, "y": 1e999, "width": 1, "height": 1, "text": "x"}]}', "AM403"),
    ("canvas", b'{"nodes": [{"id": 1}, {"type": "text"}, null]}', "AM403"),
    ("canvas", b'{"nodes": [], "edges": []}', "AM407"),
    ("drawio", b"<mxfile", "AM401"),
    ("drawio", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><mxfile>&a;</mxfile>', "AM401"),
    ("drawio", b"<html/>", "AM401"),
    ("drawio", b'<mxfile><diagram id="a" name="b">!!not base64!!</diagram></mxfile>', "AM401"),
    ("drawio", b'<mxGraphModel><root><mxCell id="0"/></root></mxGraphModel>', "AM407"),
    ("drawio", b'<mxGraphModel><root><mxCell id="x" vertex="1" value="a"/><mxCell id="x"/></root></mxGraphModel>', "AM406"),
]


@pytest.mark.parametrize(("fmt", "data", "code"), HOSTILE, ids=lambda v: v if isinstance(v, str) else None)
def test_hostile_files_get_diagnostics_not_tracebacks(fmt: str, data: bytes, code: str) -> None:
    result = import_bytes(data, fmt, f"bad.{fmt}")
    assert code in {d.code for d in result.diagnostics}
    _assert_positioned(result.diagnostics)


def test_a_compressed_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("usfk_argmap.interop.drawio.MAX_INFLATED_BYTES", 1024 * 1024)
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = base64.b64encode(deflater.compress(b"a" * (8 * 1024 * 1024)) + deflater.flush()).decode()
    assert len(packed) < 20_000
    result = import_bytes(f'<mxfile><diagram id="a" name="b">{packed}</diagram></mxfile>'.encode(), "drawio", "bomb.drawio")
    assert result.map is None and "MiB" in result.diagnostics[0].message


@pytest.mark.parametrize("fmt", FORMATS)
def test_too_many_items_are_refused(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(f"usfk_argmap.interop.{fmt}.MAX_PAGE_ITEMS", 10)
    result = import_bytes(_export(MAPS / "example_tram.yaml", fmt).encode(), fmt, f"big.{fmt}")
    assert result.map is None and [d.code for d in result.diagnostics] == ["AM401"]


def test_a_canvas_of_many_groups_and_cards_is_read_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("usfk_argmap.interop.canvas.MAX_GROUP_TESTS", 100)
    box = {"x": 0, "y": 0, "width": 10, "height": 10}
    nodes = [{"id": f"g{k}", "type": "group", **box} for k in range(20)]
    nodes += [{"id": f"c{k}", "type": "text", "text": f"card {k}", **box} for k in range(20)]
    result = import_bytes(json.dumps({"nodes": nodes}).encode(), "canvas", "many.canvas")
    assert result.map is not None and all(node.section is None for node in result.map.nodes.values())
    assert any("too many to tell" in d.message for d in result.diagnostics)


@st.composite
def _mutated(draw: st.DrawFn, fmt: str) -> bytes:
    data = bytearray(_export(MAPS / "example_tram.yaml", fmt).encode())
    tokens = {
        "canvas": ["{", "}", "[", "]", '"id":', '"type": "group"', '"x": 1e999', "null", '"\\ud800"', ",", "NaN"],
        "drawio": ["<", ">", "</root>", '<!DOCTYPE x [<!ENTITY a "b">]>', "&a;", 'edge="1"', 'parent="x"', "&#0;", '"'],
    }[fmt] + ["\x00", "\ufffe", "9" * 5000, "\u202e", "é"]
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate", "byte"]))
        span = draw(st.integers(0, 200))
        if action == "insert":
            data[at:at] = draw(st.sampled_from(tokens)).encode("utf-8", "surrogatepass")
        elif action == "delete":
            del data[at : at + span]
        elif action == "duplicate":
            data[at:at] = bytes(data[at : at + span]) * draw(st.integers(2, 20))
        elif data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
    return bytes(data)


@pytest.mark.parametrize("fmt", FORMATS)
def test_mutated_files_never_raise(fmt: str) -> None:
    @settings(max_examples=40, deadline=timedelta(seconds=5), database=None, suppress_health_check=list(HealthCheck))
    @given(_mutated(fmt))
    def run(data: bytes) -> None:
        started = time.monotonic()
        result = import_bytes(data, fmt, f"fuzz.{fmt}")
        assert time.monotonic() - started < 5
        _assert_positioned(result.diagnostics)
        if result.map is not None and not any(d.severity.value == "error" for d in result.diagnostics):
            reloaded = load_text(write_map(result.map), "fuzz.yaml")
            assert reloaded.map is not None

    run()


# -- the command line ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_and_import_on_the_command_line(fmt: str, tmp_path: Path) -> None:
    runner = CliRunner()
    written = tmp_path / f"tram.{fmt}"
    result = runner.invoke(main, ["export", str(MAPS / "example_tram.yaml"), "--format", fmt, "-o", str(written)])
    assert result.exit_code == 0, result.output
    back = tmp_path / "tram.yaml"
    result = runner.invoke(main, ["import", str(written), "-o", str(back)])
    assert result.exit_code == 0, result.output
    loaded = load_map(back)
    assert loaded.map is not None and _shape(loaded.map) == _shape(_map(MAPS / "example_tram.yaml"))
