"""Rendering through Graphviz: SVG, PNG, PDF, escaping, fonts, files, many maps, errors."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.helpers import MAPS, SMALL_ZH, small_map
from usfk_argmap import open_map
from usfk_argmap.analysis.drawn import svg_ids
from usfk_argmap.core.errors import GraphvizFailedError, GraphvizNotFoundError, OutputError
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing.graphviz import run_graphviz, run_gvpr
from usfk_argmap.drawing.render import LARGE_MAP_NODES, RenderOptions, choose_engine
from usfk_argmap.mapfile.loader import load_text
from usfk_argmap.pipeline import RenderOutcome, render, render_file, render_many, render_svg, to_dot

SVG = "{http://www.w3.org/2000/svg}"
pytestmark = pytest.mark.graphviz

NASTY = {  # id -> text: everything DOT or Graphviz would otherwise interpret
    "C:1": 'He said "no".',
    "node": "C:\\Users\\x and a lone \\",
    'q"uote': "\\N and \\G and \\l are not escapes here",
    "html": "<b>x</b> & &amp; stay as typed",
    "中文": "中文標籤，含「引號」與（括號）。",
    "edge": "graph digraph subgraph strict",
}


def nasty_map() -> ArgumentMap:
    lines = ["title: 'Nasty <ids> & \"text\"'", "lang: zh-Hant", "root: 中文", "nodes:"]
    for node_id, text in NASTY.items():
        quoted_id = '"' + node_id.replace('"', '\\"') + '"'
        quoted_text = "'" + text.replace("'", "''") + "'"
        lines += [f"  {quoted_id}:", f"    kind: {'thesis' if node_id == '中文' else 'claim'}", f"    text: {quoted_text}"]
        if node_id != "中文":
            lines.append("    supports: 中文")
    result = load_text("\n".join(lines) + "\n")
    assert result.map is not None and len(result.map.nodes) == len(NASTY), result.diagnostics
    return result.map


def node_texts(svg: bytes) -> dict[str, str]:
    """SVG group id -> the text drawn in it, lines joined without separators."""
    root = ET.fromstring(svg)
    texts = {}
    for group in root.iter(f"{SVG}g"):
        if "am-node" in group.get("class", "").split():
            texts[group.get("id", "")] = "".join(t.text or "" for t in group.iter(f"{SVG}text"))
    return texts


def test_svg_shows_exactly_the_text_given() -> None:
    argument_map = nasty_map()
    svg = render_svg(argument_map)
    drawn = node_texts(svg)
    ids = svg_ids(argument_map)
    for node_id, text in NASTY.items():
        assert drawn[ids[node_id]].replace(" ", "") == text.replace(" ", ""), node_id
    root = ET.fromstring(svg)
    data_ids = {g.get("data-am-id") for g in root.iter(f"{SVG}g") if g.get("data-am-id")}
    assert data_ids == set(NASTY)


@pytest.mark.parametrize("map_name", sorted(p.name for p in MAPS.glob("*.yaml")))
def test_every_node_text_appears_wrapped(map_name: str) -> None:
    argument_map = open_map(MAPS / map_name)
    svg = render_svg(argument_map)
    drawn = node_texts(svg)
    for node_id, svg_id in svg_ids(argument_map).items():
        if node_id in argument_map.nodes:
            expected = " ".join(argument_map.nodes[node_id].shown_text.split()).replace(" ", "")
            assert drawn[svg_id].replace(" ", "") == expected, node_id
    # wrapped: some labels take several lines
    root = ET.fromstring(svg)
    assert any(len(list(g.iter(f"{SVG}text"))) > 1 for g in root.iter(f"{SVG}g") if "am-node" in g.get("class", ""))


def test_svg_is_well_formed_with_font_fallbacks_and_ids() -> None:
    svg = render_svg(small_map(), RenderOptions(legend=True, clusters=True))
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert b"font-family=\"'Noto Sans CJK TC','Noto Sans TC'" in svg and b'sans-serif"' in svg
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g")}
    assert groups["am-n2"].get("class") == "node am-node am-kind-claim"
    assert groups["am-n2"].get("data-am-id") == "C:1"
    assert groups["am-e3"].get("data-am-relation") == "undercuts"
    assert groups["am-e3"].get("data-am-target") == "A1"
    assert "am-section" in groups["am-s1"].get("class", "")
    assert "am-legend" in groups


def test_a_loaded_map_shows_itself_as_svg_in_jupyter() -> None:
    argument_map = small_map()
    assert argument_map._repr_svg_() == render_svg(argument_map).decode("utf-8")


def test_the_jupyter_drawer_is_registered_not_assigned() -> None:
    # The package registers the pipeline's SVG through the model's API; another drawer can take its place.
    import usfk_argmap
    from usfk_argmap.core import model

    argument_map = small_map()
    assert not hasattr(model, "svg_display")
    try:
        model.register_svg_drawer(lambda drawn: f"<svg><title>{drawn.title}</title></svg>")
        assert argument_map._repr_svg_() == f"<svg><title>{argument_map.title}</title></svg>"
        model.register_svg_drawer(None)
        assert argument_map._repr_svg_() is None
    finally:
        model.register_svg_drawer(usfk_argmap._jupyter_svg)
    assert argument_map._repr_svg_() == render_svg(argument_map).decode("utf-8")


def test_svg_is_deterministic(outputs_by_seed: list[dict[str, str]]) -> None:
    first, second = outputs_by_seed
    assert first["svg"] == second["svg"]
    assert first["svg-embedded-font"] == second["svg-embedded-font"]


def test_png_and_pdf() -> None:
    argument_map = small_map()
    png = render(argument_map, "png", RenderOptions(dpi=72))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    pdf = render(argument_map, "pdf")
    assert pdf.startswith(b"%PDF-")


@pytest.mark.needs("pdffonts")
def test_pdf_embeds_the_cjk_font(tmp_path: Path) -> None:
    path = render_file(small_map(), tmp_path / "map.pdf")
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line for line in listing.splitlines() if "NotoSansCJKtc" in line]
    assert rows, listing
    assert all(" yes " in row for row in rows), listing  # the "emb" column
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "北韓核武問題" in text.replace("\n", "")


def test_outline_text_has_no_text_elements() -> None:
    svg = render_svg(small_map(), RenderOptions(outline_text=True))
    root = ET.fromstring(svg)
    assert not list(root.iter(f"{SVG}text"))
    assert list(root.iter(f"{SVG}path"))


def test_embed_fonts_adds_a_woff2_subset() -> None:
    plain = render_svg(small_map())
    embedded = render_svg(small_map(), RenderOptions(embed_fonts=True))
    match = re.search(
        rb"@font-face\{font-family:'Noto Sans CJK TC';src:url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\)", embedded
    )
    assert match is not None
    import base64

    font = base64.b64decode(match.group(1))
    assert font.startswith(b"wOF2")
    assert len(font) < 60_000  # a subset, not the 19 MB collection
    ET.fromstring(embedded)
    assert embedded.replace(embedded[embedded.index(b"<defs><style") : embedded.index(b"</defs>\n") + 8], b"") == plain


def test_render_file_is_atomic_and_spares_the_input(tmp_path: Path) -> None:
    source = tmp_path / "map.yaml"
    source.write_text(SMALL_ZH, encoding="utf-8")
    argument_map = open_map(source)
    target = render_file(argument_map, tmp_path / "out" / "map.svg")
    assert target.read_bytes() == render_svg(argument_map)
    assert not list((tmp_path / "out").glob(".*.tmp"))
    with pytest.raises(OutputError, match="input"):
        render_file(argument_map, source, output_format="svg")
    assert source.read_text(encoding="utf-8") == SMALL_ZH
    with pytest.raises(ValueError, match="suffix"):
        render_file(argument_map, tmp_path / "map.txt")


def test_render_many(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(SMALL_ZH, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    seen: list[RenderOutcome] = []
    outcomes = render_many([good, MAPS / "example_tram.yaml", bad], tmp_path / "out", jobs=2, progress=seen.append)
    assert [o.source for o in outcomes] == [good, MAPS / "example_tram.yaml", bad]
    assert len(seen) == 3
    assert outcomes[0].output == tmp_path / "out" / "good.svg"
    assert (tmp_path / "out" / "good.svg").read_bytes() == render_svg(open_map(good))
    assert (tmp_path / "out" / "example_tram.svg").is_file()
    assert outcomes[2].output is None and outcomes[2].error and "AM001" in outcomes[2].error
    with pytest.raises(ValueError, match="both be written"):
        render_many([good, good], tmp_path / "out")


def test_graphviz_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(GraphvizNotFoundError, match="install Graphviz"):
        render_svg(small_map())


def test_graphviz_failure_carries_stderr() -> None:
    with pytest.raises(GraphvizFailedError) as caught:
        run_graphviz("digraph { a -> }", "svg")
    assert "syntax error" in caught.value.stderr
    with pytest.raises(ValueError, match="engine"):
        run_graphviz("digraph {}", "svg", engine="rm")
    with pytest.raises(ValueError, match="flag"):
        run_graphviz("digraph {}", "svg", flags=["-o/tmp/elsewhere"])


def test_gvpr_edits_and_neato_draws_at_fixed_positions() -> None:
    laid_out = run_graphviz('digraph { a -> b; b [id="keep"] }', "dot")
    edited = run_gvpr('N[id == "keep"]{style = "invis"}', laid_out)
    assert b"invis" in edited
    assert run_graphviz(edited, "svg", "neato", ["-n2"]).lstrip().startswith(b"<?xml")


def test_gvpr_failure_is_typed() -> None:
    with pytest.raises(GraphvizFailedError) as caught:
        run_gvpr("N[", "digraph { a }")
    assert caught.value.command[0] == "gvpr" and caught.value.stderr


def test_large_maps_are_laid_out_in_pieces() -> None:
    nodes = "\n".join(f"  N{k}:\n    kind: premise\n    text: 第{k}個前提\n    supports: T" for k in range(LARGE_MAP_NODES + 1))
    result = load_text(f"title: big\nlang: zh-Hant\nroot: T\nnodes:\n  T:\n    kind: thesis\n    text: 論旨\n{nodes}\n")
    assert result.map is not None
    engine, note = choose_engine(result.map, RenderOptions())
    # Laid out by dot in pieces and packed (drawing.packed); neato draws the packed DOT as laid out.
    assert engine == "neato" and note is not None and "in pieces" in note
    assert choose_engine(result.map, RenderOptions(engine="dot")) == ("dot", None)
    assert choose_engine(result.map, RenderOptions(section=None), shown={"T"}) == ("dot", None)
    assert 'overlap="scale"' in to_dot(result.map, RenderOptions(engine="sfdp"))


def test_an_undercut_relation_joint_is_a_group_the_undercut_points_at() -> None:
    from tests.helpers import UNDERCUT_RELATION

    result = load_text(UNDERCUT_RELATION)
    assert result.map is not None
    root = ET.fromstring(render_svg(result.map))
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g")}
    assert groups["am-r1"].get("data-am-id") == "O1->C1"
    assert "am-relation" in (groups["am-r1"].get("class") or "")
    assert groups["am-e4"].get("data-am-source") == "R1" and groups["am-e4"].get("data-am-target") == "O1->C1"
    assert groups["am-e4"].get("data-am-relation") == "undercuts"
