"""The editable PowerPoint deck in a real client: LibreOffice Impress converts it, draws it, and keeps it.

- ``soffice --convert-to pdf``: one page per slide, every statement's text on
  its page (``pdftotext``), and every line of it where our SVG of the same
  picture has it (``pdftotext -bbox-layout``), within 0.1 in.
- the same PDF drawn as pictures (``pdftoppm``) at 1920 x 1080, from a copy of the
  deck without its text: no line LibreOffice draws passes through a statement box
  that is not one of its ends (the pixels inside every box are the box's fill).
- ``soffice --convert-to pptx`` (LibreOffice reads our XML and writes its own):
  every connector is still glued to the same two shapes, every click still
  brings in the same shapes.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import require_client
from usfk_argmap.analysis.drawn import svg_ids
from usfk_argmap.present.slides.build import SvgLayout, build_deck
from usfk_argmap.present.slides.formats import map_in_appendix
from usfk_argmap.present.slides.pptx.deck import deck_pptx, map_pptx
from usfk_argmap.present.slides.pptx.geometry import fit
from usfk_argmap.present.slides.pptx.native import picture_area

from .pptx_reading import A, P, connector_geometry, entrance_clicks, glued_connectors, open_deck, shapes_by_name, squeezed
from .test_pptx import _map

pytestmark = [pytest.mark.graphviz, pytest.mark.client, pytest.mark.client_libreoffice]
_SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Office:
    """LibreOffice with a private profile (a user's own is never touched)."""

    soffice: str
    profile: Path

    def convert(self, source: Path, fmt: str) -> Path:
        out = source.parent / fmt
        out.mkdir(exist_ok=True)
        subprocess.run(
            [
                self.soffice,
                f"-env:UserInstallation={self.profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                fmt,
                "--outdir",
                str(out),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=240,
        )
        converted = out / f"{source.stem}.{fmt}"
        assert converted.is_file(), f"LibreOffice wrote no {fmt} for {source.name}"
        return converted


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Office:
    """LibreOffice and poppler-utils: skipped without them on a developer's machine, a failure in CI."""
    soffice = require_client("soffice", "LibreOffice Impress (libreoffice-impress)")
    require_client("pdftotext", "poppler-utils")
    return Office(soffice, tmp_path_factory.mktemp("office") / "profile")


@cache
def _pptx(key: str) -> tuple[bytes, object]:
    if key == "one-slide":
        return map_pptx(_map("kinds")), None
    argument_map = _map(key)
    deck = map_in_appendix(build_deck(argument_map))  # in the order the deck is written (the whole map last)
    return deck_pptx(deck, argument_map), deck


def _pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=60).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@pytest.mark.parametrize("key", ["flagship", "tram", "kinds"])
def test_libreoffice_draws_a_page_per_slide_with_every_statement(key: str, office: Office, tmp_path: Path) -> None:
    data, deck = _pptx(key)
    source = tmp_path / f"{key}.pptx"
    source.write_bytes(data)
    pages = _pdf_pages(office.convert(source, "pdf"))
    presentation = open_deck(data)
    assert len(pages) == len(presentation.slides)
    argument_map = _map(key)
    map_ids = {svg_id: map_id for map_id, svg_id in svg_ids(argument_map).items()}
    assert deck is not None
    for slide, page_text, page_shapes in zip(deck.slides, pages, presentation.slides, strict=True):  # type: ignore[attr-defined]
        if slide.figure is None:
            continue
        page = squeezed(page_text)
        for svg_id in SvgLayout.parse(deck.figures[slide.figure].svg).nodes:  # type: ignore[attr-defined]
            node = argument_map.nodes.get(map_ids.get(svg_id, ""))
            if node is None:
                continue  # a joint, a legend's sample or a box of the map of the parts
            # Each line of the box (side-by-side boxes may interleave their lines in the text layer).
            shape = shapes_by_name(page_shapes)[node.id]
            for line in shape.text_frame.paragraphs:
                assert squeezed(line.text) in page, (slide.id, node.id, line.text)


def _svg_lines(svg: bytes) -> list[tuple[str, float, float]]:
    """Every label line of a statement in the SVG: (text, x of its box's centre, y of its baseline), points, y up.

    Graphviz centres each line in the box (writing where it starts, by its own estimate of the width).
    """
    root = ET.fromstring(svg)
    lines = []
    for group in root.iter(f"{_SVG}g"):
        if "am-node" not in (group.get("class") or ""):
            continue
        outline = group.find(f"{_SVG}polygon")
        if outline is None:
            outline = group.find(f"{_SVG}path")
        if outline is None:
            continue
        xs = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", outline.get("points") or outline.get("d") or "")][0::2]
        centre = (min(xs) + max(xs)) / 2
        for text in group.iter(f"{_SVG}text"):
            if text.text:
                lines.append((text.text, centre, -float(text.get("y") or 0)))
    return lines


_PDF_LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S)
_PDF_WORD = re.compile(r"<word [^>]*>(.*?)</word>")


def _pdf_lines(pdf: Path, number: int) -> list[tuple[str, float, float]]:
    """Every text line LibreOffice drew on page ``number``: (text, x of its centre, y of its baseline), PDF points."""
    import html

    layout = subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), "-bbox-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    lines = []
    for x0, y0, x1, y1, body in _PDF_LINE.findall(layout):
        text = html.unescape("".join(_PDF_WORD.findall(body)))
        top, bottom = float(y0), float(y1)
        # Noto Sans CJK's baseline sits at 1.16 of its 1.45 em line box (ascent over ascent + descent).
        lines.append((squeezed(text), (float(x0) + float(x1)) / 2, top + (bottom - top) * 0.8))
    return lines


#: How far a line of text may sit from where the SVG has it, in points (0.1 in).
TOLERANCE = 7.2


@pytest.mark.parametrize(
    ("key", "slide_id"), [("tram", "overview"), ("tram", "map"), ("flagship", "map"), ("flagship", "part-1"), ("one-slide", "")]
)
def test_statements_sit_where_the_svg_has_them(key: str, slide_id: str, office: Office, tmp_path: Path) -> None:
    """Each label line as LibreOffice draws it is within 0.1 in of the SVG's line, placed on the slide."""
    from usfk_argmap.drawing.svg import size_in_points

    data, deck = _pptx(key)
    slides = [] if deck is None else [slide.id for slide in deck.slides]  # type: ignore[attr-defined]
    slide_index = slides.index(slide_id) if slide_id else 0
    source = tmp_path / "deck.pptx"
    source.write_bytes(data)
    drawn = _pdf_lines(office.convert(source, "pdf"), slide_index + 1)
    presentation = open_deck(data)
    page = presentation.slides[slide_index]
    if deck is None:
        from usfk_argmap.drawing.render import render_svg

        svg = render_svg(_map("kinds"))
    else:
        svg = deck.figures[deck.slides[slide_index].figure].svg  # type: ignore[attr-defined]
    width, height = size_in_points(svg)
    pad = 0.2 * 72  # the DOT's pad around Graphviz's bounding box, in the SVG only
    placement = fit(
        width - 2 * pad, height - 2 * pad, picture_area(presentation.slide_width, presentation.slide_height, page.shapes.title)
    )
    expected = _svg_lines(svg)
    assert expected
    for text, x, y in expected:
        left, baseline = (value / 12_700 for value in placement.point(x, y))
        candidates = [(abs(px - left), abs(py - baseline)) for ptext, px, py in drawn if ptext == squeezed(text)]
        assert candidates, (key, slide_index, text)
        dx, dy = min(candidates, key=lambda d: d[0] + d[1])
        assert dx <= TOLERANCE and dy <= TOLERANCE, (key, slide_index, text, dx, dy)


@pytest.mark.parametrize("key", ["tram", "kinds", "one-slide"])
def test_libreoffice_keeps_the_glue_and_the_clicks(key: str, office: Office, tmp_path: Path) -> None:
    data, _ = _pptx(key)
    source = tmp_path / "ours.pptx"
    source.write_bytes(data)
    again = open_deck(office.convert(source, "pptx").read_bytes())
    ours = open_deck(data)
    assert len(again.slides) == len(ours.slides)
    for before, after in zip(ours.slides, again.slides, strict=True):
        assert sorted((g.start, g.end) for g in glued_connectors(after)) == sorted(
            (g.start, g.end) for g in glued_connectors(before)
        )
        names_before = {s.shape_id: s.name for s in before.shapes}
        names_after = {s.shape_id: s.name for s in after.shapes}
        assert [[names_after[i] for i in click] for click in entrance_clicks(after)] == [
            [names_before[i] for i in click] for click in entrance_clicks(before)
        ]


def _ends(connector: object) -> tuple[tuple[float, float], tuple[float, float]]:
    """Where a connector's path starts and ends on the slide (EMU), as the viewer draws it from its XML."""
    from usfk_argmap.present.slides.pptx.connector_paths import polyline

    path = polyline(connector_geometry(connector._element))  # type: ignore[attr-defined]
    return path[0], path[-1]


def test_a_box_moved_drags_its_connectors_along(office: Office, tmp_path: Path) -> None:
    """Move a statement as a user would (its position only): LibreOffice redraws the glued lines to its new place."""
    data = map_pptx(_map("tram"))
    presentation = open_deck(data)
    page = presentation.slides[0]
    shift = 1_400_000  # 1.5 in to the right
    moved = next(shape for shape in page.shapes if shape.name == "C2")
    moved.left += shift
    source = tmp_path / "moved.pptx"
    presentation.save(str(source))
    again = open_deck(office.convert(source, "pptx").read_bytes()).slides[0]
    box = next(shape for shape in again.shapes if shape.name == "C2")
    assert abs(box.left - moved.left) < 1_000  # LibreOffice keeps positions to 1/100 mm
    lines = [shape for shape in again.shapes if shape.name in ("C2 → T", "E2 → C2")]
    assert len(lines) == 2
    for line in lines:
        start, end = _ends(line)
        at_box = end if line.name.endswith("C2") else start
        slack = 40_000  # a line width or two
        assert box.left - slack <= at_box[0] <= box.left + box.width + slack, line.name
        assert box.top - slack <= at_box[1] <= box.top + box.height + slack, line.name


#: How far inside a box's outline the picture is sampled (a share of its smaller side: clear of rounded, cut
#: and folded corners, double outlines and the ends of the lines glued to it).
INTERIOR = 0.3
#: Pixels in a box's interior that may differ from its fill (anti-aliasing specks); a line through it makes hundreds.
SPECKS = 12


@pytest.mark.parametrize(
    "key",
    [
        # Measured with LibreOffice 7.4 on the flagship's rewritten map: some lines find no route through free
        # space that LibreOffice, which redraws elbows from their sites, draws where PowerPoint does: 18 boxes
        # crossed, 11 on the whole map (the appendix), 3 each on part 5 and focus 5, 1 on part 2.
        pytest.param("flagship", marks=pytest.mark.xfail(strict=True, reason="lines cross 18 boxes in LibreOffice 7.4")),
        "tram",
    ],
)
def test_no_line_libreoffice_draws_passes_through_a_box(key: str, office: Office, tmp_path: Path) -> None:
    """Every statement box, drawn by LibreOffice at 1920 x 1080 with the text left out, holds only its fill."""
    from PIL import Image

    require_client("pdftoppm", "poppler-utils")
    data, _ = _pptx(key)
    presentation = open_deck(data)
    boxes: list[list[tuple[str, tuple[float, float, float, float], tuple[int, int, int]]]] = []
    for page in presentation.slides:
        found = []
        for element in page.shapes._spTree.iter(f"{P}sp"):
            name = element.find(f"{P}nvSpPr/{P}cNvPr").get("name")
            body = element.find(f"{P}txBody")
            fill = element.find(f"{P}spPr/{A}solidFill/{A}srgbClr")
            if body is None or fill is None or element.find(f"{P}nvSpPr/{P}nvPr/{P}ph") is not None:
                continue
            for run in list(body.iter(f"{A}r")):  # the text out: what is left in a box is its fill or a line
                run.getparent().remove(run)
            off, ext = element.find(f"{P}spPr/{A}xfrm/{A}off"), element.find(f"{P}spPr/{A}xfrm/{A}ext")
            left, top, width, height = (int(v) for v in (off.get("x"), off.get("y"), ext.get("cx"), ext.get("cy")))
            inset = INTERIOR * min(width, height)
            colour = fill.get("val")
            rgb = (int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16))
            found.append((name, (left + inset, top + inset, left + width - inset, top + height - inset), rgb))
        boxes.append(found)
    source = tmp_path / f"{key}.pptx"
    presentation.save(str(source))
    pdf = office.convert(source, "pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-scale-to-x", "1920", "-scale-to-y", "1080", str(pdf), str(tmp_path / "page")],
        check=True,
        capture_output=True,
        timeout=600,
    )
    pictures = sorted(tmp_path.glob("page-*.png"))
    assert len(pictures) == len(boxes)
    px = 1920 / presentation.slide_width
    crossed: list[tuple[int, str, int]] = []
    checked = 0
    for number, (picture, found) in enumerate(zip(pictures, boxes, strict=True), 1):
        image = Image.open(picture).convert("RGB")
        for name, interior, rgb in found:
            area = image.crop(tuple(round(edge * px) for edge in interior))
            colours: list[Any] = area.getcolors(maxcolors=1 << 20) or []
            off = sum(count for count, colour in colours if max(abs(a - b) for a, b in zip(colour, rgb, strict=True)) > 48)
            checked += 1
            if off > SPECKS:
                crossed.append((number, name, off))
    assert checked > 20
    assert crossed == [], crossed
