"""Round trips (map -> AIF/Argdown -> map), the writer, the export formats and their golden files."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from usfk_argmap.export import EXPORTERS, export
from usfk_argmap.interop.aif import import_aif, to_aif
from usfk_argmap.interop.argdown import import_argdown, to_argdown
from usfk_argmap.interop.mermaid import mermaid_label
from usfk_argmap.mapfile.loader import load_map, load_text
from usfk_argmap.mapfile.writer import schema_reference, write_map
from usfk_argmap.model import ArgumentMap

from .conftest import MAPS, REPO
from .helpers import write_map as write_file

ROUND_TRIP_MAPS = [MAPS / "example_tram.yaml", MAPS / "usfk_conclusion.yaml"]
GOLDEN = REPO / "tests" / "golden"

SMALL_ZH = """\
title: 駐軍之爭：「撤」或「留」？
lang: zh-Hant
root: T
sections:
  s1: 一、安全
nodes:
  T:
    kind: thesis
    text: 美軍應繼續駐韓。
  "C:1":
    kind: claim
    text: "駐軍維持區域之和平與穩定 [見第五章] <引文> {資料} #標籤 @提及 *強調* _底線_ // 不是註解 /* 也不是 */"
    en: 'Keeps the peace "quoted" & <b>bold</b>'
    section: s1
    supports: T
  P1:
    kind: premise
    text: 北韓威脅仍在
    section: s1
  P2:
    kind: assumption
    text: "嚇阻有效\\\\路徑 C:\\\\Users"
  O1:
    kind: objection
    text: 駐軍引發民怨
    attacks: "C:1"
  U1:
    kind: objection
    text: 威脅被誇大
    undercuts: A1
  R1:
    kind: rebuttal
    text: 民怨可以協商處理
    attacks: O1
  X1:
    kind: evidence
    text: 兩韓對峙
  X2:
    kind: premise
    text: 中國反對
arguments:
  A1:
    premises: [P1, P2]
    supports: "C:1"
  A2:
    premises: [X1, X2]
    attacks: O1
"""


def _load(path: Path) -> ArgumentMap:
    result = load_map(path)
    assert result.map is not None and result.ok, [d.format_text() for d in result.diagnostics]
    return result.map


def _graph(argument_map: ArgumentMap) -> tuple[set[tuple[str, str, str | None, str | None, str | None]],
                                               set[tuple[str, str, str, str | None]], set[tuple[str, str, str]]]:
    """The map as sets: nodes (id, kind, text, en, section title), edges, linked arguments."""
    sections = argument_map.sections
    nodes = {(n.id, n.kind, n.text, n.en, sections[n.section].title if n.section in sections else None)
             for n in argument_map.nodes.values()}
    edges = {(e.source, e.target, e.relation, e.argument) for e in argument_map.edges()}
    arguments = {(a.id, a.relation, ",".join(p.target for p in a.premises)) for a in argument_map.arguments.values()}
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
    tricky = ArgumentMap(title="true", root="1.0", lang="en", nodes={
        "1.0": original.nodes["T"].__class__(id="1.0", kind="thesis", text="null"),
        "yes": original.nodes["T"].__class__(id="yes", kind="claim", text="- a: b # c\nsecond line",
                                              supports=(original.nodes["C:1"].supports[0].__class__("1.0"),)),
    })
    again = load_text(write_map(tricky)).map
    assert again is not None
    assert again.title == "true" and again.root == "1.0"
    assert again.nodes["1.0"].text == "null" and again.nodes["yes"].text == "- a: b # c\nsecond line"


def test_schema_reference_is_relative_to_the_output(tmp_path: Path) -> None:
    assert schema_reference(REPO / "maps" / "x.yaml") == "../usfk_argmap/mapfile/schema/argmap.schema.json"
    assert (tmp_path / "deep" / schema_reference(tmp_path / "deep" / "x.yaml")).resolve() == \
        (REPO / "usfk_argmap" / "mapfile" / "schema" / "argmap.schema.json").resolve()


# -- the export formats ------------------------------------------------------------
def test_every_format_is_registered() -> None:
    assert set(EXPORTERS) >= {"json", "graphml", "aif", "argdown", "mermaid", "dot"}


@pytest.mark.parametrize("fmt", ["json", "graphml", "aif", "argdown", "mermaid", "dot"])
def test_exports_are_deterministic(small_zh: Path, fmt: str) -> None:
    assert export(_load(small_zh), fmt) == export(_load(small_zh), fmt)


def test_graphml_reads_back_with_networkx(small_zh: Path) -> None:
    graph = nx.read_graphml(io.BytesIO(export(_load(small_zh), "graphml").encode()))
    labels = {data["map_id"]: data for _, data in graph.nodes(data=True)}
    assert labels["C:1"]["label"].startswith("駐軍維持區域")
    assert labels["C:1"]["kind"] == "claim" and labels["C:1"]["section"] == "一、安全"
    assert labels["C:1"]["en"] == 'Keeps the peace "quoted" & <b>bold</b>'
    assert labels["A1"]["type"] == "argument"
    relations = sorted(data["relation"] for _, _, data in graph.edges(data=True))
    assert relations.count("premise") == 4 and relations.count("undercuts") == 1


@pytest.mark.parametrize(("text", "label"), [
    ("駐軍「撤」或「留」？", '"駐軍「撤」或「留」？"'),
    ('say "no" & <go> #1', '"say #quot;no#quot; #amp; #lt;go#gt; #35;1"'),
    ("two\nlines", '"two<br/>lines"'),
    ("tab\there\x00", '"tab here"'),
    ("50% sure", '"50#37; sure"'),
    ("%%{init: {'theme': 'dark'}}%%", '"#37;#37;#123;init: #123;\'theme\': \'dark\'#125;#125;#37;#37;"'),
    ("`md` [a] {b} |c| \\", '"#96;md#96; #91;a#93; #123;b#125; #124;c#124; #92;"'),
])
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
    assert "駐軍維持區域之和平與穩定" in result.stdout.decode()
    assert "C:\\\\Users" in text  # the backslash reaches Graphviz escaped


@pytest.mark.parametrize("fmt", ["aif", "argdown", "graphml", "mermaid"])
def test_golden_exports(fmt: str, update_golden: bool) -> None:
    golden = GOLDEN / f"example_tram.{fmt}"
    produced = export(_load(MAPS / "example_tram.yaml"), fmt)
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert golden.exists(), f"{golden.name} is missing: run pytest --update-golden"
    assert produced == golden.read_text(encoding="utf-8"), f"run pytest --update-golden if {golden.name} should change"
