"""Round trips (map -> AIF/Argdown -> map), the writer, the export formats and their golden files."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from tests.clients import client
from tests.exchange_maps import SMALL_ZH
from tests.helpers import MAPS, REPO, Golden
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing.style import THEMES
from usfk_argmap.interop.aif.reader import import_aif
from usfk_argmap.interop.aif.writer import to_aif
from usfk_argmap.interop.argdown.reader import import_argdown, to_argdown
from usfk_argmap.interop.exporters import EXPORT_FORMATS, export
from usfk_argmap.interop.mermaid import mermaid_label
from usfk_argmap.mapfile.loader import load_map, load_text
from usfk_argmap.mapfile.writer import schema_reference, write_map

from .helpers import write_map as write_file

ROUND_TRIP_MAPS = [MAPS / "example_tram.yaml", MAPS / "usfk_conclusion.yaml"]


def _load(path: Path) -> ArgumentMap:
    result = load_map(path)
    assert result.map is not None and result.ok, [d.format_text() for d in result.diagnostics]
    return result.map


def _graph(
    argument_map: ArgumentMap,
) -> tuple[
    set[tuple[str, str, str, str | None, str | None, str | None]],
    set[tuple[str, str, str, str | None]],
    set[tuple[str, str, str]],
]:
    """The map as sets: nodes (id, kind, text, label, en, section title), edges, linked arguments."""
    sections = argument_map.sections
    nodes = {
        (n.id, n.kind, n.text, n.label, n.en, sections[n.section].title if n.section in sections else None)
        for n in argument_map.nodes.values()
    }
    edges: set[tuple[str, str, str, str | None]] = {(e.source, e.target, e.relation, e.argument) for e in argument_map.edges()}
    arguments: set[tuple[str, str, str]] = {
        (a.id, a.relation, ",".join(p.target for p in a.premises)) for a in argument_map.arguments.values()
    }
    return nodes, edges, arguments


@pytest.fixture
def small_zh(tmp_path: Path) -> Path:
    return write_file(tmp_path, SMALL_ZH)


@pytest.mark.parametrize("path", ROUND_TRIP_MAPS, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["aif", "argdown"])
def test_round_trip_gives_the_same_graph(path: Path, fmt: str) -> None:
    original = _load(path)
    text = to_aif(original) if fmt == "aif" else to_argdown(original)
    reader = import_aif if fmt == "aif" else import_argdown
    result = reader(text.encode("utf-8"), f"exported.{fmt}")
    assert result.map is not None and result.ok
    assert not [d for d in result.diagnostics if d.code != "AM404"]
    again = load_text(write_map(result.map), "again.yaml").map
    assert again is not None
    assert _graph(again) == _graph(original)
    assert again.root == original.root and again.title == original.title and again.lang == original.lang


@pytest.mark.parametrize("fmt", ["aif", "argdown"])
def test_round_trip_of_syntax_heavy_chinese_map(small_zh: Path, fmt: str) -> None:
    """Ids with colons, CJK text full of Argdown syntax, an attacking linked argument, an undercut."""
    original = _load(small_zh)
    text = to_aif(original) if fmt == "aif" else to_argdown(original)
    result = (import_aif if fmt == "aif" else import_argdown)(text.encode(), "x")
    assert result.map is not None
    assert _graph(result.map) == _graph(original)


def test_aif_without_our_metadata_infers_kinds(small_zh: Path) -> None:
    document = json.loads(to_aif(_load(small_zh)))
    del document["argmap"]
    result = import_aif(json.dumps(document, ensure_ascii=False).encode(), "plain.json")
    assert result.map is not None
    by_text = {n.text: n.kind for n in result.map.nodes.values()}
    assert by_text["美軍應繼續駐韓。"] == "thesis"
    assert by_text["駐軍引發民怨"] == "objection"
    assert by_text["民怨可以協商處理"] == "rebuttal"
    assert by_text["威脅被誇大"] == "objection"
    linked = [a for a in result.map.arguments.values() if len(a.premises) == 2]
    assert sorted(a.relation for a in linked) == ["attacks", "supports"]


@pytest.mark.parametrize("path", ROUND_TRIP_MAPS, ids=lambda p: p.stem)
def test_writer_round_trips_through_the_loader(path: Path) -> None:
    original = _load(path)
    text = write_map(original, source=f"sources/{original.source_path.name}" if original.source_path else None)
    assert text.startswith("# yaml-language-server: $schema=../usfk_argmap/mapfile/schema/argmap.schema.json\n")
    again = load_text(text, path)
    assert again.ok and again.map is not None
    assert _graph(again.map) == _graph(original)
    assert [n.note for n in again.map.nodes.values()] == [n.note for n in original.nodes.values()]
    assert [n.quote for n in again.map.nodes.values()] == [n.quote for n in original.nodes.values()]
    assert "\\u" not in text  # CJK written as is


def test_writer_quotes_what_yaml_would_misread(small_zh: Path) -> None:
    original = _load(small_zh)
    tricky = ArgumentMap(
        title="true",
        root="1.0",
        lang="en",
        nodes={
            "1.0": original.nodes["T"].__class__(id="1.0", kind="thesis", text="null"),
            "yes": original.nodes["T"].__class__(
                id="yes",
                kind="claim",
                text="- a: b # c\nsecond line",
                supports=(original.nodes["C:1"].supports[0].__class__("1.0"),),
            ),
        },
    )
    again = load_text(write_map(tricky)).map
    assert again is not None
    assert again.title == "true" and again.root == "1.0"
    assert again.nodes["1.0"].text == "null" and again.nodes["yes"].text == "- a: b # c\nsecond line"


def test_schema_reference_is_relative_to_the_output(tmp_path: Path) -> None:
    assert schema_reference(REPO / "maps" / "x.yaml") == "../usfk_argmap/mapfile/schema/argmap.schema.json"
    assert (tmp_path / "deep" / schema_reference(tmp_path / "deep" / "x.yaml")).resolve() == (
        REPO / "usfk_argmap" / "mapfile" / "schema" / "argmap.schema.json"
    ).resolve()


# -- the export formats ------------------------------------------------------------
def test_every_format_is_registered() -> None:
    assert set(EXPORT_FORMATS) >= {"json", "graphml", "aif", "argdown", "mermaid", "dot"}


@pytest.mark.parametrize("fmt", ["json", "graphml", "aif", "argdown", "mermaid", "dot"])
def test_exports_are_deterministic(outputs_by_seed: list[dict[str, str]], fmt: str) -> None:
    first, second = outputs_by_seed
    assert first[f"export-{fmt}"] == second[f"export-{fmt}"]


def test_graphml_reads_back_with_networkx(small_zh: Path) -> None:
    graph = nx.read_graphml(io.BytesIO(export(_load(small_zh), "graphml").encode()))
    labels = {data["map_id"]: data for _, data in graph.nodes(data=True)}
    assert labels["C:1"]["kind"] == "claim" and labels["C:1"]["section"] == "一、安全"
    assert labels["C:1"]["en"] == 'Keeps the peace "quoted" & <b>bold</b>'
    assert labels["C:1"]["label"] == '駐軍維持和平 <短> "標籤"' and labels["C:1"]["text"].startswith("駐軍維持區域")
    assert labels["A1"]["type"] == "argument"
    # Each undercut relation runs through a joint node, which the undercut points at.
    assert labels["C:1->T"]["type"] == labels["O1->C:1"]["type"] == "relation"
    relations = sorted(data["relation"] for _, _, data in graph.edges(data=True))
    assert relations.count("premise") == 6 and relations.count("undercuts") == 4
    by_id = {node: data["map_id"] for node, data in graph.nodes(data=True)}
    undercut = {(by_id[s], by_id[t]) for s, t, data in graph.edges(data=True) if data["relation"] == "undercuts"}
    assert undercut == {("U1", "A1"), ("U2", "C:1->T"), ("R2", "O1->C:1"), ("R2", "A2")}


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("駐軍「撤」或「留」？", '"駐軍「撤」或「留」？"'),
        ('say "no" & <go> #1', '"say #quot;no#quot; #amp; #lt;go#gt; #35;1"'),
        ("two\nlines", '"two<br/>lines"'),
        ("tab\there\x00", '"tab here"'),
        ("50% sure", '"50#37; sure"'),
        ("%%{init: {'theme': 'dark'}}%%", "\"#37;#37;#123;init: #123;'theme': 'dark'#125;#125;#37;#37;\""),
        ("`md` [a] {b} |c| \\", '"#96;md#96; #91;a#93; #123;b#125; #124;c#124; #92;"'),
    ],
)
def test_mermaid_labels_escape_syntax(text: str, label: str) -> None:
    assert mermaid_label(text) == label


def test_mermaid_flowchart_shape(small_zh: Path) -> None:
    text = export(_load(small_zh), "mermaid")
    assert text.startswith('---\ntitle: "駐軍之爭：「撤」或「留」？"\n---\nflowchart BT\n')
    assert 'subgraph s0["一、安全"]' in text
    assert "-.-x" in text and "--x" in text and "C:1" not in text.split("flowchart", 1)[1].split("classDef")[0]


@pytest.mark.graphviz
def test_dot_export_is_valid_for_graphviz(small_zh: Path) -> None:
    text = export(_load(small_zh), "dot")
    result = subprocess.run(["dot", "-Tsvg"], input=text.encode(), capture_output=True, check=True)
    assert "駐軍維持和平 &lt;短&gt; &quot;標籤&quot;" in result.stdout.decode()  # the short label, escaped
    assert "駐軍維持區域之和平與穩定" not in result.stdout.decode()
    assert "C:\\\\Users" in text  # the backslash reaches Graphviz escaped


@pytest.mark.parametrize("fmt", ["aif", "argdown", "graphml", "mermaid"])
def test_golden_exports(fmt: str, golden: Golden) -> None:
    golden.check(f"example_tram.{fmt}", export(_load(MAPS / "example_tram.yaml"), fmt))


def test_mermaid_uses_the_renderers_palette() -> None:
    # One palette (drawing/style.py): the colour-blind-safe colours, not red and green of their own.
    text = export(_load(MAPS / "example_tram.yaml"), "mermaid")
    light = THEMES["light"]
    assert f"classDef objection fill:{light.kinds['objection'].fill},stroke:{light.kinds['objection'].border}" in text
    assert f"stroke:{light.relations['attacks'].color}" in text
    assert f"stroke:{light.relations['supports'].color}" in text
    assert "#fee2e2" not in text and "#dcfce7" not in text


# -- undercuts of relations ----------------------------------------------------------
def test_aif_writes_an_undercut_relation_as_a_ca_node_onto_its_ra_node(small_zh: Path) -> None:
    document = json.loads(to_aif(_load(small_zh)))
    nodes = {n["nodeID"]: n for n in document["nodes"]}
    ids = {number: data["id"] for number, data in document["argmap"]["nodes"].items()}
    into: dict[str, list[str]] = {}
    out_of: dict[str, list[str]] = {}
    for edge in document["edges"]:
        into.setdefault(edge["toID"], []).append(edge["fromID"])
        out_of.setdefault(edge["fromID"], []).append(edge["toID"])
    undercut: dict[tuple[str, str], tuple[str, str]] = {}
    for number, node in nodes.items():
        if node["type"] == "CA" and all(nodes[t]["type"] in ("RA", "CA") for t in out_of[number]):
            [target] = out_of[number]
            premises = ",".join(sorted(ids[p] for p in into[target] if p in ids))  # I nodes only
            [conclusion] = out_of[target]
            undercut[ids[into[number][0]], premises] = (nodes[target]["type"], ids[conclusion])
    assert undercut == {
        ("U2", "C:1"): ("RA", "T"),
        ("U1", "P1,P2"): ("RA", "C:1"),  # A1, a linked argument
        ("R2", "O1"): ("CA", "C:1"),
        ("R2", "X1,X2"): ("CA", "O1"),
    }


def test_aif_ca_onto_a_one_premise_ra_is_an_undercut_of_that_relation() -> None:
    document = {
        "nodes": [
            {"nodeID": "1", "text": "The tram pays", "type": "I"},
            {"nodeID": "2", "text": "Build it", "type": "I"},
            {"nodeID": "3", "text": "Forecasts are inflated", "type": "I"},
            {"nodeID": "4", "text": "Default Inference", "type": "RA"},
            {"nodeID": "5", "text": "Default Conflict", "type": "CA"},
        ],
        "edges": [
            {"edgeID": "1", "fromID": "1", "toID": "4"},
            {"edgeID": "2", "fromID": "4", "toID": "2"},
            {"edgeID": "3", "fromID": "3", "toID": "5"},
            {"edgeID": "4", "fromID": "5", "toID": "4"},
        ],
        "locutions": [],
    }
    result = import_aif(json.dumps(document).encode(), "plain.json")
    assert result.map is not None and result.ok
    assert not result.map.arguments and not [d for d in result.diagnostics if d.code == "AM405"]
    [undercut] = result.map.nodes["3"].undercuts
    assert (undercut.source, undercut.target) == ("1", "2")
    assert [ref.target for ref in result.map.nodes["1"].supports] == ["2"]
    assert result.map.nodes["3"].kind == "objection"


def test_argdown_writes_an_undercut_relation_as_the_argument_argdown_can_undercut(small_zh: Path) -> None:
    text = to_argdown(_load(small_zh))
    # The Argdown CLI reads no escaped ">" in an argument reference: the argument is titled "R → T".
    assert "  _> <C:1 → T>" in text and "  _> <O1 → C:1>" in text
    assert '<C:1 → T>: The inference from C:1 to T. {inference: "relation"}\n\n(1) [C:1]\n----\n(2) [T]' in text
    # The relation is said once, by the argument: not also as a plain support of C:1.
    assert "  +> [T]" not in text.split("[C:1]:", 1)[1].split("\n\n", 1)[0]


def test_argdown_undercut_of_an_inference_node_is_an_undercut_of_its_relation() -> None:
    text = (
        "===\nroot: T\nlang: en\n===\n[T]: The city should build the tram.\n\n<Pays>: It pays for itself.\n"
        "  +> [T]\n\n[F]: Forecasts lie.\n  _> <Pays>\n"
    )
    result = import_argdown(text.encode(), "x.argdown")
    assert result.map is not None and result.ok
    assert not result.map.arguments and not [d for d in result.diagnostics if d.code == "AM405"]
    [undercut] = result.map.nodes["F"].undercuts
    assert (undercut.source, undercut.target) == ("Pays", "T")


@pytest.mark.client
@pytest.mark.argdown_cli
def test_argdown_cli_reads_our_undercut_relations(tmp_path: Path) -> None:
    """The Argdown CLI itself reads the undercut relations as undercuts of the arguments we write for them."""
    argdown = str(client("argdown", "@argdown/cli"))
    original = load_text(
        "title: 削弱推論\nlang: zh-Hant\nroot: T\nnodes:\n  T: {kind: thesis, text: 美軍應繼續駐韓}\n"
        "  C:1: {kind: claim, text: 駐軍維持和平, supports: T}\n"
        "  O1: {kind: objection, text: 論述已有調整, attacks: 'C:1'}\n"
        "  R1: {kind: rebuttal, text: 調整的只是手法, undercuts: {from: O1, to: 'C:1'}}\n"
        "  U1: {kind: objection, text: 和平另有原因, undercuts: [{from: 'C:1', to: T}]}\n"
    ).map
    assert original is not None
    source = tmp_path / "small.argdown"
    source.write_text(to_argdown(original), encoding="utf-8")
    subprocess.run([argdown, "json", str(source), str(tmp_path)], capture_output=True, check=True, timeout=120)
    document = json.loads((tmp_path / "small.json").read_text(encoding="utf-8"))
    undercuts = {(r["from"], r["to"]) for r in document["relations"] if r["relationType"] == "undercut"}
    assert undercuts == {("R1", "O1 → C:1"), ("U1", "C:1 → T")}
    roles = [(s["title"], s["role"]) for s in document["arguments"]["C:1 → T"]["pcs"]]
    assert roles == [("C:1", "premise"), ("T", "main-conclusion")]
    back = import_argdown(source.read_bytes(), str(source))
    assert back.map is not None and back.ok
    assert _graph(back.map) == _graph(original)
