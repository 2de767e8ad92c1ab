"""Reading our PowerPoint decks back with python-pptx: shapes by map id, glued connectors, the timing tree."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from pptx import Presentation

from usfk_argmap.present.slides.pptx.connector_paths import ADJ_COUNT, ADJ_DEFAULT, Connector, length_inside, polyline

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_SPACE = re.compile(r"\s+")


def squeezed(text: str) -> str:
    """Text without any white space or vertical tabs (our line breaks), to compare a label with a map's text."""
    return _SPACE.sub("", text.replace("\x0b", ""))


@dataclass(frozen=True)
class Glue:
    """A connector: its name, the shapes (by name) and sites its two ends are glued to."""

    name: str
    start: str
    start_site: int
    end: str
    end_site: int


def open_deck(data: bytes) -> Any:
    return Presentation(io.BytesIO(data))


def shapes_by_name(slide: Any) -> dict[str, Any]:
    return {shape.name: shape for shape in slide.shapes if not shape.is_placeholder}


def glued_connectors(slide: Any) -> list[Glue]:
    """Every connector of the slide with both ends glued (a connector missing a glue raises)."""
    names = {shape.shape_id: shape.name for shape in slide.shapes}
    glues = []
    for element in slide.shapes._spTree.iter(f"{P}cxnSp"):
        properties = element.find(f"{P}nvCxnSpPr/{P}cNvCxnSpPr")
        start, end = properties.find(f"{A}stCxn"), properties.find(f"{A}endCxn")
        name = element.find(f"{P}nvCxnSpPr/{P}cNvPr").get("name")
        assert start is not None and end is not None, f"connector {name} is not glued at both ends"
        glues.append(
            Glue(name, names[int(start.get("id"))], int(start.get("idx")), names[int(end.get("id"))], int(end.get("idx")))
        )
    return glues


def is_click(group: Any) -> bool:
    """Whether a group of the main sequence waits for a click (ours starting with the slide waits for its
    beginning, ``onBegin``; LibreOffice writes such a group back as starting at once, ``delay="0"``)."""
    conditions = group.findall(f"{P}cTn/{P}stCondLst/{P}cond")
    waits = any(cond.get("delay") == "indefinite" for cond in conditions)
    return waits and not any(cond.get("evt") == "onBegin" for cond in conditions)


def entrance_clicks(slide: Any) -> list[list[int]]:
    """The shape ids each click of the main sequence brings in (entrance effects), click by click."""
    timing = slide._element.find(f"{P}timing")
    if timing is None:
        return []
    sequence = timing.find(f".//{P}cTn[@nodeType='mainSeq']")
    clicks = []
    for click in sequence.find(f"{P}childTnLst"):
        if not is_click(click):
            continue  # the group that starts with the slide (the first step's outline)
        effects = click.findall(f".//{P}cTn[@presetClass='entr']")
        clicks.append([int(effect.find(f".//{P}spTgt").get("spid")) for effect in effects])
    return clicks


def connector_geometry(element: Any) -> Connector:
    """A ``p:cxnSp`` as the model of the path a viewer draws: preset or custom path, adjust values, transform."""
    transform = element.find(f"{P}spPr/{A}xfrm")
    offset, extent = transform.find(f"{A}off"), transform.find(f"{A}ext")
    preset = element.find(f"{P}spPr/{A}prstGeom")
    adjust: list[int] = []
    path: list[tuple[float, float]] = []
    if preset is not None:
        name = preset.get("prst")
        guides = {guide.get("name"): guide.get("fmla") for guide in preset.iter(f"{A}gd")}
        for number in range(1, ADJ_COUNT[name] + 1):
            formula = guides.get(f"adj{number}", f"val {ADJ_DEFAULT}")
            adjust.append(int(formula.split()[1]))
    else:
        name = "custom"
        drawn = element.find(f"{P}spPr/{A}custGeom/{A}pathLst/{A}path")
        width, height = int(extent.get("cx")), int(extent.get("cy"))
        path_w, path_h = int(drawn.get("w") or width or 1), int(drawn.get("h") or height or 1)
        for point in drawn.iter(f"{A}pt"):
            path.append((int(point.get("x")) * width / max(path_w, 1), int(point.get("y")) * height / max(path_h, 1)))
    return Connector(
        name,
        int(offset.get("x")),
        int(offset.get("y")),
        int(extent.get("cx")),
        int(extent.get("cy")),
        int(transform.get("rot") or 0),
        transform.get("flipH") == "1",
        transform.get("flipV") == "1",
        tuple(adjust),
        tuple(path),
    )


@dataclass(frozen=True)
class Crossing:
    """A connector running through a shape that is neither of its ends: how far inside, in EMU."""

    connector: str
    shape: str
    length: float


#: A connector may graze a box's outline: only this far (EMU, 0.02 in) inside its rectangle counts as crossing.
GRAZE = 18_288


def crossings(slide: Any) -> list[Crossing]:
    """Every connector of the slide through a statement or joint that is not one of its ends.

    The path is the one the viewer draws from the connector's XML (``connector_paths.polyline``); a shape is
    its rectangle shrunk by ``GRAZE`` on each side (section frames and captions are not in the way).
    """
    boxes: dict[int, tuple[str, tuple[float, float, float, float]]] = {}
    for element in slide.shapes._spTree.iter(f"{P}sp"):
        identity = element.find(f"{P}nvSpPr/{P}cNvPr")
        name = identity.get("name")
        if element.find(f"{P}nvSpPr/{P}nvPr/{P}ph") is not None or name.startswith("section ") or name.endswith(" caption"):
            continue
        if name == "legend":
            continue
        transform = element.find(f"{P}spPr/{A}xfrm")
        if transform is None:
            continue
        offset, extent = transform.find(f"{A}off"), transform.find(f"{A}ext")
        left, top = int(offset.get("x")), int(offset.get("y"))
        right, bottom = left + int(extent.get("cx")), top + int(extent.get("cy"))
        boxes[int(identity.get("id"))] = (name, (left + GRAZE, top + GRAZE, right - GRAZE, bottom - GRAZE))
    found = []
    for element in slide.shapes._spTree.iter(f"{P}cxnSp"):
        properties = element.find(f"{P}nvCxnSpPr/{P}cNvCxnSpPr")
        ends = {int(glue.get("id")) for glue in properties if glue.tag in (f"{A}stCxn", f"{A}endCxn")}
        name = element.find(f"{P}nvCxnSpPr/{P}cNvPr").get("name")
        points = polyline(connector_geometry(element))
        for shape_id, (shape, box) in boxes.items():
            if shape_id in ends or box[0] >= box[2] or box[1] >= box[3]:
                continue
            inside = length_inside(points, box)
            if inside > 0:
                found.append(Crossing(name, shape, inside))
    return found
