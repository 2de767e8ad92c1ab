"""The DOT text: synthetic ids, escaping, SVG ids, options; golden files for the bundled maps."""

from __future__ import annotations

import re
from pathlib import Path

import pydot
import pytest

from tests.helpers import MAPS, UNDERCUT_RELATION, Golden, small_map
from usfk_argmap import open_map
from usfk_argmap.analysis.drawn import drawn_edges, edge_svg_ids, svg_ids
from usfk_argmap.core.errors import UnknownNodeError
from usfk_argmap.drawing.labels import html_text
from usfk_argmap.drawing.render import RenderOptions, parse_fit
from usfk_argmap.mapfile.loader import load_text
from usfk_argmap.pipeline import to_dot

#: Option sets the golden DOT files are kept for: name -> options.
GOLDEN_OPTIONS: dict[str, RenderOptions] = {
    "default": RenderOptions(),
    "slide": RenderOptions(fit="16:9", legend=True, clusters=True, transparent=True),
    "print-lr-both": RenderOptions(theme="print", direction="LR", lang_mode="both", width=12),
    "dark-issues": RenderOptions(theme="dark", show_issues=True),
}
BUNDLED = sorted(path.name for path in MAPS.glob("*.yaml"))


def test_svg_ids_are_synthetic_and_stable() -> None:
    argument_map = small_map()
    assert svg_ids(argument_map) == {
        "T": "am-n1",
        "C:1": "am-n2",
        "P1": "am-n3",
        "P2": "am-n4",
        "O1": "am-n5",
        "U1": "am-n6",
        "A1": "am-a1",
    }
    assert edge_svg_ids(argument_map) == {
        ("C:1", "T", "supports"): "am-e1",
        ("O1", "C:1", "attacks"): "am-e2",
        ("U1", "A1", "undercuts"): "am-e3",
        ("P1", "A1", "premise"): "am-e4",
        ("P2", "A1", "premise"): "am-e5",
        ("A1", "C:1", "supports"): "am-e6",
    }
    assert [edge.svg_id for edge in drawn_edges(argument_map)] == [f"am-e{k}" for k in range(1, 7)]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pyparsing, inside pydot
def test_dot_parses_back_with_our_ids_and_classes() -> None:
    text = to_dot(small_map())
    graphs = pydot.graph_from_dot_data(text)
    assert graphs is not None
    (graph,) = graphs
    names = {node.get_name() for sub in graph.get_subgraphs() for node in sub.get_nodes()}
    names |= {node.get_name() for node in graph.get_nodes()}
    assert {"n1", "n2", "n3", "n4", "n5", "n6", "a1"} <= names
    assert '"C:1"' not in text and "C:1 " not in text.replace("label=<", "")
    assert 'class="am-node am-kind-claim"' in text
    assert 'class="am-edge am-rel-undercuts"' in text
    assert 'id="am-a1"' in text and 'class="am-arg am-rel-supports"' in text
    assert 'fontname="Noto Sans CJK TC"' in text


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ('"quoted"', "&quot;quoted&quot;"),
        ("C:\\Users\\x", "C:\\\\Users\\\\x"),
        ("\\N \\l \\G", "\\\\N \\\\l \\\\G"),
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ("&amp;", "&amp;amp;"),
        ("中文\x00\x07", "中文"),
    ],
)
def test_html_text_escapes(raw: str, escaped: str) -> None:
    assert html_text(raw) == escaped


def test_options_change_the_dot() -> None:
    argument_map = small_map()
    assert "rankdir=BT" in to_dot(argument_map)
    assert "rankdir=LR" in to_dot(argument_map, RenderOptions(direction="LR"))
    assert 'size="13.333,7.500!"' in to_dot(argument_map, RenderOptions(fit="16:9"))
    assert 'bgcolor="transparent"' in to_dot(argument_map, RenderOptions(transparent=True))
    assert "cluster_s1" in to_dot(argument_map, RenderOptions(clusters=True))
    assert "cluster_legend" in to_dot(argument_map, RenderOptions(legend=True))
    both = to_dot(argument_map, RenderOptions(lang_mode="both"))
    assert "China's position shifted." in both and "中國對駐韓美軍" in both
    english = to_dot(argument_map, RenderOptions(lang_mode="en"))
    assert "China's position shifted." in english and "中國對駐韓美軍" not in english


def test_focus_section_and_highlight_select_statements() -> None:
    argument_map = small_map()
    focused = to_dot(argument_map, RenderOptions(focus="O1", depth=1))
    assert 'id="am-n5"' in focused and 'id="am-n2"' in focused and 'id="am-n1"' not in focused
    section = to_dot(argument_map, RenderOptions(section="s1"))
    assert 'id="am-n2"' in section and 'id="am-n3"' in section and 'id="am-n5"' not in section
    highlighted = to_dot(argument_map, RenderOptions(highlight=("P1",)))
    assert 'class="am-node am-kind-premise am-highlight"' in highlighted
    with pytest.raises(UnknownNodeError, match="did you mean 'P1'"):
        to_dot(argument_map, RenderOptions(highlight=("P11",)))
    with pytest.raises(UnknownNodeError):
        to_dot(argument_map, RenderOptions(focus="nope"))
    with pytest.raises(ValueError, match="no section 's2'"):
        to_dot(argument_map, RenderOptions(section="s2"))


def test_focus_keeps_linked_arguments_whole() -> None:
    # P1's neighbourhood reaches C:1 through A1; A1's other premise P2 must come too.
    focused = to_dot(small_map(), RenderOptions(focus="P1", depth=1))
    assert 'id="am-n3"' in focused and 'id="am-n4"' in focused and 'id="am-a1"' in focused


def test_show_issues_marks_nodes() -> None:
    text = to_dot(small_map(), RenderOptions(show_issues=True))
    # O1 and U1 (am-n5, am-n6) are objections nobody answers (AM203): they and nothing else are marked.
    marked = [line for line in text.splitlines() if "am-issue" in line]
    assert [re.findall(r'id="(am-[na]\d+)"', line) for line in marked] == [["am-n5"], ["am-n6"]]
    assert all("AM203" in line for line in marked)


@pytest.mark.parametrize(
    ("fit", "inches"),
    [
        ("16:9", (7.5 * 16 / 9, 7.5)),
        ("4:3", (10.0, 7.5)),
        ("13.33x7.5in", (13.33, 7.5)),
        ("1920x1080px", (10.0, 5.625)),
        ("1920×1080px", (10.0, 5.625)),
        ("10x5in", (10.0, 5.0)),
        ("25.4x12.7cm", (10.0, 5.0)),
        ("254x127mm", (10.0, 5.0)),
    ],
)
def test_parse_fit(fit: str, inches: tuple[float, float]) -> None:
    assert parse_fit(fit) == pytest.approx(inches)


@pytest.mark.parametrize("bad", ["", "16:0", "wide", "10x", "0x5in", "16x9", "10x5ft"])
def test_parse_fit_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_fit(bad)


@pytest.mark.parametrize(
    ("field", "value"),
    [("direction", "UP"), ("theme", "neon"), ("lang_mode", "fr"), ("width", 0.5), ("dpi", 0), ("depth", -1), ("engine", "rm")],
)
def test_options_are_validated(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=field):
        RenderOptions(**{field: value})  # type: ignore[arg-type]


def test_dot_is_deterministic(outputs_by_seed: list[dict[str, str]]) -> None:
    first, second = outputs_by_seed
    assert first["dot"] == second["dot"]


@pytest.mark.parametrize("option_set", sorted(GOLDEN_OPTIONS))
@pytest.mark.parametrize("map_name", BUNDLED)
def test_golden_dot(map_name: str, option_set: str, golden: Golden) -> None:
    """Regenerate with ``python -m pytest tests/test_dot.py --update-golden`` after a deliberate change."""
    text = to_dot(open_map(MAPS / map_name), GOLDEN_OPTIONS[option_set])
    golden.check(f"render/{Path(map_name).stem}.{option_set}.dot", text)


FLAT = "title: flat\nlang: zh-Hant\nroot: T\nnodes:\n  T: {kind: thesis, text: 論旨}\n" + "".join(
    f"  P{k}: {{kind: premise, text: 第{k}個理由相當長的一句話, supports: T}}\n" for k in range(1, 9)
)


def test_stagger_spreads_leaves_over_levels() -> None:
    result = load_text(FLAT)
    assert result.map is not None
    plain = to_dot(result.map, RenderOptions())
    staggered = to_dot(result.map, RenderOptions(stagger=3))
    assert "minlen" not in plain
    lengths = re.findall(r'id="am-e(\d+)", minlen=(\d)', staggered)
    # The 1st, 4th and 7th leaf keep length 1; the others take 2 and 3 in turn.
    assert lengths == [("2", "2"), ("3", "3"), ("5", "2"), ("6", "3"), ("8", "2")]


@pytest.mark.graphviz
def test_deck_pictures_choose_the_layout_predicted_to_give_the_largest_text() -> None:
    import dataclasses

    from usfk_argmap.drawing.render import render_svg
    from usfk_argmap.drawing.svg import size_in_points
    from usfk_argmap.present.slides.fit import best_layout, px_per_em

    result = load_text(FLAT)
    assert result.map is not None
    top_down = RenderOptions(direction="BT")  # as a deck draws its pictures (the deck fits them itself)
    chosen = best_layout(result.map, set(result.map.nodes), top_down)
    assert (chosen.width, chosen.stagger) != (top_down.width, 1)
    # Laid out once with the prediction, the text comes out clearly larger than with the plain layout.
    predicted = render_svg(result.map, dataclasses.replace(top_down, width=chosen.width, stagger=chosen.stagger))
    plain = render_svg(result.map, top_down)
    assert px_per_em(size_in_points(predicted)) > 1.3 * px_per_em(size_in_points(plain))
    assert px_per_em(size_in_points(predicted)) > 0.75 * chosen.px_per_em
    with pytest.raises(ValueError, match="stagger"):
        RenderOptions(stagger=0)


def test_an_undercut_relation_is_drawn_through_a_joint_point_that_the_undercut_aims_at() -> None:
    result = load_text(UNDERCUT_RELATION)
    assert result.map is not None and not result.diagnostics
    argument_map = result.map
    assert svg_ids(argument_map)["O1->C1"] == "am-r1"
    assert edge_svg_ids(argument_map) == {
        ("C1", "T", "supports"): "am-e1",
        ("O1", "O1->C1", "premise"): "am-e2",
        ("O1->C1", "C1", "attacks"): "am-e3",
        ("R1", "O1->C1", "undercuts"): "am-e4",
        ("E1", "C1", "supports"): "am-e5",
    }
    text = to_dot(argument_map, RenderOptions())
    assert 'id="am-r1"' in text and 'class="am-arg am-relation am-rel-attacks"' in text
    assert "r1 -> n2" in text.replace('"', "") and "n4 -> r1" in text.replace('"', "")
    assert "O1->C1" not in text  # relation ids, like all our ids, never reach Graphviz
    assert "駐軍維持和平" in text and "駐軍維持區域之和平與穩定" not in text  # the short label is drawn


def test_a_section_or_focus_drawing_keeps_a_joint_only_with_both_ends() -> None:
    result = load_text(UNDERCUT_RELATION)
    assert result.map is not None
    text = to_dot(result.map, RenderOptions(focus="E1", depth=1))
    assert 'id="am-r1"' not in text  # O1 is not shown, so neither is its relation's joint
