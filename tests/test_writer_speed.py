"""Issue 28: importing and writing big maps stays linear, and the fast writer writes what PyYAML would.

The writer writes a scalar plain itself when PyYAML would (``_plain``) and
leaves every other one to PyYAML's emitter: the first tests check on any text
that the two agree, and that a written map loads back to the same map. Growth is
checked by counting calls at n and 4n (``tests/growth.py``), never by timing;
``benchmarks/import_write_speed.py`` times the same inputs at 20k and 60k.
"""

from __future__ import annotations

import json
import string
import unicodedata
from dataclasses import replace

import networkx as nx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.growth import LINEAR_GROWTH, calls, growth
from tests.helpers import MAPS
from usfk_argmap import load_text
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.interop import IMPORT_FORMATS, import_bytes
from usfk_argmap.interop.draft import Draft, DraftNode
from usfk_argmap.mapfile.reading import YAML_LOADER
from usfk_argmap.mapfile.writer import _emitted, _flow_plain, _plain, _scalar, write_map

from .exchange_maps import canonical
from .test_interop_fidelity import _arbitrary_maps

#: Texts that try every corner of plain style: indicators, spaces, resolvable words, breaks, CJK, odd code points.
_TRICKY = st.lists(
    st.sampled_from([*string.punctuation, " ", "\t", "\n", "\x85", "\u2028", "\ufeff", "\xa0", "中", "é", "0", "1", ".", "e"])
    | st.sampled_from(["true", "no", "null", "1.5", "0x1f", "2024-01-02", "<<", "---", "...", "inf", ".nan", "12:30"])
    | st.characters(exclude_categories=["Cs"]),
    max_size=8,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(value=_TRICKY)
def test_a_plain_scalar_is_exactly_what_pyyaml_writes(value: str) -> None:
    plain = _plain(value)
    assert plain is None or plain == _emitted(value, flow=False)
    for collection in ([value, "x"], {"from": value, "to": "x"}):
        flow = _flow_plain(collection)
        assert flow is None or flow == _emitted(collection, flow=True)


@pytest.mark.parametrize(
    ("value", "plain"),
    [
        ("statement 1", True),
        ("S1", True),
        ("中文の主張", True),
        ("it's fine", True),
        ("a-b.c", True),
        ("true", False),
        ("1.0", False),
        ("null", False),
        ("C:1", False),
        ("- a", False),
        ("a #b", False),
        ("a, b", False),
        ("trailing ", False),
        ("", False),
        ("two\nlines", False),
    ],
)
def test_common_texts_take_the_fast_path_and_the_rest_the_emitter(value: str, plain: bool) -> None:
    assert (_plain(value) is not None) == plain
    assert yaml.load(_scalar(value), Loader=YAML_LOADER) == value


def _trimmed(argument_map: ArgumentMap) -> ArgumentMap:
    """The map with the spaces around its texts and notes dropped, as the loader drops them (by design)."""

    def trim(value: str | None) -> str | None:
        return None if value is None else value.strip()

    nodes = {key: replace(node, text=node.text.strip(), note=trim(node.note)) for key, node in argument_map.nodes.items()}
    arguments = {key: replace(argument, note=trim(argument.note)) for key, argument in argument_map.arguments.items()}
    return replace(argument_map, nodes=nodes, arguments=arguments)


def _normalised(argument_map: ArgumentMap) -> bool:
    """Whether the map's ids are in NFC already (the loader puts them in NFC, so ``豈`` U+F900 reads as U+8C48)."""
    ids = [*argument_map.nodes, *argument_map.arguments]
    return all(unicodedata.normalize("NFC", value) == value for value in ids)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_map=_arbitrary_maps().map(_trimmed).filter(_normalised))
def test_a_written_map_loads_back_to_the_same_map(argument_map: ArgumentMap) -> None:
    result = load_text(write_map(argument_map), MAPS / "written.yaml")
    assert result.map is not None, [d.format_text() for d in result.diagnostics]
    assert canonical(result.map) == canonical(argument_map)


def _argdown(n: int) -> bytes:
    return "\n".join(["[T]: root", *(f"  + [S{k}]: statement {k}" for k in range(n))]).encode()


def _aif(n: int) -> bytes:
    nodes = [{"nodeID": "1", "text": "root", "type": "I"}]
    edges = []
    for k in range(n):
        nodes += [{"nodeID": f"i{k}", "text": f"statement {k}", "type": "I"}, {"nodeID": f"r{k}", "text": "RA", "type": "RA"}]
        edges += [
            {"edgeID": f"e{k}a", "fromID": f"i{k}", "toID": f"r{k}"},
            {"edgeID": f"e{k}b", "fromID": f"r{k}", "toID": "1" if k % 10 == 0 else f"i{k - 1}"},
        ]
    return json.dumps({"nodes": nodes, "edges": edges}).encode()


def _microtext(n: int) -> bytes:
    parts = ['<arggraph id="x">', '<edu id="e0">root</edu>', *(f'<edu id="e{k}">statement {k}</edu>' for k in range(1, n + 1))]
    parts += [f'<adu id="a{k}" type="{"pro" if k else "opp"}"/>' for k in range(n + 1)]
    parts += [f'<edge id="s{k}" src="e{k}" trg="a{k}" type="seg"/>' for k in range(n + 1)]
    parts += [f'<edge id="c{k}" src="a{k}" trg="a0" type="sup"/>' for k in range(1, n + 1)]
    return "\n".join([*parts, "</arggraph>"]).encode()


def _xaif(n: int) -> bytes:
    graph = json.loads(_aif(n))
    ova = [
        {"nodeID": node["nodeID"], "visible": True, "x": 280 * (k % 50), "y": 120 * (k // 50)}
        for k, node in enumerate(graph["nodes"])
    ]
    return json.dumps({"AIF": graph, "OVA": {"nodes": ova, "edges": []}, "text": "", "dialog": False}).encode()


def _kialo(n: int) -> bytes:
    numbers = ["1"]
    lines = ["Discussion Title: growth", "", "1. root"]
    for k in range(1, n + 1):
        numbers.append(f"{numbers[(k - 1) // 4]}.{(k - 1) % 4 + 1}")
        lines.append(f"{numbers[k]}. {'Pro' if k % 2 else 'Con'}: statement {k}")
    return "\n".join(lines).encode()


def _canvas(n: int) -> bytes:
    group = {"id": "section:g", "type": "group", "x": -10, "y": -10, "width": 300 * 50, "height": 150 * (n // 50 + 1)}
    cards = [
        {"id": f"c{k}", "type": "text", "x": 300 * (k % 50), "y": 150 * (k // 50), "width": 240, "height": 80}
        | {"text": f"statement {k}" if k else "root"}
        for k in range(n + 1)
    ]
    lines = [
        {"id": f"e{k}", "fromNode": f"c{k}", "toNode": f"c{(k - 1) // 4}"} | ({"label": "attacks"} if k % 3 == 0 else {})
        for k in range(1, n + 1)
    ]
    return json.dumps({"nodes": [group, *cards], "edges": lines}).encode()


def _drawio(n: int) -> bytes:
    parts = ['<mxfile><diagram id="d" name="growth"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>']
    parts.append(
        '<mxCell id="g" value="group" vertex="1" parent="1"><mxGeometry width="15000" height="9000" as="geometry"/></mxCell>'
    )
    for k in range(n + 1):
        parts.append(
            f'<mxCell id="c{k}" value="{f"statement {k}" if k else "root"}" vertex="1" parent="g">'
            f'<mxGeometry x="{300 * (k % 50)}" y="{150 * (k // 50)}" width="240" height="80" as="geometry"/></mxCell>'
        )
    for k in range(1, n + 1):
        end = "baseDash" if k % 3 == 0 else "block"
        parts.append(f'<mxCell id="e{k}" style="endArrow={end};" edge="1" parent="1" source="c{k}" target="c{(k - 1) // 4}"/>')
    return "\n".join([*parts, "</root></mxGraphModel></diagram></mxfile>"]).encode()


#: An input of n relations for every importer (the shapes of ``benchmarks/import_write_speed.py``).
INPUTS = {
    "argdown": ("x.argdown", _argdown),
    "aif": ("x.json", _aif),
    "microtext": ("x.xml", _microtext),
    "xaif": ("x.json", _xaif),
    "kialo": ("x.txt", _kialo),
    "canvas": ("x.canvas", _canvas),
    "drawio": ("x.drawio", _drawio),
}


@pytest.mark.parametrize("kind", INPUTS)
def test_import_then_write_grows_linearly(kind: str) -> None:
    # Writing called PyYAML's pure-Python emitter once per scalar: 20k Argdown relations took 2.1 s, 60k 8.6 s.
    name, make = INPUTS[kind]
    documents = {n: make(n) for n in (300, 1200)}

    def import_and_write(n: int) -> str:
        result = import_bytes(documents[n], kind, name)
        assert result.map is not None, result.diagnostics
        return write_map(result.map)

    assert growth(import_and_write, 300) <= LINEAR_GROWTH
    assert import_and_write(300).count("    text: statement ") == 300


def test_every_importer_is_measured() -> None:
    assert set(INPUTS) == set(IMPORT_FORMATS.names)


@st.composite
def _graphs(draw: st.DrawFn) -> list[tuple[int, int]]:
    size = draw(st.integers(1, 8))
    node = st.integers(0, size - 1)
    return [(size - 1, size - 1), *draw(st.lists(st.tuples(node, node), max_size=16))]


@settings(max_examples=200, deadline=None)
@given(edges=_graphs())
def test_reach_counts_the_nodes_that_lead_to_each_node(edges: list[tuple[int, int]]) -> None:
    # Cycles and self-loops take the condensation, acyclic graphs the one topological pass.
    draft = Draft("t")
    size = edges[0][0] + 1
    for number in range(size):
        draft.add_node(DraftNode(f"n{number}", f"text {number}"))
    graph: nx.DiGraph[int] = nx.DiGraph()
    graph.add_nodes_from(range(size))
    for source, target in edges[1:]:
        draft.relate(f"n{source}", f"n{target}", "supports")
        graph.add_edge(source, target)
    assert draft.reach(("supports",)) == {f"n{number}": len(nx.ancestors(graph, number)) for number in range(size)}
    assert draft.reach(("attacks",)) == {f"n{number}": 0 for number in range(size)}


def test_the_root_is_the_top_the_most_relations_reach_then_the_first() -> None:
    draft = Draft("t")
    for node_id in ("a", "b", "c", "d", "e"):
        draft.add_node(DraftNode(node_id, node_id))
    draft.relate("c", "b", "supports")
    draft.relate("d", "e", "supports")
    assert draft.choose_root() == "b"


@pytest.mark.parametrize("kind", INPUTS)
def test_writing_makes_few_calls_a_node(kind: str) -> None:
    # An emitter run per scalar made 524 calls a node; writing plain scalars directly makes about 32.
    name, make = INPUTS[kind]
    result = import_bytes(make(300), kind, name)
    assert result.map is not None
    written = result.map
    write_map(written)
    assert calls(lambda: write_map(written)) < 100 * len(written.nodes)
