"""Statements, joint points and relations as native PowerPoint shapes and glued connectors.

Each statement is a ``p:sp`` of its kind's outline (``style.KIND_SHAPES``, drawn
by ``outlines`` with connection sites all along its sides: a rounded box with a
double border for the thesis, a folded note for evidence, an octagon for an
objection, a box with cut corners for a rebuttal, a dashed rounded box for an
assumption) in the colours Graphviz drew it with, holding
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
from usfk_argmap.present.slides.pptx.connector_paths import Connector
from usfk_argmap.present.slides.pptx.geometry import EMU_PER_POINT, Placement, Site, best_site, facing_sides, sites
from usfk_argmap.present.slides.pptx.outlines import OCTAGON_CUT, Outline
from usfk_argmap.present.slides.pptx.routing import Routed, Router

_NAMESPACES = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)

#: The look of each kind, named after the DrawingML preset it resembles (``outlines`` draws it, with more sites).
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
#: Graphviz's ``diagonals`` cut and a note's fold, in points from the corner.
_DIAGONAL_CUT = 6.0
#: Line dashes of Graphviz styles, as DrawingML preset dashes.
DASHES = {"dashed": "dash", "dotted": "sysDot"}
#: Arrowheads: DrawingML has no bar end, so a ``tee`` is a diamond flattened into a short wide bar.
ARROWHEADS: dict[str, tuple[str, str, str] | None] = {
    "normal": ("triangle", "lg", "lg"),
    "tee": ("diamond", "lg", "sm"),
    "none": None,
}
#: How long an arrowhead of each ``len`` is, in line widths (PowerPoint's sizes; LibreOffice draws them alike).
ARROW_FACTORS = {"sm": 2.0, "med": 3.0, "lg": 5.0}
#: The thinnest line a relation is drawn with on a slide, in points: with a large head, an arrow 11 pt long
#: (22 px at 1080p), three times the 7 px of Graphviz's own line width scaled down, readable at the back.
MIN_LINE_WIDTH = 2.25
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


def _round_box(width: float, height: float, placement: Placement) -> str:
    """A section's frame: a rounded box with Graphviz's corner radius."""
    adj = min(50_000, round(placement.length(_ROUND_RADIUS) / max(1.0, min(width, height)) * 100_000))
    return f'<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val {adj}"/></a:avLst></a:prstGeom>'


def _outline(geometry: str, width: float, height: float, placement: Placement) -> Outline:
    """A statement's outline: Graphviz's corner radius, cut or fold, scaled; an octagon's cut as DrawingML's."""
    corner = {
        "roundRect": placement.length(_ROUND_RADIUS),
        "cutCorners": placement.length(_DIAGONAL_CUT),
        "foldedCorner": placement.length(_DIAGONAL_CUT),
        "octagon": min(width, height) * OCTAGON_CUT,
    }.get(geometry, 0.0)
    return Outline(geometry, round(width), round(height), round(corner))


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
    grow = placement.grow if node.kind != "joint" else 1.0
    width, height = placement.length(node.width) * grow, placement.length(node.height) * grow
    centre_x, centre_y = placement.point(node.x, node.y)
    left, top = centre_x - width / 2, centre_y - height / 2
    geometry = KIND_GEOMETRY.get(node.kind, "rect")
    shape_id = ids.take()
    # A joint point keeps the ellipse preset (eight sites round a dot); a statement is its kind's outline.
    outline = None if node.kind == "joint" else _outline(geometry, width, height, placement)
    outline_xml = f'<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>' if outline is None else outline.xml()
    scale = placement.text_scale
    double = node.peripheries > 1
    # Graphviz draws a second outline 4 pt outside the first: a compound line as wide spans both.
    line_width = (4.0 + node.line_width) * scale if double else node.line_width * scale
    line = _line(node.border, line_width, "dash" if node.dashed else None, "dbl" if double else None)
    name = quoteattr(map_id)
    body = _text_body(node.lines, placement, text, grow=placement.statement_text_grow) if node.kind != "joint" else ""
    xml = (
        f'<p:sp {_NAMESPACES}><p:nvSpPr><p:cNvPr id="{shape_id}" name={name} descr={quoteattr(description)}>'
        f"{DECORATIVE_EXTENSION if node.kind == 'joint' else ''}</p:cNvPr>"
        f'<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{round(left)}" y="{round(top)}"/>'
        f'<a:ext cx="{round(width)}" cy="{round(height)}"/></a:xfrm>{outline_xml}'
        f"{_colour_fill(node.fill)}{line}</p:spPr>{body}</p:sp>"
    )
    return xml, PlacedShape(
        shape_id,
        outline.sites(round(left), round(top)) if outline is not None else sites(geometry, left, top, width, height),
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
        f'cy="{round(height)}"/></a:xfrm>{_round_box(width, height, placement)}<a:noFill/>{line}'
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


def _text_body(
    lines: tuple[tuple[TextPiece, ...], ...], placement: Placement, text: TextStyle, anchor: str = "ctr", grow: float = 1.0
) -> str:
    """The label, a paragraph per line as Graphviz set it; line pitch as Graphviz's (15 pt for 14 pt text).

    ``grow`` enlarges the text (``geometry.reach_floor``: with its box, or into its padding).
    """
    scale = placement.text_scale * grow
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
    edge: LaidEdge,
    name: str,
    start: PlacedShape,
    end: PlacedShape,
    placement: Placement,
    ids: ShapeIds,
    description: str = "",
    router: Router | None = None,
) -> tuple[str, Routed]:
    """The ``p:cxnSp`` of one relation, glued to both shapes, on a route clear of the other boxes; ``description`` its alt text.

    Graphviz's ends of the line suggest the sites (``preferred_sites``); ``router`` (which knows every box of the
    slide) finds the route and spreads the lines over the sites.
    """
    router = router if router is not None else Router({start.shape_id: start.box, end.shape_id: end.box})
    points = [placement.point(*point) for point in edge.points]
    width = max(edge.line_width * placement.text_scale, MIN_LINE_WIDTH)
    head = ARROWHEADS.get(edge.arrowhead, ARROWHEADS["normal"])
    arrow = arrow_length(head, width) * EMU_PER_POINT
    routed = router.route(
        (start.shape_id, start.sites), (end.shape_id, end.sites), preferred_sites(start, end, points), points, arrow
    )
    shape_id = ids.take()
    line = _line(edge.colour, width, DASHES.get(edge.style), head=head)
    xml = (
        f'<p:cxnSp {_NAMESPACES}><p:nvCxnSpPr><p:cNvPr id="{shape_id}" name={quoteattr(name)} '
        f"descr={quoteattr(description or name)}/>"
        f'<p:cNvCxnSpPr><a:stCxn id="{start.shape_id}" idx="{routed.begin.index}"/>'
        f'<a:endCxn id="{end.shape_id}" idx="{routed.finish.index}"/></p:cNvCxnSpPr><p:nvPr/></p:nvCxnSpPr>'
        f"<p:spPr>{connector_geometry_xml(routed.connector)}<a:noFill/>{line}</p:spPr></p:cxnSp>"
    )
    return xml, routed


def preferred_sites(start: PlacedShape, end: PlacedShape, points: list[tuple[float, float]]) -> tuple[Site, Site]:
    """The sites nearest Graphviz's ends of the line (slide EMU), on the sides the boxes face each other with.

    A joint point (eight sites round a dot) takes the site where Graphviz's line leaves or enters it.
    """
    (x0, y0), (x1, y1) = points[0], points[1] if len(points) > 1 else points[0]
    (xn, yn), (xp, yp) = points[-1], points[-2] if len(points) > 1 else points[-1]
    leave, enter = facing_sides(start.box, end.box)
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
    return begin, finish


def connector_geometry_xml(connector: Connector) -> str:
    """A connector's ``a:xfrm`` and geometry: its preset with the adjust values, or its custom path."""
    transform = (
        (f' rot="{connector.rotation}"' if connector.rotation else "")
        + (' flipH="1"' if connector.flip_h else "")
        + (' flipV="1"' if connector.flip_v else "")
    )
    width, height = round(connector.width), round(connector.height)
    xml = (
        f'<a:xfrm{transform}><a:off x="{round(connector.left)}" y="{round(connector.top)}"/>'
        f'<a:ext cx="{width}" cy="{height}"/></a:xfrm>'
    )
    if connector.preset != "custom":
        guides = "".join(f'<a:gd name="adj{number}" fmla="val {value}"/>' for number, value in enumerate(connector.adjust, 1))
        return xml + f'<a:prstGeom prst="{connector.preset}"><a:avLst>{guides}</a:avLst></a:prstGeom>'
    path_w, path_h = max(1, width), max(1, height)
    steps = "".join(f'<a:lnTo><a:pt x="{round(x)}" y="{round(y)}"/></a:lnTo>' for x, y in connector.path[1:])
    first_x, first_y = connector.path[0]
    return xml + (
        '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="l" t="t" r="r" b="b"/><a:pathLst>'
        f'<a:path w="{path_w}" h="{path_h}" fill="none"><a:moveTo><a:pt x="{round(first_x)}" y="{round(first_y)}"/>'
        f"</a:moveTo>{steps}</a:path></a:pathLst></a:custGeom>"
    )


def arrow_length(head: tuple[str, str, str] | None, line_width: float) -> float:
    """How long (points) an arrowhead is drawn: its ``len`` as a multiple of the line's width (PowerPoint's)."""
    return 0.0 if head is None else ARROW_FACTORS[head[2]] * line_width


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
