"""The editable PowerPoint deck read back with python-pptx: shapes with their text, glued connectors, clicks, fonts.

On the flagship map (undercut relations), the example map (a linked argument
and its undercut) and a small map with every kind, a linked argument, and
undercuts of both an argument and a relation.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.helpers import MAPS
from usfk_argmap.analysis.drawn import drawn_edges, svg_ids
from usfk_argmap.cli.app import main
from usfk_argmap.core.messages import message
from usfk_argmap.core.model import ArgumentMap
from usfk_argmap.drawing.render import RenderOptions
from usfk_argmap.mapfile.loader import load_map, load_text
from usfk_argmap.present.slides.build import SvgLayout, build_deck
from usfk_argmap.present.slides.deck import Deck, notes_text
from usfk_argmap.present.slides.formats import map_in_appendix, slide_files
from usfk_argmap.present.slides.options import SlideOptions
from usfk_argmap.present.slides.pptx.deck import deck_pptx, map_pptx
from usfk_argmap.present.slides.pptx.outlines import SITES_PER_SIDE

from .pptx_reading import A, P, entrance_clicks, glued_connectors, open_deck, shapes_by_name, squeezed

pytestmark = pytest.mark.graphviz

#: Every kind, a linked argument (A1), an undercut of it (O2) and of a relation (R2 -> O1 -> C1).
ALL_KINDS_MAP = """\
title: Every kind
lang: en
root: T
nodes:
  T: {kind: thesis, text: The thesis holds.}
  C1: {kind: claim, text: A claim that supports the thesis., supports: T}
  P1: {kind: premise, text: A first premise.}
  P2: {kind: assumption, text: An assumption taken for granted.}
  E1: {kind: evidence, text: Evidence for the first premise., supports: P1}
  O1: {kind: objection, text: An objection to the claim., attacks: C1}
  R1: {kind: rebuttal, text: A rebuttal of the objection., attacks: O1}
  O2: {kind: objection, text: The premises do not carry the claim together., undercuts: A1}
  R2: {kind: rebuttal, text: "The objection is true, but beside the point.", undercuts: {from: O1, to: C1}}
arguments:
  A1: {premises: [P1, P2], supports: C1}
"""


def _load(name: str) -> ArgumentMap:
    argument_map = load_map(MAPS / name).map
    assert argument_map is not None
    return argument_map


@cache
def _map(key: str) -> ArgumentMap:
    if key == "kinds":
        result = load_text(ALL_KINDS_MAP, "kinds.yaml")
        assert result.map is not None, result.diagnostics
        return result.map
    return _load({"flagship": "usfk_conclusion.yaml", "tram": "example_tram.yaml"}[key])


@cache
def _deck(key: str) -> tuple[Deck, bytes]:
    """The deck in the order PowerPoint shows it (the whole map an appendix, ``slide_files``), and its file."""
    argument_map = _map(key)
    deck = map_in_appendix(build_deck(argument_map))
    return deck, deck_pptx(deck, argument_map)


MAPS_TESTED = ("flagship", "tram", "kinds")


@pytest.mark.parametrize("key", MAPS_TESTED)
def test_every_statement_is_a_shape_holding_its_text(key: str) -> None:
    argument_map = _map(key)
    deck, data = _deck(key)
    presentation = open_deck(data)
    pages = list(presentation.slides)
    assert len(pages) == len(deck.slides)  # a build-up is one slide, not a slide per step
    map_ids = {svg_id: map_id for map_id, svg_id in svg_ids(argument_map).items()}
    for slide, page in zip(deck.slides, pages, strict=True):
        assert all(shape.shape_type != 13 for shape in page.shapes), "a picture on a native slide"  # 13: PICTURE
        if slide.figure is None or slide.kind in ("legend", "sections"):  # samples and sections, not statements
            continue
        drawn = SvgLayout.parse(deck.figures[slide.figure].svg)
        shapes = shapes_by_name(page)
        for svg_id in drawn.nodes:
            map_id = map_ids[svg_id]
            shape = shapes[map_id]
            node = argument_map.nodes.get(map_id)
            if node is None:  # a joint point: a small shape without text
                assert shape.width < 400_000 and not shape.text_frame.text  # small, at any picture's scale
                continue
            assert shape.has_text_frame
            assert squeezed(shape.text_frame.text) == squeezed(node.shown_text), map_id
            # Within the slide.
            assert shape.left >= 0 and shape.left + shape.width <= presentation.slide_width
            assert shape.top >= 0 and shape.top + shape.height <= presentation.slide_height


@pytest.mark.parametrize("key", MAPS_TESTED)
def test_every_relation_drawn_is_a_connector_glued_at_both_ends(key: str) -> None:
    argument_map = _map(key)
    deck, data = _deck(key)
    ids = svg_ids(argument_map)
    expected_by_svg = {edge.svg_id: (edge.source, edge.target) for edge in drawn_edges(argument_map)}
    for slide, page in zip(deck.slides, open_deck(data).slides, strict=True):
        if slide.figure is None or slide.kind in ("legend", "sections"):  # samples and sections, not relations
            continue
        drawn = SvgLayout.parse(deck.figures[slide.figure].svg)
        glues = glued_connectors(page)
        assert len(glues) == len(drawn.edges)
        pairs = sorted((g.start, g.end) for g in glues)
        assert pairs == sorted(expected_by_svg[e] for e in drawn.edges)
        for glue in glues:
            assert glue.name == f"{glue.start} → {glue.end}"
            assert 0 <= glue.start_site < 4 * SITES_PER_SIDE and 0 <= glue.end_site < 4 * SITES_PER_SIDE
        assert all(source in ids and target in ids for source, target in pairs)


def _look(element: Any) -> str:
    """What a shape looks like, from its preset or its custom outline (corners, arcs, inner lines)."""
    preset = element.find(f".//{A}prstGeom")
    if preset is not None:
        return str(preset.get("prst"))
    outline, *inner = element.findall(f".//{A}custGeom/{A}pathLst/{A}path")
    corners = len(outline.findall(f"{A}moveTo")) + len(outline.findall(f"{A}lnTo"))
    if outline.find(f"{A}arcTo") is not None:
        return "rounded box"
    if not inner:
        return {4: "box", 8: "octagon"}[corners]
    strokes = len(inner[0].findall(f"{A}moveTo"))
    return {(5, 1): "note", (4, 4): "cut corners"}[corners, strokes]


def test_relations_keep_the_visual_grammar() -> None:
    """Support: solid, triangle head; attack: dashed, a bar-like head; undercut: dotted; co-premises: no head."""
    argument_map = _map("kinds")
    page = open_deck(map_pptx(argument_map)).slides[0]
    lines = {}
    for element in page.shapes._spTree.iter(f"{P}cxnSp"):
        name = element.find(f"{P}nvCxnSpPr/{P}cNvPr").get("name")
        line = element.find(f"{P}spPr/{A}ln")
        dash = line.find(f"{A}prstDash")
        head = line.find(f"{A}tailEnd")
        lines[name] = (
            dash.get("val") if dash is not None else "solid",
            head.get("type") if head is not None else None,
            line.find(f"{A}solidFill/{A}srgbClr").get("val"),
        )
    assert lines["C1 → T"] == ("solid", "triangle", "0072B2")
    # O1's attack on C1 is undercut: drawn through its joint point, the head at C1.
    assert lines["O1->C1 → C1"][:2] == ("dash", "diamond") and lines["O1->C1 → C1"][2] == "D55E00"
    assert lines["O1 → O1->C1"][:2] == ("dash", None)
    assert lines["R1 → O1"][:2] == ("dash", "diamond")
    assert lines["O2 → A1"][:2] == ("sysDot", "diamond")
    assert lines["P1 → A1"][:2] == ("solid", None)
    assert lines["R2 → O1->C1"][:2] == ("sysDot", "diamond")
    geometry = {shape.name: _look(shape._element) for shape in page.shapes if not shape.is_placeholder}
    assert geometry["T"] == geometry["C1"] == geometry["P2"] == "rounded box"
    assert (geometry["P1"], geometry["E1"], geometry["O1"], geometry["R1"]) == ("box", "note", "octagon", "cut corners")
    assert geometry["A1"] == geometry["O1->C1"] == "ellipse"
    thesis_line = page.shapes[[s.name for s in page.shapes].index("T")]._element.find(f".//{A}ln")
    assert thesis_line.get("cmpd") == "dbl"
    assistant = page.shapes[[s.name for s in page.shapes].index("P2")]._element.find(f".//{A}ln/{A}prstDash")
    assert assistant.get("val") == "dash"


@pytest.mark.parametrize("key", MAPS_TESTED)
def test_build_ups_are_entrance_clicks_in_the_order_of_the_steps(key: str) -> None:
    argument_map = _map(key)
    deck, data = _deck(key)
    map_ids = {svg_id: map_id for map_id, svg_id in svg_ids(argument_map).items()}
    animated = 0
    for slide, page in zip(deck.slides, open_deck(data).slides, strict=True):
        clicks = entrance_clicks(page)
        expected = [step.reveal for step in slide.steps[1:] if step.reveal]
        assert len(clicks) == len(expected), slide.id
        by_id = {shape.shape_id: shape.name for shape in page.shapes}
        edge_names = {e.svg_id: f"{e.source} → {e.target}" for e in drawn_edges(argument_map)}
        for click, reveal in zip(clicks, expected, strict=True):
            names = [by_id[shape_id] for shape_id in click]
            assert names == [map_ids.get(svg_id) or edge_names[svg_id] for svg_id in reveal]
        animated += len(clicks)
        # Shapes shown from the start are the ones no later step reveals.
        if clicks:
            timing = page._element.find(f"{P}timing")
            builds = {int(b.get("spid")) for b in timing.iter(f"{P}bldP") if b.get("grpId") == "0"}  # 1: the outlines
            assert builds == {i for click in clicks for i in click if by_id[i] in argument_map.nodes}
    assert animated >= 3


@pytest.mark.parametrize("key", MAPS_TESTED)
def test_speaker_notes_hold_every_step_in_order(key: str) -> None:
    deck, data = _deck(key)
    for slide, page in zip(deck.slides, open_deck(data).slides, strict=True):
        text = page.notes_slide.notes_text_frame.text if page.has_notes_slide else ""
        position = 0
        for index in range(len(slide.steps)):
            for line in notes_text(slide, index, deck.chrome).splitlines():
                found = text.find(line, position)
                assert found >= 0, (slide.id, index, line)
                position = found + len(line)
        if len(slide.steps) > 1:
            assert f"[{message('notes.click', deck.chrome, click=1)}]" in text


def test_cjk_runs_carry_the_east_asian_font_and_language() -> None:
    _, data = _deck("flagship")
    presentation = open_deck(data)
    runs = [r for page in presentation.slides for r in page.shapes._spTree.iter(f"{A}rPr")]
    assert runs
    for properties in runs:
        assert properties.get("lang") == "zh-TW"
        assert properties.find(f"{A}ea").get("typeface") == "Noto Sans CJK TC"
        assert properties.find(f"{A}latin").get("typeface") == "Noto Sans CJK TC"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        theme = package.read("ppt/theme/theme1.xml").decode()
    assert theme.count('<a:ea typeface="Noto Sans CJK TC"/>') == 2  # major and minor fonts
    assert '<a:font script="Hant" typeface="Noto Sans CJK TC"/>' in theme
    # The theme's Latin fonts are the runs' font too, not python-pptx's Calibri.
    assert theme.count('<a:latin typeface="Noto Sans CJK TC"/>') == 2 and "Calibri" not in theme


def test_an_english_deck_names_its_font_in_the_theme() -> None:
    _, data = _deck("tram")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        theme = package.read("ppt/theme/theme1.xml").decode()
    assert theme.count('<a:latin typeface="Liberation Sans"/>') == 2 and "Calibri" not in theme


def test_line_breaks_are_ours_and_the_viewer_wraps_nothing() -> None:
    from usfk_argmap.drawing.terms import map_terms
    from usfk_argmap.drawing.wrap import wrap

    argument_map = _map("flagship")
    page = open_deck(map_pptx(argument_map)).slides[0]
    shapes = shapes_by_name(page)
    options = RenderOptions()
    for node in argument_map.nodes.values():
        frame = shapes[node.id].text_frame
        assert frame._txBody.find(f"{A}bodyPr").get("wrap") == "none"
        assert [p.text for p in frame.paragraphs] == wrap(
            node.shown_text, options.width, argument_map.lang, map_terms(argument_map)
        )


def test_the_same_map_gives_the_same_bytes_and_the_flagship_deck_is_small() -> None:
    deck, data = _deck("flagship")
    assert deck_pptx(deck, _map("flagship")) == data
    assert len(data) < 2_000_000
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {info.date_time for info in package.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core


def test_reference_doc_gives_size_layouts_and_theme(tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.util import Emu

    template = Presentation()
    template.slide_width, template.slide_height = Emu(9_144_000), Emu(6_858_000)  # 4:3
    for candidate in template.slide_layouts:
        if candidate._element.get("type") == "titleOnly":
            candidate.name = "Nur Titel"  # found by type, not by name
    template.slides.add_slide(template.slide_layouts[0]).shapes.title.text = "A slide of the template"
    theme_part = template.slide_masters[0].part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    )
    theme_part._blob = theme_part.blob.replace(b'<a:srgbClr val="4F81BD"/>', b'<a:srgbClr val="123456"/>')
    reference = tmp_path / "template.pptx"
    template.save(str(reference))

    argument_map = _map("tram")
    data = map_pptx(argument_map, RenderOptions(section="cost"), reference)
    presentation = open_deck(data)
    assert (presentation.slide_width, presentation.slide_height) == (9_144_000, 6_858_000)
    assert len(presentation.slides) == 1  # the template's own slide is gone
    page = presentation.slides[0]
    assert page.slide_layout.name == "Nur Titel"
    assert page.shapes.title.text.replace("\x0b", " ") == argument_map.title  # broken to fit 44 pt on 4:3
    for shape in page.shapes:
        assert shape.left + shape.width <= 9_144_000 and shape.top + shape.height <= 6_858_000
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert b'<a:srgbClr val="123456"/>' in package.read("ppt/theme/theme1.xml")
        assert not any(
            "A slide of the template" in package.read(name).decode("utf-8", "replace")
            for name in package.namelist()
            if name.startswith("ppt/slides/")
        )
    deck = build_deck(argument_map)
    whole = open_deck(deck_pptx(deck, argument_map, reference_doc=reference))
    assert [p.slide_layout.name for p in whole.slides][:2] == ["Title Slide", "Nur Titel"]


@pytest.mark.parametrize("pictures", [False, True])
def test_the_whole_map_is_an_appendix_after_the_parts_map(tmp_path: Path, pictures: bool) -> None:
    """PowerPoint cannot zoom: the audience sees the map of the parts, the whole map is the last page."""
    argument_map = _map("flagship")
    deck = build_deck(argument_map)
    target = tmp_path / "deck.pptx"
    pages = list(open_deck(slide_files(deck, argument_map, "pptx", target, SlideOptions(pictures=pictures))[target]).slides)
    titles = [page.shapes.title.text if page.shapes.title is not None else "" for page in pages]
    whole = next(slide for slide in deck.slides if slide.kind == "map")
    parts = next(slide for slide in deck.slides if slide.kind == "sections")
    assert "（附錄）" in titles[-1] and whole.title in titles[-1].replace("\v", "")
    assert not any("（附錄）" in title for title in titles[:-1])
    assert titles.index(parts.title) < len(titles) - 1
    focus = next(slide for slide in reversed(deck.slides) if slide.kind == "focus")
    assert titles.index(parts.title) < max(i for i, t in enumerate(titles) if focus.title in t) < len(titles) - 1


def test_picture_deck_stays_for_viewers_that_need_it(tmp_path: Path) -> None:
    argument_map = _map("kinds")
    deck = build_deck(argument_map)
    files = slide_files(deck, argument_map, "pptx", tmp_path / "deck.pptx", SlideOptions(pictures=True))
    presentation = open_deck(files[tmp_path / "deck.pptx"])
    assert len(presentation.slides) == sum(len(s.steps) for s in deck.slides)
    assert any(shape.shape_type == 13 for page in presentation.slides for shape in page.shapes)


def test_render_writes_one_editable_slide(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "cost.pptx"
    result = runner.invoke(main, ["render", str(MAPS / "example_tram.yaml"), "-o", str(target), "--section", "cost"])
    assert result.exit_code == 0, result.output
    presentation = open_deck(target.read_bytes())
    assert len(presentation.slides) == 1
    names = set(shapes_by_name(presentation.slides[0]))
    assert {"C1", "P1", "O2", "A1"} <= names and "C2" not in names
    focus = tmp_path / "focus.pptx"
    result = runner.invoke(main, ["render", str(MAPS / "example_tram.yaml"), "-o", str(focus), "--focus", "C2"])
    assert result.exit_code == 0, result.output
    assert set(shapes_by_name(open_deck(focus.read_bytes()).slides[0])) >= {"C2", "E2", "T", "C2 → T"}


def test_bad_reference_doc_and_misplaced_options_are_clear(tmp_path: Path) -> None:
    runner = CliRunner()
    bogus = tmp_path / "bogus.pptx"
    bogus.write_text("not a zip", encoding="utf-8")
    tram = str(MAPS / "example_tram.yaml")
    result = runner.invoke(main, ["slides", tram, "-o", str(tmp_path / "d.pptx"), "--reference-doc", str(bogus)])
    assert result.exit_code != 0 and "bogus.pptx" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "d.pptx").exists()
    result = runner.invoke(main, ["slides", tram, "-o", str(tmp_path / "d.html"), "--pictures"])
    assert result.exit_code == 2 and "--format pptx" in result.output
    result = runner.invoke(main, ["render", tram, "-o", str(tmp_path / "m.svg"), "--reference-doc", str(bogus)])
    assert result.exit_code == 2
    result = runner.invoke(main, ["render", tram, "-o", str(tmp_path / "m.pptx"), "--focus", "NOPE"])
    assert result.exit_code == 2 and "NOPE" in result.output


def test_titles_break_where_our_wrapping_does() -> None:
    """The flagship's title is too long for one line: it breaks after 「：」, never inside 「第五章」."""
    _, data = _deck("flagship")
    title = open_deck(data).slides[0].shapes.title.text_frame.text
    lines = title.split("\x0b")
    assert len(lines) == 2 and lines[0].endswith("：") and "第五章" in lines[1]


SCHEMA = Path(__file__).parent / "schema" / "pml-fragment.xsd"


@pytest.mark.parametrize("key", MAPS_TESTED)
def test_timing_trees_and_connectors_follow_the_ecma_376_schema(key: str) -> None:
    """Every p:timing and p:cxnSp we write validates against the standard's definitions of them (tests/schema)."""
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    _, data = _deck(key)
    checked = 0
    for page in open_deck(data).slides:
        parts = [*page._element.iter(f"{P}timing"), *page.shapes._spTree.iter(f"{P}cxnSp")]
        for part in parts:
            copy = etree.fromstring(etree.tostring(part))
            assert schema.validate(copy), (key, schema.error_log.last_error)
            checked += 1
    assert checked > 10
    # The fragment is strict: a timing tree with its elements out of order fails.
    broken = etree.fromstring(
        f'<p:timing xmlns:p="{P[1:-1]}"><p:bldLst><p:bldP spid="3" grpId="0"/></p:bldLst><p:tnLst/></p:timing>'
    )
    assert not schema.validate(broken)


def test_a_dark_deck_has_dark_slides_with_light_titles() -> None:
    argument_map = _map("tram")
    deck = build_deck(argument_map, SlideOptions(RenderOptions(theme="dark")))
    presentation = open_deck(deck_pptx(deck, argument_map))
    for page in presentation.slides:
        assert str(page.background.fill.fore_color.rgb) == "1E1E1E"
        for run in (r for p in page.shapes.title.text_frame.paragraphs for r in p.runs):
            assert str(run.font.color.rgb) == "EDEDED"


def test_sections_drawn_as_boxes_are_frames_behind_their_statements() -> None:
    argument_map = _map("tram")
    page = open_deck(map_pptx(argument_map, RenderOptions(clusters=True))).slides[0]
    names = [shape.name for shape in page.shapes if not shape.is_placeholder]
    assert names[:2] == ["section cost", "section climate"]  # first: under everything else
    frame = shapes_by_name(page)["section cost"]
    assert frame.text_frame.text == "The tram pays for itself"
    for member in ("C1", "P1", "O2"):
        shape = shapes_by_name(page)[member]
        assert frame.left <= shape.left and shape.left + shape.width <= frame.left + frame.width
        assert frame.top <= shape.top and shape.top + shape.height <= frame.top + frame.height


def test_the_legend_is_drawn_with_shapes_and_glued_sample_lines() -> None:
    page = open_deck(map_pptx(_map("kinds"), RenderOptions(legend=True))).slides[0]
    shapes = shapes_by_name(page)
    assert shapes["legend"].text_frame.text == "Legend"
    for kind in ("thesis", "claim", "premise", "evidence", "objection", "rebuttal", "assumption"):
        assert shapes[f"am-legend-{kind}"].text_frame.text == kind
    samples = [g for g in glued_connectors(page) if g.start.startswith("am-legend_")]
    # The map has a linked argument and an undercut relation: their joint dots have sample lines too.
    assert sorted(g.start for g in samples) == [
        f"am-legend_{r}_from" for r in ("attacks", "joint", "relation_joint", "supports", "undercuts")
    ]
    assert shapes["am-legend-supports caption"].text_frame.text == "supports"


def test_no_trace_of_the_templates_own_slides_in_the_package(tmp_path: Path) -> None:
    from pptx import Presentation

    template = Presentation()
    template.slides.add_slide(template.slide_layouts[0]).shapes.title.text = "Quarterly figures"
    reference = tmp_path / "template.pptx"
    template.save(str(reference))
    data = map_pptx(_map("tram"), reference_doc=reference)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        assert not any(name.startswith("docProps/thumbnail") for name in names)
        assert "thumbnail" not in package.read("_rels/.rels").decode()
        app = package.read("docProps/app.xml").decode()
        assert "<Slides>1</Slides>" in app and "<Application>usfk-argmap</Application>" in app
        assert not any(b"Quarterly figures" in package.read(name) for name in names)
    assert len(open_deck(data).slides) == 1


@pytest.mark.parametrize("key", MAPS_TESTED)
def test_an_undercut_joint_shows_only_with_its_undercutter(key: str) -> None:
    """As in the other formats: a joint whose undercutter is not on the slide is a hidden shape (its lines still
    glued through its place); one whose undercutter is appears with it or later, never bare."""
    from usfk_argmap.analysis.graph import undercut_relations

    argument_map = _map(key)
    deck, data = _deck(key)
    ids = svg_ids(argument_map)
    joints = {
        joint: {node.id for node in argument_map.nodes.values() for u in node.undercuts if u.inference == joint}
        for joint in undercut_relations(argument_map)
    }
    hidden_seen = 0
    for slide, page in zip(deck.slides, open_deck(data).slides, strict=True):
        shapes = shapes_by_name(page)
        appears = {shape_id: click for click, ids_ in enumerate(entrance_clicks(page), 1) for shape_id in ids_}
        for joint, undercutters in joints.items():
            if joint not in shapes:
                continue
            shape = shapes[joint]
            hidden = shape._element.find(f"{P}nvSpPr/{P}cNvPr").get("hidden") == "1"
            assert hidden == (ids[joint] in slide.hidden), (slide.id, joint)
            on_slide = [shapes[name] for name in undercutters if name in shapes]
            if hidden:
                hidden_seen += 1
                assert shape.shape_id not in appears and not on_slide, (slide.id, joint)
                assert any(joint in (g.start, g.end) for g in glued_connectors(page)), (slide.id, joint)
                continue
            assert on_slide, (slide.id, joint)  # a joint drawn bare
            first = min(appears.get(u.shape_id, 0) for u in on_slide)
            assert appears.get(shape.shape_id, 0) >= first, (slide.id, joint)
    if key == "kinds":
        assert hidden_seen >= 1  # its focus slide draws an undercut relation without the undercutter


@pytest.mark.parametrize("key", ["flagship", "tram"])
def test_the_parts_map_draws_a_box_per_part_and_the_lines_between_them(key: str) -> None:
    """The slide the audience sees instead of the whole map: each section and the thesis a box with its text,
    each line of the picture a connector glued to two of them, named by the sections' titles."""
    argument_map = _map(key)
    deck, data = _deck(key)
    index = next(i for i, slide in enumerate(deck.slides) if slide.kind == "sections")
    page = open_deck(data).slides[index]
    figure = deck.figures[deck.slides[index].figure or ""]
    shapes = shapes_by_name(page)
    boxes = {f"am-section-{k}" for k in range(1, len(argument_map.sections) + 1)} | {"am-section-thesis"}
    assert boxes <= set(shapes)
    for name in boxes:
        assert squeezed(shapes[name].text_frame.text)
    glues = glued_connectors(page)
    assert len(glues) == figure.dot.count(" -> ") >= len(argument_map.sections)
    assert all({glue.start, glue.end} <= boxes for glue in glues)
    descriptions = [element.find(f"{P}nvCxnSpPr/{P}cNvPr").get("descr") for element in page.shapes._spTree.iter(f"{P}cxnSp")]
    first = next(iter(argument_map.sections.values())).title
    assert any(description.startswith(first) for description in descriptions)
