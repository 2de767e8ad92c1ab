"""The accessible SVG (issue 26): lang, role, title and description; named statements in argument order.

The SVG is read as XML: each statement's group is a ``graphics-symbol`` whose
``<title>`` says its kind, id, text and relations in the map's language; every
other group is ``aria-hidden``; the statements come after all the lines, in the
order the argument is told (``drawing.accessible.argument_order``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.helpers import MAPS, SMALL_ZH, UNDERCUT_RELATION
from usfk_argmap import open_map
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing.accessible import accessible_svg, argument_order
from usfk_argmap.drawing.render import RenderOptions, render_svg
from usfk_argmap.drawing.words import Sayer, summary_words
from usfk_argmap.mapfile.loader import load_text

SVG = "{http://www.w3.org/2000/svg}"
FLAGSHIP = MAPS / "usfk_conclusion.yaml"
TRAM = MAPS / "example_tram.yaml"


def loaded(text: str) -> ArgumentMap:
    result = load_text(text)
    assert result.map is not None, result.diagnostics
    return result.map


def _drawing(svg: bytes) -> tuple[ET.Element, ET.Element]:
    root = ET.fromstring(svg)
    drawing = root.find(f"{SVG}g")
    assert drawing is not None and drawing.get("id") == "am-map"
    return root, drawing


def _title(group: ET.Element) -> str:
    title = group.find(f"{SVG}title")
    assert title is not None and title.text is not None
    return title.text


# --- The words, without Graphviz ---------------------------------------------------------------

NAMES = [
    # (map, statement, its words): each kind of relation, in three languages.
    (UNDERCUT_RELATION, "C1", "主張 C1：駐軍維持區域之和平與穩定（支持 T）"),
    (UNDERCUT_RELATION, "R1", "反駁 R1：調整的只是手法（削弱從 O1 到 C1 的推論）"),
    (SMALL_ZH, "P1", "前提 P1：兩韓簽訂基本協議（1991）。（與 P2 共同支持 C:1）"),
    (SMALL_ZH, "U1", "反對 U1：協議未曾落實。（削弱從 P1、P2 到 C:1 的推論）"),
    (SMALL_ZH, "T", "論旨 T：中國對駐韓美軍的立場逐步轉變。"),
    (
        SMALL_ZH.replace("lang: zh-Hant", "lang: zh-CN"),
        "O1",
        "反对 O1：北韓核武問題使情勢再度緊張。（攻击 C:1）",
    ),  # the words Simplified, the text as written
    (
        "title: t\nroot: T\nnodes:\n  T: {kind: thesis, text: T.}\n  C: {kind: claim, text: 'A\n    claim.', supports: T}\n"
        "  O: {kind: objection, text: No., attacks: C, undercuts: {from: C, to: T}}\n",
        "O",
        "Objection O: No. (attacks C; undercuts the inference from C to T)",
    ),
]


@pytest.mark.parametrize(("text", "node_id", "expected"), NAMES, ids=[f"{n[1]}-{i}" for i, n in enumerate(NAMES)])
def test_a_statement_is_said_with_its_kind_and_relations(text: str, node_id: str, expected: str) -> None:
    argument_map = loaded(text)
    assert Sayer(argument_map).statement(argument_map.nodes[node_id]) == expected


def test_the_summary_counts_what_is_drawn() -> None:
    argument_map = loaded(SMALL_ZH)
    everything = summary_words(argument_map, list(argument_map.nodes))
    assert everything == "論證圖。論旨：中國對駐韓美軍的立場逐步轉變。共有 1 個主張、2 個理由、2 個反對、0 個回應。"
    assert "共有 1 個主張、0 個理由、0 個反對、0 個回應。評估：論旨成立。" in summary_words(
        argument_map, ["T", "C:1"], "established"
    )
    english = loaded(SMALL_ZH.replace("lang: zh-Hant", "lang: en"))
    assert summary_words(english, ["C:1"], "defeated").endswith(
        "It has 1 claim, 0 reasons, 0 objections, 0 answers. Evaluated: the thesis is defeated."
    )


def test_argument_order_is_the_thesis_then_depth_first() -> None:
    argument_map = open_map(TRAM)
    assert argument_order(argument_map) == ["T", "C1", "P3", "P1", "P2", "E1", "O2", "R2", "O1", "R1", "C2", "E2"]
    flagship = open_map(FLAGSHIP)
    order = argument_order(flagship)
    assert sorted(order) == sorted(flagship.nodes) and order[0] == "T"


def test_an_svg_not_as_graphviz_writes_it_gets_its_root_only() -> None:
    argument_map = loaded(UNDERCUT_RELATION)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><g id="other"><title>x</title></g></svg>'
    finished = accessible_svg(svg, argument_map, {})
    root = ET.fromstring(finished)
    assert root.get("lang") == "zh-Hant" and root.get("role") == "graphics-document"
    assert _title(root) == "削弱推論"
    assert finished.endswith(b'<g id="other"><title>x</title></g></svg>')


# --- The SVG Graphviz draws ---------------------------------------------------------------------


@pytest.mark.graphviz
@pytest.mark.parametrize(
    ("path", "lang", "options"),
    [
        (FLAGSHIP, "zh-Hant", RenderOptions()),
        (FLAGSHIP, "zh-Hant", RenderOptions(legend=True, clusters=True, lang_mode="both")),
        (TRAM, "en", RenderOptions(theme="dark", legend=True)),
    ],
    ids=["flagship", "flagship-legend-clusters", "tram-dark-legend"],
)
def test_the_svg_is_accessible(path: Path, lang: str, options: RenderOptions) -> None:
    argument_map = open_map(path)
    root, drawing = _drawing(render_svg(argument_map, options))
    assert (root.get("lang"), root.get("role")) == (lang, "graphics-document")
    children = list(root)
    assert [child.tag for child in children[:2]] == [f"{SVG}title", f"{SVG}desc"]
    assert children[0].text == argument_map.title
    assert children[1].text == summary_words(argument_map, list(argument_map.nodes))
    assert drawing.find(f"{SVG}title") is None  # Graphviz's "argmap" names nothing
    groups = drawing.findall(f"{SVG}g")
    statements = [g for g in groups if g.get("role") == "graphics-symbol"]
    others = [g for g in groups if g.get("role") != "graphics-symbol"]
    assert all(g.get("aria-hidden") == "true" for g in others)
    assert {g.get("class", "").split()[0] for g in others} <= {"edge", "node", "cluster"}
    # Every statement once, in argument order, after every line and joint.
    assert [g.get("data-am-id") for g in statements] == argument_order(argument_map)
    assert groups[-len(statements) :] == statements
    sayer = Sayer(argument_map)
    for group in statements:
        node = argument_map.nodes[group.get("data-am-id", "")]
        assert _title(group) == sayer.statement(node)


@pytest.mark.graphviz
def test_the_flagship_says_its_statements_in_chinese() -> None:
    argument_map = open_map(FLAGSHIP)
    _, drawing = _drawing(render_svg(argument_map))
    names = {g.get("data-am-id"): _title(g) for g in drawing.findall(f"{SVG}g") if g.get("role") == "graphics-symbol"}
    assert names["C1"] == "主張 C1：冷戰後朝鮮半島情勢相對穩定（支持 T；支持 SC2.1）"
    assert names["O1.1"].startswith("反對 O1.1：") and names["O1.1"].endswith("（攻擊 C1）")
    assert names["SC1.1"].endswith("（與 P1.1、P1.2 共同支持 C1；削弱從 O1.1 到 C1 的推論）")
    kinds = {"論旨", "主張", "前提", "證據", "反對", "反駁", "假設"}
    assert all(name.split(" ", 1)[0] in kinds for name in names.values())


@pytest.mark.graphviz
def test_a_part_of_the_map_describes_what_it_draws() -> None:
    argument_map = open_map(TRAM)
    svg = render_svg(argument_map, RenderOptions(section="climate", evaluate=True))
    root, drawing = _drawing(svg)
    drawn = [g.get("data-am-id") for g in drawing.findall(f"{SVG}g") if g.get("role") == "graphics-symbol"]
    assert drawn == [n for n in argument_order(argument_map) if n in {"C2", "E2"}]
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text is not None
    assert "It has 1 claim, 1 reason, 0 objections, 0 answers." in desc.text
    assert desc.text.endswith("Evaluated: the thesis is established.")


@pytest.mark.graphviz
def test_markup_in_a_text_stays_text() -> None:
    text = "title: 'A <b> & \"c\"'\nroot: T\nnodes:\n  T: {kind: thesis, text: 'x < y & <script>z</script>'}\n"
    argument_map = loaded(text)
    root, drawing = _drawing(render_svg(argument_map))
    assert _title(root) == 'A <b> & "c"'
    (statement,) = [g for g in drawing.findall(f"{SVG}g") if g.get("role") == "graphics-symbol"]
    assert _title(statement) == "Thesis T: x < y & <script>z</script>"
    assert statement.find(f".//{SVG}script") is None


@pytest.mark.graphviz
def test_the_accessible_svg_is_the_same_every_time() -> None:
    argument_map = open_map(FLAGSHIP)
    assert render_svg(argument_map) == render_svg(open_map(FLAGSHIP))


@pytest.mark.graphviz
def test_text_drawn_as_outlines_still_has_its_title_and_description() -> None:
    # Cairo's SVG (render --outline-text) has no groups of ours: the root says what the picture is.
    argument_map = open_map(TRAM)
    root = ET.fromstring(render_svg(argument_map, RenderOptions(outline_text=True, section="climate")))
    assert (root.get("lang"), root.get("role")) == ("en", "graphics-document")
    assert _title(root) == argument_map.title
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text == summary_words(argument_map, ["C2", "E2"])


@pytest.mark.graphviz
@pytest.mark.parametrize("lang_mode", ["text", "gloss", "both"])
def test_the_drawn_gloss_carries_its_own_lang(lang_mode: str) -> None:
    # A zh-Hant map's English glosses are read in an English voice; its own text in the map's.
    argument_map = open_map(FLAGSHIP)
    root, drawing = _drawing(render_svg(argument_map, RenderOptions(lang_mode=lang_mode)))
    assert root.get("lang") == "zh-Hant"
    english = chinese = 0
    for group in drawing.findall(f"{SVG}g[@role='graphics-symbol']"):
        node = argument_map.nodes[group.get("data-am-id") or ""]
        for text in group.iter(f"{SVG}text"):
            words = text.text or ""
            is_cjk = any("\u4e00" <= char <= "\u9fff" for char in words)
            if text.get("lang") == "en":
                english += 1
                assert node.en is not None and not is_cjk, words
            elif is_cjk:
                chinese += 1
            else:
                # A line without Chinese and without lang: an id, a number, or Latin words of the map's own text.
                assert lang_mode == "text" or node.en is None or words not in node.en.split("\n"), words
    assert chinese > 0 if lang_mode != "gloss" else english > 0
    assert (english > 0) == (lang_mode != "text")


@pytest.mark.graphviz
def test_an_english_map_s_glosses_get_no_lang_of_their_own() -> None:
    argument_map = loaded(SMALL_ZH.replace("lang: zh-Hant", "lang: en", 1))
    assert argument_map.lang == "en" and any(node.en for node in argument_map.nodes.values())
    svg = render_svg(argument_map, RenderOptions(lang_mode="both"))
    assert b'font-size="11.00"' in svg  # the glosses are drawn
    assert b'<text lang="en"' not in svg
