"""draw.io (diagrams.net) files: a map as an uncompressed ``.drawio`` document, and such a document read back.

Writing: one ``mxfile`` with one ``diagram`` holding an ``mxGraphModel``. Each
section is a container vertex (a dashed rounded box titled with the section's
title); each statement is an ``object`` (draw.io's "Edit Data" properties:
``kind``, ``text``, ``en``, ``quote``, ``note``) around a vertex in our shape and colours
for its kind (thesis a double rounded box, claim rounded, premise square,
evidence a folded note, objection an octagon, rebuttal a box with cut corners,
assumption dashed), inside its section's container; its id is the statement's
id (the cells ``0`` and ``1`` are draw.io's own: a statement of that id is
written as ``argmap-0`` and keeps its id in ``argmap_id``). A joint point is a
small ellipse with the joint's id. Lines follow our arrow grammar: support a
solid blue line with a filled arrowhead, attack a dashed vermilion line ending
in a bar, undercut a dotted one, a premise's line into its joint no arrowhead.
Positions and sizes are Graphviz's layout, one unit per point; draw.io routes
the lines itself.

Reading: our own files, and hand-drawn ones. A vertex with text is a statement
(its ``text`` property, else its label with any HTML taken off), an ellipse
without text that lines go in and out of a joint point; a vertex inside a
container is in the container's section. A line's relation is its label
(``supports``, ``attacks``, ``undercuts``), else its style: a bar, cross or dash
end is an attack (dotted: an undercut), a red or vermilion line an attack.
A compressed diagram (older draw.io) is inflated within the size limit.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import zlib
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import unquote
from xml.sax.saxutils import quoteattr

from usfk_argmap.core.model import ArgumentMap, Position, Section
from usfk_argmap.interop.importing import MAX_IMPORT_BYTES, ImportResult, Reporter, import_text
from usfk_argmap.interop.positioned import (
    MAX_PAGE_ITEMS,
    Box,
    PageEdge,
    PageJoint,
    PageNode,
    checked_number,
    page_map,
    placed,
    unique_id,
)
from usfk_argmap.interop.xmlsafe import XMLProblem, parse_xml, strip_controls

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

#: Each kind's draw.io style: shape, then the light palette's fill, border and text colours (``drawing.style``).
KIND_STYLES = {
    "thesis": "shape=ext;double=1;rounded=1;strokeWidth=2;fillColor=#1F4E79;strokeColor=#0B2740;fontColor=#FFFFFF;",
    "claim": "rounded=1;fillColor=#D6E6F5;strokeColor=#1F4E79;fontColor=#1A1A1A;",
    "premise": "rounded=0;fillColor=#FFFFFF;strokeColor=#4D4D4D;fontColor=#1A1A1A;",
    "evidence": "shape=note;size=10;fillColor=#FFF1CC;strokeColor=#9A7000;fontColor=#1A1A1A;",
    "objection": "shape=mxgraph.basic.octagon2;dx=8;fillColor=#FBE0D0;strokeColor=#D55E00;fontColor=#1A1A1A;",
    "rebuttal": "shape=card;size=8;fillColor=#E8DDF2;strokeColor=#7B4FA0;fontColor=#1A1A1A;",
    "assumption": "rounded=1;dashed=1;fillColor=#F2F2F2;strokeColor=#7F7F7F;fontColor=#1A1A1A;",
}
STATEMENT_STYLE = "whiteSpace=wrap;html=1;fontSize=14;"
SUPPORT_COLOUR = "#0072B2"
ATTACK_COLOUR = "#D55E00"
#: Each relation's line: our arrow grammar (``drawing.style.RELATION_LINES``) in draw.io's words.
RELATION_STYLES = {
    "supports": f"endArrow=block;endFill=1;strokeColor={SUPPORT_COLOUR};strokeWidth=1.4;",
    "attacks": f"endArrow=baseDash;dashed=1;strokeColor={ATTACK_COLOUR};strokeWidth=1.6;",
    "undercuts": f"endArrow=baseDash;dashed=1;dashPattern=1 3;strokeColor={ATTACK_COLOUR};strokeWidth=1.8;",
    "premise-supports": f"endArrow=none;strokeColor={SUPPORT_COLOUR};strokeWidth=1.4;",
    "premise-attacks": f"endArrow=none;dashed=1;strokeColor={ATTACK_COLOUR};strokeWidth=1.6;",
}
SECTION_STYLE = (
    "rounded=1;dashed=1;fillColor=none;strokeColor=#8C8C8C;fontColor=#555555;container=1;collapsible=0;"
    "verticalAlign=bottom;align=center;whiteSpace=wrap;html=1;fontSize=14;"
)
JOINT_STYLE = "ellipse;aspect=fixed;strokeColor=none;fillColor={colour};"
#: draw.io's own cells: the root and the default layer.
RESERVED_IDS = ("0", "1")
#: The most a compressed diagram may inflate to.
MAX_INFLATED_BYTES = MAX_IMPORT_BYTES


def _attribute(value: str) -> str:
    """An XML attribute value, quoted; control characters no XML can carry taken out, line breaks kept as ``&#10;``."""
    return quoteattr(strip_controls(value), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _label(text: str) -> str:
    """Plain text as the HTML label of a cell with ``html=1`` (escaped, line breaks as ``<br>``)."""
    return html.escape(text, quote=False).replace("\n", "<br>")


def _geometry(box: Box, origin: tuple[float, float] = (0.0, 0.0)) -> str:
    x, y = round(box.x - origin[0], 1), round(box.y - origin[1], 1)
    return f'<mxGeometry x="{x:g}" y="{y:g}" width="{box.width:g}" height="{box.height:g}" as="geometry"/>'


def to_drawio(argument_map: ArgumentMap) -> str:
    """The map as an uncompressed draw.io document (``.drawio``)."""
    page = placed(argument_map)
    taken = set(argument_map.nodes) | {joint.id for joint in page.joints} | set(RESERVED_IDS)
    cell_ids = {
        key: (f"argmap-{key}" if key in RESERVED_IDS else key)
        for key in (*argument_map.nodes, *(joint.id for joint in page.joints))
    }
    taken |= set(cell_ids.values())

    width, height = max(1, round(page.width)), max(1, round(page.height))
    lines = [
        '<mxfile host="usfk-argmap" type="device">',
        f'  <diagram id="argmap" name={_attribute(argument_map.title)}>',
        f'    <mxGraphModel grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="1" '
        f'pageScale="1" pageWidth="{width}" pageHeight="{height}" math="0" shadow="0">',
        "      <root>",
        '        <mxCell id="0"/>',
        '        <mxCell id="1" parent="0"/>',
    ]
    containers: dict[str, tuple[str, Box]] = {}
    for entry in page.sections:
        cell = unique_id(f"section:{entry.section.id}", taken)
        containers[entry.section.id] = (cell, entry.box)
        note = f" note={_attribute(entry.section.note)}" if entry.section.note else ""
        lines.append(
            f"        <object label={_attribute(_label(entry.section.title))} section={_attribute(entry.section.id)}{note} "
            f"id={_attribute(cell)}>"
        )
        lines.append(f'          <mxCell style="{SECTION_STYLE}" vertex="1" parent="1">{_geometry(entry.box)}</mxCell>')
        lines.append("        </object>")
    for statement in page.statements:
        node = statement.node
        parent, origin = "1", (0.0, 0.0)
        if node.section in containers:
            parent, area = containers[node.section]
            origin = (area.x, area.y)
        properties = [("label", _label(node.shown_text)), ("kind", node.kind), ("text", node.text)]
        properties += [(name, value) for name, value in (("en", node.en), ("quote", node.quote), ("note", node.note)) if value]
        if cell_ids[node.id] != node.id:
            properties.append(("argmap_id", node.id))
        attributes = " ".join(f"{name}={_attribute(value)}" for name, value in properties)
        style = KIND_STYLES.get(node.kind, KIND_STYLES["premise"]) + STATEMENT_STYLE
        lines.append(f"        <object {attributes} id={_attribute(cell_ids[node.id])}>")
        lines.append(
            f'          <mxCell style={_attribute(style)} vertex="1" parent={_attribute(parent)}>'
            f"{_geometry(statement.box, origin)}</mxCell>"
        )
        lines.append("        </object>")
    joint_relations = {}
    for joint in page.joints:
        joint_relations[joint.id] = joint.relation
        colour = SUPPORT_COLOUR if joint.relation == "supports" else ATTACK_COLOUR
        x, y = joint.box.centre
        lines.append(
            f'        <mxCell id={_attribute(cell_ids[joint.id])} value="" style="{JOINT_STYLE.format(colour=colour)}" '
            f'vertex="1" parent="1">{_geometry(Box(round(x - 5, 1), round(y - 5, 1), 10, 10))}</mxCell>'
        )
    for edge in page.edges:
        relation = f"premise-{joint_relations.get(edge.target, 'supports')}" if edge.relation == "premise" else edge.relation
        ends = {end: cell_ids.get(key, key) for end, key in (("source", edge.source), ("target", edge.target))}
        lines.append(
            f'        <mxCell id={_attribute(unique_id(edge.id, taken))} value="" style="{RELATION_STYLES[relation]}" edge="1" '
            f'parent="1" source={_attribute(ends["source"])} target={_attribute(ends["target"])}>'
            '<mxGeometry relative="1" as="geometry"/></mxCell>'
        )
    lines += ["      </root>", "    </mxGraphModel>", "  </diagram>", "</mxfile>"]
    return "\n".join(lines) + "\n"


# -- reading ------------------------------------------------------------------

_BREAK = re.compile(r"<br\s*/?>|</(?:div|p|li)>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def _plain(label: str, is_html: bool) -> str:
    """A cell's label as plain text: HTML tags taken off and entities read where the style says ``html=1``."""
    if is_html:
        label = html.unescape(_TAG.sub("", _BREAK.sub("\n", label)))
    return "\n".join(" ".join(line.split()) for line in label.splitlines() if line.strip())


def _style(text: str) -> dict[str, str]:
    """A draw.io style as key -> value (a bare word, such as ``ellipse``, is ``shape``)."""
    result: dict[str, str] = {}
    for part in text.split(";"):
        key, sep, value = part.partition("=")
        if key.strip():
            result[key.strip()] = value.strip() if sep else "1"
            if not sep:
                result.setdefault("shape", key.strip())
    return result


def _inflated(encoded: str, report: Reporter) -> str | None:
    """A compressed diagram's XML: base64, raw deflate, then URL encoding, as draw.io writes it."""
    try:
        raw = base64.b64decode(encoded.strip(), validate=False)
        inflater = zlib.decompressobj(-15)
        data = inflater.decompress(raw, MAX_INFLATED_BYTES)
        if inflater.unconsumed_tail:
            report("AM401", f"the compressed diagram inflates to more than {MAX_INFLATED_BYTES // (1024 * 1024)} MiB")
            return None
        return unquote(data.decode("utf-8"))
    except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError):
        report("AM401", "the diagram is neither an mxGraphModel nor draw.io's compressed form of one")
        return None


def import_drawio(data: bytes, file: str = "<drawio>", root: str | None = None) -> ImportResult:
    """Read a draw.io document (``mxfile``, or a bare ``mxGraphModel``): its first page becomes a map."""
    return import_text(
        data, file, lambda text, report: _read_drawio(text, PurePath(file).stem or "Imported diagram", report, root)
    )


def _read_drawio(text: str, file_title: str, report: Reporter, root: str | None) -> ArgumentMap | None:
    """The map of the document's first page, titled with the page's name (else ``file_title``)."""
    try:
        document, positions = parse_xml(text.removeprefix("\ufeff"))
    except XMLProblem as problem:
        report("AM401", str(problem), problem.position)
        return None
    model: ET.Element | None = document if document.tag == "mxGraphModel" else None
    if document.tag == "mxfile":
        diagrams = document.findall("diagram")
        if len(diagrams) > 1:
            report("AM404", f"the file has {len(diagrams)} pages; the first is imported", positions.get(diagrams[1], Position()))
        if diagrams:
            model = diagrams[0].find("mxGraphModel")
            if model is None and (diagrams[0].text or "").strip():
                inflated = _inflated(diagrams[0].text or "", report)
                if inflated is None:
                    return None
                page_at = positions.get(diagrams[0], Position())
                try:
                    model, _ = parse_xml(inflated)
                except XMLProblem as problem:
                    report("AM401", f"the compressed diagram: {problem}", page_at)
                    return None
                # A place inside the inflated text is nowhere in the file: its diagnostics point at the page.
                positions = dict.fromkeys(model.iter(), page_at)
    if model is None or model.tag != "mxGraphModel" or model.find("root") is None:
        report("AM401", "a draw.io file is an mxfile whose diagram holds an mxGraphModel with a root")
        return None
    first_page = document.find("diagram")
    title = first_page.get("name", "") if first_page is not None else ""
    return _Reader(model, positions, report).read(title or file_title, root)


class _Cell:
    """One cell of the model: its id, properties (an ``object``'s attributes), style, geometry and ends."""

    def __init__(self, element: ET.Element, cell: ET.Element, position: Position) -> None:
        self.position = position
        self.properties = dict(element.attrib) if element is not cell else {}
        self.id = element.get("id", "")
        self.label = element.get("label", "") if element is not cell else cell.get("value", "")
        self.style = _style(cell.get("style", ""))
        self.parent = cell.get("parent", "")
        self.vertex = cell.get("vertex") == "1"
        self.edge = cell.get("edge") == "1"
        self.source, self.target = cell.get("source"), cell.get("target")
        geometry = cell.find("mxGeometry")
        values = [checked_number(geometry.get(key, "0")) for key in ("x", "y", "width", "height")] if geometry is not None else []
        self.box = Box(*(float(v) for v in values)) if values and all(v is not None for v in values) else None  # type: ignore[arg-type]

    @property
    def text(self) -> str:
        return self.properties.get("text") or _plain(self.label, self.style.get("html") == "1")


class _Reader:
    def __init__(self, model: ET.Element, positions: dict[ET.Element, Position], report: Reporter) -> None:
        self.report = report
        self.cells: dict[str, _Cell] = {}
        root = model.find("root")
        elements = list(root) if root is not None else []
        if len(elements) > MAX_PAGE_ITEMS:
            report("AM401", f"the diagram holds more than {MAX_PAGE_ITEMS:,} cells")
            elements = []
            self.too_large = True
        else:
            self.too_large = False
        for element in elements:
            cell = element if element.tag == "mxCell" else element.find("mxCell")
            where = positions.get(element, Position())
            if element.tag not in ("mxCell", "object", "UserObject") or cell is None:
                report("AM403", f"the element <{element.tag[:40]}> is not a cell; it is left out", where)
                continue
            entry = _Cell(element, cell, where)
            if not entry.id or entry.id in self.cells:
                report(
                    "AM406" if entry.id else "AM403", f"a cell without an id of its own ({entry.id[:60]!r}) is left out", where
                )
                continue
            self.cells[entry.id] = entry

    def read(self, title: str, root: str | None) -> ArgumentMap | None:
        if self.too_large:
            return None
        cells = self.cells
        linked = {end for cell in cells.values() if cell.edge for end in (cell.source, cell.target) if end}
        parents = {cell.parent for cell in cells.values()}
        containers = [key for key, cell in cells.items() if key in parents and cell.vertex]
        sections = {
            key: Section(
                cells[key].properties.get("section") or key.removeprefix("section:"),
                cells[key].text or key,
                cells[key].properties.get("note") or None,
            )
            for key in containers
        }
        nodes: list[PageNode] = []
        joints: list[PageJoint] = []
        ids: dict[str, str] = {}
        for cell in cells.values():
            if not cell.vertex or cell.id in containers:
                continue
            text = cell.text
            if not text and cell.id in linked:
                joints.append(PageJoint(cell.id, cell.position))
                ids[cell.id] = cell.id
                continue
            if not text:
                self.report("AM404", f"the shape {cell.id[:60]!r} has no text and no lines; it is left out", cell.position)
                continue
            map_id = cell.properties.get("argmap_id") or cell.id
            shown = _plain(cell.label, cell.style.get("html") == "1")
            ids[cell.id] = map_id
            section = sections[cell.parent].id if cell.parent in sections else None
            nodes.append(
                PageNode(
                    map_id,
                    text,
                    cell.position,
                    en=cell.properties.get("en") or None,
                    quote=cell.properties.get("quote") or None,
                    note=cell.properties.get("note") or None,
                    kind=cell.properties.get("kind"),
                    section=section,
                    label=shown if shown and shown != text and "text" in cell.properties else None,
                )
            )
        edges: list[PageEdge] = []
        for cell in cells.values():
            if not cell.edge:
                continue
            if cell.source is None or cell.target is None:
                self.report("AM402", f"the line {cell.id[:60]!r} is not joined at both ends; it is left out", cell.position)
                continue
            source, target = ids.get(cell.source, cell.source), ids.get(cell.target, cell.target)
            edges.append(PageEdge(source, target, _relation(cell), cell.position))
        return page_map(title, nodes, joints, edges, list(sections.values()), self.report, root)


def _relation(cell: _Cell) -> str | None:
    word = _plain(cell.label, True).strip().lower()
    if word in ("supports", "attacks", "undercuts"):
        return word
    style = cell.style
    if style.get("endArrow") in ("baseDash", "dash", "cross", "ERmandOne"):
        return "undercuts" if style.get("dashPattern", "").startswith("1 ") else "attacks"
    if style.get("strokeColor", "").upper() in (ATTACK_COLOUR, "#FF0000", "#B85450", "#CC0000"):
        return "attacks"
    return None
