"""A big map laid out in pieces and packed (``drawing.packed``): the pieces, the packing, and the one picture
they make, with every statement and line, nothing on top of anything, the same bytes twice.

The thresholds are lowered (a 200-statement map cut into pieces of 60) so Graphviz takes a moment.
"""

from __future__ import annotations

import re
import warnings
from itertools import combinations, pairwise
from pathlib import Path

import pytest

from benchmarks.shapes import shaped_map_text
from usfk_argmap.analysis.drawn import drawn_edges, svg_ids
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing import placement
from usfk_argmap.drawing.packed import pack, piece_text, pieces
from usfk_argmap.drawing.placement import PACKED_ENGINE
from usfk_argmap.drawing.render import LayoutWarning, RenderOptions, choose_engine, layout_source, render
from usfk_argmap.mapfile.loader import load_text

Box = tuple[float, float, float, float]


def _tree(branching: int, depth: int) -> tuple[list[str], list[tuple[str, str]]]:
    """Nodes (breadth first) and lines (reason -> conclusion) of a full tree."""
    nodes, lines, level = ["t"], [], ["t"]
    for _ in range(depth):
        below = []
        for parent in level:
            for index in range(branching):
                child = f"{parent}.{index}"
                nodes.append(child)
                lines.append((child, parent))
                below.append(child)
        level = below
    return nodes, lines


@pytest.mark.parametrize(
    ("nodes", "lines", "limit"),
    [
        (*_tree(3, 5), 40),  # 364 nodes: branches of 40 at most
        (*_tree(2, 7), 100),
        (["hub", *(f"leaf{k}" for k in range(250))], [(f"leaf{k}", "hub") for k in range(250)], 60),  # a star
        ([f"s{k}" for k in range(90)], [], 25),  # no lines at all
        (["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")], 2),  # a cycle
    ],
)
def test_pieces_hold_every_node_once_and_at_most_the_limit(nodes: list[str], lines: list[tuple[str, str]], limit: int) -> None:
    cut = pieces(nodes, lines, {}, limit)
    assert sorted(node for piece in cut for node in piece) == sorted(nodes)
    assert all(0 < len(piece) <= limit for piece in cut)
    # Pieces are filled up: no two neighbours together would have fitted one.
    assert all(len(first) + len(second) > limit for first, second in pairwise(cut))


def test_a_branch_that_fits_stays_in_one_piece() -> None:
    nodes, lines = _tree(3, 4)  # 121 nodes; the root's three branches have 40 each
    cut = pieces(nodes, lines, {}, 45)
    piece_of = {node: index for index, piece in enumerate(cut) for node in piece}
    for branch in ("t.0", "t.1", "t.2"):
        assert {piece_of[node] for node in nodes if node.startswith(branch)} == {piece_of[branch]}
    # Lines cut between pieces: only each branch's top line to the root, where the root is not with it.
    cut_lines = [line for line in lines if piece_of[line[0]] != piece_of[line[1]]]
    assert len(cut_lines) <= 2


def test_a_section_drawn_as_a_box_is_one_piece_whatever_its_size() -> None:
    nodes, lines = _tree(3, 4)
    groups = {node: "A" for node in nodes if node.startswith("t.1")}
    cut = pieces(nodes, lines, groups, 10, whole=True)
    assert sorted(groups) in [sorted(piece) for piece in cut]
    assert all(len(piece) <= 10 for piece in cut if not set(piece) & set(groups))


def test_sections_are_laid_out_apart_and_cut_when_not_boxes() -> None:
    nodes, lines = _tree(3, 4)
    groups = {node: "A" if node.startswith("t.1") else "B" for node in nodes if node.startswith(("t.1", "t.2"))}
    cut = pieces(nodes, lines, groups, 10)
    assert sorted(node for piece in cut for node in piece) == sorted(nodes)
    # No piece mixes two sections, or a section and the free statements; the thesis's piece is first.
    assert all(len({groups.get(node) for node in piece}) == 1 for piece in cut)
    assert "t" in cut[0] and all(len(piece) <= 10 for piece in cut)


@pytest.mark.parametrize(
    "sizes",
    [
        [(100.0, 50.0)] * 9,
        [(3000.0, 40000.0), (2500.0, 30000.0), (400.0, 200.0), (4000.0, 52000.0)],
        [(50000.0, 900.0), (10.0, 10.0)],
        [(120.0, 80.0)],
    ],
)
@pytest.mark.parametrize("from_right", [False, True])
def test_packed_pieces_lie_apart_the_first_on_top_at_the_start_of_its_row(
    sizes: list[tuple[float, float]], from_right: bool
) -> None:
    gap = 72.0
    offsets = pack(sizes, gap, from_right=from_right)
    boxes = [(x, y, x + width, y + height) for (x, y), (width, height) in zip(offsets, sizes, strict=True)]
    assert all(_apart(first, second, gap) for first, second in combinations(boxes, 2))
    assert boxes[0][3] == max(box[3] for box in boxes)
    if from_right:
        assert boxes[0][2] == max(box[2] for box in boxes)
    else:
        assert boxes[0][0] == 0
    assert min(box[0] for box in boxes) == 0 and min(box[1] for box in boxes) == 0


def _apart(first: Box, second: Box, gap: float = 0.0) -> bool:
    """Whether two boxes (left, bottom, right, top) are at least ``gap`` apart one way or the other."""
    return (
        first[2] + gap <= second[0] + 1e-6
        or second[2] + gap <= first[0] + 1e-6
        or first[3] + gap <= second[1] + 1e-6
        or second[3] + gap <= first[1] + 1e-6
    )


def test_a_piece_keeps_its_nodes_its_lines_and_only_the_boxes_it_fills() -> None:
    text = "\n".join(
        [
            "digraph argmap {",
            "rankdir=BT;",
            'overlap="scale";',
            'splines="line";',
            "node [fontsize=14];",
            "subgraph cluster_s1 {",
            "label=<A>;",
            "subgraph {",
            'n1 [id="am-n1", label=<one>];',
            "}",
            "}",
            "subgraph cluster_s2 {",
            'n2 [id="am-n2", label=<two>];',
            "}",
            'n3 [id="am-n3", label=<three>];',
            "subgraph {",
            'n1 -> n3 [id="am-e1"];',
            'n2 -> n3 [id="am-e2"];',
            "}",
            "}",
        ]
    )
    piece = piece_text(text, {"n1", "n3"}, "RL")
    assert "rankdir=RL;" in piece and "overlap" not in piece and "splines" not in piece
    assert "cluster_s1" in piece and "cluster_s2" not in piece and "n2" not in piece
    assert 'n1 -> n3 [id="am-e1"];' in piece
    assert piece.count("{") == piece.count("}")


@pytest.fixture
def small_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(placement, "PACKED_ABOVE", 100)
    monkeypatch.setattr(placement, "PIECE_LIMIT", 60)


def _map(count: int = 200, shape: str = "cross") -> ArgumentMap:
    result = load_text(shaped_map_text(count, shape))
    assert result.map is not None
    return result.map


def test_a_map_over_the_threshold_is_laid_out_in_pieces(small_thresholds: None) -> None:
    argument_map = _map()
    engine, note = choose_engine(argument_map, RenderOptions())
    assert engine == PACKED_ENGINE and note is not None and "pieces of at most 60" in note
    assert "\nlayout=nop2;\n" in layout_source(argument_map, RenderOptions())[0]
    # An engine asked for is the engine used, on the whole map; a map at the threshold goes to dot.
    assert choose_engine(argument_map, RenderOptions(engine="dot")) == ("dot", None)
    assert "layout=nop2" not in layout_source(argument_map, RenderOptions(engine=PACKED_ENGINE))[0]
    assert choose_engine(_map(100), RenderOptions())[0] == "dot"


def test_the_real_thresholds_pack_only_what_dot_cannot_lay_out_whole() -> None:
    assert not placement.packs(placement.PACKED_ABOVE) and placement.packs(placement.PACKED_ABOVE + 1)
    assert placement.QUICK_LAYERS_FROM < placement.PIECE_LIMIT < placement.PACKED_ABOVE


def _shapes(svg: bytes) -> dict[str, Box]:
    """The bounding box of each statement's shape in the SVG (``am-n<k>`` -> box), from its outline's points."""
    boxes = {}
    for match in re.finditer(rb'<g id="(am-n\d+)" class="node[^>]*>(.*?)</g>', svg, re.S):
        outline = re.search(rb'<(?:polygon|path)[^>]* (?:points|d)="([^"]*)"', match.group(2))
        assert outline is not None, match.group(1)
        numbers = [float(n) for n in re.findall(rb"-?\d+(?:\.\d+)?", outline.group(1))]
        xs, ys = numbers[0::2], numbers[1::2]
        boxes[match.group(1).decode()] = (min(xs), min(ys), max(xs), max(ys))
    return boxes


@pytest.mark.graphviz
@pytest.mark.parametrize("shape", ["tree", "cross"])
def test_the_packed_picture_draws_every_statement_and_line_and_nothing_overlaps(small_thresholds: None, shape: str) -> None:
    argument_map = _map(200, shape)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        svg = render(argument_map, "svg", RenderOptions())
    assert any(issubclass(w.category, LayoutWarning) and "pieces" in str(w.message) for w in caught)
    ids = svg_ids(argument_map)
    boxes = _shapes(svg)
    assert set(boxes) == {ids[node_id] for node_id in argument_map.nodes}
    drawn = set(re.findall(rb'<g id="(am-e\d+)" class="edge', svg))
    assert drawn == {edge.svg_id.encode() for edge in drawn_edges(argument_map)}
    # Every line is drawn (a path), not only named.
    assert svg.count(b'class="edge') == len(drawn) and len(
        re.findall(rb'class="edge[^>]*>\s*<title>[^<]*</title>\s*<path', svg)
    ) == len(drawn)
    overlapping = [(a, b) for (a, box_a), (b, box_b) in combinations(boxes.items(), 2) if not _apart(box_a, box_b)]
    assert overlapping == []
    # Text at its own size: no scaling of the picture.
    assert b"scale(1 1)" in svg and b'font-size="14.00"' in svg


@pytest.mark.graphviz
@pytest.mark.parametrize("output_format", ["svg", "pdf"])
def test_a_packed_picture_is_the_same_bytes_twice(small_thresholds: None, output_format: str) -> None:
    argument_map = _map()
    options = RenderOptions(legend=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LayoutWarning)
        first = render(argument_map, output_format, options)
        second = render(argument_map, output_format, options)
    assert first == second and len(first) > 10_000


@pytest.mark.graphviz
def test_a_section_box_is_drawn_once_around_its_statements(small_thresholds: None, tmp_path: Path) -> None:
    lines = shaped_map_text(200, "tree").splitlines()
    # The first and second main claims' branches are sections.
    text = "\n".join([*lines[:3], "sections:", "  A: Part A", "  B: Part B", *lines[3:]]) + "\n"
    result = load_text(text)
    assert result.map is not None
    sectioned = re.sub(r"(?m)^(  N(\d+):\n(?:    .*\n)*?)(?=  N|\Z)", lambda m: _in_section(m, result.map), text)
    argument_map = load_text(sectioned).map
    assert argument_map is not None and {node.section for node in argument_map.nodes.values()} == {None, "A", "B"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LayoutWarning)
        svg = render(argument_map, "svg", RenderOptions(clusters=True))
    ids = svg_ids(argument_map)
    boxes = _shapes(svg)
    for index, section in enumerate(argument_map.sections, 1):
        assert svg.count(f'<g id="am-s{index}" class="cluster'.encode()) == 1
        frame = re.search(
            rf'<g id="am-s{index}" class="cluster[^>]*>.*?<(?:polygon|path)[^>]* (?:points|d)="([^"]*)"'.encode(), svg, re.S
        )
        assert frame is not None
        numbers = [float(n) for n in re.findall(rb"-?\d+(?:\.\d+)?", frame.group(1))]
        left, bottom, right, top = min(numbers[0::2]), min(numbers[1::2]), max(numbers[0::2]), max(numbers[1::2])
        for node in argument_map.nodes.values():
            box = boxes[ids[node.id]]
            inside = left <= box[0] and box[2] <= right and bottom <= box[1] and box[3] <= top
            assert inside == (node.section == section), (node.id, section)


def _in_section(match: re.Match[str], argument_map: ArgumentMap | None) -> str:
    """A node's YAML with a ``section:`` line when it lies under main claim N1 (A) or N2 (B)."""
    assert argument_map is not None
    node_id = f"N{match.group(2)}"
    while node_id not in ("N1", "N2", "N0"):
        node = argument_map.nodes[node_id]
        node_id = next(ref.target for ref in [*node.supports, *node.attacks])
    if node_id == "N0":
        return match.group(1)
    return match.group(1) + f"    section: {'A' if node_id == 'N1' else 'B'}\n"


@pytest.mark.parametrize("size", [10, placement.QUICK_LAYERS_FROM, placement.PIECE_LIMIT])
def test_a_piece_gets_dots_limits_for_its_own_size_not_the_maps(size: int) -> None:
    whole = 'digraph argmap {\nrankdir=BT;\nnslimit="0.25";\nnslimit1="0.25";\nnode [fontsize=14];\nn1 [id="am-n1"];\n}\n'
    piece = piece_text(whole, {f"n{k}" for k in range(1, size + 1)})
    expected = placement.layered_layout_attributes(size)
    assert [line for line in piece.splitlines() if line.startswith("nslimit")] == [
        f"{key}={value};" for key, value in expected.items() if key.startswith("nslimit")
    ]
    assert "rankdir=BT;" in piece and 'n1 [id="am-n1"];' in piece


@pytest.mark.graphviz
def test_the_positioned_formats_read_the_packed_layout(small_thresholds: None) -> None:
    from usfk_argmap.drawing.layout import map_layout

    argument_map = _map()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LayoutWarning)
        dot_text, _ = layout_source(argument_map, RenderOptions())
        laid = map_layout(argument_map, RenderOptions())
    # Any Graphviz command draws the packed DOT as laid out (neato -n2's layout), not again.
    assert "\nlayout=nop2;\n" in dot_text
    assert {laid.map_ids[key] for key in laid.layout.nodes if key in laid.map_ids} >= set(argument_map.nodes)
    positions = {node_id: node for node_id, node in laid.statements(argument_map)}
    placed = dict(re.findall(r'^(n\d+) \[pos="([^"]*)"', dot_text, re.M))
    assert len(placed) == len(argument_map.nodes) == len(positions)
    # The layout read back is the packed one: each statement where the pieces put it (up to one shift).
    ids = svg_ids(argument_map)
    shifts = set()
    for node_id, node in positions.items():
        x, y = (float(value) for value in placed[ids[node_id].removeprefix("am-")].split(","))
        shifts.add((round(node.x - x, 1), round(node.y - y, 1)))
    assert len(shifts) == 1
