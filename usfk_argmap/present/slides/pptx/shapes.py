"""Statements, joint points and relations as native PowerPoint shapes and glued connectors.

Each statement is a ``p:sp`` of its kind's shape (``style.KIND_SHAPES``: a
rounded box with a double border for the thesis, a folded note for evidence,
an octagon for an objection, a box with cut corners for a rebuttal, a dashed
rounded box for an assumption) in the colours Graphviz drew it with, holding
its label as real text: one paragraph per line of our wrapping, never wrapped
again by the viewer (``wrap="none"``), each run naming the map's font for Latin
and East Asian text and tagged with its language. A relation is a ``p:cxnSp``
glued to both shapes (``a:stCxn``, ``a:endCxn``), so moving a box in PowerPoint
drags its lines along. The XML is written here, element by element in the
schema's order (ECMA-376 Part 1, ``CT_Shape``, ``CT_Connector``, ``CT_TextBody``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from usfk_argmap.core.language import cjk_region
from usfk_argmap.drawing.fonts import FontChoice, font_for_lang
from usfk_argmap.drawing.layout import LaidCluster, LaidEdge, LaidNode, TextPiece, line_pitches
from usfk_argmap.present.slides.pptx.alt_text import DECORATIVE_EXTENSION
from usfk_argmap.present.slides.pptx.geometry import Placement, Route, Site, best_site, facing_sides, route, sites

_NAMESPACES = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)

#: DrawingML preset of each kind (``rebuttal``'s box with cut corners is a custom geometry, below).
KIND_GEOMETRY: dict[str, str] = {
    "thesis": "roundRect",
    "claim": "roundRect",
    "premise": "rect",
    "evidence": "foldedCorner",
    "objection": "octagon",
    "rebuttal": "cutCorners",
    "assumption": "roundRect",
    "joint": "ellipse",
}
#: Graphviz's corner radius of a rounded box, in points.
_ROUND_RADIUS = 6.0
#: Graphviz's ``diagonals`` cut, in points from each corner.
_DIAGONAL_CUT = 6.0
#: Line dashes of Graphviz styles, as DrawingML preset dashes.
DASHES = {"dashed": "dash", "dotted": "sysDot"}
#: Arrowheads: DrawingML has no bar end, so a ``tee`` is a diamond flattened into a short wide bar.
ARROWHEADS: dict[str, tuple[str, str, str] | None] = {
    "normal": ("triangle", "med", "med"),
    "tee": ("diamond", "lg", "sm"),
    "none": None,
}
#: OOXML culture names of the CJK faces (``lang`` of a run).
CULTURES = {"TC": "zh-TW", "SC": "zh-CN", "JP": "ja-JP", "KR": "ko-KR"}


@dataclass(frozen=True)
class TextStyle:
    """The font and language every run of a map's text carries."""

    family: str
    lang: str
    alt_lang: str | None

    @classmethod
    def for_lang(cls, lang: str, font: FontChoice | None = None) -> TextStyle:
        """The style of text in ``lang``, in ``font`` (None: the language's font, looked up here)."""
        region = cjk_region(lang)
        family = (font if font is not None else font_for_lang(lang)).family
        return cls(family, CULTURES[region] if region else lang, "en-US" if region else None)

    def run_properties(self, size: float | None = None, colour: str | None = None, *, bold: bool = False) -> str:
        """An ``a:rPr`` (children in the schema's order: fill, then latin, ea, cs)."""
        attributes = f'lang="{self.lang}"' + (f' altLang="{self.alt_lang}"' if self.alt_lang else "")
        if size is not None:
            attributes += f' sz="{max(100, round(size * 100))}"'
        if bold:
            attributes += ' b="1"'
        fill = f'<a:solidFill><a:srgbClr val="{colour.lstrip("#")}"/></a:solidFill>' if colour else ""
        face = quoteattr(self.family)
        return (
            f'<a:rPr {attributes} dirty="0">{fill}<a:latin typeface={face}/><a:ea typeface={face}/>'
            f"<a:cs typeface={face}/></a:rPr>"
        )


@dataclass
class ShapeIds:
    """Hands out the slide's shape ids (``cNvPr/@id``), unique on the slide."""

    next_id: int

    def take(self) -> int:
        self.next_id += 1
        return self.next_id - 1


def _colour_fill(colour: str | None) -> str:
    return "<a:noFill/>" if colour is None else f'<a:solidFill><a:srgbClr val="{colour.lstrip("#")}"/></a:solidFill>'


def _line(
    colour: str | None,
    width_pt: float,
    dash: str | None = None,
    compound: str | None = None,
    head: tuple[str, str, str] | None = None,
) -> str:
    """An ``a:ln``: fill, dash, then the end decorations (``a:tailEnd`` is at the path's end point)."""
    attributes = f' w="{max(1, round(width_pt * 12_700))}"' + (f' cmpd="{compound}"' if compound else "")
    body = _colour_fill(colour)
    if dash:
        body += f'<a:prstDash val="{dash}"/>'
    body += "<a:round/>"
    if head:
        body += f'<a:tailEnd type="{head[0]}" w="{head[1]}" len="{head[2]}"/>'
    return f"<a:ln{attributes}>{body}</a:ln>"


def _geometry(geometry: str, width: float, height: float, placement: Placement) -> str:
    if geometry == "cutCorners":
        return _cut_corner_geometry(round(width), round(height), round(placement.length(_DIAGONAL_CUT)))
    if geometry == "roundRect":
        adj = min(50_000, round(placement.length(_ROUND_RADIUS) / max(1.0, min(width, height)) * 100_000))
        return f'<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val {adj}"/></a:avLst></a:prstGeom>'
    return f'<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>'


def _cut_corner_geometry(width: int, height: int, cut: int) -> str:
    """Graphviz's ``diagonals``: a box with a short diagonal across each corner, and the usual four sites."""
    w, h, c = width, height, min(cut, width // 3, height // 3)

    def line(x1: int, y1: int, x2: int, y2: int) -> str:
        return f'<a:moveTo><a:pt x="{x1}" y="{y1}"/></a:moveTo><a:lnTo><a:pt x="{x2}" y="{y2}"/></a:lnTo>'

    corners = line(c, 0, 0, c) + line(w - c, 0, w, c) + line(w, h - c, w - c, h) + line(c, h, 0, h - c)
    sites = "".join(
        f'<a:cxn ang="{angle}"><a:pos x="{x}" y="{y}"/></a:cxn>'
        for angle, x, y in ((16_200_000, w // 2, 0), (10_800_000, 0, h // 2), (5_400_000, w // 2, h), (0, w, h // 2))
    )
    return (
        f"<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst>{sites}</a:cxnLst>"
        f'<a:rect l="l" t="t" r="r" b="b"/><a:pathLst>'
        f'<a:path w="{w}" h="{h}"><a:moveTo><a:pt x="0" y="0"/></a:moveTo><a:lnTo><a:pt x="{w}" y="0"/></a:lnTo>'
        f'<a:lnTo><a:pt x="{w}" y="{h}"/></a:lnTo><a:lnTo><a:pt x="0" y="{h}"/></a:lnTo><a:close/></a:path>'
        f'<a:path w="{w}" h="{h}" fill="none">{corners}</a:path></a:pathLst></a:custGeom>'
    )


@dataclass(frozen=True)
class PlacedShape:
    """A shape on the slide: its id, its connection sites, and the node it draws."""

    shape_id: int
    sites: list[Site]
    node: LaidNode
    #: The shape's larger side, in EMU.
    size: float
    #: left, top, right, bottom, in EMU.
    box: tuple[float, float, float, float]


def statement_xml(
    node: LaidNode, map_id: str, description: str, placement: Placement, text: TextStyle, ids: ShapeIds
) -> tuple[str, PlacedShape]:
    """The ``p:sp`` of one statement or joint point, and where its lines can be glued."""
    width, height = placement.length(node.width), placement.length(node.height)
    centre_x, centre_y = placement.point(node.x, node.y)
    left, top = centre_x - width / 2, centre_y - height / 2
    geometry = KIND_GEOMETRY.get(node.kind, "rect")
    shape_id = ids.take()
    scale = placement.text_scale
    double = node.peripheries > 1
    # Graphviz draws a second outline 4 pt outside the first: a compound line as wide spans both.
    line_width = (4.0 + node.line_width) * scale if double else node.line_width * scale
    line = _line(node.border, line_width, "dash" if node.dashed else None, "dbl" if double else None)
    name = quoteattr(map_id)
    body = _text_body(node.lines, placement, text) if node.kind != "joint" else ""
    xml = (
        f'<p:sp {_NAMESPACES}><p:nvSpPr><p:cNvPr id="{shape_id}" name={name} descr={quoteattr(description)}>'
        f"{DECORATIVE_EXTENSION if node.kind == 'joint' else ''}</p:cNvPr>"
        f'<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{round(left)}" y="{round(top)}"/>'
        f'<a:ext cx="{round(width)}" cy="{round(height)}"/></a:xfrm>{_geometry(geometry, width, height, placement)}'
        f"{_colour_fill(node.fill)}{line}</p:spPr>{body}</p:sp>"
    )
    site_geometry = "rect" if geometry in ("cutCorners", "roundRect", "foldedCorner") else geometry
    return xml, PlacedShape(
        shape_id,
        sites(site_geometry, left, top, width, height),
        node,
        max(width, height),
        (left, top, left + width, top + height),
    )


def cluster_xml(cluster: LaidCluster, name: str, placement: Placement, text: TextStyle, ids: ShapeIds) -> str:
    """A section's box (behind its statements): no fill, its outline, its title at the top or foot."""
    left, top = placement.point(cluster.x0, cluster.y1)
    right, bottom = placement.point(cluster.x1, cluster.y0)
    width, height = right - left, bottom - top
    line = _line(cluster.border, placement.text_scale, "dash" if cluster.dashed else None)
    body = _text_body(cluster.lines, placement, text, anchor="t" if cluster.title_on_top else "b")
    return (
        f'<p:sp {_NAMESPACES}><p:nvSpPr><p:cNvPr id="{ids.take()}" name={quoteattr(name)} '
        f"descr={quoteattr(_said(cluster.lines) or name)}/><p:cNvSpPr/><p:nvPr/>"
        f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{round(left)}" y="{round(top)}"/><a:ext cx="{round(width)}" '
        f'cy="{round(height)}"/></a:xfrm>{_geometry("roundRect", width, height, placement)}<a:noFill/>{line}'
        f"</p:spPr>{body}</p:sp>"
    )


def caption_xml(edge: LaidEdge, placement: Placement, text: TextStyle, ids: ShapeIds) -> str | None:
    """A line's caption as a text box where Graphviz put it (a connector holds no text of its own)."""
    if not edge.label or edge.label_at is None:
        return None
    width = placement.length(max(sum(len(p.text) for p in line) for line in edge.label) * 11.0 + 12.0)
    height = placement.length(sum(line_pitches(edge.label)) + 4.0)
    centre_x, centre_y = placement.point(*edge.label_at)
    body = _text_body(edge.label, placement, text)
    return (
        f'<p:sp {_NAMESPACES}><p:nvSpPr><p:cNvPr id="{ids.take()}" name={quoteattr(edge.svg_id + " caption")} '
        f"descr={quoteattr(_said(edge.label))}/>"
        f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{round(centre_x - width / 2)}" '
        f'y="{round(centre_y - height / 2)}"/><a:ext cx="{round(width)}" cy="{round(height)}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>{body}</p:sp>'
    )


def _said(lines: tuple[tuple[TextPiece, ...], ...]) -> str:
    """Lines of a label as one line of text: a frame's or a caption's alt text."""
    return " ".join(" ".join("".join(piece.text for piece in line) for line in lines).split())


def _text_body(lines: tuple[tuple[TextPiece, ...], ...], placement: Placement, text: TextStyle, anchor: str = "ctr") -> str:
    """The label, a paragraph per line as Graphviz set it; line pitch as Graphviz's (15 pt for 14 pt text)."""
    scale = placement.text_scale
    paragraphs = []
    for line, line_pitch in zip(lines, line_pitches(lines), strict=True):
        runs = "".join(
            f"<a:r>{text.run_properties(piece.size * scale, piece.colour)}<a:t>{escape(piece.text)}</a:t></a:r>" for piece in line
        )
        pitch = max(100, round(line_pitch * scale * 100))
        paragraphs.append(
            f'<a:p><a:pPr algn="ctr"><a:lnSpc><a:spcPts val="{pitch}"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="0"/></a:spcBef><a:spcAft><a:spcPts val="0"/></a:spcAft>'
            f"</a:pPr>{runs}</a:p>"
        )
    if not paragraphs:
        paragraphs.append("<a:p/>")
    inset = round(placement.length(4.0))  # a cluster's title sits 4 pt inside its box
    insets = "0" if anchor == "ctr" else str(inset)
    return (
        f'<p:txBody><a:bodyPr wrap="none" lIns="0" tIns="{insets}" rIns="0" bIns="{insets}" anchor="{anchor}" '
        'anchorCtr="0" rtlCol="0"><a:noAutofit/></a:bodyPr><a:lstStyle/>' + "".join(paragraphs) + "</p:txBody>"
    )


def connector_xml(
    edge: LaidEdge, name: str, start: PlacedShape, end: PlacedShape, placement: Placement, ids: ShapeIds, description: str = ""
) -> tuple[str, Route]:
    """The ``p:cxnSp`` of one relation, glued to the sites nearest Graphviz's ends of the line; ``description`` its alt text."""
    points = [placement.point(*point) for point in edge.points]
    (x0, y0), (x1, y1) = points[0], points[1] if len(points) > 1 else points[0]
    (xn, yn), (xp, yp) = points[-1], points[-2] if len(points) > 1 else points[-1]
    leave, enter = facing_sides(start.box, end.box)
    # A box is left and entered on its facing side, at the site nearest Graphviz's end of the line; a joint
    # point (eight sites round a dot) where Graphviz's line leaves or enters it, which keeps a fan of lines apart.
    begin = best_site(
        [site for site in start.sites if site.direction == leave or start.node.kind == "joint"] or start.sites,
        x0,
        y0,
        (x1 - x0, y1 - y0),
        start.size,
    )
    finish = best_site(
        [site for site in end.sites if site.direction == enter or end.node.kind == "joint"] or end.sites,
        xn,
        yn,
        (xp - xn, yp - yn),
        end.size,
    )
    path = route(begin, finish)
    shape_id = ids.take()
    transform = (
        (f' rot="{path.rotation}"' if path.rotation else "")
        + (' flipH="1"' if path.flip_h else "")
        + (' flipV="1"' if path.flip_v else "")
    )
    line = _line(
        edge.colour,
        edge.line_width * placement.text_scale,
        DASHES.get(edge.style),
        head=ARROWHEADS.get(edge.arrowhead, ARROWHEADS["normal"]),
    )
    xml = (
        f'<p:cxnSp {_NAMESPACES}><p:nvCxnSpPr><p:cNvPr id="{shape_id}" name={quoteattr(name)} '
        f"descr={quoteattr(description or name)}/>"
        f'<p:cNvCxnSpPr><a:stCxn id="{start.shape_id}" idx="{begin.index}"/>'
        f'<a:endCxn id="{end.shape_id}" idx="{finish.index}"/></p:cNvCxnSpPr><p:nvPr/></p:nvCxnSpPr>'
        f'<p:spPr><a:xfrm{transform}><a:off x="{path.left}" y="{path.top}"/>'
        f'<a:ext cx="{path.width}" cy="{path.height}"/></a:xfrm>'
        f'<a:prstGeom prst="{path.preset}"><a:avLst/></a:prstGeom><a:noFill/>{line}</p:spPr></p:cxnSp>'
    )
    return xml, path


def append_xml(tree: Any, xml: str) -> Any:
    """Parse one shape's XML and append it to the slide's shape tree (``p:spTree``)."""
    from pptx.oxml import parse_xml

    element = parse_xml(xml)
    tree.append(element)
    return element


def name_runs(text_frame: Any, text: TextStyle, size: float | None = None, colour: str | None = None) -> None:
    """Every run of a python-pptx text frame in the map's font and language (placeholders: titles, notes).

    What a run has already (its size, boldness) stays; ``size`` (points) and ``colour`` replace theirs.
    """
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    later = {f"{a}{name}" for name in ("sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")}
    for paragraph in text_frame.paragraphs:
        for run in paragraph.runs:
            properties = run._r.get_or_add_rPr()
            properties.set("lang", text.lang)
            if text.alt_lang:
                properties.set("altLang", text.alt_lang)
            if size is not None:
                properties.set("sz", str(max(100, round(size * 100))))
            for slot in ("latin", "ea", "cs"):
                for old in properties.findall(f"{a}{slot}"):
                    properties.remove(old)
            if colour is not None:
                run.font.color.rgb = rgb(colour)
            anchor = next((child for child in properties if child.tag in later), None)
            for slot in ("latin", "ea", "cs"):  # the schema's order, before sym and the links
                face = properties.makeelement(f"{a}{slot}", {"typeface": text.family})
                if anchor is not None:
                    anchor.addprevious(face)
                else:
                    properties.append(face)


def rgb(colour: str) -> Any:
    """python-pptx's colour for ``#RRGGBB``."""
    from pptx.dml.color import RGBColor

    make: Any = RGBColor.from_string  # python-pptx is untyped
    return make(colour.lstrip("#").upper())
